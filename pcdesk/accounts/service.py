"""Accounts: creation, login with throttling, password change and administrator reset.

Every service checks the acting person's role itself, whoever calls it (the GUI, the
command line, set-up): an actor without a user id is held to the same rules. Password
hashes never leave this module: listings return `Account` views.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from pcdesk.accounts import throttle
from pcdesk.accounts.model import LoginThrottle, User, UserRole
from pcdesk.accounts.passwords import (MAX_INPUT, dummy_hash, hash_password, needs_rehash,
                                       password_problem, temporary_password, verify_password)
from pcdesk.audit.trail import record_event
from pcdesk.dates import now
from pcdesk.errors import PermissionDenied, Problems, ValidationError
from pcdesk.services import ADMIN, ROLE_LABELS, Actor, Workspace
from pcdesk.settings import load_settings
from pcdesk.text import clean, clean_code, is_email

MAX_LOGIN_ID = 50
MAX_NAME = 100
MAX_EMAIL = 200
LOGIN_ID_RE = re.compile(r"^[A-Za-z0-9._@-]{3,50}$")
BAD_CREDENTIALS = "ログインIDまたはパスワードが違います。入力を確かめてもう一度お試しください。"
TOO_LONG = (f"ログインIDは{MAX_LOGIN_ID}文字以内、パスワードは{MAX_INPUT}文字以内です。"
            "入力を確かめてもう一度お試しください。")


def actor_for(user: User) -> Actor:
    return Actor(user.id, user.display_name, user.role_names)


@dataclass(frozen=True)
class Account:
    """One account as screens and ledgers see it: everything but the password hash."""

    id: int
    login_id: str
    display_name: str
    email: str
    department_id: int | None
    active: bool
    must_change_password: bool
    role_names: frozenset[str]
    created_at: dt.datetime | None
    last_login_at: dt.datetime | None
    wait_until: dt.datetime | None = None  # login attempts for this ID wait until then

    @property
    def roles(self) -> frozenset[str]:
        return self.role_names


def _view(user: User, wait_until: dt.datetime | None = None) -> Account:
    return Account(user.id, user.login_id, user.display_name, user.email, user.department_id, user.active,
                   user.must_change_password, user.role_names, user.created_at, user.last_login_at, wait_until)


def validate_email(p: Problems, email: str) -> None:
    if len(email) > MAX_EMAIL:
        p.add("メールアドレス", f"{MAX_EMAIL}文字以内にしてください。")
    elif email and not is_email(email):
        p.add("メールアドレス", "メールアドレスの形式ではありません（例: yamada@example.co.jp）。空欄でもかまいません。")


def _validate_name(p: Problems, display_name: str) -> None:
    p.require(display_name, "氏名")
    if len(display_name) > MAX_NAME:
        p.add("氏名", f"{MAX_NAME}文字以内にしてください。")


def _validate_roles(p: Problems, roles: set[str]) -> None:
    if not roles:
        p.add("権限", "1つ以上選んでください（管理者・担当者・承認者・受付）。")
    unknown = set(roles) - set(ROLE_LABELS)
    if unknown:
        p.add("権限", f"不明な権限です: {', '.join(sorted(unknown))}")


def validate_new_user(login_id: str, display_name: str, password: str, roles: set[str]) -> Problems:
    p = Problems()
    if not LOGIN_ID_RE.match(login_id or ""):
        p.add("ログインID", "半角英数字と . _ @ - で3〜50文字にしてください（例: yamada）。")
    _validate_name(p, display_name)
    problem = password_problem(password or "", (login_id, display_name))
    if problem:
        p.add("パスワード", problem)
    _validate_roles(p, roles)
    return p


def create_user(ws: Workspace, login_id: str, display_name: str, password: str, roles: set[str],
                department_id: int | None = None, email: str = "",
                must_change_password: bool = False) -> User:
    ws.require(ADMIN)  # set-up and the command line act as administrators; nobody else may
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


def list_users(ws: Workspace, include_inactive: bool = True) -> list[Account]:
    """Every account for the administrator's account page (no password hashes)."""
    ws.require(ADMIN)
    with ws.read() as s:
        q = select(User).order_by(User.login_id)
        if not include_inactive:
            q = q.where(User.active.is_(True))
        users = list(s.scalars(q))
        return [_view(u, throttle.id_wait_until(s, u.login_id)) for u in users]


