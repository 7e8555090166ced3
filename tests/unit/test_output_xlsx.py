"""Excel ledgers reopened with openpyxl: what a person opening the workbook would see."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from pcdesk import clock
from pcdesk.company.service import add_department
from pcdesk.output.cells import HeaderInfo
from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery
from pcdesk.output.spec import load_ledger_spec
from pcdesk.output.xlsx import write_ledger_xlsx
from pcdesk.settings import load_settings, save_settings

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"押して\")", "+81-3-1234", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "\r=1+1", "#N/A"]


def sheet(path):
    return openpyxl.load_workbook(path).active


def test_audit_log_workbook_has_title_block_headers_and_print_setup(demo, tmp_path):
    ws, info = demo
    out = tmp_path / "監査ログ.xlsx"
    result = export_ledger(ws, "audit_log", "xlsx", out)
    sh = sheet(out)
    assert sh["A1"].value == "監査ログ"
    assert sh["A2"].value.startswith("株式会社")
    assert "期間: 全期間" in sh["A3"].value and "出力日:" in sh["A3"].value
    assert [c.value for c in sh[5][:8]] == ["番号", "日時", "操作者", "操作", "対象", "記録ID", "内容", "変更内容"]
    assert sh[5][0].font.b and sh[5][0].fill.fgColor.rgb.endswith("D9E1F2")
    # the stamp boxes stand above the table (over 操作・対象・記録ID, columns a seal fits), not beside it
    assert [sh.cell(1, c).value for c in (4, 5, 6)] == ["作成", "確認", "承認"]
    assert "D2:D3" in {str(r) for r in sh.merged_cells.ranges}
    assert sh.max_column == 8  # nothing right of 変更内容: the printed table is not widened
    assert sh.freeze_panes == "A6"
    assert sh.print_title_rows == "$5:$5"
    assert sh.print_area == f"'監査ログ'!$A$1:$H${5 + result.records}"
    assert sh.auto_filter.ref == f"A5:H{5 + result.records}"
    assert sh.page_setup.paperSize == 9 and sh.page_setup.orientation == "landscape"
    assert sh.page_setup.fitToWidth == 1 and sh.page_setup.fitToHeight == 0
    assert sh.sheet_properties.pageSetUpPr.fitToPage
    assert sh.oddFooter.center.text == "&P / &N ページ"
    assert sh.column_dimensions["H"].width == 44 and sh["H6"].alignment.wrap_text


def test_cells_are_real_numbers_and_dates_with_japanese_format(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "a.xlsx"
    export_ledger(ws, "audit_log", "xlsx", out)
    sh = sheet(out)
    number, moment = sh["A6"], sh["B6"]
    assert number.value == 1 and number.data_type == "n"
    assert isinstance(moment.value, dt.datetime) and moment.is_date
    assert moment.number_format == 'yyyy"年"m"月"d"日" hh:mm'
    assert sh["D6"].value == "作成" and sh["E6"].value == "会社情報"
    lines = sh["H6"].value.count("\n") + 1  # the company profile: one changed field per line
    assert lines > 5 and sh.row_dimensions[6].height >= lines * 12  # the row is as tall as its text
    with zipfile.ZipFile(out) as book:  # no customHeight: Excel measures the row again when it opens the file
        assert re.search(r'<row r="6" ht="[0-9.]+">', book.read("xl/worksheets/sheet1.xml").decode())


def test_wareki_setting_gives_an_era_date_format(demo, tmp_path):
    ws, _ = demo
    settings = load_settings(ws)
    settings.date_style = "wareki"
    save_settings(ws, settings)
    out = tmp_path / "a.xlsx"
    export_ledger(ws, "accounts", "xlsx", out)
    sh = sheet(out)
    created = sh["H6"]
    assert isinstance(created.value, dt.datetime) and created.number_format.startswith("[$-ja-JP-x-gannen]ggge")
    assert "令和" in sh["A3"].value  # the output date in the title block follows the setting too


def test_a_department_named_like_a_formula_is_stored_as_text(demo, tmp_path):
    ws, _ = demo
    add_department(ws, HOSTILE[0])
    out = tmp_path / "a.xlsx"
    export_ledger(ws, "audit_log", "xlsx", out)
    sh = sheet(out)
    cells = [c for row in sh.iter_rows(min_row=6) for c in row if c.value == HOSTILE[0]]
    assert cells, "the department name appears in the log"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.parametrize("value", HOSTILE)
def test_every_hostile_start_is_text_never_a_formula(tmp_path, value):
    spec = load_ledger_spec("audit_log")
    out = tmp_path / "h.xlsx"
    write_ledger_xlsx(spec, HeaderInfo("監査ログ"), [{"seq": 1, "at": None, "actor": value, "action": "",
                                                     "target": "", "record_id": "", "summary": "普通の文",
                                                     "changes": ""}], out)
    sh = openpyxl.load_workbook(out).active
    assert sh["C6"].value.lstrip("\r\n") == value.lstrip("\r")  # XML keeps a leading CR as a line break
    assert sh["C6"].data_type == "s" and sh["C6"].quotePrefix
    assert sh["G6"].value == "普通の文" and not sh["G6"].quotePrefix


def test_control_characters_excel_refuses_are_dropped_not_the_row(tmp_path):
    spec = load_ledger_spec("audit_log")
    out = tmp_path / "c.xlsx"
    write_ledger_xlsx(spec, HeaderInfo("監査ログ"), [{"seq": 1, "at": None, "actor": "山田\x01\x1f太郎",
                                                     "action": "", "target": "", "record_id": "",
                                                     "summary": "", "changes": ""}], out)
    assert openpyxl.load_workbook(out).active["C6"].value == "山田太郎"


def test_period_limits_the_rows_and_accounts_use_choice_labels(demo, tmp_path):
    ws, _ = demo
    yesterday = clock.today() - dt.timedelta(days=1)
    out = tmp_path / "empty.xlsx"
    result = export_ledger(ws, "audit_log", "xlsx", out, LedgerQuery(date_to=yesterday))
    assert result.records == 0 and sheet(out).max_row == 5
    out = tmp_path / "acc.xlsx"
    export_ledger(ws, "accounts", "xlsx", out)
    sh = sheet(out)
    rows = {r[0].value: [c.value for c in r] for r in sh.iter_rows(min_row=6)}
    assert set(rows) == {"admin", "manager", "staff", "approver", "reception"}
    assert rows["admin"][3] == "管理者・担当者" and rows["admin"][5] == "有効"


def test_large_ledger_streams_in_write_only_mode(tmp_path):
    spec = load_ledger_spec("audit_log")
    moment = dt.datetime(2026, 4, 1, 9, 0)
    rows = ({"seq": i, "at": moment, "actor": "佐藤", "action": "更新", "target": "部門", "record_id": str(i),
             "summary": "営業部", "changes": "表示順: 1 → 2"} for i in range(1, 20_001))
    out = tmp_path / "big.xlsx"
    seen = []
    count = write_ledger_xlsx(spec, HeaderInfo("監査ログ"), rows, out, total=20_000,
                              progress=lambda done, total: seen.append((done, total)))
    assert count == 20_000 and seen[-1] == (20_000, 20_000) and len(seen) > 10
    values = list(openpyxl.load_workbook(out, read_only=True).active.iter_rows(min_row=6, values_only=True))
    assert len(values) == 20_000 and values[-1][0] == 20_000


def test_each_column_type_writes_its_own_kind_of_value(tmp_path):
    spec = load_ledger_spec("accounts")
    out = tmp_path / "t.xlsx"
    row = {"login_id": "yamada", "display_name": dt.date(2026, 11, 22), "department": 3, "roles": None,
           "email": "", "active": False, "locked": True, "created_at": "2026-11-22",
           "last_login_at": dt.datetime(2026, 11, 22, 9, 30)}
    write_ledger_xlsx(spec, HeaderInfo("アカウント一覧"), [row], out)
    sh = openpyxl.load_workbook(out).active
    values = {sh.cell(5, c).value: sh.cell(6, c) for c in range(1, 10)}
    assert values["氏名"].value == "2026-11-22" and values["氏名"].data_type == "s"  # text stays text
    assert values["部門"].value == "3"
    assert values["状態"].value == "無効" and values["ログイン制限"].value == "制限中"
    assert values["作成日"].value == dt.datetime(2026, 11, 22) and values["作成日"].is_date  # ISO text → date
    assert values["最終ログイン"].value == dt.datetime(2026, 11, 22, 9, 30)


@pytest.mark.parametrize("style, date_width, datetime_width", [("seireki", 17, 23), ("wareki", 19, 25)])
def test_date_columns_are_wide_enough_for_the_longest_date(tmp_path, style, date_width, datetime_width):
    from dataclasses import replace

    spec = load_ledger_spec("accounts")  # 作成日 and 最終ログイン: narrow datetime columns; 作成日 made a date
    columns = [replace(c, width=8, type="date") if c.key == "created_at" else
               replace(c, width=8) if c.key == "last_login_at" else c for c in spec.columns]
    spec = replace(spec, columns=tuple(columns))
    out = tmp_path / "w.xlsx"
    write_ledger_xlsx(spec, HeaderInfo("アカウント一覧", date_style=style),
                      [{"created_at": dt.date(2026, 12, 31), "last_login_at": dt.datetime(2026, 12, 31, 23, 59)}], out)
    sh = openpyxl.load_workbook(out).active
    headers = {sh.cell(5, c).value: sh.cell(5, c).column_letter for c in range(1, 10)}
    assert sh.column_dimensions[headers["作成日"]].width >= date_width
    assert sh.column_dimensions[headers["最終ログイン"]].width >= datetime_width
    assert sh.column_dimensions[headers["ログインID"]].width == spec.columns[0].width  # text keeps its width


def test_the_inventory_ledger_shows_its_review_dates_whole(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.xlsx"
    export_ledger(ws, "inventory_ledger", "xlsx", out)
    sh = sheet(out)
    column = next(c.column_letter for c in sh[5] if c.value == "最終見直し日")
    assert sh.column_dimensions[column].width >= len("2026年12月31日".encode("cp932")) + 2  # not 「###」
