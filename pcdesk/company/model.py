"""The company profile and its departments."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base

# Field → Japanese label, in the order the set-up wizard and settings show them.
COMPANY_FIELDS = {
    "name": "社名",
    "postal_code": "郵便番号",
    "address": "所在地",
    "representative": "代表者",
    "pms_manager": "個人情報保護管理者",
    "audit_manager": "監査責任者",
    "education_manager": "教育責任者",
    "contact_name": "苦情・相談窓口",
    "contact_phone": "窓口電話番号",
    "contact_email": "窓口メールアドレス",
}
REQUIRED_COMPANY_FIELDS = ("name", "address", "representative", "pms_manager", "contact_name",
                           "contact_phone", "contact_email")


class CompanyProfile(Base):
    __tablename__ = "company_profile"
    __audit_label__ = "会社情報"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    representative: Mapped[str] = mapped_column(String(100), default="")
    pms_manager: Mapped[str] = mapped_column(String(100), default="")
    audit_manager: Mapped[str] = mapped_column(String(100), default="")
    education_manager: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")

    def audit_title(self) -> str:
        return self.name


class Department(Base):
    __tablename__ = "department"
    __audit_label__ = "部門"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def audit_title(self) -> str:
        return self.name