def count_admins(ws: Workspace) -> int:
    """How many active administrators exist (asked before anyone is logged in: first run)."""
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(User).join(UserRole)
                        .where(UserRole.role == ADMIN, User.active.is_(True))) or 0


def count_users(ws: Workspace) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(User)) or 0


ACTIVE_STATE, DISABLED_STATE = "有効", "無効"
LOCKED_STATE = "ログイン制限中"  # waiting after repeated failures (never a hard lock)
MUST_CHANGE_STATE = "有効（パスワード変更待ち）"


def account_state(user: Account, moment: dt.datetime | None = None) -> str:
    """What the account list shows; a wait whose time has passed no longer counts."""
    moment = moment or now()
    if not user.active:
        return DISABLED_STATE
    if user.wait_until is not None and user.wait_until > moment:
        return LOCKED_STATE
    if user.must_change_password:
        return MUST_CHANGE_STATE
    return ACTIVE_STATE


@dataclass
class LoginResult:
    actor: Actor | None
    message: str = ""
    must_change_password: bool = False
    wait_seconds: int = 0  # > 0: the next attempt is refused until then

    @property
    def ok(self) -> bool:
        return self.actor is not None


def _rules(ws: Workspace) -> throttle.Rules:
    settings = load_settings(ws)
    return throttle.Rules(free=settings.lockout_threshold, ceiling=settings.lockout_minutes * 60)


def _shown_id(login_id: str) -> str:
    return login_id if len(login_id) <= MAX_LOGIN_ID else login_id[:MAX_LOGIN_ID - 1] + "…"


def login(ws: Workspace, login_id: str, password: str, source: str | None = None) -> LoginResult:
    """Check a password and record every attempt.

    Known and unknown IDs take the same path (an unknown ID is checked against a dummy
    hash) and get the same answer. Repeated failures make the next attempt wait longer
    (pcdesk.accounts.throttle) instead of locking the account.
    """
    rules = _rules(ws)
    source = source or throttle.default_source()
    login_id, password = clean_code(login_id), password or ""
    dummy_hash()  # made before the first comparison, so that one is not slower either
    if len(login_id) > MAX_LOGIN_ID or len(password) > MAX_INPUT:
        with ws.write(actor=Actor(None, _shown_id(login_id))) as s:
            record_event(s, "login_failed", "user_account", "",
                         f"長すぎる入力によるログイン試行（ログインID {len(login_id)}文字、パスワード {len(password)}文字）")
        return LoginResult(None, TOO_LONG)
    attempt = Actor(None, login_id or "（空欄）")
    with ws.write(actor=attempt) as s:
        moment = now()
        wait = throttle.wait_seconds(s, login_id, source, moment, rules)
        user = s.scalar(select(User).where(func.lower(User.login_id) == login_id.lower()))
        who = (user.id, user.display_name) if user is not None else None
        if wait > 0:
            record_event(s, "login_failed", "user_account", user.id if user else "",
                         f"失敗が続いたための待ち時間中のログイン試行（あと{wait}秒）", actor=who)
            return LoginResult(None, throttle.wait_message(wait), wait_seconds=wait)
        ok = verify_password(user.password_hash if user is not None else dummy_hash(), password)
        if user is None or not user.active or not ok:
            next_wait = throttle.record_failure(s, login_id, source, moment, rules)
            later = f"（次の試行まで{next_wait}秒）" if next_wait else ""
            if user is None:
                record_event(s, "login_failed", "user_account", "", f"不明なID「{login_id}」{later}")
            else:
                why = "無効なアカウント" if not user.active else "パスワード誤り"
                record_event(s, "login_failed", "user_account", user.id, f"{why}{later}", actor=who)
            # The same answer for an unknown ID, a wrong password and a disabled account.
            if next_wait:
                return LoginResult(None, throttle.wait_message(next_wait), wait_seconds=next_wait)
            return LoginResult(None, BAD_CREDENTIALS)
        throttle.record_success(s, login_id, source, rules)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = moment
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        record_event(s, "login", "user_account", user.id, "ログイン", actor=who)
        return LoginResult(actor_for(user), must_change_password=user.must_change_password)


