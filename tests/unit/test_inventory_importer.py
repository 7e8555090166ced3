"""Importing an existing 台帳 laid out the way companies keep it: every row saved (incomplete
ones as 要確認), the legal meaning carried over and explained, ignored columns reported."""

import datetime as dt

import pytest
from openpyxl import Workbook

from pcdesk.company.service import add_department
from pcdesk.dates import today
from pcdesk.errors import PermissionDenied
from pcdesk.home import attention_items
from pcdesk.inventory.importer import ImportPlan, WorkbookError, commit, preview, read
from pcdesk.inventory.service import EntryFilter, department_names, list_entries, list_revisions, missing_labels
from pcdesk.services import STAFF, Actor, Workspace

from tests.unit import inventory_layouts as layouts


@pytest.fixture
def ws(setup_ws):
    for name in ("営業部", "人事部", "総務部"):
        add_department(setup_ws, name)
    return setup_ws


def imported(ws, path, **plan_changes):
    table = read(path)
    plan = ImportPlan.proposed(table)
    for key, value in plan_changes.items():
        setattr(plan, key, value)
    result = preview(ws, table, plan)
    return table, plan, result


def by_name(ws):
    return {e.name: e for e in list_entries(ws, EntryFilter(status=None))}


def test_a_consultants_eleven_column_ledger_comes_in_whole(ws, tmp_path):
    table, plan, result = imported(ws, layouts.consultant(tmp_path / "台帳.xlsx"))
    assert table.header_rows == (4,)  # below the title and the 作成日 rows
    assert [len(result.rows), len(result.review_rows)] == [5, 5]  # nothing refused for being incomplete
    assert result.new_departments == ["経理部"]
    assert [str(g) for g in result.grouped_problems()] == [
        "件数（概数）: 件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。（9行目「たくさん」）"]
    assert ("媒体", [5, 6, 7, 8, 9]) in result.grouped_missing()
    assert ("件数（概数）", [9]) in result.grouped_missing()

    entries = commit(ws, result)
    assert len(entries) == 5
    assert "経理部" in department_names(ws).values()  # created on confirmation
    got = by_name(ws)
    customers = got["顧客名簿"]
    assert (customers.number, customers.record_count, customers.consigned, customers.category) == ("1", 1200, False, "retained")
    health = got["健康診断結果"]
    assert (health.is_sensitive, health.consigned, health.consignee) == (True, True, "○○健診センター")
    tax = got["源泉徴収票"]
    assert (tax.is_specific, tax.consigned) == (True, False)  # 委託先 「-」: no consignment
    held = got["お客様からの預かりデータ"]
    assert (held.held_for_client, held.category) == (True, "personal_data")  # 委託元から受領 → not 保有個人データ
    assert held.acquisition == ["委託元から（受託）"]
    invoices = got["請求書控え"]
    assert invoices.needs_review and "件数（概数）" in missing_labels(invoices) and "媒体" in missing_labels(invoices)
    assert invoices.media == "" and invoices.record_count == 0
    assert list_revisions(ws, customers.id)[0].reason == "台帳ファイルから取込（台帳.xlsx 5行目）"


def test_the_same_ledger_saved_as_a_shift_jis_csv_reads_the_same(ws, tmp_path):
    table, _plan, result = imported(ws, layouts.consultant_csv(tmp_path / "台帳.csv"))
    assert table.encoding == "cp932"
    assert [r.values.get("name") for r in result.rows] == ["顧客名簿", "健康診断結果", "源泉徴収票",
                                                        "お客様からの預かりデータ", "請求書控え"]
    assert [r.classification.summary() for r in result.rows] == [
        "保有個人データ", "保有個人データ（要配慮個人情報）", "保有個人データ（特定個人情報）", "個人データ", "保有個人データ"]


def test_a_two_row_grouped_heading_keeps_consignment_and_provision(ws, tmp_path):
    table, _plan, result = imported(ws, layouts.grouped(tmp_path / "grouped.xlsx"))
    assert table.header_rows == (1, 2) and table.skipped == [(3, "記入例")]
    assert [c.header for c in table.columns][5:8] == ["取得／方法", "取得／利用目的", "保管／媒体"]
    commit(ws, result)
    got = by_name(ws)
    members = got["会員名簿"]
    assert (members.consigned, members.consignee) == (True, "株式会社みどり配送")
    assert (members.third_party, members.third_party_recipient) == (True, "提携保険会社")  # 提供 ○ kept
    assert (members.media, members.storage_location, members.purpose) == ("electronic", "クラウドサーバー", "会員サービスの提供")
    cvs = got["応募者の履歴書"]
    assert (cvs.consigned, cvs.third_party, cvs.media) == (False, False, "paper")
    assert len(list_entries(ws, EntryFilter(status=None))) == 2  # the 記入例 row is not imported


