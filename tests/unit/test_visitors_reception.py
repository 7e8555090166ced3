"""The kiosk's door to the data: check-in stamps the time and hands out a free pass; check-out
by pass or by one's own full name; nothing more than the visitor's own entry comes back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pcdesk import clock
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.services import STAFF, Actor, Workspace
from pcdesk.visitors import reception
from pcdesk.visitors.model import KIOSK_NAME, KIOSK_PASS, VisitorEntry
from pcdesk.visitors.passes import list_passes
from pcdesk.visitors.reception import SeeReception, check_in, check_out, check_out_by_pass, find_own_entry
from tests.visitors_support import desk, office_ws, visit  # noqa: F401  (fixtures)

NOW = dt.datetime(2026, 11, 22, 10, 0)


def test_check_in_stamps_the_time_and_hands_out_the_first_free_pass(desk):
    kiosk, admin = desk
    receipt = check_in(kiosk, visit(kiosk))
    assert receipt.pass_number == "1" and receipt.entered_at == NOW and not receipt.passes_short
    clock.advance(dt.timedelta(minutes=5))
    assert check_in(kiosk, visit(kiosk, "来訪 二郎")).pass_number == "2"
    with admin.read() as s:
        first = s.scalar(select(VisitorEntry).where(VisitorEntry.name == "来訪 一郎"))
    assert first.entered_at == NOW and first.held_pass == "1" and first.received_by == "受付 花子"
    assert first.areas == "受付・応接室"  # the default area setting
    assert [p.state for p in list_passes(admin)][:3] == ["貸出中", "貸出中", "返却済み"]


def test_a_returned_pass_is_handed_out_again_and_no_pass_twice(desk):
    kiosk, _admin = desk
    numbers = [check_in(kiosk, visit(kiosk, f"来訪 {i}号")).pass_number for i in range(5)]
    assert numbers == ["1", "2", "3", "4", "5"]
    out = check_out_by_pass(kiosk, "３")  # 全角 typed on a keyboard
    assert out.pass_number == "3" and out.left_at == NOW
    assert check_in(kiosk, visit(kiosk, "来訪 六郎")).pass_number == "3"
    short = check_in(kiosk, visit(kiosk, "来訪 七郎"))
    assert short.pass_number == "" and short.passes_short  # recorded, and told to see staff


def test_the_database_itself_refuses_a_second_holder_of_a_pass(desk):
    _kiosk, admin = desk
    with pytest.raises(IntegrityError):
        with admin.write() as s:
            for name in ("甲", "乙"):
                s.add(VisitorEntry(entered_at=NOW, name=name, name_key=name, party_size=1, pass_number="1",
                                   held_pass="1", created_at=NOW, updated_at=NOW))


def test_bad_input_names_the_field_and_the_fix_before_anything_is_saved(desk):
    kiosk, admin = desk
    with pytest.raises(ValidationError) as problem:
        check_in(kiosk, {"name": "  ", "party_size": 0, "purpose": "", "host_key": ""})
    text = str(problem.value)
    assert "氏名: 入力してください（例: 山田 太郎）。" in text
    assert "人数: 1以上にしてください。" in text and "用件" in text and "面会者: 選んでください。" in text
    with pytest.raises(ValidationError, match="氏名: 50文字以内にしてください"):
        check_in(kiosk, visit(kiosk, "長" * 51))
    with pytest.raises(ValidationError, match="氏名: 文字でお名前を入力してください"):
        check_in(kiosk, visit(kiosk, "1234"))
    with pytest.raises(ValidationError, match="面会者: 一覧からお選びください"):
        check_in(kiosk, visit(kiosk, host_key="account:9999"))
    with admin.read() as s:
        assert s.scalars(select(VisitorEntry)).all() == []


def test_what_a_visitor_types_is_cleaned(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk, "\u200bﾔﾏﾀﾞ　　ﾀﾛｳ\x07", company="ＡＢＣ　商事"))
    with admin.read() as s:
        entry = s.scalar(select(VisitorEntry))
    assert entry.name == "ヤマダ タロウ" and entry.company == "ABC 商事"
    assert entry.name_key == "ヤマダタロウ"


def test_only_reception_and_administrators_may_use_the_kiosk(desk, db):
    kiosk, _admin = desk
    staff = Workspace(db, Actor(3, "担当", frozenset({STAFF})))
    for call in (lambda: check_in(staff, visit(kiosk)), lambda: check_out_by_pass(staff, "1"),
                 lambda: find_own_entry(staff, "来訪 一郎"), lambda: reception.host_choices(staff)):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(PermissionDenied):
        check_in(Workspace(db), visit(kiosk))


def test_check_out_by_pass_tells_nothing_about_the_holder(desk):
    kiosk, _admin = desk
    check_in(kiosk, visit(kiosk))
    receipt = check_out_by_pass(kiosk, "1")
    assert {f.name for f in dataclasses.fields(receipt)} == {"left_at", "pass_number"}
    with pytest.raises(ValidationError, match="入館証 1 は貸し出されていません"):
        check_out_by_pass(kiosk, "1")
    with pytest.raises(ValidationError, match="入館証 99 という番号はありません"):
        check_out_by_pass(kiosk, "99")
    with pytest.raises(ValidationError, match="入館証番号: 入館証に書かれた番号を入力してください"):
        check_out_by_pass(kiosk, " ")


def test_a_pass_lent_on_an_earlier_day_sends_the_visitor_to_staff(desk):
    kiosk, _admin = desk
    check_in(kiosk, visit(kiosk))
    clock.advance(dt.timedelta(days=1))
    with pytest.raises(SeeReception, match="前日以前"):
        check_out_by_pass(kiosk, "1")
    assert find_own_entry(kiosk, "来訪 一郎") is None  # yesterday's entry is not offered either


def test_check_out_by_full_name_shows_only_that_visitors_own_open_entry(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk, "山田 太郎"))
    check_in(kiosk, visit(kiosk, "山田 花子", company="株式会社XYZ"))
    own = find_own_entry(kiosk, "山田　太郎")  # the 全角 space as an IME types it
    assert own is not None and own.name == "山田 太郎" and own.pass_number == "1"
    assert {f.name for f in dataclasses.fields(own)} == {"entry_id", "name", "company", "entered_at", "pass_number"}
    for typed in ("山田", "太郎", "山田 太", "%", "_", "山田%"):  # no partial match, no wildcard
        assert find_own_entry(kiosk, typed) is None, typed
    clock.advance(dt.timedelta(minutes=40))
    receipt = check_out(kiosk, own)
    assert receipt.pass_number == "1" and receipt.left_at == NOW + dt.timedelta(minutes=40)
    with admin.read() as s:
        entry = s.get(VisitorEntry, own.entry_id)
    assert entry.checkout_method == KIOSK_NAME and entry.held_pass is None
    assert find_own_entry(kiosk, "山田 太郎") is None  # checked out: gone from the kiosk
    with pytest.raises(SeeReception):
        check_out(kiosk, own)


def test_a_name_shared_by_two_visitors_inside_reveals_neither(desk):
    kiosk, _admin = desk
    check_in(kiosk, visit(kiosk, "佐藤 誠"))
    check_in(kiosk, visit(kiosk, "佐藤 誠", company="別の会社"))
    assert find_own_entry(kiosk, "佐藤 誠") is None
    assert check_out_by_pass(kiosk, "2").pass_number == "2"  # the pass number still works
    assert find_own_entry(kiosk, "佐藤 誠").company == "株式会社ABC商事"


def test_checking_out_by_pass_after_leaving_returns_the_pass(desk):
    kiosk, admin = desk
    from pcdesk.visitors.service import close_by_hand

    check_in(kiosk, visit(kiosk))
    with admin.read() as s:
        entry_id = s.scalar(select(VisitorEntry.id))
    clock.advance(dt.timedelta(hours=1))
    close_by_hand(admin, entry_id, NOW + dt.timedelta(minutes=30), pass_returned=False)
    receipt = check_out_by_pass(kiosk, "1")  # dropped in the box later: only the return is recorded
    with admin.read() as s:
        entry = s.get(VisitorEntry, entry_id)
    assert entry.left_at == NOW + dt.timedelta(minutes=30) and entry.held_pass is None
    assert receipt.left_at == entry.left_at and entry.checkout_method != KIOSK_PASS


def test_hosts_are_the_provided_people_and_never_visitors(desk):
    kiosk, _admin = desk
    check_in(kiosk, visit(kiosk, "来訪 一郎"))
    hosts = reception.host_choices(kiosk)
    from pcdesk import registry
    from pcdesk.capabilities import PEOPLE

    provided = [p for provide in registry.provided(PEOPLE) for p in provide(kiosk)]
    assert hosts and {p.key for p in hosts} <= {p.key for p in provided if p.current}
    assert "来訪 一郎" not in [p.name for p in hosts]
    pairs = [(p.name.replace(" ", ""), p.department) for p in hosts]
    assert len(pairs) == len(set(pairs))  # an account who is also a worker is listed once


def test_the_notice_of_purpose_names_the_company_the_period_and_the_contact(desk):
    kiosk, _admin = desk
    from pcdesk.company.service import get_company

    text = reception.notice_text(kiosk)
    phone = get_company(kiosk).contact_phone  # the demo company's own number (045 for Yokohama)
    assert reception.company_name(kiosk) in text and "3年間保管" in text and phone and phone in text
    assert "入退室の管理" in reception.notice_text(kiosk, short=True)
