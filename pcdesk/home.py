"""What the home page asks the administrator to attend to, decided without Qt.

Each feature's manifest names a "module:function" returning Attention items
(e.g. ledger entries not reviewed for 12 months); the home page shows them by feature.
"""

from __future__ import annotations

from dataclasses import replace

from pcdesk import registry
from pcdesk.feature import Attention, load
from pcdesk.services import Workspace

__all__ = ["Attention", "attention_items", "foundation_attention"]


def foundation_attention(ws: Workspace) -> list[Attention]:
    from pcdesk.accounts.service import LOCKED_STATE, account_state, list_users

    items = []
    locked = [u for u in list_users(ws) if account_state(u) == LOCKED_STATE]
    if locked:
        items.append(Attention(f"ロックされたアカウントが {len(locked)} 件あります。", "warning", "accounts", len(locked)))
    return items


def attention_items(ws: Workspace) -> list[Attention]:
    items: list[Attention] = []
    for feature, ref in registry.attention_providers():
        items.extend(replace(item, feature=feature.name) for item in load(ref)(ws))
    return items
