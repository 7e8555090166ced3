"""Inventory tables: ledger entries, their revisions, survey drafts, risk rows, catalogue edits.

Lists are stored as JSON (portable: TEXT on SQLite, json on PostgreSQL). The class and
flags of an entry are derived by classification.classify on every save, and whether it is
要確認 (rules.missing), and stored so that the ledger can be filtered by them. What each
column means and how it reads is in fields.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.inventory.fields import ENTRY_KEYS, LABELS
from pcdesk.store.base import Base

# The values an entry's survey answers and revisions hold (fields.ENTRY, then the stated class).
VALUE_KEYS = ENTRY_KEYS + ("sensitive_declared", "specific_declared")


class InventoryEntry(Base):
    __tablename__ = "inventory_entry"
    __audit_label__ = "個人情報管理台帳"
    __audit_fields__ = "pcdesk.inventory.fields:FIELDS"  # labels, order and how each value reads
    __field_labels__ = LABELS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # 管理番号 PI-0001
    # None only for an imported row that named no department: it is then 要確認.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    business_process: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(200))
    subject_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)
    sensitive_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    acquisition: Mapped[list[str]] = mapped_column(JSON, default=list)
    purpose: Mapped[str] = mapped_column(Text, default="")
    media: Mapped[str] = mapped_column(String(20), default="electronic")
    storage_location: Mapped[str] = mapped_column(String(300), default="")
    protection: Mapped[list[str]] = mapped_column(JSON, default=list)
    access_holders: Mapped[str] = mapped_column(String(300), default="")
    use_period: Mapped[str] = mapped_column(String(200), default="")
    retention: Mapped[str] = mapped_column(String(200), default="")
    disposal: Mapped[list[str]] = mapped_column(JSON, default=list)
    consigned: Mapped[bool] = mapped_column(Boolean, default=False)
    consignee: Mapped[str] = mapped_column(String(300), default="")
    third_party: Mapped[bool] = mapped_column(Boolean, default=False)
    third_party_recipient: Mapped[str] = mapped_column(String(300), default="")
    joint_use: Mapped[bool] = mapped_column(Boolean, default=False)
    joint_use_details: Mapped[str] = mapped_column(Text, default="")
    taken_out: Mapped[bool] = mapped_column(Boolean, default=False)
    identifiable: Mapped[bool] = mapped_column(Boolean, default=True)
    organised: Mapped[bool] = mapped_column(Boolean, default=True)
    held_for_client: Mapped[bool] = mapped_column(Boolean, default=False)
    company_has_authority: Mapped[bool] = mapped_column(Boolean, default=True)
    manager: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The class as a person (or an imported ledger) states it: "" = judged from the items.
    sensitive_declared: Mapped[str] = mapped_column(String(5), default="")
    specific_declared: Mapped[str] = mapped_column(String(5), default="")
    # 要確認: required fields still empty (an imported row that lacked them); derived on every save.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    missing_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_number: Mapped[str] = mapped_column(String(60), default="")  # 管理番号 in the imported ledger, when renumbered
    # Derived by classification.classify on every save.
    category: Mapped[str] = mapped_column(String(20), index=True)
    is_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    is_specific: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)  # active | retired
    retired_on: Mapped[dt.date | None] = mapped_column(Date)
    retired_reason: Mapped[str] = mapped_column(Text, default="")
    last_reviewed_on: Mapped[dt.date] = mapped_column(Date)
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return f"{self.number} {self.name}"

    def values(self) -> dict[str, Any]:
        """The entry's values (lists copied): what a revision snapshot and the survey hold."""
        out: dict[str, Any] = {}
        for key in VALUE_KEYS:
            v = getattr(self, key)
            out[key] = list(v) if isinstance(v, list) else v
        return out


