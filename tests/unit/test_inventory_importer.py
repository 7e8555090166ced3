"""Importing an existing Excel 台帳: header detection, mapping, row problems, atomic commit."""

import datetime as dt

import pytest
from openpyxl import Workbook

from pcdesk.company.service import add_department
from pcdesk.dates import today
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.inventory.importer import (WorkbookError, commit, preview, propose_mapping, read_workbook,
                                       unmapped_required)
from pcdesk.inventory.service import EntryFilter, department_names, list_entries, list_revisions
from pcdesk.services import STAFF, Actor, Workspace

HEADERS = ["No.", "部署", "業務", "個人情報の名称", "対象者", "個人情報の項目", "件数（概数）", "入手方法", "利用目的",
           "媒体", "保管場所", "保管方法", "アクセス権者", "利用期間", "保存期間", "廃棄方法", "委託の有無と委託先",
           "第三者提供", "共同利用", "管理責任者", "最終見直し日", "電話番号", "備考"]


def row(number, dept, name, **changes):
    base = dict(業務="受注管理", 対象者="顧客", 項目="氏名、住所、電話番号", 件数="約1,200件", 入手方法="本人から書面で直接",
                目的="商品の発送のため", 媒体="紙・電子", 場所="営業部キャビネット", 方法="施錠保管、アクセス制限（ID・パスワード）",
                権者="営業部員", 利用="取引終了まで", 保存="5年", 廃棄="シュレッダー", 委託="有（株式会社みどり配送）",
                提供="なし", 共同="無", 責任者="営業部長", 見直し="令和6年4月1日", 電話="", 備考="")
    base.update(changes)
    return [number, dept, base["業務"], name, base["対象者"], base["項目"], base["件数"], base["入手方法"], base["目的"],
            base["媒体"], base["場所"], base["方法"], base["権者"], base["利用"], base["保存"], base["廃棄"], base["委託"],
            base["提供"], base["共同"], base["責任者"], base["見直し"], base["電話"], base["備考"]]


@pytest.fixture
def ws(setup_ws):
    add_department(setup_ws, "営業部")
    add_department(setup_ws, "人事部")
    return setup_ws


@pytest.fixture
def workbook(tmp_path):
    wb = Workbook()
    wb.active.title = "表紙"
    wb.active["A1"] = "個人情報管理台帳（2024年度版）"
    sheet = wb.create_sheet("台帳")
    sheet.append(["個人情報管理台帳", None, None, "株式会社テスト"])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(row("A-01", "営業部", "顧客名簿"))  # row 4
    sheet.append(row("A-02", "人事部", "健康診断結果", 対象者="従業者", 項目="氏名、健康診断結果", 件数=85, 媒体="紙",
                     委託="なし", 見直し=dt.datetime(2025, 3, 1)))
    sheet.append([])  # row 6: blank, skipped
    sheet.append(row("A-03", "経理部", "請求書控え"))  # row 7: unknown department
    sheet.append(row("A-04", "営業部", "見込客リスト", 件数="不明"))  # row 8
    sheet.append(row("A-01", "営業部", "名刺"))  # row 9: duplicate number
    sheet.append(row("A-05", "営業部", "展示会アンケート", 媒体="クラウド", 利用=""))  # row 10: two problems
    path = tmp_path / "旧台帳.xlsx"
    wb.save(path)
    return path


def test_the_header_row_is_found_and_columns_are_proposed_by_name(workbook):
    sheet = read_workbook(workbook)
    assert (sheet.sheet_name, sheet.header_row, sheet.sheet_names) == ("台帳", 3, ["表紙", "台帳"])
    mapping = propose_mapping(sheet.headers)
    named = {sheet.headers[i]: key for i, key in mapping.items()}
    assert named == {
        "No.": "number", "部署": "department_id", "業務": "business_process", "個人情報の名称": "name",
        "対象者": "subject_kinds", "個人情報の項目": "items", "件数（概数）": "record_count", "入手方法": "acquisition",
        "利用目的": "purpose", "媒体": "media", "保管場所": "storage_location", "保管方法": "protection",
        "アクセス権者": "access_holders", "利用期間": "use_period", "保存期間": "retention", "廃棄方法": "disposal",
        "委託の有無と委託先": "consigned", "第三者提供": "third_party", "共同利用": "joint_use",
        "管理責任者": "manager", "最終見直し日": "last_reviewed_on", "備考": "notes",
    }  # 「電話番号」 is not taken for 管理番号
    assert unmapped_required(mapping) == []
    del mapping[HEADERS.index("部署")]
    assert unmapped_required(mapping) == ["管理部門"]
    assert unmapped_required(mapping, {"department_id": 1}) == []


