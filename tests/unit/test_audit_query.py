"""The audit viewer's queries: filters, keyset paging, Japanese labels, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk import clock
from pcdesk.accounts.service import list_users, login, update_user
from pcdesk.audit.query import (AuditFilter, audit_people, count_entries, describe_changes,
                                fetch_page, record_type_labels, verify_trail)
from pcdesk.errors import PermissionDenied
from pcdesk.services import STAFF, Actor, Workspace


def user_id(ws, login_id):
    return next(u.id for u in list_users(ws) if u.login_id == login_id)


def test_record_type_labels_come_from_models():
    labels = record_type_labels()
    assert labels["user_account"] == "アカウント"
    assert labels["company_profile"] == "会社情報"
    assert labels["database"] == "データベース"
    assert "audit_entry" not in labels


def test_pages_are_newest_first_and_continue_below_last_seq(demo):
    ws, _info = demo
    total = count_entries(ws, AuditFilter())
    first = fetch_page(ws, AuditFilter(), limit=5)
    assert [r.seq for r in first] == list(range(total, total - 5, -1))
    second = fetch_page(ws, AuditFilter(), before_seq=first[-1].seq, limit=5)
    assert second[0].seq == first[-1].seq - 1
    everything = fetch_page(ws, AuditFilter(), limit=10_000)
    assert len(everything) == total


def test_filter_by_person_record_type_action_and_period(demo):
    ws, _info = demo
    login(Workspace(ws.db), "staff", "wrong-password-1")
    login(Workspace(ws.db), "staff", "demo-pass-2026")
    staff = fetch_page(ws, AuditFilter(actor_id=user_id(ws, "staff")))
    assert [r.action for r in staff] == ["login", "login_failed"]
    assert staff[0].cells()[3] == "ログイン"

    by_cli = fetch_page(ws, AuditFilter(actor_name="コマンドライン", record_type="department"))
    assert len(by_cli) == 5 and all(r.cells()[4] == "部門" for r in by_cli)

    creates = count_entries(ws, AuditFilter(action="create", record_type="user_account"))
    assert creates == 5

    today = clock.today()
    assert count_entries(ws, AuditFilter(since=today, until=today)) == count_entries(ws, AuditFilter())
    assert count_entries(ws, AuditFilter(until=today - dt.timedelta(days=1))) == 0


def test_people_list_accounts_by_current_name_and_setup_actors(demo):
    ws, _info = demo
    login(Workspace(ws.db), "staff", "demo-pass-2026")
    update_user(ws, user_id(ws, "staff"), display_name="改名 太郎", roles={STAFF},
                department_id=None, email="", active=True)
    people = audit_people(ws)
    names = [p.name for p in people]
    assert "改名 太郎" in names
    assert names[-1] == "コマンドライン"
    login(Workspace(ws.db), "nobody", "x")  # unknown IDs are not people
    assert "nobody" not in [p.name for p in audit_people(ws)]


def test_changes_are_described_with_field_labels(demo):
    ws, _info = demo
    update_user(ws, user_id(ws, "staff"), display_name="新しい 名前", roles={STAFF},
                department_id=None, email="", active=False)
    row = fetch_page(ws, AuditFilter(action="update", record_type="user_account"), limit=1)[0]
    text = row.cells()[7]
    assert "氏名: " in text and "→ 新しい 名前" in text
    assert "有効: はい → いいえ" in text
    assert describe_changes("company_profile", '{"name": [null, "株式会社テスト"]}') == "社名: 株式会社テスト"
    assert describe_changes("user_role", '{"role": ["approver", null]}') == "権限: 承認者 → （削除）"


def test_verify_trail_reports_ok(demo):
    ws, _ = demo
    report = verify_trail(ws)
    assert report.ok and "正常" in report.describe()


def test_only_administrators_read_the_trail(demo):
    ws, _info = demo
    staff = ws.as_actor(Actor(user_id(ws, "staff"), "staff", frozenset({STAFF})))
    with pytest.raises(PermissionDenied):
        fetch_page(staff, AuditFilter())
    with pytest.raises(PermissionDenied):
        audit_people(staff)


def test_created_records_carry_their_id(demo):
    ws, _info = demo
    created = fetch_page(ws, AuditFilter(action="create", record_type="department"), limit=100)
    assert created and all(r.record_id.isdigit() for r in created)
    users = fetch_page(ws, AuditFilter(action="create", record_type="user_account"), limit=100)
    assert sorted(int(r.record_id) for r in users) == sorted(u.id for u in list_users(ws))
