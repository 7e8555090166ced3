"""Single-record forms: the visitor sheet and a definition using every block kind."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.output.export import render_form
from pcdesk.output.forms import fill_placeholders, list_forms
from pcdesk.services import RECEPTION, Actor, Workspace

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) が必要です")

EVERY_BLOCK = """
kind = "form"
title = "持出し申請書兼誓約書（試験用）"
code = "様式 T-1"

[[blocks]]
kind = "title"
text = "{company} 御中"
size = 14

[[blocks]]
kind = "text"
hanging = true
text = \"\"\"私は、次の事項を守ることを誓約します。
1. 持ち出した情報は申請した目的のためにだけ使い、公共の場所で画面を開いたり、第三者に見せたりしません。紛失や盗難に気づいたときは、直ちに{pms_manager}に報告します。
2. 返却後は、持ち出した複製をすべて消去します。\"\"\"

[[blocks]]
kind = "fields"
heading = "申請内容"
columns = 2
[[blocks.fields]]
key = "applied_on"
label = "申請日"
type = "date"
[[blocks.fields]]
key = "items"
label = "持出し物"
[[blocks.fields]]
key = "purpose"
label = "目的"
span = 2
lines = 2

[[blocks]]
kind = "table"
heading = "持出し情報"
key = "data"
rows = 45
[[blocks.columns]]
key = "name"
header = "情報の名称"
width = 30
[[blocks.columns]]
key = "count"
header = "件数"
width = 10
type = "number"
format = "#,##0"

[[blocks]]
kind = "signature"
[[blocks.lines]]
label = "記入日"
hint = "　　　　年　　月　　日"
[[blocks.lines]]
label = "氏名"
key = "applicant"
seal = true

