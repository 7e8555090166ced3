"""The sidebar's pages, as the installed features declare them (pcdesk.feature.Page).

A page's factory is "module:callable" taking (ws: Workspace, parent: QWidget) and
returning the page widget; it is imported only when the page is first opened. A page may
define `refresh()`, called each time it is shown, and may call
`self.window().show_page(page_id)` to send the user elsewhere. `roles` empty means
everyone who can log in (a 受付-only person included).
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
    return sorted((p for p in all_pages() if p.allows(actor)), key=lambda p: (p.order, p.id))


def page_by_id(page_id: str) -> Page | None:
    return next((p for p in all_pages() if p.id == page_id), None)


def load_factory(page: Page) -> Callable:
    return load(page.factory)