def test_ipas_asset_ledger_with_sub_columns_under_one_heading(ws, tmp_path):
    table, plan, result = imported(ws, layouts.ipa(tmp_path / "ipa.xlsx"))
    assert table.header_rows == (2, 3)
    named = {c.header: key for c, key in result.columns}
    assert named["個人情報の種類／個人情報"] == "identifiable"
    assert named["個人情報の種類／要配慮個人情報"] == "sensitive_declared"
    assert named["個人情報の種類／特定個人情報"] == "specific_declared"
    assert [c.header for c in plan.ignored(table)] == ["評価値／機密性", "評価値／完全性", "評価値／可用性", "重要度"]
    verdicts = {r.values["name"]: r.verdict() for r in result.rows}
    assert verdicts == {"従業員名簿": "保有個人データ", "ストレスチェック集計": "保有個人データ（要配慮個人情報）",
                        "給与所得の源泉徴収票": "保有個人データ（特定個人情報）", "見積書控え": "個人情報に該当しない"}
    reasons = {r.values["name"]: r.notes for r in result.rows}
    assert any("ストレスチェック" in n for n in reasons["ストレスチェック集計"])
    commit(ws, result)
    got = by_name(ws)
    staff = got["従業員名簿"]
    assert (staff.media, staff.storage_location, staff.last_reviewed_on) == ("electronic", "事務所PC", dt.date(2024, 4, 1))
    assert got["給与所得の源泉徴収票"].media == "both"
    assert got["ストレスチェック集計"].last_reviewed_on == dt.date(2024, 4, 1)  # 令和6年4月1日
    assert not got["見積書控え"].needs_review  # nobody identified: nothing more to ask


def test_another_tools_21_columns_with_marks_and_restarting_numbers(ws, tmp_path):
    _t, _p, first = imported(ws, layouts.consultant(tmp_path / "a.xlsx"))
    commit(ws, first)
    table, plan, result = imported(ws, layouts.tool(tmp_path / "tool.xlsx"), keep_ignored=True)
    assert len(table.columns) == 21
    assert plan.mapping[layouts.TOOL_HEADING.index("分類")] is None  # 顧客情報・採用情報 are not the legal 区分
    assert [r.source_number for r in result.rows] == ["1", "2", "3"]  # already used by the first file
    assert "管理番号の振り直し 3件" in result.summary()
    entries = commit(ws, result)
    assert [(e.number, e.source_number) for e in entries] == [("PI-0001", "1"), ("PI-0002", "2"), ("PI-0003", "3")]
    got = by_name(ws)
    enquiries = got["問い合わせ記録"]
    assert (enquiries.category, enquiries.consigned, enquiries.third_party) == ("retained", False, False)
    assert enquiries.notes == "分類: 顧客情報"  # the column not taken, kept in 備考 on request
    held = got["受託した会員データ"]
    assert (held.held_for_client, held.company_has_authority, held.category) == (True, False, "personal_data")
    interview = got["面接記録"]
    assert (interview.is_sensitive, interview.sensitive_items) == (True, ["病歴"])
    assert (interview.third_party, interview.third_party_recipient, interview.media) == (True, "グループ会社", "paper")


def test_review_entries_are_listed_on_the_home_page_and_filtered_in_the_ledger(ws, tmp_path):
    commit(ws, imported(ws, layouts.consultant(tmp_path / "a.xlsx"))[2])
    review = list_entries(ws, EntryFilter(needs_review=True))
    assert len(review) == 5
    (item,) = [a for a in attention_items(ws) if a.focus == "needs_review"]
    assert (item.count, item.page) == (5, "inventory")
    assert "「要確認」の項目が 5 件" in item.text


def test_filling_the_missing_fields_makes_an_entry_complete(ws, tmp_path):
    from pcdesk.inventory.service import update_entry

    commit(ws, imported(ws, layouts.consultant(tmp_path / "a.xlsx"))[2])
    entry = by_name(ws)["顧客名簿"]
    partly = update_entry(ws, entry.id, {"business_process": "受注管理"}, "業務名を追記")
    assert partly.needs_review and "業務名" not in missing_labels(partly)  # saved, still 要確認
    done = update_entry(ws, entry.id, {"subject_kinds": ["顧客"], "media": "both", "protection": ["施錠保管"],
                                       "access_holders": "営業部員", "use_period": "取引終了まで", "manager": "営業部長"},
                        "不足項目を入力")
    assert (done.needs_review, done.missing_fields) == (False, [])


def test_fixed_values_fill_columns_the_ledger_lacks(ws, tmp_path):
    path = layouts.consultant(tmp_path / "a.xlsx")
    table = read(path)
    plan = ImportPlan.proposed(table)
    plan.fixed.update(business_process="全社業務", subject_kinds=["顧客"], media="both", protection=["施錠保管"],
                      access_holders="担当部署の社員", use_period="利用目的の達成まで", manager="総務部長")
    assert plan.unmapped_required() == []
    result = preview(ws, table, plan)
    assert [r.row for r in result.review_rows] == [9]  # only the row whose 件数 cannot be read


