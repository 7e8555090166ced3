"""Audit trail tables. Entries are append-only and chained by SHA-256."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base

# What happened; the Japanese words are what the viewer and the exported log show.
ACTION_LABELS = {
    "create": "作成",
    "update": "更新",
    "delete": "削除",
    "login": "ログイン",
    "login_failed": "ログイン失敗",
    "logout": "ログアウト",
    "lock": "画面ロック",
    "export": "出力",
    "print": "印刷",
    "backup": "バックアップ",
    "restore": "復元",
    "event": "操作",
}


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __audited__ = False

    # Gapless sequence assigned from AuditHead, so a deleted entry leaves a visible hole.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: outlives accounts
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20), index=True)
    record_type: Mapped[str] = mapped_column(String(60), index=True)
    record_id: Mapped[str] = mapped_column(String(60), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")  # canonical JSON {field: [before, after]}
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The one row that says how long the chain is and how it ends.

    Writers lock it (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), which keeps
    the sequence gapless and lets `pcdesk check` notice a deleted last entry.
    """

    __tablename__ = "audit_head"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
