"""Administration: filters in SQL, corrections with their reason in the trail, forgotten
check-outs closed at the real time, the end-of-day reconciliation on the home page."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from pcdesk import clock
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.home import attention_items
from pcdesk.services import RECEPTION, Actor, Workspace
from pcdesk.settings import save_feature_settings
from pcdesk.visitors.fields import CLOSING_HOUR_KEY
from pcdesk.visitors.model import BY_HAND, VisitorCorrection, VisitorEntry
from pcdesk.visitors.passes import add_passes, list_passes, retire_pass
from pcdesk.visitors.reception import check_in
from pcdesk.visitors.service import (EntryFilter, close_by_hand, correct_entry, count_entries, entry_ids,
                                     get_entry, host_names, load_entries, reconciliation, record_pass_returned,
                                     register_by_hand)
from tests.visitors_support import desk, office_ws, visit  # noqa: F401

NOW = dt.datetime(2026, 11, 22, 10, 0)


def paper(**extra) -> dict:
    return {"entered_at": NOW - dt.timedelta(days=3, hours=1), "left_at": NOW - dt.timedelta(days=3),
            "name": "記録 票子", "company": "株式会社紙", "party_size": 1, "purpose": "納品・集荷",
            "host_name": "佐藤 太郎", "areas": "受付", **extra}


def test_filters_run_in_sql_and_combine(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk, "甲野 一郎", company="株式会社みどり"))
    check_in(kiosk, visit(kiosk, "乙野 二郎", company="あおば商事"))
    register_by_hand(admin, paper())
    assert count_entries(admin) == 3
    assert count_entries(admin, EntryFilter(company="みどり")) == 1
    assert count_entries(admin, EntryFilter(inside=True)) == 2
    assert count_entries(admin, EntryFilter(inside=False)) == 1
    assert count_entries(admin, EntryFilter(passes_out=True)) == 2
    assert count_entries(admin, EntryFilter(date_from=NOW.date(), date_to=NOW.date())) == 2
    assert count_entries(admin, EntryFilter(date_to=NOW.date() - dt.timedelta(days=1))) == 1
    assert count_entries(admin, EntryFilter(host="佐藤 太郎")) == 1
    assert count_entries(admin, EntryFilter(text="乙野")) == 1
    assert count_entries(admin, EntryFilter(text="%")) == 0  # a typed % is a character, not a wildcard
    ids = entry_ids(admin)  # newest first
    assert [load_entries(admin, ids)[i].name for i in ids] == ["乙野 二郎", "甲野 一郎", "記録 票子"]
    names = [load_entries(admin, [i])[i].name for i in entry_ids(admin, sort="name", descending=False)]
    assert names == sorted(names, key=lambda n: n.replace(" ", ""))
    assert "佐藤 太郎" in host_names(admin)


def test_the_list_is_for_administrators_only(desk, db):
    kiosk, _admin = desk
    for call in (lambda: entry_ids(kiosk), lambda: count_entries(kiosk), lambda: load_entries(kiosk, [1]),
                 lambda: host_names(kiosk), lambda: list_passes(kiosk), lambda: reconciliation(kiosk)):
        with pytest.raises(PermissionDenied):
            call()


def test_a_correction_keeps_the_reason_in_the_history_and_the_audit_trail(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk, "山田 太朗"))
    entry_id = entry_ids(admin)[0]
    with pytest.raises(ValidationError, match="理由: 訂正の理由を入力してください"):
        correct_entry(admin, entry_id, {"name": "山田 太郎"}, " ")
    with pytest.raises(ValidationError, match="訂正: 変わった項目がありません"):
        correct_entry(admin, entry_id, {"name": "山田 太朗"}, "誤字")
    entry = correct_entry(admin, entry_id, {"name": "山田　太郎", "areas": "会議室A"}, "氏名の誤字を本人の申し出により訂正")
    assert entry.name == "山田 太郎" and entry.name_key == "山田太郎" and entry.corrections == 1
    with admin.read() as s:
        correction = s.scalar(select(VisitorCorrection))
    assert correction.reason == "氏名の誤字を本人の申し出により訂正" and correction.by_name == "管理 太郎"
    assert correction.changes == {"name": ["山田 太朗", "山田 太郎"], "areas": ["受付・応接室", "会議室A"]}
    trail = fetch_page(admin, AuditFilter(), limit=3)
    update = next(e for e in trail if e.record_type == "visitor_entry" and e.action == "update")
    assert json.loads(update.changes)["name"] == ["山田 太朗", "山田 太郎"]
    reason = next(e for e in trail if e.record_type == "visitor_correction")
    assert "氏名の誤字を本人の申し出により訂正" in reason.changes


def test_corrected_times_must_make_sense(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk))
    entry_id = entry_ids(admin)[0]
    with pytest.raises(ValidationError, match="退室時刻: 入室時刻（10:00）より後の時刻にしてください"):
        correct_entry(admin, entry_id, {"left_at": NOW - dt.timedelta(minutes=5)}, "時刻の訂正")
    with pytest.raises(ValidationError, match="入室時刻: これから先の時刻は記録できません"):
        correct_entry(admin, entry_id, {"entered_at": NOW + dt.timedelta(hours=1)}, "時刻の訂正")
    with pytest.raises(ValidationError, match="訂正できない項目です: held_pass"):
        correct_entry(admin, entry_id, {"held_pass": None}, "返却")
    with pytest.raises(ValidationError, match="人数: 1以上にしてください"):
        correct_entry(admin, entry_id, {"party_size": 0}, "人数")


def test_a_forgotten_check_out_is_closed_with_the_real_time(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk))
    entry_id = entry_ids(admin)[0]
    clock.advance(dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="退室時刻: 入室時刻（10:00）より後"):
        close_by_hand(admin, entry_id, NOW - dt.timedelta(hours=1))
    entry = close_by_hand(admin, entry_id, NOW + dt.timedelta(hours=2, seconds=20), reason="面会者に確認")
    assert entry.left_at == NOW + dt.timedelta(hours=2) and entry.checkout_method == BY_HAND
    assert entry.checkout_by == "管理 太郎" and entry.held_pass is None and "面会者に確認" in entry.notes
    with pytest.raises(ValidationError, match="退室はすでに 12:00 で記録されています"):
        close_by_hand(admin, entry_id, NOW + dt.timedelta(hours=3))


def test_a_pass_kept_after_leaving_stays_out_until_returned_or_retired(desk):
    kiosk, admin = desk
    check_in(kiosk, visit(kiosk))
    check_in(kiosk, visit(kiosk, "来訪 二郎"))
    first, second = sorted(entry_ids(admin))
    clock.advance(dt.timedelta(hours=1))
    close_by_hand(admin, first, NOW + dt.timedelta(minutes=30), pass_returned=False)
    close_by_hand(admin, second, NOW + dt.timedelta(minutes=30), pass_returned=False)
    assert reconciliation(admin).passes_out == ("1", "2")
    assert check_in(kiosk, visit(kiosk, "来訪 三郎")).pass_number == "3"
    record_pass_returned(admin, first)
    with pytest.raises(ValidationError, match="未返却の入館証はありません"):
        record_pass_returned(admin, first)
    pass_two = next(p for p in list_passes(admin) if p.number == "2")
    with pytest.raises(ValidationError, match="理由"):
        retire_pass(admin, pass_two.id, "")
    retire_pass(admin, pass_two.id, "紛失")
    assert reconciliation(admin).passes_out == ("3",)
    assert "入館証 2 は返却されず使用中止（紛失" in get_entry(admin, second).notes
    assert check_in(kiosk, visit(kiosk, "来訪 四郎")).pass_number == "1"  # 2 is no longer handed out
    assert check_in(kiosk, visit(kiosk, "来訪 五郎")).pass_number == "4"


def test_passes_are_registered_once_each(desk):
    _kiosk, admin = desk
    with pytest.raises(ValidationError, match="すでに登録されています: 1・2"):
        add_passes(admin, ["1", "2", "6"])
    with pytest.raises(ValidationError, match="同じ番号が2回"):
        add_passes(admin, ["7", "７"])
    add_passes(admin, ["V-10", "V-9"])
    assert [p.number for p in list_passes(admin)][-2:] == ["V-10", "V-9"]  # in the order registered


def test_a_visit_from_the_paper_sheet_keeps_its_own_times(desk):
    _kiosk, admin = desk
    entry = register_by_hand(admin, paper())
    assert entry.entered_at == NOW - dt.timedelta(days=3, hours=1) and entry.held_pass is None
    assert entry.notes == "記録票（紙）から入力" and entry.checkout_method == BY_HAND
    with pytest.raises(ValidationError, match="退室時刻: これから先の時刻は記録できません"):
        register_by_hand(admin, paper(left_at=NOW + dt.timedelta(hours=1)))
    with pytest.raises(ValidationError, match="入室時刻: 入室した日時を入力してください"):
        register_by_hand(admin, paper(entered_at=None))


def test_home_page_reconciles_the_passes_at_the_closing_hour(desk):
    kiosk, admin = desk
    assert not [i for i in attention_items(admin) if i.feature == "visitors"]
    check_in(kiosk, visit(kiosk))
    items = [i for i in attention_items(admin) if i.feature == "visitors"]
    assert [i.text for i in items] == ["いま館内にいる来訪者は 1 名です。"] and items[0].severity == "info"
    clock.advance(dt.timedelta(hours=7, minutes=30))  # 17:30, past the closing hour (17)
    items = [i for i in attention_items(admin) if i.feature == "visitors"]
    assert items[0].text == "本日の入館証の照合: 館内の来訪者 1 名、未返却の入館証 1 枚（1）。"
    assert items[0].severity == "warning" and items[0].page == "visitors" and items[0].focus == "reconcile"
    clock.advance(dt.timedelta(days=1))
    texts = [i.text for i in attention_items(admin) if i.feature == "visitors"]
    assert texts[0] == "前日以前の来訪者 1 名の退室が記録されていません。実際の退室時刻を記録してください。"
    save_feature_settings(admin, {CLOSING_HOUR_KEY: 20})
    assert reconciliation(admin).closing is False


def test_the_kiosk_account_gets_no_home_items(desk, db):
    kiosk, _admin = desk
    check_in(kiosk, visit(kiosk))
    assert not [i for i in attention_items(kiosk) if i.feature == "visitors"]
    someone = Workspace(db, Actor(None, "受付", frozenset({RECEPTION})))
    assert not [i for i in attention_items(someone) if i.feature == "visitors"]


def test_entries_carry_japanese_audit_labels():
    from pcdesk.visitors.model import VisitorPass

    for model in (VisitorEntry, VisitorCorrection, VisitorPass):
        assert model.__audit_label__
        columns = {c.key for c in model.__table__.columns} - {"id"}
        assert columns <= set(model.__field_labels__), columns - set(model.__field_labels__)
