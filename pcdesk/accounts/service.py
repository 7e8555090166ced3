"""Accounts: creation, login with lockout, password change and administrator reset."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from pcdesk.accounts.model import User, UserRole
from pcdesk.accounts.passwords import (hash_password, needs_rehash, password_problem,
                                       temporary_password, verify_password)
from pcdesk.audit.trail import record_event
from pcdesk.dates import now
from pcdesk.errors import PermissionDenied, Problems, ValidationError
from pcdesk.services import ADMIN, ROLE_LABELS, Actor, Workspace
from pcdesk.settings import load_settings
from pcdesk.text import clean, clean_code, is_email

LOGIN_ID_RE = re.compile(r"^[A-Za-z0-9._@-]{3,50}$")
BAD_CREDENTIALS = "ログインIDまたはパスワードが違います。入力を確かめてもう一度お試しください。"


def actor_for(user: User) -> Actor:
    return Actor(user.id, user.display_name, user.role_names)


def validate_email(p: Problems, email: str) -> None:
    if email and not is_email(email):
        p.add("メールアドレス", "メールアドレスの形式ではありません（例: yamada@example.co.jp）。空欄でもかまいません。")


def validate_new_user(login_id: str, display_name: str, password: str, roles: set[str]) -> Problems:
    p = Problems()
    if not LOGIN_ID_RE.match(login_id or ""):
        p.add("ログインID", "半角英数字と . _ @ - で3〜50文字にしてください（例: yamada）。")
    p.require(display_name, "氏名")
    problem = password_problem(password or "")
    if problem:
        p.add("パスワード", problem)
    if not roles:
        p.add("権限", "1つ以上選んでください（管理者・担当者・承認者・受付）。")
    unknown = set(roles) - set(ROLE_LABELS)
    if unknown:
        p.add("権限", f"不明な権限です: {', '.join(sorted(unknown))}")
    return p


def create_user(ws: Workspace, login_id: str, display_name: str, password: str, roles: set[str],
                department_id: int | None = None, email: str = "",
                must_change_password: bool = False) -> User:
    if ws.actor is None or ws.actor.user_id is not None:
        ws.require(ADMIN)  # set-up and command-line actors create the first accounts
    login_id, display_name, email = clean_code(login_id), clean(display_name), clean_code(email)
    p = validate_new_user(login_id, display_name, password, roles)
    validate_email(p, email)
    p.raise_if_any()
    with ws.write() as s:
        if s.scalar(select(User.id).where(func.lower(User.login_id) == login_id.lower())):
            raise ValidationError.single("ログインID", f"「{login_id}」はすでに使われています。別のIDにしてください。")
        user = User(login_id=login_id, display_name=display_name, email=email,
                    department_id=department_id, password_hash=hash_password(password),
                    must_change_password=must_change_password, active=True, created_at=now(),
                    failed_logins=0)
        user.roles = [UserRole(role=r) for r in sorted(roles)]
        s.add(user)
        s.flush()  # callers inside one transaction (set-up, demo) need the id at once
    return user


def list_users(ws: Workspace, include_inactive: bool = True) -> list[User]:
    with ws.read() as s:
        q = select(User).order_by(User.login_id)
        if not include_inactive:
            q = q.where(User.active.is_(True))
        return list(s.scalars(q))


def count_admins(ws: Workspace) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(User).join(UserRole)
                        .where(UserRole.role == ADMIN, User.active.is_(True))) or 0


ACTIVE_STATE, LOCKED_STATE, DISABLED_STATE = "有効", "ロック中", "無効"
MUST_CHANGE_STATE = "有効（パスワード変更待ち）"


def account_state(user: User, moment: dt.datetime | None = None) -> str:
    """What the account list shows; a lock whose time has passed no longer counts."""
    moment = moment or now()
    if not user.active:
        return DISABLED_STATE
    if user.locked_until is not None and user.locked_until > moment:
        return LOCKED_STATE
    if user.must_change_password:
        return MUST_CHANGE_STATE
    return ACTIVE_STATE


@dataclass
class LoginResult:
    actor: Actor | None
    message: str = ""
    must_change_password: bool = False

    @property
    def ok(self) -> bool:
        return self.actor is not None


def login(ws: Workspace, login_id: str, password: str) -> LoginResult:
    """Check a password; count failures, lock after too many, and record every attempt."""
    settings = load_settings(ws)
    login_id = clean_code(login_id)
    attempt = Actor(None, login_id or "（空欄）")
    with ws.write(actor=attempt) as s:
        user = s.scalar(select(User).where(func.lower(User.login_id) == login_id.lower()))
        moment = now()
        if user is None or not user.active:
            record_event(s, "login_failed", "user_account", "", f"不明または無効なID「{login_id}」")
            return LoginResult(None, BAD_CREDENTIALS)
        who = (user.id, user.display_name)
        if user.locked_until and user.locked_until > moment:
            record_event(s, "login_failed", "user_account", user.id, "ロック中のログイン試行", actor=who)
            return LoginResult(None, f"このアカウントはロックされています。{user.locked_until:%H:%M} 以降に"
                                     "もう一度お試しいただくか、管理者にロック解除を依頼してください。")
        if not verify_password(user.password_hash, password or ""):
            user.failed_logins = (user.failed_logins or 0) + 1
            left = settings.lockout_threshold - user.failed_logins
            if left <= 0:
                user.locked_until = moment + dt.timedelta(minutes=settings.lockout_minutes)
                user.failed_logins = 0
                record_event(s, "login_failed", "user_account", user.id,
                             f"パスワード誤り（{settings.lockout_threshold}回）によりロック", actor=who)
                return LoginResult(None, f"パスワードを{settings.lockout_threshold}回間違えたため、"
                                         f"{settings.lockout_minutes}分間ロックしました。管理者に解除を依頼することもできます。")
            record_event(s, "login_failed", "user_account", user.id, f"パスワード誤り（ロックまであと{left}回）",
                         actor=who)
            # The person is not told how many tries are left: the answer would differ for an
            # unknown login id and so reveal which ids exist. The audit log keeps the count.
            return LoginResult(None, BAD_CREDENTIALS)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = moment
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        record_event(s, "login", "user_account", user.id, "ログイン", actor=who)
        return LoginResult(actor_for(user), must_change_password=user.must_change_password)


def confirm_password(ws: Workspace, password: str) -> bool:
    """Unlocking the idle screen: the same person proves it is still them."""
    actor = ws.require()
    with ws.write() as s:
        user = s.get(User, actor.user_id)
        ok = bool(user and user.active and verify_password(user.password_hash, password or ""))
        record_event(s, "login" if ok else "login_failed", "user_account", actor.user_id,
                     "画面ロック解除" if ok else "画面ロック解除の失敗")
        return ok


def change_own_password(ws: Workspace, current: str, new: str, confirm: str) -> None:
    actor = ws.require()
    p = Problems()
    problem = password_problem(new or "")
    if problem:
        p.add("新しいパスワード", problem)
    if new != confirm:
        p.add("新しいパスワード（確認）", "新しいパスワードと一致しません。もう一度入力してください。")
    if new and new == current:
        p.add("新しいパスワード", "今のパスワードと違うものにしてください。")
    p.raise_if_any()
    with ws.write() as s:
        user = s.get(User, actor.user_id)
        if user is None or not verify_password(user.password_hash, current or ""):
            raise ValidationError.single("今のパスワード", "違います。入力を確かめてください。")
        user.password_hash = hash_password(new)
        user.must_change_password = False


def reset_password(ws: Workspace, user_id: int) -> str:
    """Give a person a one-time password they must change at next login.

    The administrator hands over the temporary password; the password the person then
    chooses is never shown to anyone.
    """
    ws.require(ADMIN)
    temp = temporary_password()
    with ws.write() as s:
        user = s.get(User, user_id)
        if user is None:
            raise ValidationError.single("アカウント", "見つかりません。一覧を更新してください。")
        user.password_hash = hash_password(temp)
        user.must_change_password = True
        user.locked_until = None
        user.failed_logins = 0
    return temp


def unlock_user(ws: Workspace, user_id: int) -> None:
    ws.require(ADMIN)
    with ws.write() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.locked_until = None
            user.failed_logins = 0
            record_event(s, "event", "user_account", user_id, f"{user.display_name} のロックを解除")


def update_user(ws: Workspace, user_id: int, *, display_name: str, roles: set[str],
                department_id: int | None, email: str, active: bool) -> None:
    actor = ws.require(ADMIN)
    display_name, email = clean(display_name), clean_code(email)
    p = Problems()
    p.require(display_name, "氏名")
    if not roles:
        p.add("権限", "1つ以上選んでください。")
    validate_email(p, email)
    p.raise_if_any()
    with ws.write() as s:
        user = s.get(User, user_id)
        if user is None:
            raise ValidationError.single("アカウント", "見つかりません。一覧を更新してください。")
        losing_admin = ADMIN in user.role_names and (ADMIN not in roles or not active)
        if losing_admin:
            others = s.scalar(select(func.count()).select_from(User).join(UserRole).where(
                UserRole.role == ADMIN, User.active.is_(True), User.id != user_id)) or 0
            if others == 0:
                raise ValidationError.single("権限", "最後の管理者です。先に別の人を管理者にしてください。")
        if user_id == actor.user_id and not active:
            raise PermissionDenied("自分のアカウントは無効にできません。")
        user.display_name = display_name
        user.email = email
        user.department_id = department_id
        user.active = active
        current = {r.role: r for r in user.roles}
        user.roles = [current.get(r) or UserRole(role=r) for r in sorted(roles)]


def people(ws: Workspace) -> list["Person"]:
    """Active accounts as people to choose (a host, an approver): capability PEOPLE."""
    from pcdesk.capabilities import Person
    from pcdesk.company.model import Department

    with ws.read() as s:
        names = {d.id: d.name for d in s.scalars(select(Department))}
        users = list(s.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name)))
    return [Person(u.display_name, department=names.get(u.department_id or 0, ""), kind="アカウント",
                   key=f"account:{u.id}") for u in users]
