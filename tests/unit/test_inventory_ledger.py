"""The 個人情報管理台帳: entries, revisions, filters, annual review, retirement, demo data, rows."""

import datetime as dt

import pytest

from pcdesk import clock
from pcdesk.company.service import add_department
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.home import attention_items
from pcdesk.inventory.classification import NOT_PERSONAL, PERSONAL, PERSONAL_DATA, RETAINED
from pcdesk.inventory.ledgers import inventory_ledger_rows, inventory_survey_rows
from pcdesk.inventory.service import (EntryFilter, add_months, create_entry, get_entry, list_entries,
                                      list_revisions, mark_reviewed, reactivate_entry, retire_entry,
                                      update_entry)
from pcdesk.output.registry import LedgerQuery, declaration, ledger_ids
from pcdesk.output.spec import load_ledger_spec
from pcdesk.services import RECEPTION, STAFF, Actor, Workspace
from pcdesk.settings import load_settings, save_settings


@pytest.fixture
def ws(setup_ws):
    setup_ws.sales = add_department(setup_ws, "営業部").id
    setup_ws.hr = add_department(setup_ws, "人事部").id
    return setup_ws


def values(dept, **changes):
    v = dict(department_id=dept, business_process="受注管理", name="顧客名簿", subject_kinds=["顧客"],
             items=["氏名", "住所", "電話番号"], record_count=500, acquisition=["本人から書面で直接"],
             purpose="商品の発送のため", media="electronic", storage_location="販売管理システム",
             protection=["アクセス制限（ID・パスワード）"], access_holders="営業部員", use_period="取引終了まで",
             retention="取引終了後5年", disposal=["データ消去ソフト"], organised=True, manager="営業部長")
    v.update(changes)
    return v


def test_entries_get_the_next_number_and_their_class(ws):
    a = create_entry(ws, values(ws.sales))
    b = create_entry(ws, values(ws.hr, name="健康診断結果", items=["氏名", "健康診断結果"]))
    c = create_entry(ws, values(ws.hr, name="給与", items=["氏名", "マイナンバー"], held_for_client=True))
    assert [a.number, b.number, c.number] == ["PI-0001", "PI-0002", "PI-0003"]
    assert (a.category, a.is_sensitive, a.is_specific) == (RETAINED, False, False)
    assert (b.category, b.is_sensitive, b.sensitive_items) == (RETAINED, True, ["健康診断結果"])
    assert (c.category, c.is_specific) == (PERSONAL_DATA, True)
    assert a.last_reviewed_on == clock.today()  # registering it is its first review


def test_a_bad_entry_names_every_field_and_saves_nothing(ws):
    with pytest.raises(ValidationError) as err:
        create_entry(ws, values(ws.sales, name="", record_count=-3, consigned=True, consignee=""))
    assert str(err.value).splitlines() == [
        "個人情報の名称: 入力してください（例: 顧客名簿、応募者の履歴書）。",
        "件数（概数）: 0〜100,000,000 の範囲で、おおよその件数を入力してください。",
        "委託先: 委託先の名称を入力してください（例: 株式会社○○運輸）。",
    ]
    with pytest.raises(ValidationError, match="管理部門: 部門が見つかりません"):
        create_entry(ws, values(999))
    assert list_entries(ws, EntryFilter(status=None)) == []


@pytest.mark.parametrize("count, ok", [
    (0, True), (100_000_000, True), (100_000_001, False), (10**12, False), (99999999999999999999, False), (-1, False),
])
def test_a_count_outside_the_range_says_the_range(count, ok):
    from pcdesk.inventory.rules import problems as check

    problems = [str(p) for p in check({"record_count": count}, ["record_count"])]
    assert problems == ([] if ok else ["件数（概数）: 0〜100,000,000 の範囲で、おおよその件数を入力してください。"])


def test_editing_keeps_a_revision_history(ws):
    entry = create_entry(ws, values(ws.sales))
    update_entry(ws, entry.id, {"record_count": 1200, "protection": ["アクセス制限（ID・パスワード）", "暗号化"]},
                 reason="新システム移行")
    update_entry(ws, entry.id, {"record_count": 1200})  # nothing changed: no new revision
    update_entry(ws, entry.id, {"consigned": True, "consignee": "株式会社みどり配送"})
    revs = list_revisions(ws, entry.id)
    assert [r.revision for r in revs] == [3, 2, 1]
    assert revs[2].reason == "新規登録" and revs[2].changes == []
    assert revs[1].reason == "新システム移行"
    assert revs[1].changes == [("件数（概数）", "約500件", "約1,200件"),
                               ("保管方法", "アクセス制限（ID・パスワード）", "アクセス制限（ID・パスワード）、暗号化")]
    assert revs[0].reason == "内容の変更"
    assert revs[0].changes == [("委託の有無", "なし", "あり"), ("委託先", "", "株式会社みどり配送")]
    assert get_entry(ws, entry.id).revision == 3


