"""Take-out tables: the asset register, applications with their assets, each take-out (trip)
and its return, and the history of every transition.

A per-trip application has at most one trip; a standing approval (包括承認) has one per
take-out within its period. Column labels come from fields.py, so the audit trail reads
as the screens do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcdesk.fields import labels
from pcdesk.store.base import Base
from pcdesk.takeout.fields import (ACTION_NAMES, APPLICATION_FIELDS, APPROVAL_KINDS, ASSET_FIELDS, ASSET_KINDS,
                                   ASSET_STATUSES, DRAFT, IN_OFFICE, PER_TRIP, PURPOSE_KINDS, RETURN_CONDITIONS,
                                   RETURN_FIELDS, STATE_LABELS)

STAMPS = {"created_at": "登録日時", "updated_at": "更新日時"}


class TakeoutAsset(Base):
    """One thing that may leave the office: a PC, registered USB memory, a disk, a phone, a file."""

    __tablename__ = "takeout_asset"
    __audit_label__ = "持出し資産"
    __field_labels__ = {**labels(ASSET_FIELDS), **STAMPS}
    __value_labels__ = {"kind": dict(ASSET_KINDS), "status": dict(ASSET_STATUSES)}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # 資産番号
    kind: Mapped[str] = mapped_column(String(10))
    model: Mapped[str] = mapped_column(String(100), default="")
    serial: Mapped[str] = mapped_column(String(100), default="")
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    encryption_method: Mapped[str] = mapped_column(String(100), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    owner: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(12), default=IN_OFFICE, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return f"{self.number} {self.model}".strip()


class TakeoutApplication(Base):
    """情報・PC社外持出し申請: who takes what, which information, where, when, and its approval."""

    __tablename__ = "takeout_application"
    __audit_label__ = "持出し申請"
    __field_labels__ = {**labels(APPLICATION_FIELDS), **STAMPS, "state": "状態", "applicant_key": "申請者ID",
                        "created_by": "入力者", "created_by_id": "入力者ID", "pledge_text": "誓約した文面",
                        "pledge_accepted_at": "誓約日時", "approver": "承認者", "approver_id": "承認者ID",
                        "approved_at": "承認日時", "decision_reason": "差戻し・却下の理由"}
    __value_labels__ = {"state": STATE_LABELS, "purpose_kind": dict(PURPOSE_KINDS),
                        "approval_kind": dict(APPROVAL_KINDS)}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # 申請番号 TO-2026-0001
    state: Mapped[str] = mapped_column(String(12), default=DRAFT, index=True)
    applied_on: Mapped[dt.date | None] = mapped_column(Date)  # set when submitted
    applicant_name: Mapped[str] = mapped_column(String(100))
    applicant_key: Mapped[str] = mapped_column(String(60), default="")
    applicant_department: Mapped[str] = mapped_column(String(100), default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    information: Mapped[str] = mapped_column(Text, default="")
    # [{"id": 3, "number": "PI-0003", "name": "名刺"}]: kept as chosen, whatever the inventory does later
    held_records: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    contains_personal: Mapped[bool | None] = mapped_column(Boolean)
    personal_count: Mapped[int] = mapped_column(Integer, default=0)
    purpose_kind: Mapped[str] = mapped_column(String(12), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    destination: Mapped[str] = mapped_column(String(200), default="")
    approval_kind: Mapped[str] = mapped_column(String(12), default=PER_TRIP)
    out_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # standing: the period's first day
    return_due: Mapped[dt.date | None] = mapped_column(Date)  # standing: the period's last day
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    pledge_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    pledge_text: Mapped[str] = mapped_column(Text, default="")  # the wording agreed to, as it was then
    pledge_accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approver: Mapped[str] = mapped_column(String(100), default="")
    approver_id: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    items: Mapped[list["ApplicationAsset"]] = relationship(
        back_populates="application", cascade="all, delete-orphan", lazy="selectin",
        order_by="ApplicationAsset.position")
    trips: Mapped[list["TakeoutTrip"]] = relationship(
        back_populates="application", cascade="all, delete-orphan", lazy="selectin", order_by="TakeoutTrip.seq")

    @property
    def assets(self) -> list[TakeoutAsset]:
        return [item.asset for item in self.items]

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def open_trip(self) -> "TakeoutTrip | None":
        return next((t for t in self.trips if t.returned_at is None), None)

    def audit_title(self) -> str:
        return f"{self.number} {self.applicant_name}"


class ApplicationAsset(Base):
    __tablename__ = "takeout_application_asset"
    __audit_label__ = "持出し物"
    __field_labels__ = {"application_id": "持出し申請", "asset_id": "資産", "position": "順番"}

    application_id: Mapped[int] = mapped_column(ForeignKey("takeout_application.id", ondelete="CASCADE"),
                                                primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("takeout_asset.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    application: Mapped[TakeoutApplication] = relationship(back_populates="items")
    asset: Mapped[TakeoutAsset] = relationship(lazy="joined")

    def audit_title(self) -> str:
        return self.asset.number if self.asset is not None else ""


class TakeoutTrip(Base):
    """One take-out under an application, and its return as confirmed by someone else."""

    __tablename__ = "takeout_trip"
    __audit_label__ = "持出し・返却"
    __field_labels__ = {**labels(RETURN_FIELDS), "application_id": "持出し申請", "seq": "回", "out_at": "持出し日時",
                        "due": "返却予定日", "taken_out_by": "持出しの記録者", "return_checker": "返却確認者",
                        "return_checker_id": "返却確認者ID"}
    __value_labels__ = {"condition": dict(RETURN_CONDITIONS)}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("takeout_application.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    out_at: Mapped[dt.datetime] = mapped_column(DateTime)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    taken_out_by: Mapped[str] = mapped_column(String(100), default="")
    returned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    return_checker: Mapped[str] = mapped_column(String(100), default="")
    return_checker_id: Mapped[int | None] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(12), default="")
    condition_note: Mapped[str] = mapped_column(Text, default="")
    virus_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    copies_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    lost_asset_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    application: Mapped[TakeoutApplication] = relationship(back_populates="trips")

    def audit_title(self) -> str:
        return f"第{self.seq}回"


class TakeoutEvent(Base):
    """申請・承認・差戻し…: who moved the application, when, from which state to which, and why."""

    __tablename__ = "takeout_event"
    __audit_label__ = "持出し申請の経過"
    __field_labels__ = {"application_id": "持出し申請", "at": "日時", "action": "操作", "from_state": "変更前の状態",
                        "to_state": "変更後の状態", "actor": "操作者", "actor_id": "操作者ID", "reason": "理由"}
    __value_labels__ = {"action": ACTION_NAMES, "from_state": STATE_LABELS, "to_state": STATE_LABELS}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("takeout_application.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")

    def audit_title(self) -> str:
        return f"{STATE_LABELS.get(self.from_state, self.from_state)} → {STATE_LABELS.get(self.to_state, self.to_state)}"
