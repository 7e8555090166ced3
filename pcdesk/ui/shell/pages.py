"""The sidebar's pages: one line each, shown to the roles that may use them.

To add a feature, append one PageSpec. The factory is "module:callable" taking
(ws: Workspace, parent: QWidget) and returning the page widget; it is imported only
when the page is first opened. A page may define `refresh()`, called each time it is
shown, and may call `self.window().show_page(page_id)` to send the user elsewhere.
`roles` empty means everyone who can log in (a 受付-only person included); a page a
receptionist may use must list RECEPTION.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from pcdesk.services import ADMIN, STAFF, Actor


@dataclass(frozen=True)
class PageSpec:
    id: str
    title: str
    factory: str  # "module:callable" → callable(ws, parent) -> QWidget
    roles: frozenset[str] = frozenset()  # who sees it; empty = everyone
    order: int = 100  # position in the sidebar, smallest first
    icon: str = ""  # pcdesk/ui/resources/icons/<icon>.svg; empty = a plain page icon

    def allows(self, actor: Actor | None) -> bool:
        if actor is None:
            return False
        return not self.roles or bool(self.roles & actor.roles)

    def load_factory(self) -> Callable:
        module, _, name = self.factory.partition(":")
        return getattr(importlib.import_module(module), name)


A = frozenset({ADMIN})

PAGES: list[PageSpec] = [
    PageSpec("home", "ホーム", "pcdesk.ui.shell.home_page:HomePage", frozenset(), 0, "home"),
    PageSpec("inventory", "個人情報管理台帳", "pcdesk.ui.inventory.ledger_page:LedgerPage", frozenset({ADMIN, STAFF}), 100),
    PageSpec("risk_analysis", "リスク分析", "pcdesk.ui.inventory.risk_page:RiskPage", frozenset({ADMIN, STAFF}), 110),
    PageSpec("output", "台帳・帳票の出力", "pcdesk.ui.output.output_page:OutputPage", frozenset({ADMIN, STAFF}), 800),
    PageSpec("audit", "監査ログ", "pcdesk.ui.audit.audit_page:AuditPage", A, 900, "audit"),
    PageSpec("accounts", "アカウント", "pcdesk.ui.accounts.accounts_page:AccountsPage", A, 910, "accounts"),
    PageSpec("settings", "設定", "pcdesk.ui.settings.settings_page:SettingsPage", A, 990, "settings"),
]


def visible_pages(actor: Actor | None) -> list[PageSpec]:
    """The pages `actor` may open, in sidebar order."""
    return sorted((p for p in PAGES if p.allows(actor)), key=lambda p: (p.order, p.id))


def page_by_id(page_id: str) -> PageSpec | None:
    return next((p for p in PAGES if p.id == page_id), None)