def test_an_edit_that_makes_data_held_for_a_client_changes_its_class(ws):
    entry = create_entry(ws, values(ws.sales))
    changed = update_entry(ws, entry.id, {"held_for_client": True}, reason="受託業務と判明")
    assert changed.category == PERSONAL_DATA
    changed = update_entry(ws, entry.id, {"organised": False})
    assert changed.category == PERSONAL


def test_filters_by_department_class_flags_and_text(ws):
    create_entry(ws, values(ws.sales))
    create_entry(ws, values(ws.hr, name="健康診断結果", items=["氏名", "健康診断結果"]))
    create_entry(ws, values(ws.hr, name="給与とマイナンバー", items=["氏名", "マイナンバー"]))
    create_entry(ws, values(ws.hr, name="伝言メモ", organised=False))
    names = lambda f: [e.name for e in list_entries(ws, f)]  # noqa: E731
    assert names(EntryFilter(department_id=ws.hr)) == ["健康診断結果", "給与とマイナンバー", "伝言メモ"]
    assert names(EntryFilter(category=PERSONAL)) == ["伝言メモ"]
    assert names(EntryFilter(sensitive=True)) == ["健康診断結果"]
    assert names(EntryFilter(specific=True)) == ["給与とマイナンバー"]
    assert names(EntryFilter(text="マイナンバー")) == ["給与とマイナンバー"]
    assert names(EntryFilter(text="PI-0001")) == ["顧客名簿"]


def test_annual_review_flags_entries_not_reviewed_within_the_interval(ws):
    today = clock.today()
    old = create_entry(ws, values(ws.sales, name="名刺"), reviewed_on=add_months(today, -12))
    create_entry(ws, values(ws.sales, name="顧客名簿"), reviewed_on=add_months(today, -11))
    overdue = lambda: [e.name for e in list_entries(ws, EntryFilter(review_overdue=True))]  # noqa: E731
    assert overdue() == ["名刺"]
    assert [e.name for e in list_entries(ws, EntryFilter(review_overdue=False))] == ["顧客名簿"]
    texts = [a.text for a in attention_items(ws)]
    assert "個人情報管理台帳に 12か月以上見直していない項目が 1 件あります。" in texts

    settings = load_settings(ws)
    settings.review_interval_months = 6
    save_settings(ws, settings)
    assert overdue() == ["名刺", "顧客名簿"]

    assert mark_reviewed(ws, [old.id], note="項目に変更なし") == 1
    reviewed = get_entry(ws, old.id)
    assert reviewed.last_reviewed_on == today and reviewed.reviewed_by == ws.actor.name
    assert list_revisions(ws, old.id)[0].reason == "見直し（項目に変更なし）"
    assert overdue() == ["顧客名簿"]
    with pytest.raises(ValidationError, match="最終見直し日: 未来の日付は指定できません。"):
        mark_reviewed(ws, [old.id], on=today + dt.timedelta(days=1))


def test_retiring_keeps_the_entry_marked_retired(ws):
    entry = create_entry(ws, values(ws.sales, name="旧アンケート"), reviewed_on=add_months(clock.today(), -20))
    with pytest.raises(ValidationError, match="廃止の理由: 入力してください"):
        retire_entry(ws, entry.id, " ")
    retire_entry(ws, entry.id, "全件シュレッダー廃棄")
    assert list_entries(ws) == []  # the working list shows entries in use
    kept = list_entries(ws, EntryFilter(status="retired"))
    assert [(e.name, e.status, e.retired_reason) for e in kept] == [("旧アンケート", "retired", "全件シュレッダー廃棄")]
    assert list_entries(ws, EntryFilter(review_overdue=True, status=None)) == []  # not asked to review
    row = next(inventory_ledger_rows(ws, LedgerQuery()))
    assert row["status"] == "retired"
    assert load_ledger_spec("inventory_ledger").columns[-1].choice_label(row["status"]) == "廃止"
    assert list_revisions(ws, entry.id)[0].changes == [("状態", "利用中", "廃止")]
    with pytest.raises(ValidationError, match="すでに廃止"):
        retire_entry(ws, entry.id, "再度")
    reactivate_entry(ws, entry.id, "誤って廃止")
    assert [e.name for e in list_entries(ws)] == ["旧アンケート"]


def test_roles(ws):
    entry = create_entry(ws, values(ws.sales))
    staff = Workspace(ws.db, Actor(None, "担当", frozenset({STAFF})))
    reception = Workspace(ws.db, Actor(None, "受付", frozenset({RECEPTION})))
    update_entry(staff, entry.id, {"record_count": 10})
    with pytest.raises(PermissionDenied, match="管理者"):
        retire_entry(staff, entry.id, "廃棄")
    with pytest.raises(PermissionDenied):
        list_entries(reception)
    with pytest.raises(PermissionDenied):
        create_entry(reception, values(ws.sales))


