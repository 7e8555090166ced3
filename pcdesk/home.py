"""What the home page asks the administrator to attend to, decided without Qt.

Each feature's manifest names a "module:function" returning Attention items
(e.g. ledger entries not reviewed for 12 months); the home page shows them by feature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pcdesk import clock, registry
from pcdesk.feature import Attention, load
from pcdesk.services import Workspace

__all__ = ["Attention", "attention_items", "foundation_attention"]


def foundation_attention(ws: Workspace) -> list[Attention]:
    from pcdesk.accounts.service import throttled_accounts
    from pcdesk.services import ADMIN

    items = []
    if ws.actor is not None and ws.actor.has(ADMIN):  # who may see the accounts
        count = throttled_accounts(ws)
        if count:
            items.append(Attention(f"ログインの失敗が続き、待ち時間中のアカウントが {count} 件あります（パスワードを"
                                   "推測されていないか、監査ログで確かめてください）。", "warning", "accounts", count))
    items.append(backup_attention(ws))
    items.append(audit_chain_attention(ws))
    return items


BACKUP_DUE_DAYS = 7  # a week without a backup is a week of records at risk


def backup_attention(ws: Workspace) -> Attention:
    """How old the newest backup in the data folder's backups/ is."""
    from pcdesk.store.backup import backups_dir

    if not ws.db.is_sqlite:
        return Attention("共有サーバーのデータベースです。バックアップはサーバー側で行ってください。", "ok", "settings")
    found = sorted(backups_dir(ws.db).glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
    if not found:
        return Attention("まだバックアップがありません。「ファイル → バックアップを作成」で作ってください。",
                         "warning", "settings", focus="backup")
    made = dt.datetime.fromtimestamp(found[-1].stat().st_mtime)
    days = (clock.now() - made).days
    if days >= BACKUP_DUE_DAYS:
        return Attention(f"最後のバックアップは {days} 日前です。バックアップを作成してください。",
                         "warning", "settings", days, focus="backup")
    when = "今日" if days <= 0 else f"{days} 日前"
    return Attention(f"最後のバックアップ: {when}（{found[-1].name}）", "ok", "settings", focus="backup")


def audit_chain_attention(ws: Workspace) -> Attention:
    from pcdesk.audit.trail import verify_chain

    with ws.read() as s:
        report = verify_chain(s)
    if report.ok:
        return Attention(f"監査ログ: 改ざんは検知されていません（{report.count:,} 件）。", "ok", "audit", report.count)
    if report.unverifiable:  # nothing wrong found, but part of it is signed with a key this PC lacks
        return Attention(f"監査ログの一部を照合できません（{report.reason}）", "warning", "audit")
    return Attention(f"監査ログの改ざんを検知しました（記録番号 {report.first_bad_seq}: {report.reason}）。"
                     "個人情報保護管理者に報告し、バックアップからの復元を検討してください。", "danger", "audit")


def attention_items(ws: Workspace) -> list[Attention]:
    items: list[Attention] = []
    for feature, ref in registry.attention_providers():
        items.extend(replace(item, feature=feature.name) for item in load(ref)(ws))
    return items
