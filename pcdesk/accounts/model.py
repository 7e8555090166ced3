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


class LoginThrottle(Base):
    """Failed attempts per login ID, per source (PC and OS user) and per pair of both.

    Each failure beyond a few free ones makes the next attempt wait longer (NIST SP
    800-63B §5.2.2) instead of locking the account: nobody can lock an administrator out
    by typing wrong passwords. Not audited itself: every attempt is a login event.
    """

    __tablename__ = "login_throttle"
    __audited__ = False

    # SHA-256 of "kind:value" (kind id / source / pair), so any typed ID fits the column.
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    wait_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class RecoveryCode(Base):
    """The code printed at set-up that makes an administrator again when every password is lost.

    Only its argon2id hash is kept; using it replaces it with a new code.
    """

    __tablename__ = "recovery_code"
    __audit_label__ = "回復コード"
    __field_labels__ = {"code_hash": "回復コード", "created_at": "作成日時", "used_at": "使用日時"}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(200), info={"audit": "mask"})
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    def audit_title(self) -> str:
        return "管理者の回復コード"
