"""Visitor tables: the company's numbered passes, one entry per visit, and the corrections made.

A pass that is out is held by exactly one entry: `VisitorEntry.held_pass` carries its number
until it comes back and is NULL afterwards, and a UNIQUE constraint on it (NULLs may repeat on
SQLite and PostgreSQL alike) makes the database itself refuse a second holder, whichever PC
the second check-in came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base

# The 外来者入退室記録簿's fields (DOMAIN.md §5), column → Japanese label.
ENTRY_LABELS: dict[str, str] = {
    "entered_at": "入室時刻",
    "left_at": "退室時刻",
    "name": "氏名",
    "name_key": "氏名（照合用）",
    "company": "会社名",
    "party_size": "人数",
    "purpose": "用件",
    "host_name": "面会者",
    "host_key": "面会者（番号）",
    "host_department": "面会者の部署",
    "areas": "立入区域",
    "pass_number": "入館証番号",
    "held_pass": "貸出中の入館証",
    "received_by": "受付者",
    "checkout_by": "退室の記録者",
    "checkout_method": "退室の記録方法",
    "notes": "備考",
    "corrections": "訂正の回数",
    "created_at": "登録日時",
    "updated_at": "更新日時",
}

# How a check-out was recorded (shown in the administration list and the audit trail).
KIOSK_PASS, KIOSK_NAME, BY_HAND = "kiosk_pass", "kiosk_name", "by_hand"
CHECKOUT_METHODS = {KIOSK_PASS: "受付端末（入館証番号）", KIOSK_NAME: "受付端末（氏名）", BY_HAND: "管理者が記録"}


class VisitorPass(Base):
    """A numbered 入館証 the company hands to visitors; retired passes (lost, broken) stay listed."""

    __tablename__ = "visitor_pass"
    __audit_label__ = "入館証"
    __field_labels__ = {"number": "入館証番号", "sort_order": "並び順", "active": "使用", "note": "備考",
                        "created_at": "登録日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return f"入館証 {self.number}"


class VisitorEntry(Base):
    """One visit: who, from where, to see whom, when in and out, with which pass."""

    __tablename__ = "visitor_entry"
    __audit_label__ = "外来者入退室記録"
    __field_labels__ = ENTRY_LABELS
    __table_args__ = (
        # The kiosk's check-out by name: today's open entries of exactly that name.
        Index("ix_visitor_entry_name_key_entered_at", "name_key", "entered_at"),
        # The list's filters, newest first straight from the index (id is in every index).
        Index("ix_visitor_entry_host_name_entered_at", "host_name", "entered_at"),
        Index("ix_visitor_entry_company_entered_at", "company", "entered_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    left_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))  # rules.name_key(name): 全角/半角 and spaces folded
    company: Mapped[str] = mapped_column(String(200), default="")
    party_size: Mapped[int] = mapped_column(Integer, default=1)
    purpose: Mapped[str] = mapped_column(String(100), default="")
    host_name: Mapped[str] = mapped_column(String(100), default="")
    host_key: Mapped[str] = mapped_column(String(60), default="")
    host_department: Mapped[str] = mapped_column(String(100), default="")
    areas: Mapped[str] = mapped_column(String(200), default="")
    pass_number: Mapped[str] = mapped_column(String(20), default="")  # as handed out; kept for the record
    held_pass: Mapped[str | None] = mapped_column(String(20), unique=True)  # while not returned
    received_by: Mapped[str] = mapped_column(String(100), default="")
    checkout_by: Mapped[str] = mapped_column(String(100), default="")
    checkout_method: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    corrections: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, info={"audit": "skip"})

    @property
    def inside(self) -> bool:
        return self.left_at is None

    def audit_title(self) -> str:
        return f"{self.entered_at:%Y-%m-%d %H:%M} {self.name}"


class VisitorCorrection(Base):
    """A correction of an entry and why it was made; the audit trail holds the same change."""

    __tablename__ = "visitor_correction"
    __audit_label__ = "外来者入退室記録の訂正"
    __field_labels__ = {"entry_id": "記録", "at": "訂正日時", "by_name": "訂正者", "by_id": "訂正者ID",
                        "reason": "訂正の理由", "changes": "訂正内容"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("visitor_entry.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by_name: Mapped[str] = mapped_column(String(100))
    by_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)  # {field: [before, after]} as text

    def audit_title(self) -> str:
        return f"訂正: {self.reason[:40]}"
