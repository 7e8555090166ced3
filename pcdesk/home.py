"""What the home page asks the administrator to attend to, decided without Qt.

Each feature lists an "module:function" here returning Attention items
(e.g. ledger entries not reviewed for 12 months).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from pcdesk.services import Workspace


@dataclass(frozen=True)
class Attention:
    text: str  # one Japanese sentence
    severity: str = "info"  # info | warning | danger
    page: str = ""  # page id to open when clicked (see pcdesk.ui.shell.pages)
    count: int = 0
    focus: str = ""  # what the page should show at once, e.g. "review_overdue" (page.focus(hint))


ATTENTION_PROVIDERS: list[str] = [
    "pcdesk.home:foundation_attention",
    "pcdesk.inventory.service:overdue_attention",
]


def foundation_attention(ws: Workspace) -> list[Attention]:
    from pcdesk.accounts.service import LOCKED_STATE, account_state, list_users

    items = []
    locked = [u for u in list_users(ws) if account_state(u) == LOCKED_STATE]
    if locked:
        items.append(Attention(f"ロックされたアカウントが {len(locked)} 件あります。", "warning", "accounts", len(locked)))
    return items


def attention_items(ws: Workspace) -> list[Attention]:
    items: list[Attention] = []
    for ref in ATTENTION_PROVIDERS:
        module, _, name = ref.partition(":")
        items.extend(getattr(importlib.import_module(module), name)(ws))
    return items
