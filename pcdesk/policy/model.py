"""Policy versions: one row per 版 of the 個人情報保護方針 and 個人情報の取扱いについて together.

A version is a draft until it is published; publishing freezes it: the answers stay as
they were and both documents are stored as rendered then (pcdesk.policy.document), so
a later change of the clause templates never rewrites what was published. At most one
draft exists at a time; it starts from the last published version's answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base

DRAFT = "draft"
PUBLISHED = "published"
STATUSES = {DRAFT: "下書き", PUBLISHED: "公表済み"}


class PolicyVersion(Base):
    __tablename__ = "policy_version"
    __audit_label__ = "プライバシーポリシー"
    __field_labels__ = {
        "id": "ID", "number": "版", "status": "状態", "answers": "内容", "policy_document": "個人情報保護方針の本文",
        "notice_document": "個人情報の取扱いについての本文", "note": "改定内容", "published_on": "公表日",
        "published_by": "公表者", "published_by_id": "公表者ID", "created_by": "作成者", "created_by_id": "作成者ID",
        "created_at": "作成日時", "updated_at": "更新日時",
    }

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)  # 第n版
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Frozen at publishing (Document.to_json); derived from the answers, so the trail skips them.
    policy_document: Mapped[dict[str, Any] | None] = mapped_column(JSON, info={"audit": "skip"})
    notice_document: Mapped[dict[str, Any] | None] = mapped_column(JSON, info={"audit": "skip"})
    note: Mapped[str] = mapped_column(Text, default="")  # 改定内容, printed in the 改定履歴
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    published_by: Mapped[str] = mapped_column(String(100), default="")
    published_by_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def label(self) -> str:
        return f"第{self.number}版"

    def audit_title(self) -> str:
        return f"{self.label}（{STATUSES.get(self.status, self.status)}）"
