"""The 従業者 register: what is stored, what is refused, who may change it, who sees it."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk import registry
from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.capabilities import PEOPLE
from pcdesk.company.service import add_department
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.pledges.model import DISPATCHED, REGULAR
from pcdesk.pledges.service import (WorkerFilter, create_worker, delete_worker, find_worker, list_workers,
                                    record_leaving, save_workers, update_worker)
from pcdesk.services import RECEPTION, STAFF, Actor


@pytest.fixture
def office(setup_ws):
    dept = add_department(setup_ws, "営業部").id
    return setup_ws, dept


def _worker(dept, **over):
    values = {"number": "0012", "name": "山田 太郎", "kana": "ヤマダ タロウ", "department_id": dept,
              "employment": REGULAR, "joined_on": dt.date(2020, 4, 1)}
    values.update(over)
    return values


def test_names_and_numbers_are_stored_normalised(office):
    ws, dept = office
    w = create_worker(ws, _worker(dept, number="００１２", name="山田　　太郎 ", kana="やまだ　ﾀﾛｳ",
                                  email="ＹＡＭＡＤＡ@example.co.jp", employment="正社員", joined_on="2020/4/1"))
    assert (w.number, w.name, w.kana, w.email) == ("0012", "山田 太郎", "ヤマダ タロウ", "YAMADA@example.co.jp")
    assert w.joined_on == dt.date(2020, 4, 1) and w.employment == REGULAR
    assert find_worker(ws, "００１２").id == w.id


def test_bad_values_are_refused_naming_the_field_and_the_fix(office):
    ws, dept = office
    create_worker(ws, _worker(dept))
    with pytest.raises(ValidationError) as err:
        create_worker(ws, _worker(dept, name="", employment=DISPATCHED, left_on=dt.date(2019, 1, 1),
                                  email="yamada", department_id=999))
    text = err.value.message
    assert "社員番号: 「0012」はすでに 山田 太郎 さんの番号です。" in text
    assert "氏名: 入力してください（例: 山田 太郎）。" in text
    assert "派遣元・所属会社: 派遣社員は派遣元を入力してください" in text
    assert "退職日: 入社日より前になっています。" in text
    assert "メールアドレス: メールアドレスの形式ではありません" in text
    assert "所属: 「999」という部門はありません。" in text
    with pytest.raises(ValidationError, match="氏名: 100文字以内にしてください（いまは500文字です）"):
        create_worker(ws, _worker(dept, number="9", name="山" * 500))
    with pytest.raises(ValidationError, match="雇用区分: 「アルバイト様」は選べません"):
        create_worker(ws, _worker(dept, number="9", employment="アルバイト様"))
    assert len(list_workers(ws)) == 1


def test_only_an_administrator_changes_the_register_and_reception_sees_none_of_it(office):
    ws, dept = office
    w = create_worker(ws, _worker(dept))
    staff = ws.as_actor(Actor(5, "担当 一郎", frozenset({STAFF})))
    assert [x.name for x in list_workers(staff)] == ["山田 太郎"]
    with pytest.raises(PermissionDenied, match="管理者"):
        update_worker(staff, w.id, {"name": "別人"})
    with pytest.raises(PermissionDenied):
        list_workers(ws.as_actor(Actor(6, "受付 花子", frozenset({RECEPTION}))))


def test_a_leaver_is_kept_search_finds_kana_and_number(office):
    ws, dept = office
    create_worker(ws, _worker(dept))
    w2 = create_worker(ws, _worker(dept, number="0013", name="佐藤 花子", kana="サトウ ハナコ"))
    record_leaving(ws, w2.id, dt.date(2026, 10, 31))
    assert [w.number for w in list_workers(ws)] == ["0012"]
    assert [w.number for w in list_workers(ws, WorkerFilter(include_left=True))] == ["0012", "0013"]
    assert [w.number for w in list_workers(ws, WorkerFilter(only_left=True))] == ["0013"]
    assert [w.name for w in list_workers(ws, WorkerFilter(text="やまだ"))] == ["山田 太郎"]
    assert [w.name for w in list_workers(ws, WorkerFilter(text="0012"))] == ["山田 太郎"]
    assert [w.name for w in list_workers(ws, WorkerFilter(text="山田太郎"))] == ["山田 太郎"]


def test_people_lists_workers_for_the_kiosk_and_take_out(office):
    ws, dept = office
    create_worker(ws, _worker(dept))
    w2 = create_worker(ws, _worker(dept, number="0013", name="佐藤 花子", kana="サトウ ハナコ",
                                   left_on=dt.date(2026, 1, 31)))
    people = [p for provide in registry.provided(PEOPLE) for p in provide(ws)]
    mine = {p.key: p for p in people if p.key.startswith("worker:")}
    assert mine["worker:1"].name == "山田 太郎" and mine["worker:1"].department == "営業部"
    assert mine["worker:1"].kind == "正社員" and mine["worker:1"].current
    assert not mine[f"worker:{w2.id}"].current


def test_save_workers_updates_an_existing_number_instead_of_doubling_it(office):
    ws, dept = office
    create_worker(ws, _worker(dept, email="old@example.co.jp"))
    count = save_workers(ws, [_worker(dept, number="0012", name="山田 太郎", email="new@example.co.jp", kana=""),
                              _worker(dept, number="0020", name="新人 次郎", kana="")])
    assert (count.created, count.updated) == (1, 1)
    workers = {w.number: w for w in list_workers(ws)}
    assert len(workers) == 2
    assert workers["0012"].email == "new@example.co.jp"
    assert workers["0012"].kana == "ヤマダ タロウ"  # an empty cell does not erase what was there


def test_changes_read_in_japanese_in_the_audit_trail(office):
    ws, dept = office
    w = create_worker(ws, _worker(dept))
    update_worker(ws, w.id, {"email": "yamada@example.co.jp"})
    mine = fetch_page(ws, AuditFilter(record_type="pledge_worker"))
    assert [e.summary for e in mine] == ["0012 山田 太郎", "0012 山田 太郎"]
    cells = mine[0].cells()
    assert cells[4] == "従業者" and "メールアドレス: " in cells[7] and "yamada@example.co.jp" in cells[7]


def test_only_a_mistake_is_deleted_never_someone_with_a_pledge(office):
    from pcdesk.pledges.pledging import record_pledge

    ws, dept = office
    typo = create_worker(ws, _worker(dept, number="0099", name="山田 太朗"))
    kept = create_worker(ws, _worker(dept))
    record_pledge(ws, kept.id, {"kind": "joining", "signed_on": dt.date(2026, 4, 1), "collected_by": "伊藤",
                                "original_location": "キャビネットA"})
    delete_worker(ws, typo.id)
    with pytest.raises(ValidationError, match="誓約書の記録があるため削除できません"):
        delete_worker(ws, kept.id)
    assert [w.number for w in list_workers(ws)] == ["0012"]


def test_another_feature_can_add_its_own_import_target():
    from pcdesk.cli import build_parser, command_group

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    group = command_group(sub, "import", "ファイルから取り込む")
    group.add_parser("things").set_defaults(handler=lambda args: 0)
    assert parser.parse_args(["import", "things"]).handler(None) == 0
    assert parser.parse_args(["import", "workers", "x.csv", "--valid-only"]).valid_only
