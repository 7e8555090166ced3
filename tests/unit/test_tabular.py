"""The shared table reader: headings among title rows, grouped headings, merged cells,
CSV encodings, marks, 和暦 dates, row-numbered problems and resource limits."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from pcdesk import tabular
from pcdesk.fields import BOOL, DATE, MULTI, NUMBER, TEXT, FieldSpec, check
from pcdesk.tabular import TableError

FIELDS = (
    FieldSpec("code", "社員番号", exact_synonyms=("番号", "No.")),
    FieldSpec("name", "氏名", synonyms=("名前", "従業者名"), max_length=50),
    FieldSpec("department", "所属", synonyms=("部署", "部門")),
    FieldSpec("joined_on", "入社日", DATE, synonyms=("入社年月日",)),
    FieldSpec("signed", "誓約書の提出", BOOL, synonyms=("誓約書", "提出")),
    FieldSpec("signed_on", "提出日", DATE, synonyms=("誓約書提出日",)),
    FieldSpec("skills", "資格", MULTI, synonyms=("保有資格",)),
    FieldSpec("hours", "勤務時間", NUMBER, synonyms=("週の勤務時間",)),
    FieldSpec("note", "備考", TEXT, max_length=200),
)


def save(tmp_path, rows, name="社員.xlsx", merges=(), title="名簿"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(list(r))
    for m in merges:
        ws.merge_cells(m)
    path = tmp_path / name
    wb.save(path)
    return path


def test_the_heading_is_found_below_title_rows_and_columns_are_named(tmp_path):
    path = save(tmp_path, [
        ["従業者名簿（2026年度）"],
        ["株式会社テスト", None, None, "作成: 総務部"],
        [],
        ["No.", "名前", "部署", "入社年月日", "電話番号", "誓約書"],
        ["E-1", "山田 太郎", "営業部", dt.datetime(2020, 4, 1), "045-000-0000", "○"],
        [],
        ["E-2", "ﾀﾅｶ ﾊﾅｺ", "総務部", "R2.4.1", None, "×"],
    ])
    table = tabular.read_table(path, FIELDS)
    assert (table.sheet_name, table.header_rows, table.title) == ("名簿", (4,), "従業者名簿（2026年度）")
    assert table.describe() == "シート「名簿」の 4 行目を見出しとして読みました（列 6・データ 2 行）。"
    mapping = tabular.propose_mapping(table, FIELDS)
    assert {table.headers[i]: k for i, k in mapping.items()} == {
        "No.": "code", "名前": "name", "部署": "department", "入社年月日": "joined_on", "誓約書": "signed"}
    # 「電話番号」 is not 番号: the short word is recognised only as a whole heading
    records = tabular.read_records(table, mapping, FIELDS)
    assert [r.row for r in records] == [5, 7] and table.blank_rows == 1
    first, second = records
    assert first.values == {"code": "E-1", "name": "山田 太郎", "department": "営業部",
                            "joined_on": dt.date(2020, 4, 1), "signed": True}
    assert first.ignored == [("電話番号", "045-000-0000")]
    assert second.values["name"] == "タナカ ハナコ"  # 半角カナ folded (NFKC)
    assert second.values["joined_on"] == dt.date(2020, 4, 1)  # 和暦 typed as text
    assert second.values["signed"] is False


def test_a_grouped_two_row_heading_with_merged_cells(tmp_path):
    path = save(tmp_path, [
        ["社員番号", "氏名", "誓約書", None, "資格", None],
        [None, None, "提出", "提出日", "保有資格", "備考"],
        [1, "山田", "有", "令和8年4月1日", "普通免許・簿記2級", "長期出張中"],
        [2, "佐藤", "無", None, None, None],
    ], merges=("A1:A2", "B1:B2", "C1:D1", "E1:F1"))
    table = tabular.read_table(path, FIELDS)
    assert table.header_rows == (1, 2)
    assert [c.header for c in table.columns] == ["社員番号", "氏名", "誓約書／提出", "誓約書／提出日", "資格／保有資格",
                                                "資格／備考"]
    mapping = tabular.propose_mapping(table, FIELDS)
    assert [mapping.get(i) for i in range(6)] == ["code", "name", "signed", "signed_on", "skills", "note"]
    first, second = tabular.read_records(table, mapping, FIELDS)
    assert first.values["signed_on"] == dt.date(2026, 4, 1)
    assert first.values["skills"] == ["普通免許", "簿記2級"]
    assert (second.values["signed"], "signed_on" in second.values) == (False, False)


def test_a_group_without_merges_covers_the_columns_under_it(tmp_path):
    path = tmp_path / "grouped.csv"
    path.write_text("社員番号,氏名,誓約書,,\n,,提出,提出日,備考\n1,山田,○,2026/4/1,\n", encoding="utf-8")
    table = tabular.read_table(path, FIELDS)
    assert [c.header for c in table.columns][:4] == ["社員番号", "氏名", "誓約書／提出", "誓約書／提出日"]
    assert tabular.propose_mapping(table, FIELDS)[4] == "note"  # its own heading names it, whatever the group


def test_sub_heading_rows_examples_and_footers_are_not_data(tmp_path):
    path = save(tmp_path, [
        ["社員番号", "氏名", "所属", "備考"],
        ["(半角)", "(姓と名の間に空白)", "(部署名)", "(任意)"],
        [1, 2, 3, 4],
        ["記入例", "個人 花子", "総務部", ""],
        ["E-1", "山田", "営業部", None],
        ["社員番号", "氏名", "所属", "備考"],  # the heading repeated for the second printed page
        ["E-2", "佐藤", "総務部", None],
        ["以上"],
    ])
    table = tabular.read_table(path, FIELDS)
    assert [r.number for r in table.rows] == [5, 7]
    assert table.skipped == [(2, "見出しの説明"), (3, "列番号の行"), (4, "記入例"), (6, "見出しの繰り返し"),
                             (8, "表の終わり（以上・合計）")]


def test_a_department_merged_down_over_its_rows_is_read_on_each_row(tmp_path):
    path = save(tmp_path, [
        ["所属", "氏名"],
        ["営業部", "山田"],
        [None, "佐藤"],
        [None, "鈴木"],
        ["総務部", "田中"],
    ], merges=("A2:A4",))
    table = tabular.read_table(path, FIELDS)
    records = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    assert [(r.values["department"], r.values["name"]) for r in records] == [
        ("営業部", "山田"), ("営業部", "佐藤"), ("営業部", "鈴木"), ("総務部", "田中")]


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp932", b""),
                                           ("utf-16", b"")])
def test_csv_in_utf8_with_or_without_bom_shift_jis_and_utf16(tmp_path, encoding, bom):
    text = "社員番号,氏名,所属,誓約書\r\nＥ－１,山田　太郎,営業部,済\r\nE-2,髙橋,総務部,-\r\n"
    path = tmp_path / "社員.csv"
    path.write_bytes(bom + text.encode(encoding))
    table = tabular.read_table(path, FIELDS)
    assert table.encoding == {"utf-16": "utf-16"}.get(encoding, "utf-8-sig" if bom else encoding)
    records = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    assert [(r.values["code"], r.values["name"], r.values["signed"]) for r in records] == [
        ("E-1", "山田 太郎", True), ("E-2", "髙橋", False)]


def test_a_tab_separated_file_is_read_too(tmp_path):
    path = tmp_path / "社員.txt"
    path.write_text("社員番号\t氏名\n1\t山田\n", encoding="utf-8")
    (record,) = tabular.read_records(table := tabular.read_table(path, FIELDS),
                                     tabular.propose_mapping(table, FIELDS), FIELDS)
    assert record.values == {"code": "1", "name": "山田"}


@pytest.mark.parametrize("cell", ["令和8年4月1日", "R8.4.1", "Ｒ８．４．１", "2026/4/1", "2026年4月1日", "2026-04-01"])
def test_dates_typed_as_text_in_either_calendar(tmp_path, cell):
    path = tmp_path / "d.csv"
    path.write_text(f"氏名,入社日\n山田,{cell}\n", encoding="utf-8")
    table = tabular.read_table(path, FIELDS)
    (record,) = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    assert record.values["joined_on"] == dt.date(2026, 4, 1)


def test_unreadable_cells_are_problems_named_by_row_and_field_and_grouped(tmp_path):
    path = save(tmp_path, [
        ["氏名", "入社日", "勤務時間", "誓約書"],
        ["山田", "先月", "40", "○"],
        ["佐藤", "2026/2/30", "たくさん", "たぶん"],
        ["鈴木", "来週", "20", "○"],
    ])
    table = tabular.read_table(path, FIELDS)
    records = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    problems = [p for r in records for p in r.problems]
    assert [str(p) for p in problems][:2] == [
        "2行目 入社日: 「先月」: 日付として読めません（例: 2026/4/1、令和8年4月1日、R8.4.1）。",
        "3行目 入社日: 「2026/2/30」: 日付として読めません（例: 2026/4/1、令和8年4月1日、R8.4.1）。"]
    assert records[1].values == {"name": "佐藤"}  # the row is kept, the unreadable values left out
    grouped = tabular.group_problems(problems, order=[f.label for f in FIELDS])
    assert [str(g) for g in grouped] == [
        "入社日: 日付として読めません（例: 2026/4/1、令和8年4月1日、R8.4.1）。（2行目「先月」、3行目「2026/2/30」、4行目「来週」）",
        "誓約書の提出: あり・なしとして読めません。○・×、あり・なし などで入力してください。（3行目「たぶん」）",
        "勤務時間: 数として読めません。数字で入力してください（例: 500）。（3行目「たくさん」）",
    ]


def test_fixed_values_fill_what_no_column_gives(tmp_path):
    path = save(tmp_path, [["氏名", "所属"], ["山田", None], ["佐藤", "総務部"]])
    table = tabular.read_table(path, FIELDS)
    records = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS,
                                   fixed={"department": "営業部", "signed": True})
    assert [(r.values["department"], r.values["signed"], sorted(r.fixed)) for r in records] == [
        ("営業部", True, ["department", "signed"]), ("総務部", True, ["signed"])]


def test_a_column_of_marks_under_an_item_heading_feeds_a_list_field(tmp_path):
    path = save(tmp_path, [["氏名", "資格", "資格"], [None, "普通免許", "簿記"], ["山田", "○", ""], ["佐藤", "○", "○"]])
    table = tabular.read_table(path, FIELDS)
    assert [c.header for c in table.columns] == ["氏名", "資格／普通免許", "資格／簿記"]
    mapping = {0: "name", 1: "skills", 2: "skills"}
    records = tabular.read_records(table, mapping, FIELDS)
    assert [r.values.get("skills") for r in records] == [["普通免許"], ["普通免許", "簿記"]]


def test_a_feature_parser_reads_its_own_cells(tmp_path):
    path = save(tmp_path, [["氏名", "所属"], ["山田", "営業"], ["佐藤", "経理部"]])
    table = tabular.read_table(path, FIELDS)

    def department(raw, column):
        known = {"営業": "営業部", "営業部": "営業部"}
        if raw not in known:
            raise ValueError("登録されていない部門です。")
        return known[raw]

    records = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS,
                                   parsers={"department": department})
    assert records[0].values["department"] == "営業部"
    assert [str(p) for p in records[1].problems] == ["3行目 所属: 「経理部」: 登録されていない部門です。"]


def test_formula_cells_without_a_stored_result_are_named(tmp_path):
    path = save(tmp_path, [["氏名", "所属", "備考"],
                           ["山田", '=HYPERLINK("http://intra/eigyo","営業部")', '=CONCATENATE("a","b")']])
    table = tabular.read_table(path, FIELDS)
    (record,) = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    assert record.values["department"] == "営業部"
    assert [str(p) for p in record.problems] == [
        '2行目 備考: 「=CONCATENATE("a","b")」: 数式のセルです。Excel で開いて、数式を値に変換して保存し直してください'
        '（コピーして「値の貼り付け」）。']


def test_files_that_are_not_tables_say_why_in_japanese(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TableError, match="古い Excel 形式"):
        tabular.read_table(tmp_path / "a.xls", FIELDS)
    (tmp_path / "b.xlsx").write_text("メモ", encoding="utf-8")
    with pytest.raises(TableError, match="b.xlsx を Excel ファイル（.xlsx）として開けません"):
        tabular.read_table(tmp_path / "b.xlsx", FIELDS)
    (tmp_path / "c.csv").write_bytes(b"\x81\xff\xfe\x00garbage\x80")
    with pytest.raises(TableError, match="文字コードが読めません"):
        tabular.read_table(tmp_path / "c.csv", FIELDS)
    path = save(tmp_path, [["売上", "金額"], ["A", 1]], "sales.xlsx")
    with pytest.raises(TableError, match="見出し行が見つかりません"):
        tabular.read_table(path, FIELDS)
    with pytest.raises(TableError, match="シート「なし」がありません"):
        tabular.read_table(path, FIELDS, "なし")


def test_the_sheet_with_the_best_heading_is_chosen(tmp_path):
    wb = Workbook()
    wb.active.title = "表紙"
    wb.active["A1"] = "氏名と所属の一覧"
    other = wb.create_sheet("一覧")
    other.append(["社員番号", "氏名", "所属"])
    other.append(["1", "山田", "営業部"])
    wb.save(tmp_path / "book.xlsx")
    table = tabular.read_table(tmp_path / "book.xlsx", FIELDS)
    assert (table.sheet_name, table.sheet_names) == ("一覧", ["表紙", "一覧"])


# -- resource limits (issue 9 item 6) ----------------------------------------------------------

def _rewrite_sheet(path, change):
    """Edit the sheet XML of a saved workbook as a hostile program could write it."""
    out = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return out


def test_a_cell_at_xfd1048576_and_a_lying_dimension_do_not_pad_rows(tmp_path):
    path = save(tmp_path, [["氏名", "所属"], ["山田", "営業部"]])
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    hostile = _rewrite_sheet(path, lambda xml: xml.replace("</sheetData>", far)
                             .replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:XFD1048576"/>'))
    table = tabular.read_table(hostile, FIELDS)
    assert [r.number for r in table.rows] == [2]
    assert len(table.columns) == 2 and all(len(r.cells) == 2 for r in table.rows)
    assert [str(p) for p in table.problems] == ["ファイル: 列が多すぎます。左から 200 列までを読み、右の列は読みませんでした。"]


def test_row_and_cell_limits_are_said_in_japanese(tmp_path):
    rows = [["氏名", "備考"]] + [[f"人{i}", "x"] for i in range(30)]
    path = save(tmp_path, rows)
    table = tabular.read_table(path, FIELDS, limits=tabular.Limits(max_rows=10, max_cell_chars=100))
    assert len(table.rows) == 10
    assert "行が多すぎます。先頭から 10 行までを読み" in str(table.problems[0])
    long_csv = tmp_path / "long.csv"
    long_csv.write_text("氏名,備考\n山田," + "あ" * 500 + "\n", encoding="utf-8")
    table = tabular.read_table(long_csv, FIELDS, limits=tabular.Limits(max_cell_chars=100))
    assert [str(p) for p in table.problems] == ["2行目 B列: セルの文字数が多すぎます（500文字）。先頭の 100 文字だけを読みました。"]


def test_a_ten_thousand_character_cell_is_a_field_error_not_a_crash(tmp_path):
    path = save(tmp_path, [["氏名", "備考"], ["山田", "長" * 10_000]])
    table = tabular.read_table(path, FIELDS)
    (record,) = tabular.read_records(table, tabular.propose_mapping(table, FIELDS), FIELDS)
    assert [str(p) for p in check(FIELDS, record.values)] == ["備考: 200文字以内にしてください（いまは10,000文字です）。"]


def test_files_too_large_are_refused_before_reading(tmp_path):
    path = save(tmp_path, [["氏名", "所属"], ["山田", "営業部"]])
    with pytest.raises(TableError, match="大きすぎます"):
        tabular.read_table(path, FIELDS, limits=tabular.Limits(max_file_bytes=100))
    with pytest.raises(TableError, match="展開すると大きすぎます"):
        tabular.read_table(path, FIELDS, limits=tabular.Limits(max_unpacked_bytes=1000))