def _own_account(ws: Workspace) -> Actor:
    actor = ws.require()
    if actor.user_id is None:
        raise PermissionDenied("この操作は、自分のアカウントでログインしてから行ってください。")
    return actor


def confirm_password(ws: Workspace, password: str) -> bool:
    """Unlocking the idle screen: the same person proves it is still them (throttled like login)."""
    actor = _own_account(ws)
    rules = _rules(ws)
    source = throttle.default_source()
    with ws.write() as s:
        user = s.get(User, actor.user_id)
        moment = now()
        login_id = user.login_id if user else ""
        if throttle.wait_seconds(s, login_id, source, moment, rules) > 0:
            record_event(s, "login_failed", "user_account", actor.user_id, "画面ロック解除（待ち時間中）")
            return False
        ok = bool(user and user.active and verify_password(user.password_hash, (password or "")[:MAX_INPUT]))
        if ok:
            throttle.record_success(s, login_id, source, rules)
        else:
            throttle.record_failure(s, login_id, source, moment, rules)
        record_event(s, "login" if ok else "login_failed", "user_account", actor.user_id,
                     "画面ロック解除" if ok else "画面ロック解除の失敗")
        return ok


def change_own_password(ws: Workspace, current: str, new: str, confirm: str) -> None:
    actor = _own_account(ws)
    with ws.read() as s:
        user = s.get(User, actor.user_id)
        context = (user.login_id, user.display_name) if user else ()
    p = Problems()
    problem = password_problem(new or "", context)
    if problem:
        p.add("新しいパスワード", problem)
    if new != confirm:
        p.add("新しいパスワード（確認）", "新しいパスワードと一致しません。もう一度入力してください。")
    if new and new == current:
        p.add("新しいパスワード", "今のパスワードと違うものにしてください。")
    p.raise_if_any()
    with ws.write() as s:
        user = s.get(User, actor.user_id)
        if user is None or not verify_password(user.password_hash, (current or "")[:MAX_INPUT]):
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
        throttle.clear_id(s, user.login_id)
    return temp


def unlock_user(ws: Workspace, user_id: int) -> None:
    """Lift the waits that repeated failed logins put on this account."""
    ws.require(ADMIN)
    with ws.write() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.locked_until = None
            user.failed_logins = 0
            throttle.clear_id(s, user.login_id)
            record_event(s, "event", "user_account", user_id, f"{user.display_name} のログイン制限を解除")


def update_user(ws: Workspace, user_id: int, *, display_name: str, roles: set[str],
                department_id: int | None, email: str, active: bool) -> None:
    actor = ws.require(ADMIN)
    display_name, email = clean(display_name), clean_code(email)
    p = Problems()
    _validate_name(p, display_name)
    _validate_roles(p, roles)
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


def record_logout(ws: Workspace, summary: str = "ログアウト") -> None:
    """The end of the acting person's session, in the trail (the shell calls it on logout)."""
    actor = ws.require()
    with ws.write() as s:
        record_event(s, "logout", "user_account", actor.user_id or "", summary)


def throttled_accounts(ws: Workspace) -> int:
    """Active accounts whose logins are being slowed down now (home page, administrators)."""
    moment = now()
    return sum(1 for a in list_users(ws, include_inactive=False) if account_state(a, moment) == LOCKED_STATE)


def people(ws: Workspace) -> list["Person"]:
    """Active accounts as people to choose (a host, an approver): capability PEOPLE."""
    from pcdesk.capabilities import Person
    from pcdesk.company.model import Department

    ws.require()
    with ws.read() as s:
        names = {d.id: d.name for d in s.scalars(select(Department))}
        users = list(s.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name)))
    return [Person(u.display_name, department=names.get(u.department_id or 0, ""), kind="アカウント",
                   key=f"account:{u.id}") for u in users]


__all__ = ["Account", "LoginThrottle", "LoginResult", "account_state", "count_admins", "create_user",
           "list_users", "login", "reset_password", "unlock_user", "update_user"]
