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
    """For administrators: accounts whose logins are being slowed down after repeated failures."""
    from pcdesk.accounts.service import throttled_accounts
    from pcdesk.services import ADMIN

    if ws.actor is None or not ws.actor.has(ADMIN):
        return []
    items = []
    count = throttled_accounts(ws)
    if count:
        items.append(Attention(f"ログインの失敗が続き、待ち時間中のアカウントが {count} 件あります（パスワードを推測されて"
                               "いないか、監査ログで確かめてください）。", "warning", "accounts", count))
    return items


def attention_items(ws: Workspace) -> list[Attention]:
    items: list[Attention] = []
    for feature, ref in registry.attention_providers():
        items.extend(replace(item, feature=feature.name) for item in load(ref)(ws))
    return items
