"""Login, throttling, password change and reset, roles (more rules: test_trust_accounts.py)."""

import datetime as dt

import pytest
from sqlalchemy import select

from pcdesk import clock
from pcdesk.accounts.model import User
from pcdesk.accounts.passwords import password_problem
from pcdesk.accounts.service import (change_own_password, confirm_password, create_user, login,
                                     reset_password, unlock_user, update_user)
from pcdesk.audit.model import AuditEntry
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.services import ADMIN, APPROVER, RECEPTION, STAFF, Actor, Workspace
from pcdesk.settings import Settings, save_settings


@pytest.fixture
def people(setup_ws):
    admin = create_user(setup_ws, "kanri", "管理 太郎", "kanri-pass1", {ADMIN})
    staff = create_user(setup_ws, "tanto", "担当 花子", "tanto-pass1", {STAFF, APPROVER})
    return admin, staff


def audit_actions(ws):
    with ws.read() as s:
        return [(e.action, e.actor_name) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def test_login_returns_the_person_with_their_roles_and_is_recorded(setup_ws, people):
    result = login(setup_ws, "TANTO", "tanto-pass1")  # login ids are case-insensitive
    assert result.ok
    assert result.actor.name == "担当 花子"
    assert result.actor.roles == frozenset({STAFF, APPROVER})
    assert ("login", "担当 花子") in audit_actions(setup_ws)


def test_wrong_password_reads_the_same_as_an_unknown_id(setup_ws, people):
    wrong = login(setup_ws, "tanto", "wrong")
    unknown = login(setup_ws, "nobody", "wrong")
    assert not wrong.ok and wrong.message == unknown.message
    assert "ログインIDまたはパスワードが違います" in wrong.message
    assert ("login_failed", "担当 花子") in audit_actions(setup_ws)


def test_unknown_login_is_recorded_without_revealing_that_the_id_is_unknown(setup_ws, people):
    result = login(setup_ws, "nobody", "whatever1")
    assert result.message.startswith("ログインIDまたはパスワードが違います")
    assert ("login_failed", "nobody") in audit_actions(setup_ws)


def test_repeated_failures_make_the_next_attempt_wait_then_admin_lifts_it(setup_ws, people):
    _, staff = people
    for _ in range(4):
        assert login(setup_ws, "tanto", "wrong").message.startswith("ログインIDまたはパスワードが違います")
    waiting = login(setup_ws, "tanto", "wrong")
    assert waiting.wait_seconds == 1 and "1秒待ってから" in waiting.message
    # Even the right password waits until the time is up — there is no lock to lift by hand.
    refused = login(setup_ws, "tanto", "tanto-pass1")
    assert not refused.ok and "待ってから" in refused.message
    unlock_user(setup_ws, staff.id)
    assert login(setup_ws, "tanto", "tanto-pass1").ok


def test_a_wait_ends_by_itself(setup_ws, people):
    save_settings(setup_ws, Settings(lockout_threshold=2, lockout_minutes=1))
    login(setup_ws, "tanto", "x")
    assert login(setup_ws, "tanto", "x").wait_seconds == 1
    clock.advance(dt.timedelta(seconds=2))
    assert login(setup_ws, "tanto", "tanto-pass1").ok


def test_admin_reset_gives_a_one_time_password_that_must_be_changed(setup_ws, people):
    admin, staff = people
    ws_admin = Workspace(setup_ws.db, Actor(admin.id, admin.display_name, frozenset({ADMIN})))
    temp = reset_password(ws_admin, staff.id)
    assert password_problem(temp) is None
    result = login(setup_ws, "tanto", temp)
    assert result.ok and result.must_change_password
    ws_staff = Workspace(setup_ws.db, result.actor)
    change_own_password(ws_staff, temp, "my-new-pass9", "my-new-pass9")
    again = login(setup_ws, "tanto", "my-new-pass9")
    assert again.ok and not again.must_change_password
    assert not login(setup_ws, "tanto", temp).ok


def test_only_admins_reset_passwords(setup_ws, people):
    _, staff = people
    ws_staff = Workspace(setup_ws.db, Actor(staff.id, staff.display_name, frozenset({STAFF})))
    with pytest.raises(PermissionDenied, match="管理者"):
        reset_password(ws_staff, staff.id)


@pytest.mark.parametrize("current, new, confirm, field", [
    ("wrong-pass1", "another-pass2", "another-pass2", "今のパスワード"),
    ("tanto-pass1", "short1", "short1", "新しいパスワード"),
    ("tanto-pass1", "another-pass2", "different-pass3", "新しいパスワード（確認）"),
    ("tanto-pass1", "password1", "password1", "新しいパスワード"),
])
def test_change_password_errors_name_the_field(setup_ws, people, current, new, confirm, field):
    _, staff = people
    ws_staff = Workspace(setup_ws.db, Actor(staff.id, staff.display_name, frozenset({STAFF})))
    with pytest.raises(ValidationError) as err:
        change_own_password(ws_staff, current, new, confirm)
    assert any(p.field == field for p in err.value.problems)
    assert login(setup_ws, "tanto", "tanto-pass1").ok  # nothing changed


def test_create_user_validation_lists_every_problem(setup_ws):
    with pytest.raises(ValidationError) as err:
        create_user(setup_ws, "a", "", "123", set())
    fields = {p.field for p in err.value.problems}
    assert fields == {"ログインID", "氏名", "パスワード", "権限"}


def test_duplicate_login_id_is_refused(setup_ws, people):
    with pytest.raises(ValidationError, match="すでに使われています"):
        create_user(setup_ws, "Kanri", "別人", "other-pass1", {STAFF})


def test_the_last_administrator_cannot_be_removed(setup_ws, people):
    admin, _ = people
    with pytest.raises(ValidationError, match="最後の管理者"):
        update_user(setup_ws, admin.id, display_name="管理 太郎", roles={STAFF}, department_id=None,
                    email="", active=True)


def test_screen_unlock_checks_the_same_persons_password(setup_ws, people):
    _, staff = people
    ws_staff = Workspace(setup_ws.db, Actor(staff.id, staff.display_name, frozenset({STAFF})))
    assert not confirm_password(ws_staff, "kanri-pass1")
    assert confirm_password(ws_staff, "tanto-pass1")


def test_kiosk_only_actor():
    assert Actor(1, "受付", frozenset({RECEPTION})).kiosk_only
    assert not Actor(1, "受付", frozenset({RECEPTION, STAFF})).kiosk_only


def test_passwords_are_stored_as_argon2id(setup_ws, people):
    with setup_ws.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.login_id == "tanto"))
    assert stored.startswith("$argon2id$") and "tanto-pass1" not in stored