class EntryRevision(Base):
    """The entry as it was after each change; consecutive snapshots give the history."""

    __tablename__ = "inventory_entry_revision"
    __audit_label__ = "個人情報管理台帳の改訂"
    __audit_fields__ = "pcdesk.inventory.fields:REVISION_FIELDS"
    __field_labels__ = {"entry_id": "台帳", "revision": "版", "snapshot": "内容", "reason": "変更理由",
                        "changed_by": "変更者", "changed_by_id": "変更者ID", "changed_at": "変更日時"}
    __table_args__ = (UniqueConstraint("entry_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("inventory_entry.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_by_id: Mapped[int | None] = mapped_column(Integer)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return f"第{self.revision}版"


class SurveyDraft(Base):
    """An unfinished survey: the answers and where the user was, to be resumed later."""

    __tablename__ = "inventory_survey_draft"
    __audit_label__ = "個人情報調査（下書き）"
    __audit_fields__ = "pcdesk.inventory.fields:DRAFT_FIELDS"
    __field_labels__ = {"department_id": "部門", "title": "表題", "answers": "回答", "history": "進んだ手順",
                        "entry_id": "台帳", "created_by": "作成者", "created_by_id": "作成者ID",
                        "updated_at": "更新日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    history: Mapped[list[str]] = mapped_column(JSON)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_entry.id"))  # editing an entry
    created_by: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return self.title or "（名称未入力）"


class RiskAssessment(Base):
    """One risk of one entry at one life stage, scored before and after its measures."""

    __tablename__ = "inventory_risk"
    __audit_label__ = "リスク分析"
    __audit_fields__ = "pcdesk.inventory.fields:RISK_FIELDS"
    __field_labels__ = {"entry_id": "台帳", "stage": "段階", "risk_key": "リスク番号", "label": "リスク",
                        "threat": "脅威", "likelihood": "発生可能性", "base_impact": "影響度（評価）",
                        "impact": "影響度", "score": "スコア", "level": "レベル", "measures": "対策",
                        "measure_notes": "対策の補足", "residual_likelihood": "残留発生可能性",
                        "residual_impact": "残留影響度", "residual_score": "残留スコア",
                        "residual_level": "残留リスク", "accepted_by": "受容者",
                        "accepted_by_id": "受容者ID", "accepted_at": "受容日時",
                        "sort_order": "表示順", "updated_at": "更新日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("inventory_entry.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))  # key of choices.STAGES
    risk_key: Mapped[str] = mapped_column(String(60), default="")  # catalogue key; "" = written by hand
    label: Mapped[str] = mapped_column(String(300))
    threat: Mapped[str] = mapped_column(String(30), default="")
    likelihood: Mapped[int] = mapped_column(Integer)  # 1–3
    base_impact: Mapped[int] = mapped_column(Integer)  # 1–3 as judged
    impact: Mapped[int] = mapped_column(Integer)  # base raised by the entry, 1–5
    score: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(2))
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)  # measure keys
    measure_notes: Mapped[str] = mapped_column(Text, default="")
    residual_likelihood: Mapped[int] = mapped_column(Integer)
    residual_impact: Mapped[int] = mapped_column(Integer)
    residual_score: Mapped[int] = mapped_column(Integer)
    residual_level: Mapped[str] = mapped_column(String(2))
    accepted_by: Mapped[str] = mapped_column(String(100), default="")
    accepted_by_id: Mapped[int | None] = mapped_column(Integer)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None

    def audit_title(self) -> str:
        return self.label


class CatalogueItem(Base):
    """A company edit of the risk or measure catalogue: overrides a built-in key or adds one."""

    __tablename__ = "inventory_catalogue_item"
    __audit_label__ = "リスク・対策カタログ"
    __audit_fields__ = "pcdesk.inventory.fields:CATALOGUE_FIELDS"
    __field_labels__ = {"kind": "種類", "key": "番号", "label": "名称", "group": "対策の分類",
                        "threat": "脅威", "stage": "段階", "media": "媒体", "condition": "条件",
                        "likelihood": "発生可能性", "impact": "影響度", "measures": "対策",
                        "active": "使用"}
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # risk | measure
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    group: Mapped[str] = mapped_column(String(20), default="")  # measures: key of MEASURE_GROUPS
    threat: Mapped[str] = mapped_column(String(30), default="")  # risks
    stage: Mapped[str] = mapped_column(String(20), default="")  # risks
    media: Mapped[str] = mapped_column(String(20), default="any")
    condition: Mapped[str] = mapped_column(String(20), default="always")  # risks
    likelihood: Mapped[int] = mapped_column(Integer, default=1)  # risks
    impact: Mapped[int] = mapped_column(Integer, default=1)  # risks
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)  # risks
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def audit_title(self) -> str:
        return self.label