[[blocks]]
kind = "stamps"
labels = ["上長", "承認"]
"""


def text_of(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def fonts_of(path) -> list[str]:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]


def test_blank_visitor_sheet_prints_notice_fields_and_stamps(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "visitor.pdf"
    result = render_form(ws, "visitor_sheet_blank", {}, out)
    text = text_of(out)
    assert result.pages == 1 and "外来者入退室記録票" in text and "様式 来訪-1" in text
    company = re.search(r"^\s*(株式会社\S+|\S+株式会社)", text, re.M).group(1)
    assert f"{company}が入退室の管理" in text  # the fixed text in resources/ names the company
    for label in ("日付", "入室時刻", "退室時刻", "氏名", "会社名", "人数", "面会者", "入館証番号", "受付者"):
        assert label in text
    assert "03-1234-5678" in text and "受付" in text and "確認" in text
    assert "ページ" not in text  # a one-page form carries no page number
    assert fonts_of(out) and all(line.split()[-5] == "yes" for line in fonts_of(out))


def test_values_fill_the_boxes_and_printing_is_recorded(demo, tmp_path):
    ws, info = demo
    reception = Workspace(ws.db, Actor(info.users["reception"], "受付 花子", frozenset({RECEPTION})))
    out = tmp_path / "v.pdf"
    render_form(reception, "visitor_sheet_blank",
                {"visitor_name": "来訪 一郎", "visitor_company": "株式会社ABC商事", "visit_date": "2026-11-22",
                 "party_size": 3}, out)
    text = text_of(out)
    assert "来訪 一郎" in text and "株式会社ABC商事" in text and "2026年11月22日" in text
    entry = fetch_page(ws, AuditFilter(action="print"), limit=1)[0]
    assert entry.actor_name == "受付 花子" and entry.record_type == "form"
    assert entry.record_id == "visitor_sheet_blank" and "v.pdf" in entry.summary
    assert json.loads(entry.changes)["pages"] == 1


def test_every_block_kind_renders_and_a_long_table_continues_with_its_header(demo, tmp_path, monkeypatch):
    ws, _ = demo
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "takeout_test.toml").write_text(EVERY_BLOCK, encoding="utf-8")
    monkeypatch.setenv("PCDESK_FORMS_DIR", str(folder))
    assert ("takeout_test", "持出し申請書兼誓約書（試験用）") in list_forms()
    data = [{"name": f"顧客名簿{i}", "count": 1200 + i} for i in range(1, 4)]
    out = tmp_path / "t.pdf"
    result = render_form(ws, "takeout_test", {"applied_on": "2026-11-20", "items": "ノートPC（資産番号 PC-014）",
                                              "purpose": "展示会での商談", "data": data,
                                              "applicant": "山田 太郎"}, out)
    text = text_of(out)
    assert result.pages == 2
    assert "1 / 2 ページ" in text and "2 / 2 ページ" in text
    assert text.count("情報の名称") == 2  # the table header repeated on the second page
    assert "顧客名簿1" in text and "1,201" in text
    assert "取締役" in text  # {pms_manager} filled from the company profile
    assert "2026年11月20日" in text and "ノートPC（資産番号 PC-014）" in text
    assert "山田 太郎" in text and "印" in text and "上長" in text and "承認" in text
    flat = re.sub(r"\s+", "", text)
    assert "公共の場所で画面を開いたり、第三者に見せたりしません。" in flat  # wrapped, not cut


def test_placeholders_fill_known_names_and_leave_other_braces():
    assert fill_placeholders("{company}様 {unknown} {{x}} {1}", {"company": "A社"}) == "A社様  {{x}} {1}"


def test_form_values_are_named_by_key_or_japanese_label_and_read_as_their_type(demo, tmp_path, capsys):
    from pcdesk.cli import run

    ws, _ = demo
    out = tmp_path / "v.pdf"
    assert run(["--db", str(ws.db.path), "form", "visitor_sheet_blank", "--out", str(out),
                "--set", "氏名=山田 花子", "--set", "人数=３", "--set", "visit_date=2026/11/22"]) == 0
    text = text_of(out)
    assert "山田 花子" in text and "2026年11月22日" in text and re.search(r"人数\s+3\b", text)


def test_unknown_names_and_unreadable_numbers_are_refused_with_the_valid_keys(demo, tmp_path, capsys):
    from pcdesk.cli import run
    from pcdesk.errors import ValidationError

    ws, _ = demo
    out = tmp_path / "v.pdf"
    assert run(["--db", str(ws.db.path), "form", "visitor_sheet_blank", "--out", str(out),
                "--set", "名前=山田", "--set", "party_size=abc"]) == 2
    err = capsys.readouterr().err
    assert "名前: 「外来者入退室記録票」にない項目です。使える項目: visit_date（日付）、entered_at（入室時刻）、" \
           "visitor_name（氏名）、" in err
    assert "人数（party_size）: 「abc」は数ではありません。数字で入力してください（例: 2）。" in err
    assert not out.exists()  # nothing half-made
    with pytest.raises(ValidationError, match="visitor_name（氏名）"):
        render_form(ws, "visitor_sheet_blank", {"name": "山田"}, out)  # the API checks names too


def test_several_filled_copies_share_one_pdf_each_on_its_own_page(demo, tmp_path):
    from pcdesk.output.export import render_forms

    ws, _ = demo
    out = tmp_path / "three.pdf"
    names = ["山田 一子", "佐藤 二郎", "鈴木 三子"]
    result = render_forms(ws, "visitor_sheet_blank", [{"visitor_name": n} for n in names], out)
    assert (result.records, result.pages) == (3, 3)
    for page, name in enumerate(names, 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert name in text and "ページ" not in text  # a one-page copy carries no page number
    entry = fetch_page(ws, AuditFilter(action="print"))[0]
    assert entry.record_type == "form" and json.loads(entry.changes)["records"] == 3


def test_a_record_only_form_is_not_printed_blank(demo, tmp_path):
    from pcdesk.errors import ValidationError

    ws, _ = demo
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "record_only.toml").write_text('kind = "form"\ntitle = "記録用"\nblank = false\ncode = "{code}"\n'
                                            '[[blocks]]\nkind = "title"\ntext = "{heading}"\n'
                                            '[[blocks]]\nkind = "signature"\nstamps = ["受領"]\n'
                                            '[[blocks.lines]]\nlabel = "署名"\nseal = true\n', encoding="utf-8")
    import os

    os.environ["PCDESK_FORMS_DIR"] = str(folder)
    try:
        with pytest.raises(ValidationError, match="白紙では印刷できません"):
            render_form(ws, "record_only", {}, tmp_path / "a.pdf")
        render_form(ws, "record_only", {}, tmp_path / "b.pdf", record={"heading": "山田さんの記録", "code": "様式 X-2"})
        text = text_of(tmp_path / "b.pdf")
        assert "山田さんの記録" in text and "様式 X-2" in text and "受領" in text and "印" in text
    finally:
        del os.environ["PCDESK_FORMS_DIR"]
