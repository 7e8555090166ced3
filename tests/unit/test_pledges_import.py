"""Importing the 従業者 register from CSV and Excel: encodings, synonyms, bad rows with their
numbers, nothing saved until every row is valid (or valid-only), updates instead of doubles."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from pcdesk.cli import run
from pcdesk.company.service import add_department
from pcdesk.errors import ValidationError
from pcdesk.pledges.importer import commit, preview_file
from pcdesk.pledges.service import WorkerFilter, create_worker, list_workers
from pcdesk.tabular import TableError

GOOD = ("従業員番号,氏名（漢字）,フリガナ,部署,雇用形態,入社年月日,退職日,メール\r\n"
        "０１０１,山田　花子,ﾔﾏﾀﾞ ﾊﾅｺ,営業部,正社員,2024/4/1,,hanako@example.co.jp\r\n"
        "0102,鈴木 一郎,すずき いちろう,総務部,パート,R6.5.1,,\r\n"
        "0103,田中 三郎,タナカ サブロウ,営業部,嘱託,2025年1月10日,2026/10/31,\r\n")
BAD = GOOD + ("0104,佐藤 四郎,,経理部,正社員,2025/4/1,,\r\n"
              "0105,,,営業部,派遣,2025/4/1,,\r\n"
              "0101,山田 花子,,営業部,正社員,2024/4/1,,\r\n"
              "0106,高橋 五郎,,営業部,社長,令和7年2月30日,,\r\n")


@pytest.fixture
def office(setup_ws):
    add_department(setup_ws, "総務部")
    add_department(setup_ws, "営業部")
    return setup_ws


def write(tmp_path, name, text, encoding):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_a_csv_in_shift_jis_or_utf8_with_or_without_bom_is_imported_normalised(office, tmp_path, encoding):
    path = write(tmp_path, "社員名簿.csv", GOOD, encoding)
    result = preview_file(office, path)
    assert result.problems == [] and len(result.rows) == 3
    assert list(result.mapping.values()) == ["number", "name", "kana", "department_id", "employment", "joined_on",
                                             "left_on", "email"]
    saved = commit(office, result)
    assert (saved.created, saved.updated) == (3, 0)
    workers = {w.number: w for w in list_workers(office, WorkerFilter(include_left=True))}
    hanako = workers["0101"]
    assert (hanako.name, hanako.kana, hanako.employment) == ("山田 花子", "ヤマダ ハナコ", "regular")
    assert workers["0102"].kana == "スズキ イチロウ" and workers["0102"].employment == "part_time"
    assert workers["0102"].joined_on == dt.date(2024, 5, 1)  # R6.5.1
    assert workers["0103"].employment == "contract" and workers["0103"].left_on == dt.date(2026, 10, 31)


def test_every_bad_row_is_reported_with_its_number_and_reason_and_nothing_is_saved(office, tmp_path):
    path = write(tmp_path, "社員名簿.csv", BAD, "cp932")
    result = preview_file(office, path)
    assert result.bad_rows == [5, 6, 7, 8]
    text = "\n".join(str(p) for p in result.problems)
    assert "5行目 所属: 「経理部」: 部門として登録されていません。" in text
    assert "6行目 氏名: 入力してください" in text
    assert "6行目 派遣元・所属会社: 派遣社員は派遣元を入力してください" in text
    assert "7行目 社員番号: 「0101」: 2行目と同じ番号です。1人1行にしてください。" in text
    assert "8行目 雇用区分: 「社長」: 雇用区分として読めません。" in text
    assert "8行目 入社日: 「令和7年2月30日」" in text
    with pytest.raises(ValidationError, match="直すところのある行が 4 行あるため、何も保存していません"):
        commit(office, result)
    assert list_workers(office, WorkerFilter(include_left=True)) == []
    saved = commit(office, result, valid_only=True)  # the person chose to leave the bad rows out
    assert saved.created == 3
    assert len(list_workers(office, WorkerFilter(include_left=True))) == 3


def test_an_existing_number_is_updated_not_doubled(office, tmp_path):
    dept = {d: i for i, d in enumerate(["総務部", "営業部"], 1)}
    create_worker(office, {"number": "0101", "name": "山田 花子", "department_id": dept["総務部"],
                           "employment": "regular", "joined_on": dt.date(2020, 4, 1), "kana": "ヤマダ ハナコ"})
    path = write(tmp_path, "異動.csv", "社員No,氏名,所属,退職日\r\n0102,,,\r\n0101,,営業部,2026/11/30\r\n", "utf-8-sig")
    result = preview_file(office, path)
    assert [str(p) for p in result.problems] == ["2行目 氏名: 入力してください（例: 山田 太郎）。",
                                                 "2行目 所属: 選んでください。", "2行目 雇用区分: 選んでください。",
                                                 "2行目 入社日: 入力してください（例: 2024年4月1日）。"]
    saved = commit(office, result, valid_only=True)
    assert (saved.created, saved.updated) == (0, 1)
    [w] = list_workers(office, WorkerFilter(include_left=True))
    assert (w.department_id, w.left_on, w.name, w.kana) == (dept["営業部"], dt.date(2026, 11, 30), "山田 花子",
                                                             "ヤマダ ハナコ")


def test_a_number_that_lost_its_leading_zeros_in_excel_is_the_registered_worker(office, tmp_path):
    create_worker(office, {"number": "0101", "name": "山田 花子", "department_id": 1, "employment": "regular",
                           "joined_on": dt.date(2020, 4, 1)})
    path = write(tmp_path, "名簿.csv", "社員番号,メール\r\n101,hanako@example.co.jp\r\n", "utf-8")
    result = preview_file(office, path)
    assert "2行目の社員番号 101 は、登録済みの 0101 として読みました" in "\n".join(result.header_lines())
    assert commit(office, result).updated == 1
    [w] = list_workers(office)
    assert (w.number, w.email) == ("0101", "hanako@example.co.jp")


def test_an_excel_list_with_a_title_row_and_synonyms_is_read(office, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "従業員一覧"
    sheet.append(["従業員一覧（2026年11月1日現在）"])
    sheet.append([])
    sheet.append(["No", "社員番号", "氏名", "ふりがな", "所属部署", "区分", "派遣元", "入社日"])
    sheet.append([1, 12, "佐藤 一子", "さとう いちこ", "営業部", "派遣社員", "株式会社ひかり人材サービス", dt.datetime(2025, 4, 1)])
    sheet.append([2, "0013", "=HYPERLINK(\"http://x\",\"悪意\")", "", "総務部", "正社員", None, dt.datetime(2025, 4, 1)])
    path = tmp_path / "名簿.xlsx"
    book.save(path)
    result = preview_file(office, path)
    assert "シート「従業員一覧」の 3 行目を見出しとして読みました" in result.header_lines()[0]
    assert [r["number"] for r in result.rows] == ["12", "0013"]
    assert result.rows[0]["agency"] == "株式会社ひかり人材サービス" and result.rows[0]["employment"] == "dispatched"
    assert result.rows[1]["name"] == "悪意"  # a formula is never kept as a formula


def test_broken_and_unsupported_files_are_refused_in_japanese(office, tmp_path):
    broken = tmp_path / "名簿.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(TableError, match="Excel ファイル（.xlsx）として開けません"):
        preview_file(office, broken)
    old = tmp_path / "名簿.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TableError, match="古い Excel 形式"):
        preview_file(office, old)
    headless = write(tmp_path, "x.csv", "a,b\r\n1,2\r\n", "utf-8")
    with pytest.raises(TableError, match="見出し行が見つかりません"):
        preview_file(office, headless)


def test_the_command_line_exits_non_zero_and_saves_nothing_when_a_row_is_bad(office, tmp_path, capsys):
    db = str(office.db.path)
    bad = write(tmp_path, "bad.csv", BAD, "cp932")
    assert run(["--db", db, "import", "workers", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "5行目 所属" in captured.err and "何も保存していません" in captured.err
    assert "文字コード: Shift_JIS" in captured.out
    assert list_workers(office, WorkerFilter(include_left=True)) == []
    assert run(["--db", db, "import", "workers", str(bad), "--valid-only"]) == 0
    assert "新規 3 人" in capsys.readouterr().out
    assert run(["--db", db, "import", "workers", str(write(tmp_path, "good.csv", GOOD, "utf-8-sig"))]) == 0
    assert "新規 0 人、更新 0 人、変更なし 3 人" in capsys.readouterr().out
    assert len(list_workers(office, WorkerFilter(include_left=True))) == 3
    assert run(["--db", db, "import", "workers", str(tmp_path / "none.csv")]) == 2
    assert "見つかりません" in capsys.readouterr().err