def test_account_state_and_the_home_page_ignore_a_wait_that_has_ended(setup_ws, people):
    from pcdesk.accounts.service import account_state, list_users
    from pcdesk.home import attention_items

    admin, _ = people
    ws_admin = Workspace(setup_ws.db, Actor(admin.id, admin.display_name, frozenset({ADMIN})))
    for _ in range(6):
        login(setup_ws, "tanto", "wrong")
    moment = clock.now()
    staff = next(u for u in list_users(ws_admin) if u.login_id == "tanto")
    assert account_state(staff, moment) == "ログイン制限中"
    assert any("待ち時間中のアカウントが 1 件" in a.text for a in attention_items(ws_admin))
    assert account_state(staff, moment + dt.timedelta(minutes=6)) == "有効"
    clock.advance(dt.timedelta(minutes=6))
    assert not any("待ち時間" in a.text for a in attention_items(ws_admin))


def test_full_width_input_is_stored_half_width(setup_ws):
    user = create_user(setup_ws, "ｙａｍａｄａ", "山田　太郎", "yamada-pass1", {STAFF}, email="ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ")
    assert (user.login_id, user.email) == ("yamada", "yamada@example.jp")
    assert login(setup_ws, "ＹＡＭＡＤＡ", "yamada-pass1").ok


def test_account_email_is_checked(setup_ws):
    with pytest.raises(ValidationError) as err:
        create_user(setup_ws, "suzuki", "鈴木", "suzuki-pass1", {STAFF}, email="foo@bar")
    assert [p.field for p in err.value.problems] == ["メールアドレス"]
