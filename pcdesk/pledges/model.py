"""Tables of the 従業者 register and the pledges: workers, template versions, signed records, scans.

A template is never edited in place: every change is a new row (版) with its date, so a
record keeps pointing at the exact wording the worker signed. Scanned copies live in their
own table so that listing records never loads the files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcdesk.store.base import Base

# 雇用区分 (stored value → label), in the order the application form counts them.
OFFICER, REGULAR, CONTRACT, PART_TIME = "officer", "regular", "contract", "part_time"
DISPATCHED, SECONDED, CONTRACTOR = "dispatched", "seconded", "contractor"
EMPLOYMENTS: dict[str, str] = {
    OFFICER: "役員",
    REGULAR: "正社員",
    CONTRACT: "契約社員",
    PART_TIME: "パート・アルバイト",
    DISPATCHED: "派遣社員",
    SECONDED: "出向者",
    CONTRACTOR: "常駐委託先要員",
}

# Kinds of pledge template (stored value → label).
JOINING, ANNUAL, LEAVING, FOR_DISPATCHED, FOR_CONTRACTOR = "joining", "annual", "leaving", "dispatched", "contractor"
TEMPLATE_KINDS: dict[str, str] = {
    JOINING: "入社時",
    ANNUAL: "在職者（年次更新）",
    LEAVING: "退職時",
    FOR_DISPATCHED: "派遣社員用",
    FOR_CONTRACTOR: "常駐委託先要員用",
}

WORKER_LABELS = {
    "number": "社員番号",
    "name": "氏名",
    "kana": "フリガナ",
    "department_id": "所属",
    "employment": "雇用区分",
    "agency": "派遣元・所属会社",
    "joined_on": "入社日",
    "left_on": "退職日",
    "email": "メールアドレス",
    "note": "備考",
}


class Worker(Base):
    __tablename__ = "pledge_worker"
    __audit_label__ = "従業者"
    __field_labels__ = {**WORKER_LABELS, "created_at": "登録日時", "updated_at": "更新日時"}
    __value_labels__ = {"employment": EMPLOYMENTS}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # 社員番号: the key an import updates by
    name: Mapped[str] = mapped_column(String(100))
    kana: Mapped[str] = mapped_column(String(100), default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    employment: Mapped[str] = mapped_column(String(20), index=True)
    agency: Mapped[str] = mapped_column(String(200), default="")  # 派遣元 / 出向元 / 所属会社
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, index=True)  # leavers are kept, never deleted
    email: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return f"{self.number} {self.name}"

    def values(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in WORKER_LABELS}


class PledgeTemplate(Base):
    """One version (版) of one kind of pledge; the newest version of a kind is the current one."""

    __tablename__ = "pledge_template"
    __table_args__ = (UniqueConstraint("kind", "version"),)
    __value_labels__ = {"kind": TEMPLATE_KINDS}
    __audit_label__ = "誓約書のひな形"
    __field_labels__ = {"kind": "種類", "version": "版", "title": "表題", "preamble": "前文", "clauses": "条項",
                        "closing": "結び", "effective_on": "改訂日", "note": "改訂の理由", "created_at": "登録日時",
                        "created_by": "登録者"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    preamble: Mapped[str] = mapped_column(Text, default="")
    clauses: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # [{"heading", "text"}]
    closing: Mapped[str] = mapped_column(Text, default="")
    effective_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    def audit_title(self) -> str:
        return f"{TEMPLATE_KINDS.get(self.kind, self.kind)} 第{self.version}版"


class PledgeRecord(Base):
    """A pledge a worker signed: which template version, when, who collected it, where it is kept."""

    __tablename__ = "pledge_record"
    __audit_label__ = "誓約書の取得記録"
    __value_labels__ = {"kind": TEMPLATE_KINDS}
    __field_labels__ = {"worker_id": "従業者", "template_id": "ひな形", "kind": "種類", "version": "版",
                        "signed_on": "署名日", "collected_by": "回収者", "original_location": "原本の保管場所",
                        "note": "備考", "voided": "取消", "void_reason": "取消の理由", "created_at": "登録日時",
                        "created_by": "登録者"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("pledge_worker.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("pledge_template.id"))
    kind: Mapped[str] = mapped_column(String(20))  # copied from the template: status is decided without a join
    version: Mapped[int] = mapped_column(Integer)
    signed_on: Mapped[dt.date] = mapped_column(Date)
    collected_by: Mapped[str] = mapped_column(String(100), default="")
    original_location: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # A record entered by mistake is voided with a reason, never deleted (the examiner may ask).
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    worker: Mapped[Worker] = relationship(lazy="joined")

    def audit_title(self) -> str:
        who = self.worker.name if self.worker is not None else ""
        return f"{who} {TEMPLATE_KINDS.get(self.kind, self.kind)} 第{self.version}版".strip()


class PledgeScan(Base):
    """The scanned copy of a signed pledge, with the SHA-256 taken when it was stored."""

    __tablename__ = "pledge_scan"
    __audit_label__ = "誓約書の写し（スキャン）"
    __field_labels__ = {"record_id": "取得記録", "file_name": "ファイル名", "media_type": "形式", "size": "大きさ（バイト）",
                        "sha256": "SHA-256", "data": "内容", "added_at": "登録日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("pledge_record.id"), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": "skip"})  # the checksum is audited instead
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return self.file_name