def test_only_the_admin_imports_and_unreadable_files_say_why(ws, tmp_path):
    path = layouts.consultant(tmp_path / "a.xlsx")
    staff = Workspace(ws.db, Actor(None, "担当", frozenset({STAFF})))
    table = read(path)
    with pytest.raises(PermissionDenied):
        preview(staff, table, ImportPlan.proposed(table))
    (tmp_path / "memo.xlsx").write_text("これはメモです", encoding="utf-8")
    with pytest.raises(WorkbookError, match="memo.xlsx を Excel ファイル（.xlsx）として開けません。壊れているか"):
        read(tmp_path / "memo.xlsx")
    wb = Workbook()
    wb.active.append(["売上", "金額"])
    wb.save(tmp_path / "sales.xlsx")
    with pytest.raises(WorkbookError, match="見出し行が見つかりません"):
        read(tmp_path / "sales.xlsx")


def test_command_line_import_shows_the_decisions_and_saves_every_row_with_yes(db, tmp_path, capsys):
    from pcdesk.cli import run
    from pcdesk.demo import create_demo

    create_demo(Workspace(db), seed=1)
    reader = Workspace(db, Actor(None, "確認", frozenset({STAFF})))
    before = len(list_entries(reader, EntryFilter(status=None)))
    path = layouts.tool(tmp_path / "tool.xlsx")
    args = ["--db", str(db.path), "inventory", "import", str(path)]
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "C列: 分類 → 取り込まない" in out and "S列: 開示対象 → 開示等に応じる権限が自社にある" in out
    assert "取り込まない列: 分類（--keep-ignored で備考に残せます）" in out
    assert "要確認になる項目（取込後に入力してください）:\n  業務名: 2・3・4行目" in out
    assert "3行目 2 受託した会員データ → 個人データ　要確認" in out
    assert "まだ保存していません。" in out
    assert len(list_entries(reader, EntryFilter(status=None))) == before
    assert run(args + ["--map", "C=業務名", "--set", "保管方法=施錠保管", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "C列: 分類 → 業務名" in out and "固定値: 保管方法 = 施錠保管" in out
    assert "3 件を個人情報管理台帳に取り込みました。うち 3 件は要確認です" in out
    assert len(list_entries(reader, EntryFilter(status=None))) == before + 3
    assert run(["--db", str(db.path), "inventory", "list", "--review"]) == 0
    assert "面接記録（要確認）" in capsys.readouterr().out


def test_command_line_mapping_errors_are_japanese(db, tmp_path, capsys):
    from pcdesk.cli import run
    from pcdesk.demo import create_demo

    create_demo(Workspace(db), seed=1)
    path = layouts.tool(tmp_path / "tool.xlsx")
    assert run(["--db", str(db.path), "inventory", "import", str(path), "--map", "ZZ=利用目的"]) != 0
    assert "「ZZ」という列がありません" in capsys.readouterr().err


@pytest.mark.parametrize("cell, count", [
    ("約500件", 500), ("1,200", 1200), ("1.2万", 12000), ("３万件", 30000), ("2千", 2000), (750.0, 750),
])
def test_rough_counts_read_as_written(cell, count):
    from pcdesk.inventory.import_cells import record_count

    assert record_count(cell, None) == count


@pytest.mark.parametrize("cell, media", [
    ("書類", "paper"), ("紙媒体", "paper"), ("データ", "electronic"), ("事務所PC", "electronic"),
    ("サーバー", "electronic"), ("社外サーバー", "electronic"), ("外部記憶媒体", "electronic"), ("USB", "electronic"),
    ("書類・事務所PC", "both"), ("紙と電子", "both"),
])
def test_media_words_read_as_paper_or_electronic(cell, media):
    from pcdesk.inventory.import_cells import media as read_media

    assert read_media(cell, None) == media


@pytest.mark.parametrize("mark, value", [("○", True), ("◯", True), ("●", True), ("✓", True), ("有", True), ("あり", True),
                                         ("該当", True), ("無", False), ("なし", False), ("-", False), ("×", False)])
def test_marks_read_as_yes_or_no(mark, value):
    from pcdesk.inventory.import_cells import mark as read_mark

    assert read_mark(mark, None) is value


def test_a_retired_row_of_an_exported_ledger_comes_back_retired_without_risks(demo, tmp_path):
    from pcdesk.inventory.analysis import list_risks
    from pcdesk.output.export import export_ledger

    ws, _ = demo
    path = tmp_path / "台帳.xlsx"
    export_ledger(ws, "inventory_ledger", "xlsx", path)
    table = read(path)
    plan = ImportPlan.proposed(table)
    assert plan.mapping[table.headers.index("状態")] == "status"
    plan.mapping[table.headers.index("管理番号")] = None  # into the same company again: new numbers
    result = preview(ws, table, plan)
    retired_row = next(r.number for r in table.rows if "廃止" in r.cells)
    assert result.retired_rows == [retired_row]
    before = {e.id for e in list_entries(ws, EntryFilter(status=None))}
    entries = commit(ws, result)
    (entry,) = [e for e in entries if e.status == "retired"]
    assert entry.name == "セミナー参加者アンケート（2023年）"
    assert entry.id not in before and entry.retired_on == today()
    assert list_risks(ws, entry_id=entry.id, include_retired=True) == []
    active = next(e for e in entries if e.name == "顧客名簿")
    assert active.status == "active" and list_risks(ws, entry_id=active.id)


def test_every_row_of_an_exported_ledger_comes_back_in_its_class(demo, tmp_path):
    from pcdesk.inventory.classification import CATEGORIES
    from pcdesk.output.export import export_ledger

    ws, _ = demo
    path = tmp_path / "台帳.xlsx"
    export_ledger(ws, "inventory_ledger", "xlsx", path)
    table = read(path)
    plan = ImportPlan.proposed(table)
    assert plan.mapping[table.headers.index("区分")] == "category"
    plan.mapping[table.headers.index("管理番号")] = None
    result = preview(ws, table, plan)
    assert result.problems == [] and result.review_rows == []
    names = {e.name: e.category for e in list_entries(ws, EntryFilter(status=None))}
    entries = commit(ws, result)
    assert [(e.name, CATEGORIES[e.category]) for e in entries] == [(e.name, CATEGORIES[names[e.name]]) for e in entries]
    assert {CATEGORIES[e.category] for e in entries} == set(CATEGORIES.values())


@pytest.mark.parametrize("header, cell, status, day", [
    ("状態", "利用中", "active", None),
    ("ステータス", "廃止", "retired", None),
    ("状態", "廃止（令和7年3月31日）", "retired", dt.date(2025, 3, 31)),
    ("廃止", "○", "retired", None),
    ("廃止", dt.datetime(2025, 1, 10), "retired", dt.date(2025, 1, 10)),
])
def test_the_state_column_is_read_under_its_usual_names(ws, tmp_path, header, cell, status, day):
    wb = Workbook()
    wb.active.append(layouts.CONSULTANT_HEADING + [header])
    wb.active.append(layouts.CONSULTANT_ROWS[0] + [cell])
    wb.save(tmp_path / "s.xlsx")
    table = read(tmp_path / "s.xlsx")
    plan = ImportPlan.proposed(table)
    assert plan.mapping[len(layouts.CONSULTANT_HEADING)] == "status"
    (row,) = preview(ws, table, plan).rows
    assert (row.retired, row.retired_on) == (status == "retired", day)


def test_a_value_too_long_is_a_field_problem_and_the_row_still_comes_in(ws, tmp_path):
    wb = Workbook()
    wb.active.append(layouts.CONSULTANT_HEADING)
    wb.active.append(layouts.CONSULTANT_ROWS[0][:5] + ["目" * 10_000] + layouts.CONSULTANT_ROWS[0][6:])
    wb.save(tmp_path / "long.xlsx")
    _t, _p, result = imported(ws, tmp_path / "long.xlsx")
    assert [str(g) for g in result.grouped_problems()] == [
        "利用目的: 2,000文字以内にしてください（いまは10,000文字です）。この値は取り込まず、空欄にします。（2行目）"]
    (entry,) = commit(ws, result)
    assert entry.purpose == "" and "利用目的" in missing_labels(entry)


def test_formula_cells_are_read_as_their_label_or_named(ws, tmp_path):
    wb = Workbook()
    wb.active.append(layouts.CONSULTANT_HEADING)
    wb.active.append(layouts.CONSULTANT_ROWS[0][:7] + ['=HYPERLINK("file://srv/営業","営業部共有フォルダ")']
                     + layouts.CONSULTANT_ROWS[0][8:])
    wb.active.append(layouts.CONSULTANT_ROWS[1][:5] + ['=CONCATENATE("健康","管理")'] + layouts.CONSULTANT_ROWS[1][6:])
    wb.save(tmp_path / "f.xlsx")
    _t, _p, result = imported(ws, tmp_path / "f.xlsx")
    assert result.rows[0].values["storage_location"] == "営業部共有フォルダ"
    assert [str(p) for p in result.problems] == [
        '3行目 利用目的: 「=CONCATENATE("健康","管理")」: 数式のセルです。Excel で開いて、数式を値に変換して保存し直してください'
        '（コピーして「値の貼り付け」）。']