def test_rows_that_do_not_fit_are_listed_and_nothing_is_saved_before_confirming(ws, workbook):
    sheet = read_workbook(workbook)
    result = preview(ws, sheet, propose_mapping(sheet.headers))
    assert [r.row for r in result.good] == [4, 5]
    assert result.blank_rows == 1
    assert [str(p) for p in result.problems] == [
        "7行目 管理部門: 「経理部」は登録されていません。先に部門を追加するか、部門名を合わせてください。",
        "8行目 件数（概数）: 「不明」は件数として読めません。おおよその数を入れてください（例: 約500件 → 500）。",
        "9行目 管理番号: 「A-01」が4行目と重複しています。",
        "10行目 媒体: 「クラウド」は媒体として読めません。紙・電子・両方 のいずれかにしてください。",
        "10行目 利用期限: 入力してください（例: 退職まで、契約終了まで）。",
    ]
    assert result.summary() == "取り込める行: 2件、取り込めない行: 4件（7・8・9・10行目）。"
    assert list_entries(ws, EntryFilter(status=None)) == []  # preview saves nothing

    entries = commit(ws, result)
    assert [(e.number, e.name) for e in entries] == [("A-01", "顧客名簿"), ("A-02", "健康診断結果")]
    first, second = list_entries(ws)
    assert (first.record_count, first.media, first.consigned, first.consignee) == (1200, "both", True, "株式会社みどり配送")
    assert first.protection == ["施錠保管", "アクセス制限（ID・パスワード）"]
    assert first.last_reviewed_on == dt.date(2024, 4, 1)
    assert (first.third_party, first.joint_use, first.category) == (False, False, "retained")
    assert (second.is_sensitive, second.last_reviewed_on, second.consigned) == (True, dt.date(2025, 3, 1), False)
    assert list_revisions(ws, first.id)[0].reason == "Excel台帳から取込（旧台帳.xlsx 4行目）"


def test_a_later_problem_rolls_back_the_whole_import(ws, workbook):
    sheet = read_workbook(workbook)
    mapping = propose_mapping(sheet.headers)
    stale = preview(ws, sheet, mapping)
    commit(ws, preview(ws, sheet, mapping))
    with pytest.raises(ValidationError, match="4行目 管理番号: 「A-01」はすでに使われています。"):
        commit(ws, stale)  # confirmed too late: someone imported the same rows meanwhile
    assert len(list_entries(ws)) == 2


def test_fixed_values_fill_columns_the_old_ledger_lacks(ws, tmp_path):
    wb = Workbook()
    wb.active.append(["個人情報名", "項目", "件数", "目的", "媒体", "保管場所"])
    wb.active.append(["名刺", "氏名/会社名", "300件", "連絡のため", "紙", "各自の名刺入れ"])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    sheet = read_workbook(path)
    mapping = propose_mapping(sheet.headers)
    missing = unmapped_required(mapping)
    assert missing == ["管理部門", "業務名", "本人の区分", "取得方法", "保管方法", "アクセス権者", "利用期限", "保管期限",
                       "廃棄方法", "管理責任者"]
    bad = preview(ws, sheet, mapping)
    assert bad.good == [] and {p.field for p in bad.problems} >= {"管理部門", "利用期限"}
    dept = {name: i for i, name in department_names(ws).items()}["営業部"]
    defaults = dict(department_id=dept, business_process="営業活動", subject_kinds=["取引先担当者"],
                    acquisition=["本人から書面で直接"], protection=["施錠保管"], access_holders="営業部員",
                    use_period="取引終了まで", retention="1年", disposal=["シュレッダー"], manager="営業部長")
    good = preview(ws, sheet, mapping, defaults)
    assert good.problems == []
    (entry,) = commit(ws, good)
    assert (entry.number, entry.items, entry.record_count) == ("PI-0001", ["氏名", "会社名"], 300)


def test_only_the_admin_imports_and_unreadable_files_say_why(ws, workbook, tmp_path):
    staff = Workspace(ws.db, Actor(None, "担当", frozenset({STAFF})))
    sheet = read_workbook(workbook)
    with pytest.raises(PermissionDenied):
        preview(staff, sheet, propose_mapping(sheet.headers))
    not_excel = tmp_path / "memo.xlsx"
    not_excel.write_text("これはメモです", encoding="utf-8")
    with pytest.raises(WorkbookError, match="memo.xlsx を Excel ファイル（.xlsx）として開けません。壊れているか"):
        read_workbook(not_excel)
    wb = Workbook()
    wb.active.append(["売上", "金額"])
    wb.save(tmp_path / "sales.xlsx")
    with pytest.raises(WorkbookError, match="見出し行.*見つかりません"):
        read_workbook(tmp_path / "sales.xlsx")
    with pytest.raises(WorkbookError, match="シート「なし」がありません"):
        read_workbook(workbook, "なし")


