"""Accounts: everyone logs in as themselves; roles are held per person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcdesk.store.base import Base


class User(Base):
    __tablename__ = "user_account"
    __audit_label__ = "アカウント"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login_id: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    password_hash: Mapped[str] = mapped_column(String(200), info={"audit": "mask"})
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Login bookkeeping: recorded as login events, not as field updates.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, info={"audit": "skip"})
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, info={"audit": "skip"})
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info={"audit": "skip"})
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles)

    def audit_title(self) -> str:
        return f"{self.display_name}（{self.login_id}）"


class UserRole(Base):
    __tablename__ = "user_role"
    __audit_label__ = "権限"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")

    def audit_title(self) -> str:
        return self.role
