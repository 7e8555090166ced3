"""The sidebar's pages, as the installed features declare them (pcdesk.feature.Page).

A page's factory is "module:callable" taking (ws: Workspace, parent: QWidget) and
returning the page widget; it is imported only when the page is first opened. A page may
define `refresh()`, called each time it is shown, and may call
`self.window().show_page(page_id)` to send the user elsewhere. `roles` empty means
everyone who can log in (a 受付-only person included). A ``kiosk`` page is never in the
sidebar: it is shown alone, full screen, by pcdesk.ui.shell.kiosk_window.
"""

from __future__ import annotations

from typing import Callable

from pcdesk import registry
from pcdesk.feature import Page, load
from pcdesk.services import Actor

PageSpec = Page  # the shell's name for it


def all_pages() -> list[Page]:
    return registry.pages()


def visible_pages(actor: Actor | None) -> list[Page]:
    """The pages `actor` may open, in sidebar order."""
    return sorted((p for p in all_pages() if p.allows(actor) and not p.kiosk), key=lambda p: (p.order, p.id))


def kiosk_page_for(actor: Actor | None, page_id: str = "") -> Page | None:
    """The kiosk page `actor` (as 受付) lands on: `page_id`, or the first one installed."""
    found = sorted((p for p in all_pages() if p.kiosk and p.allows(actor) and (not page_id or p.id == page_id)),
                   key=lambda p: (p.order, p.id))
    return found[0] if found else None


def page_by_id(page_id: str) -> Page | None:
    return next((p for p in all_pages() if p.id == page_id), None)


def load_factory(page: Page) -> Callable:
    return load(page.factory)
