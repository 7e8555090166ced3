"""Inventory tables: ledger entries, their revisions, survey drafts, risk rows, catalogue edits.

Lists are stored as JSON (portable: TEXT on SQLite, json on PostgreSQL). The class and
flags of an entry are derived by classification.classify on every save and stored so
that the ledger can be filtered by them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base

# Every field a ledger row carries (DOMAIN.md §1), key → Japanese label, in ledger order.
# The survey, the revision history, the importer and the ledgers all use these labels.
ENTRY_FIELDS: dict[str, str] = {
    "number": "管理番号",
    "department_id": "管理部門",
    "business_process": "業務名",
    "name": "個人情報の名称",
    "subject_kinds": "本人の区分",
    "items": "主な項目",
    "sensitive_items": "要配慮個人情報の項目",
    "record_count": "件数（概数）",
    "acquisition": "取得方法",
    "purpose": "利用目的",
    "media": "媒体",
    "storage_location": "保管場所",
    "protection": "保管方法",
    "access_holders": "アクセス権者",
    "use_period": "利用期限",
    "retention": "保管期限",
    "disposal": "廃棄方法",
    "consigned": "委託の有無",
    "consignee": "委託先",
    "third_party": "第三者提供の有無",
    "third_party_recipient": "提供先",
    "joint_use": "共同利用の有無",
    "joint_use_details": "共同利用の内容",
    "taken_out": "社外持出しの有無",
    "identifiable": "特定の個人を識別できる",
    "organised": "検索できるよう整理されている",
    "held_for_client": "受託データ",
    "company_has_authority": "開示等に応じる権限が自社にある",
    "manager": "管理責任者",
    "last_reviewed_on": "最終見直し日",
    "notes": "備考",
}
LIST_FIELDS = ("subject_kinds", "items", "sensitive_items", "acquisition", "protection", "disposal")
BOOL_FIELDS = ("consigned", "third_party", "joint_use", "taken_out", "identifiable", "organised",
               "held_for_client", "company_has_authority")


class InventoryEntry(Base):
    __tablename__ = "inventory_entry"
    __audit_label__ = "個人情報管理台帳"
    __field_labels__ = {**ENTRY_FIELDS, "status": "状態", "revision": "版", "category": "区分",
                        "is_sensitive": "要配慮個人情報", "is_specific": "特定個人情報",
                        "last_reviewed_on": "最終見直し日", "reviewed_by": "見直し者",
                        "retired_on": "廃止日", "retired_reason": "廃止理由",
                        "created_at": "登録日時", "updated_at": "更新日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # 管理番号 PI-0001
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
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
        """The ENTRY_FIELDS values (lists copied): what a revision snapshot and the flow hold."""
        out: dict[str, Any] = {}
        for key in ENTRY_FIELDS:
            v = getattr(self, key)
            out[key] = list(v) if isinstance(v, list) else v
        return out


class EntryRevision(Base):
    """The entry as it was after each change; consecutive snapshots give the history."""

    __tablename__ = "inventory_entry_revision"
    __audit_label__ = "個人情報管理台帳の改訂"
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
    """One risk of one entry at one life stage: the weakness behind it, what it would cause
    (JIS Q 15001's four respects), the measures in place and those to add, and the
    residual risk after the measures in place, approved by the 個人情報保護管理者."""

    __tablename__ = "inventory_risk"
    __audit_label__ = "リスク分析"
    __field_labels__ = {"entry_id": "台帳", "stage": "取扱いの段階", "risk_key": "リスク番号", "label": "想定されるリスク",
                        "threat": "脅威", "vulnerability": "脆弱性", "impact_on_person": "本人への影響",
                        "legal_breach": "法令違反", "economic_loss": "経済的不利益",
                        "reputation_loss": "社会的信用の失墜", "likelihood": "発生可能性",
                        "base_impact": "影響度（判断）", "impact": "影響度", "score": "評価点", "level": "リスクの大きさ",
                        "measures": "現状の対策", "measure_notes": "現状の対策の補足",
                        "additional_measures": "追加対策", "additional_notes": "追加対策の補足",
                        "residual_likelihood": "残留リスクの発生可能性", "residual_impact": "残留リスクの影響度",
                        "residual_score": "残留リスクの評価点", "residual_level": "残留リスク",
                        "accepted_by": "承認者", "accepted_by_id": "承認者ID", "accepted_at": "承認日時",
                        "sort_order": "表示順", "updated_at": "更新日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("inventory_entry.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))  # key of choices.STAGES
    risk_key: Mapped[str] = mapped_column(String(60), default="")  # catalogue key; "" = written by hand
    label: Mapped[str] = mapped_column(String(300))
    threat: Mapped[str] = mapped_column(String(30), default="")
    vulnerability: Mapped[str] = mapped_column(Text, default="")  # 脆弱性
    # 想定される影響 (pcdesk.inventory.consequences.CONSEQUENCES)
    impact_on_person: Mapped[str] = mapped_column(Text, default="")
    legal_breach: Mapped[str] = mapped_column(Text, default="")
    economic_loss: Mapped[str] = mapped_column(Text, default="")
    reputation_loss: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int] = mapped_column(Integer)  # 1–3
    base_impact: Mapped[int] = mapped_column(Integer)  # 1–3 as judged
    impact: Mapped[int] = mapped_column(Integer)  # base raised by the entry, 1–5
    score: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(2))
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)  # 現状の対策: measure keys in place
    measure_notes: Mapped[str] = mapped_column(Text, default="")
    additional_measures: Mapped[list[str]] = mapped_column(JSON, default=list)  # 追加対策: keys to put in place
    additional_notes: Mapped[str] = mapped_column(Text, default="")
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
    __field_labels__ = {"kind": "種類", "key": "番号", "label": "名称", "group": "対策の分類",
                        "threat": "脅威", "stage": "段階", "media": "媒体", "condition": "条件",
                        "likelihood": "発生可能性", "impact": "影響度", "measures": "対策",
                        "vulnerability": "脆弱性", "active": "使用"}
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
    vulnerability: Mapped[str] = mapped_column(Text, default="")  # risks
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def audit_title(self) -> str:
        return self.label