def test_survey_sheet_shows_one_department_in_use(ws):
    create_entry(ws, values(ws.sales))
    create_entry(ws, values(ws.hr, name="従業者名簿", subject_kinds=["従業者"]))
    rows = list(inventory_survey_rows(ws, LedgerQuery(filters={"department_id": ws.hr})))
    assert [(r["department"], r["name"], r["subject_kinds"]) for r in rows] == [("人事部", "従業者名簿", "従業者")]


# -- the demo company -------------------------------------------------------------------

EXPECTED_DEMO = {
    # name: (class, 要配慮, 特定個人情報)
    "顧客名簿": (RETAINED, False, False),
    "見込客リスト": (RETAINED, False, False),
    "名刺": (RETAINED, False, False),
    "応募者の履歴書": (RETAINED, False, False),
    "従業者名簿": (RETAINED, False, False),
    "健康診断結果": (RETAINED, True, False),
    "給与とマイナンバー": (RETAINED, False, True),
    "委託元（あおば通販）の会員データ": (PERSONAL_DATA, False, False),
    "問い合わせメール": (RETAINED, False, False),
    "電話の伝言メモ": (PERSONAL, False, False),
    "退職者名簿": (RETAINED, False, False),
    "採用応募の集計表（年齢層・人数のみ）": (NOT_PERSONAL, False, False),
    "セミナー参加者アンケート（2023年）": (RETAINED, False, False),
}


def test_demo_entries_have_the_right_class_and_flags(demo):
    ws, _ = demo
    entries = list_entries(ws, EntryFilter(status=None))
    assert {e.name: (e.category, e.is_sensitive, e.is_specific) for e in entries} == EXPECTED_DEMO
    rows = {r["name"]: r for r in inventory_ledger_rows(ws, LedgerQuery())}
    spec = {c.key: c for c in load_ledger_spec("inventory_ledger").columns}
    shown = lambda name, key: spec[key].choice_label(rows[name][key])  # noqa: E731
    assert shown("健康診断結果", "sensitive") == "○" and shown("健康診断結果", "specific") == ""
    assert shown("給与とマイナンバー", "specific") == "○"
    assert shown("委託元（あおば通販）の会員データ", "category") == "個人データ"
    assert shown("電話の伝言メモ", "category") == "個人情報"
    assert shown("採用応募の集計表（年齢層・人数のみ）", "category") == "非該当"
    assert shown("セミナー参加者アンケート（2023年）", "status") == "廃止"
    assert rows["給与とマイナンバー"]["consignment"] == "あり（社会保険労務士法人さくら事務所（給与計算））"


def test_demo_flags_two_entries_for_review_on_the_home_page(demo):
    ws, _ = demo
    overdue = [e.name for e in list_entries(ws, EntryFilter(review_overdue=True))]
    assert sorted(overdue) == ["名刺", "退職者名簿"]
    assert any(a.page == "inventory" and a.count == 2 for a in attention_items(ws))


# -- the ledger definition covers DOMAIN.md §1 ----------------------------------------------

DOMAIN_FIELDS = ["管理番号", "管理部門", "業務名", "個人情報の名称", "本人の区分", "主な項目", "件数", "取得方法",
                 "利用目的", "媒体", "保管場所", "保管方法", "アクセス権者", "利用期限", "保管期限", "廃棄方法",
                 "委託の有無", "委託先", "第三者提供の有無", "提供先", "共同利用の有無", "管理責任者", "最終見直し日",
                 "区分", "要配慮", "特定個人情報", "状態"]


def test_every_domain_field_has_a_ledger_column_and_every_column_a_value(demo):
    ws, _ = demo
    spec = load_ledger_spec("inventory_ledger")
    headers = " ".join(c.header for c in spec.columns)
    assert [f for f in DOMAIN_FIELDS if f not in headers] == []
    for ledger_id in ("inventory_ledger", "inventory_survey", "risk_analysis"):
        assert ledger_id in ledger_ids()
        keys = set(load_ledger_spec(ledger_id).keys)
        module, _, name = declaration(ledger_id).rows.partition(":")
        provider = getattr(__import__(module, fromlist=[name]), name)
        rows = list(provider(ws, LedgerQuery()))
        assert rows, ledger_id
        assert keys <= set(rows[0]), (ledger_id, keys - set(rows[0]))


def test_a_reception_only_actor_sees_nothing_of_the_inventory(db, demo):
    kiosk = Workspace(db, Actor(None, "受付", frozenset({RECEPTION})))
    assert [a for a in attention_items(kiosk) if a.page in ("inventory", "risk_analysis")] == []
    with pytest.raises(PermissionDenied):
        list(inventory_ledger_rows(kiosk, LedgerQuery()))
