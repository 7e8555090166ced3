"""The recovery code: the way back in when no administrator can log in.

Printed once at set-up (the first-run wizard shows it), kept by the company on paper;
only its argon2id hash is stored. ``pcdesk recover LOGIN_ID`` with the code makes that
account an active administrator with a one-time password and issues a new code (a code
works once). Attempts are throttled like logins.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from pcdesk.accounts import throttle
from pcdesk.accounts.model import RecoveryCode, User, UserRole
from pcdesk.accounts.passwords import dummy_hash, hash_password, temporary_password, verify_password
from pcdesk.audit.trail import record_event
from pcdesk.dates import now
from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.services import ADMIN, Actor, Workspace

RECOVERY_ACTOR = Actor(None, "回復コード", frozenset({ADMIN}))
ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B look-alikes
GROUPS, GROUP = 6, 4  # 24 characters, about 111 bits
SUBJECT = "#recovery"  # the throttle counter recovery attempts share per source


class RecoveryFailed(PcdeskError):
    pass


def _new_code() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(GROUPS))


def _normal(code: str) -> str:
    """What was typed, as stored: 全角 or lower case, spaces and hyphens do not matter."""
    text = unicodedata.normalize("NFKC", code or "").upper()
    return "".join(ch for ch in text if ch.isalnum())


def issue_recovery_code(ws: Workspace) -> str:
    """A new recovery code (the old one stops working); shown once, never stored in clear."""
    ws.require(ADMIN)
    code = _new_code()
    with ws.write() as s:
        row = s.get(RecoveryCode, 1)
        if row is None:
            s.add(RecoveryCode(id=1, code_hash=hash_password(_normal(code)), created_at=now()))
        else:
            row.code_hash, row.created_at, row.used_at = hash_password(_normal(code)), now(), None
    return code


def has_recovery_code(ws: Workspace) -> bool:
    with ws.read() as s:
        return s.get(RecoveryCode, 1) is not None


@dataclass(frozen=True)
class Recovered:
    login_id: str
    display_name: str
    temporary_password: str
    new_code: str


def recover_admin(ws: Workspace, login_id: str, code: str, source: str | None = None) -> Recovered:
    """With the right code, make `login_id` an active administrator with a one-time password."""
    source = source or throttle.default_source()
    rules = throttle.Rules()
    recovering = ws.as_actor(RECOVERY_ACTOR)
    with recovering.write() as s:  # committed before any refusal: every attempt stays on record
        moment = now()
        wait = throttle.wait_seconds(s, SUBJECT, source, moment, rules)
        ok = False
        if wait > 0:
            record_event(s, "recover", "user_account", "", f"待ち時間中の回復コード入力（あと{wait}秒）")
        else:
            row = s.get(RecoveryCode, 1)
            ok = verify_password(row.code_hash if row else dummy_hash(), _normal(code))
            if not ok:
                throttle.record_failure(s, SUBJECT, source, moment, rules)
                record_event(s, "recover", "user_account", "", "回復コードが違います")
    if wait > 0:
        raise RecoveryFailed(throttle.wait_message(wait))
    if not ok:
        raise RecoveryFailed("回復コードが違います。初期設定のときに印刷（または書き写）したコードを、"
                             "そのまま入力してください（ハイフンと大文字・小文字は区別しません）。")
    temp, new_code = temporary_password(), _new_code()
    with recovering.write() as s:
        user = s.scalar(select(User).where(func.lower(User.login_id) == (login_id or "").strip().lower()))
        if user is None:
            raise ValidationError.single("ログインID", f"「{login_id}」というアカウントはありません。"
                                                       "管理者にするアカウントのログインIDを指定してください。")
        user.active = True
        if ADMIN not in user.role_names:
            user.roles = [*user.roles, UserRole(role=ADMIN)]
        user.password_hash = hash_password(temp)
        user.must_change_password = True
        throttle.clear_id(s, user.login_id)
        throttle.record_success(s, SUBJECT, source, rules)
        row = s.get(RecoveryCode, 1)
        row.code_hash, row.created_at, row.used_at = hash_password(_normal(new_code)), now(), None
        record_event(s, "recover", "user_account", user.id,
                     f"回復コードで {user.display_name}（{user.login_id}）を管理者に戻し、仮のパスワードを発行")
        name = user.display_name
        found_id = user.login_id
    return Recovered(found_id, name, temp, new_code)
