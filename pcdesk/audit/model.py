"""Audit trail tables. Entries are append-only and chained: HMAC-SHA-256 with the
installation's key (pcdesk.audit.keys) since 0003_foundation_trust, plain SHA-256 before."""

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
    "migrate": "移行",  # the database brought to a newer schema (pcdesk.audit.migration)
    "seal": "照合の基準",  # digests of every audited row, so a direct edit of a row is noticed
    "key": "監査証跡の鍵",
    "recover": "回復コード",
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
    # Which key signed the entry ("" = plain SHA-256, entries written before the key existed).
    key_id: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # For a row change: a keyed digest of the row as written, so `pcdesk check` notices a
    # row edited afterwards without the trail (a role, a password hash, a ledger entry).
    row_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")


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
    key_id: Mapped[str] = mapped_column(String(16), default="", server_default="")  # the key new entries use
    # The schema (alembic_version) whose rows were last sealed: a migration that rewrote rows
    # is followed by a new seal instead of looking like a direct edit.
    sealed_schema: Mapped[str] = mapped_column(String(200), default="", server_default="")
