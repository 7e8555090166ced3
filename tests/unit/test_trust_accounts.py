"""Accounts that resist guessing: roles checked for every actor, no hashes in listings, one
answer and one path for known and unknown IDs, growing waits instead of locks, a recovery
code, passwords by length with a blocklist, over-long input refused and audited."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import select

from pcdesk import clock
from pcdesk.accounts import service
from pcdesk.accounts.passwords import password_problem
from pcdesk.accounts.recovery import RecoveryFailed, issue_recovery_code, recover_admin
from pcdesk.accounts.service import (BAD_CREDENTIALS, Account, change_own_password, confirm_password, create_user,
                                     list_users, login, reset_password, unlock_user, update_user)
from pcdesk.audit.model import AuditEntry
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.services import ADMIN, RECEPTION, STAFF, Actor, Workspace


@pytest.fixture
def people(setup_ws):
    admin = create_user(setup_ws, "kanri", "管理 太郎", "kanri-pass1", {ADMIN})
    staff = create_user(setup_ws, "tanto", "担当 花子", "tanto-pass1", {STAFF})
    return admin, staff


def as_(ws, user, *roles):
    return Workspace(ws.db, Actor(user.id if user else None, "誰か", frozenset(roles)))


def entries(ws, action=None):
    with ws.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.seq)
        if action:
            q = q.where(AuditEntry.action == action)
        return list(s.scalars(q))


# -- roles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("roles", [(), (RECEPTION,), (STAFF,)])
def test_an_actor_without_a_user_id_is_held_to_the_roles_too(setup_ws, people, roles):
    nobody = as_(setup_ws, None, *roles)
    with pytest.raises(PermissionDenied):
        create_user(nobody, "intruder", "侵入者", "a-long-passphrase", {ADMIN})
    with pytest.raises(PermissionDenied):
        list_users(nobody)
    with pytest.raises(PermissionDenied):
        reset_password(nobody, people[1].id)
    with pytest.raises(PermissionDenied):
        unlock_user(nobody, people[1].id)
    with pytest.raises(PermissionDenied):
        update_user(nobody, people[1].id, display_name="x", roles={ADMIN}, department_id=None, email="", active=True)
    with pytest.raises(PermissionDenied):
        issue_recovery_code(nobody)


def test_own_password_services_need_an_own_account(setup_ws, people):
    with pytest.raises(PermissionDenied, match="自分のアカウント"):
        change_own_password(setup_ws, "kanri-pass1", "another-long-one", "another-long-one")
    with pytest.raises(PermissionDenied, match="自分のアカウント"):
        confirm_password(setup_ws, "kanri-pass1")


def test_listings_never_carry_password_hashes(setup_ws, people):
    admin, staff = people
    with pytest.raises(PermissionDenied):
        list_users(as_(setup_ws, staff, STAFF))
    accounts = list_users(as_(setup_ws, admin, ADMIN))
    assert accounts and all(isinstance(a, Account) for a in accounts)
    assert not any(hasattr(a, "password_hash") for a in accounts)
    assert all("argon2" not in repr(a) for a in accounts)


# -- one path, one answer --------------------------------------------------------------------

def test_known_and_unknown_ids_take_the_same_path_and_get_the_same_answer(setup_ws, people, monkeypatch):
    verified = []
    real = service.verify_password
    monkeypatch.setattr(service, "verify_password", lambda h, p: verified.append(h) or real(h, p))
    known = login(setup_ws, "tanto", "wrong-password")
    unknown = login(setup_ws, "no-such-person", "wrong-password")
    assert known.message == unknown.message == BAD_CREDENTIALS
    assert len(verified) == 2 and all(h.startswith("$argon2id$") for h in verified)  # a real hash each time
    update_user(setup_ws, people[1].id, display_name="担当 花子", roles={STAFF}, department_id=None, email="",
                active=False)
    assert login(setup_ws, "tanto", "tanto-pass1").message == BAD_CREDENTIALS  # disabled: the same words


# -- growing waits, never a lock -------------------------------------------------------------

def test_waits_grow_per_id_and_source_and_come_from_the_clock(setup_ws, people):
    waits = []
    for _ in range(8):
        clock.advance(dt.timedelta(seconds=waits[-1] if waits else 0))  # try again as soon as allowed
        waits.append(login(setup_ws, "tanto", "wrong", source="pc-A").wait_seconds)
    assert waits == [0, 0, 0, 0, 1, 2, 4, 8]
    refused = login(setup_ws, "tanto", "tanto-pass1", source="pc-A")  # still waiting 8 s
    assert not refused.ok and "8秒待ってから" in refused.message
    assert login(setup_ws, "tanto", "tanto-pass1", source="pc-B").ok  # the person at their own PC
    clock.advance(dt.timedelta(seconds=8))
    assert login(setup_ws, "tanto", "tanto-pass1", source="pc-A").ok


def test_nobody_can_lock_an_administrator_out(setup_ws, people):
    """Wrong guesses from many PCs, as fast as allowed, slow the ID down by a minute at most."""
    for i in range(24):
        login(setup_ws, "kanri", "guess", source=f"attacker-{i % 7}")
        clock.advance(dt.timedelta(seconds=61))
    for i in range(5):
        login(setup_ws, "kanri", "guess", source=f"attacker-{i}")
    own = login(setup_ws, "kanri", "kanri-pass1", source="admin-pc")
    assert not own.ok and 0 < own.wait_seconds <= 60
    clock.advance(dt.timedelta(seconds=own.wait_seconds))
    assert login(setup_ws, "kanri", "kanri-pass1", source="admin-pc").ok


def test_unknown_ids_are_throttled_exactly_like_real_ones(setup_ws, people):
    known = [login(setup_ws, "tanto", "wrong", source="pc").message for _ in range(6)]
    unknown = [login(setup_ws, "ghost", "wrong", source="pc2").message for _ in range(6)]
    assert known == unknown


def test_an_administrator_lifts_the_waits_of_every_source(setup_ws, people):
    admin, staff = people
    for source in ("pc-A", "pc-B"):
        for _ in range(6):
            login(setup_ws, "tanto", "wrong", source=source)
    unlock_user(as_(setup_ws, admin, ADMIN), staff.id)
    assert login(setup_ws, "tanto", "tanto-pass1", source="pc-A").ok
    assert any("ログイン制限を解除" in e.summary for e in entries(setup_ws, "event"))


def test_a_wrong_screen_unlock_counts_like_a_wrong_login(setup_ws, people):
    _, staff = people
    me = Workspace(setup_ws.db, Actor(staff.id, staff.display_name, frozenset({STAFF})))
    for _ in range(5):
        assert not confirm_password(me, "wrong")
    assert not confirm_password(me, "tanto-pass1")  # waiting now
    clock.advance(dt.timedelta(seconds=2))
    assert confirm_password(me, "tanto-pass1")


# -- over-long input -------------------------------------------------------------------------

def test_an_over_long_login_id_is_refused_in_japanese_and_audited(setup_ws, people):
    result = login(setup_ws, "x" * 120, "whatever")
    assert not result.ok and "ログインIDは50文字以内" in result.message
    failed = entries(setup_ws, "login_failed")[-1]
    assert "長すぎる入力" in failed.summary and "120文字" in failed.summary and len(failed.actor_name) <= 50
    assert not login(setup_ws, "tanto", "p" * 5000).ok


def test_over_long_account_fields_are_field_errors(setup_ws):
    with pytest.raises(ValidationError) as err:
        create_user(setup_ws, "longname", "名" * 101, "a-long-passphrase", {STAFF}, email="a" * 196 + "@x.jp")
    assert {p.field for p in err.value.problems} == {"氏名", "メールアドレス"}


# -- passwords -------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["password1", "Passw0rd", "qwerty123", "P@ssw0rd!", "sakura2026", "12345678",
                                      "aaaaaaaa", "abcdefgh", "iloveyou", "1qaz2wsx"])
def test_common_and_breached_passwords_are_refused(password):
    problem = password_problem(password)
    assert problem is not None and ("よく使われる" in problem or "並び" in problem)


@pytest.mark.parametrize("password", ["朝いちばんに窓をあけて深呼吸", "38204719560183746529", "onlyletterslong",
                                      "correct horse battery staple", "ｍｙ－ｈｏｍｅ－ｔｏｗｎ－川崎"])
def test_length_not_composition(password):
    assert password_problem(password) is None


def test_length_limits_and_the_persons_own_words():
    assert "8文字以上" in password_problem("短い")
    assert "256文字以内" in password_problem("あ" * 257)
    assert "ログインID" in password_problem("yamada-taro", ("yamada-taro", "山田 太郎"))
    assert password_problem("山田太郎", ("yamada", "山田 太郎")) is not None


def test_a_full_width_password_matches_its_half_width_typing(setup_ws):
    create_user(setup_ws, "zenkaku", "全角 太郎", "ｓｅｃｒｅｔ－ｒｉｖｅｒ－９", {STAFF})
    assert login(setup_ws, "zenkaku", "secret-river-9").ok


# -- the recovery code -----------------------------------------------------------------------

def test_the_recovery_code_makes_an_administrator_again_once(setup_ws, people):
    admin, staff = people
    code = issue_recovery_code(setup_ws)
    assert len(code) == 29 and code.count("-") == 5
    with pytest.raises(RecoveryFailed, match="回復コードが違います"):
        recover_admin(Workspace(setup_ws.db), "tanto", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    done = recover_admin(Workspace(setup_ws.db), "TANTO", code.lower().replace("-", " "))
    assert done.login_id == "tanto" and done.new_code != code
    result = login(setup_ws, "tanto", done.temporary_password)
    assert result.ok and result.must_change_password and ADMIN in result.actor.roles
    with pytest.raises(RecoveryFailed):
        recover_admin(Workspace(setup_ws.db), "tanto", code)  # a code works once
    recorded = [e.summary for e in entries(setup_ws, "recover")]
    assert "回復コードが違います" in recorded and any("管理者に戻し" in s for s in recorded)


def test_recovery_attempts_are_throttled(setup_ws, people):
    issue_recovery_code(setup_ws)
    for _ in range(5):
        with pytest.raises(RecoveryFailed):
            recover_admin(Workspace(setup_ws.db), "kanri", "WRONG", source="pc")
    with pytest.raises(RecoveryFailed, match="待ってから"):
        recover_admin(Workspace(setup_ws.db), "kanri", "WRONG", source="pc")


def test_the_first_run_prints_a_recovery_code_that_pcdesk_recover_accepts(tmp_path):
    from pcdesk.company.setup_flow import FirstRunFlow
    from pcdesk.store.opening import open_database

    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    flow = FirstRunFlow()
    flow.set(name="株式会社テスト", address="東京都千代田区1-1", representative="代表 一郎", pms_manager="管理 二郎",
             contact_name="窓口", contact_phone="03-1111-2222", contact_email="a@example.jp",
             departments="総務部", admin_login="boss", admin_name="社長 一郎",
             admin_password="a-long-passphrase", admin_password_confirm="a-long-passphrase")
    flow.finish(Workspace(db))
    db.dispose()
    assert flow.recovery_code
    result = subprocess.run([sys.executable, "-m", "pcdesk", "recover", "boss", "--code", flow.recovery_code,
                             "--db", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "管理者に戻しました" in result.stdout and "仮のパスワード:" in result.stdout
    assert "新しい回復コード:" in result.stdout
    wrong = subprocess.run([sys.executable, "-m", "pcdesk", "recover", "boss", "--code", flow.recovery_code,
                            "--db", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert wrong.returncode == 2 and "回復コードが違います" in wrong.stderr