@pytest.mark.parametrize("name, content, message", [
    ("ない.xlsx", None, "ファイル「ない.xlsx」が見つかりません（場所: {folder}）。ファイルの場所と名前を確かめてください。"),
    ("台帳.csv", "管理番号,名称\n", "台帳.csv は CSV・テキストのファイルです。Excel で開き、「名前を付けて保存」で"
                                  "「Excel ブック (*.xlsx)」を選んで保存し直してください。"),
    ("台帳.xls", "x", "台帳.xls は古い Excel 形式（.xls）です。Excel で開き、「名前を付けて保存」で"
                     "「Excel ブック (*.xlsx)」を選んで保存し直してください。"),
    ("台帳.xlsx", "これはメモです", "台帳.xlsx を Excel ファイル（.xlsx）として開けません。壊れているか、パスワード付き・"
                              "別の形式のファイルです。パスワード付きなら解除してから、Excel で開き、「名前を付けて保存」で"
                              "「Excel ブック (*.xlsx)」を選んで保存し直してください。"),
])
def test_a_file_that_cannot_be_opened_says_why_in_japanese(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    assert str(err.value) == message.format(folder=tmp_path)
    assert not any(word in str(err.value) for word in ("Error", "Exception", "BadZip", "Invalid"))


def test_formula_cells_are_read_as_their_label_or_named(ws, tmp_path):
    wb = Workbook()
    wb.active.append(HEADERS)
    wb.active.append(row("F-01", "営業部", "顧客名簿", 場所='=HYPERLINK("file://srv/営業","営業部共有フォルダ")'))
    wb.active.append(row("F-02", "営業部", "名刺", 目的='=CONCATENATE("連絡","のため")'))
    wb.save(tmp_path / "f.xlsx")  # written by a program: no calculated values stored
    result = preview(ws, read_workbook(tmp_path / "f.xlsx"), propose_mapping(HEADERS))
    (good,) = result.good
    assert good.values["storage_location"] == "営業部共有フォルダ"
    assert [str(p) for p in result.problems] == [
        '3行目 利用目的: 数式のセルです（=CONCATENATE("連絡","のため")）。Excel で開いて、数式を値に変換して保存し直してください'
        '（コピーして「値の貼り付け」）。']


def test_command_line_import_previews_until_told_yes(db, workbook, capsys):
    from pcdesk.cli import run
    from pcdesk.demo import create_demo

    create_demo(Workspace(db), seed=1)
    before = len(list_entries(Workspace(db, Actor(None, "確認", frozenset({STAFF}))), EntryFilter(status=None)))
    path = str(db.path)
    assert run(["--db", path, "inventory", "import", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert "部署 → 管理部門" in out and "7行目 管理部門: 「経理部」は登録されていません。" in out
    assert "まだ保存していません。" in out
    reader = Workspace(db, Actor(None, "確認", frozenset({STAFF})))
    assert len(list_entries(reader, EntryFilter(status=None))) == before
    assert run(["--db", path, "inventory", "import", str(workbook), "--yes"]) == 0
    assert "2 件を個人情報管理台帳に取り込みました。" in capsys.readouterr().out
    assert len(list_entries(reader, EntryFilter(status=None))) == before + 2
    assert run(["--db", path, "inventory", "list", "--overdue"]) == 0
    assert "名刺" in capsys.readouterr().out


@pytest.mark.parametrize("cell, count", [
    ("約500件", 500), ("1,200", 1200), ("1.2万", 12000), ("３万件", 30000), ("2千", 2000), (750.0, 750),
])
def test_rough_counts_read_as_written(cell, count):
    from pcdesk.inventory.importer import _count

    assert _count(cell) == count


def test_a_retired_row_of_an_exported_ledger_comes_back_retired_without_risks(demo, tmp_path, capsys):
    from pcdesk.cli import run
    from pcdesk.inventory.analysis import list_risks

    ws, _ = demo
    path = tmp_path / "台帳.xlsx"
    assert run(["--db", str(ws.db.path), "export", "inventory_ledger", "--out", str(path)]) == 0
    sheet = read_workbook(path)
    mapping = propose_mapping(sheet.headers)
    assert mapping[sheet.headers.index("状態")] == "status"
    del mapping[sheet.headers.index("管理番号")]  # into the same company again: new numbers

    result = preview(ws, sheet, mapping)
    retired_row = next(n for n, cells in sheet.rows if "廃止" in cells)
    assert result.retired_rows == [retired_row]
    assert f"（うち廃止 1件: {retired_row}行目。廃止のまま登録し、リスクは付けません）" in result.summary()
    before = {e.id for e in list_entries(ws, EntryFilter(status=None))}
    entries = commit(ws, result)
    retired = [e for e in entries if e.status == "retired"]
    assert [e.name for e in retired] == ["セミナー参加者アンケート（2023年）"]
    (entry,) = retired
    assert entry.id not in before and entry.retired_on == today()
    assert list_risks(ws, entry_id=entry.id, include_retired=True) == []
    assert [r.reason for r in list_revisions(ws, entry.id)] == [
        f"廃止（取込元の Excel 台帳で廃止（台帳.xlsx {retired_row}行目）。廃止日の記載がないため取込日を廃止日とした）",
        f"Excel台帳から取込（台帳.xlsx {retired_row}行目）"]
    active = next(e for e in entries if e.name == "顧客名簿")
    assert active.status == "active" and list_risks(ws, entry_id=active.id)


@pytest.mark.parametrize("header, cell, status, day", [
    ("状態", "利用中", "active", None),
    ("ステータス", "廃止", "retired", None),
    ("状態", "廃止（令和7年3月31日）", "retired", dt.date(2025, 3, 31)),
    ("廃止", "○", "retired", None),
    ("廃止", "", "active", None),
    ("廃止", dt.datetime(2025, 1, 10), "retired", dt.date(2025, 1, 10)),
])
def test_the_state_column_is_read_under_its_usual_names(ws, tmp_path, header, cell, status, day):
    wb = Workbook()
    wb.active.append(HEADERS + [header])
    wb.active.append(row("B-01", "営業部", "顧客名簿") + [cell])
    wb.save(tmp_path / "s.xlsx")
    sheet = read_workbook(tmp_path / "s.xlsx")
    mapping = propose_mapping(sheet.headers)
    assert mapping[len(HEADERS)] == "status"
    (good,) = preview(ws, sheet, mapping).good
    assert (good.retired, good.retired_on) == (status == "retired", day)


def test_a_state_that_cannot_be_read_is_listed(ws, tmp_path):
    wb = Workbook()
    wb.active.append(HEADERS + ["状態", "廃止日"])
    wb.active.append(row("B-01", "営業部", "顧客名簿") + ["休止", None])
    wb.active.append(row("B-02", "営業部", "名刺") + ["利用中", "2025/3/1"])
    wb.active.append(row("B-03", "営業部", "見込客") + [None, "2025/3/1"])
    wb.save(tmp_path / "s.xlsx")
    sheet = read_workbook(tmp_path / "s.xlsx")
    result = preview(ws, sheet, propose_mapping(sheet.headers))
    assert [str(p) for p in result.problems] == [
        "2行目 状態（利用中・廃止）: 「休止」は状態として読めません。利用中・廃止 のどちらかにしてください。",
        "3行目 状態（利用中・廃止）: 利用中ですが廃止日（2025/03/01）が入っています。どちらかを直してください。",
    ]
    assert [(r.row, r.retired, r.retired_on) for r in result.good] == [(4, True, dt.date(2025, 3, 1))]


def test_every_row_of_an_exported_ledger_comes_back_in_its_class(demo, tmp_path):
    from pcdesk.inventory.classification import CATEGORIES
    from pcdesk.output.export import export_ledger

    ws, _ = demo
    path = tmp_path / "台帳.xlsx"
    export_ledger(ws, "inventory_ledger", "xlsx", path)
    sheet = read_workbook(path)
    mapping = propose_mapping(sheet.headers)
    assert mapping[sheet.headers.index("区分")] == "category"
    del mapping[sheet.headers.index("管理番号")]
    result = preview(ws, sheet, mapping)
    assert result.problems == []  # the 非該当 row too: its 区分 says nobody is identified
    names = {e.name: e.category for e in list_entries(ws, EntryFilter(status=None))}
    entries = commit(ws, result)
    assert [(e.name, CATEGORIES[e.category]) for e in entries] == [
        (e.name, CATEGORIES[names[e.name]]) for e in entries]
    assert {CATEGORIES[e.category] for e in entries} == set(CATEGORIES.values())


def test_a_class_that_cannot_be_read_is_listed(ws, tmp_path):
    wb = Workbook()
    wb.active.append(HEADERS + ["区分"])
    wb.active.append(row("B-01", "営業部", "顧客名簿") + ["機密"])
    wb.active.append(row("B-02", "営業部", "伝言メモ") + ["個人情報"])
    wb.save(tmp_path / "s.xlsx")
    sheet = read_workbook(tmp_path / "s.xlsx")
    result = preview(ws, sheet, propose_mapping(sheet.headers))
    assert [str(p) for p in result.problems] == [
        "2行目 区分（非該当・個人情報・個人データ・保有個人データ）: 「機密」は区分として読めません。"
        "非該当・個人情報・個人データ・保有個人データ のいずれかにしてください。"]
    (memo,) = commit(ws, result)
    assert memo.category == "personal"  # not organised, as the old ledger said
