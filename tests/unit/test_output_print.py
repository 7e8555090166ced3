"""The ledgers as they come out of the printer: A3 or A4, text at least 7 pt on paper,
wide ledgers split on A4 with 管理番号・名称 repeated, stamp boxes above the table, and
the workbook's print set-up (checked the way a person prints it: LibreOffice's print of
the .xlsx, where LibreOffice is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import defaultdict

import openpyxl
import pytest

from pcdesk.output.export import export_ledger
from pcdesk.output.spec import MIN_FONT_SIZE, SpecError, load_ledger_spec

WIDE = ["inventory_ledger", "inventory_survey", "risk_analysis"]
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils が必要です")
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice（libreoffice-calc-nogui）が必要です")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def words(pdf) -> list[dict]:
    """Every word with its page, box and height (pdftotext -bbox)."""
    found, page = [], 0
    for line in run("pdftotext", "-bbox", pdf, "-").splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            found.append({"page": page, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "h": y1 - y0, "text": m.group(5)})
    return found


def page_size(pdf) -> tuple[float, float]:
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", pdf)).groups()
    return float(w), float(h)


@needs_poppler
@pytest.mark.parametrize("ledger_id", WIDE)
@pytest.mark.parametrize("paper", ["A3", "A4"])
def test_the_pdf_prints_every_word_at_least_7_pt(demo, tmp_path, ledger_id, paper):
    ws, _ = demo
    out = tmp_path / f"{ledger_id}.pdf"
    export_ledger(ws, ledger_id, "pdf", out, paper=paper)
    found = words(out)
    assert found
    # The embedded IPAex face spans exactly 1 em from ascent to descent: a word's box is its size.
    assert min(w["h"] for w in found) >= MIN_FONT_SIZE - 0.01
    body = [w for w in found if w["text"] == "PI-0001"]
    assert body and all(abs(w["h"] - load_ledger_spec(ledger_id).font_size) < 0.01 for w in body)
    width, height = page_size(out)
    assert (round(width), round(height)) == ((1191, 842) if paper == "A3" else (842, 595))  # landscape


@needs_poppler
def test_on_a4_a_wide_ledger_prints_in_page_pairs_repeating_number_and_name(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "台帳.pdf"
    result = export_ledger(ws, "inventory_ledger", "pdf", out, paper="A4")
    assert result.pages % 2 == 0
    text = [run("pdftotext", "-layout", "-f", p, "-l", p, out, "-") for p in (1, 2)]
    assert "その1" in text[0] and "その2" in text[1]
    for page in text:  # both halves start with 管理番号 and 名称, the same rows in the same order
        assert "管理番号" in page and "名称" in page
    assert re.findall(r"PI-\d{4}", text[0]) == re.findall(r"PI-\d{4}", text[1])
    assert "利用目的" in text[0] and "利用目的" not in text[1]
    assert "最終見直し日" in text[1] and "最終見直し日" not in text[0]
    assert "作成" in text[0] and "作成" not in text[1]  # the stamp boxes once, on the first page
    # the halves of a record stand at the same height on both pages
    rows = defaultdict(dict)
    for w in words(out):
        if w["page"] in (1, 2) and re.fullmatch(r"PI-\d{4}", w["text"]):
            rows[w["text"]][w["page"]] = w["y0"]
    assert rows and all(abs(pages[1] - pages[2]) < 0.01 for pages in rows.values())

    a3 = tmp_path / "台帳A3.pdf"
    assert export_ledger(ws, "inventory_ledger", "pdf", a3).pages < result.pages  # A3 is the definition's paper
    assert "その" not in run("pdftotext", "-layout", a3, "-")


@needs_poppler
def test_a_pdf_row_is_as_tall_as_its_text(demo, tmp_path):
    """No blank lines under the text: the next record starts right below the tallest cell."""
    ws, _ = demo
    out = tmp_path / "台帳.pdf"
    export_ledger(ws, "inventory_ledger", "pdf", out, paper="A3")
    found = [w for w in words(out) if w["page"] == 1]
    starts = sorted(w["y0"] for w in found if re.fullmatch(r"PI-\d{4}", w["text"]))
    size = load_ledger_spec("inventory_ledger").font_size
    for top, nxt in zip(starts, starts[1:]):
        last = max(w["y1"] for w in found if top - 0.5 <= w["y0"] < nxt - 0.5)
        assert nxt - last < size * 1.3 + 6  # one line's leading and the cell padding, never an empty line


def test_the_export_names_the_paper_and_refuses_others(demo, tmp_path):
    from pcdesk.errors import ValidationError

    ws, _ = demo
    with pytest.raises(ValidationError, match="「B4」は選べません。A4 か A3 にしてください。"):
        export_ledger(ws, "inventory_ledger", "pdf", tmp_path / "x.pdf", paper="B4")
    assert not (tmp_path / "x.pdf").exists()


def test_the_cli_prints_on_the_paper_asked_for(demo, tmp_path, capsys):
    from pcdesk.cli import run as cli

    ws, _ = demo
    out = tmp_path / "台帳.xlsx"
    assert cli(["--db", str(ws.db.path), "export", "inventory_ledger", "--paper", "a4", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).active.page_setup.paperSize == 9


@pytest.mark.parametrize("paper, size_code", [("A3", 8), ("A4", 9)])
def test_the_workbook_is_set_up_for_printing(demo, tmp_path, paper, size_code):
    ws, _ = demo
    out = tmp_path / "台帳.xlsx"
    result = export_ledger(ws, "inventory_ledger", "xlsx", out, paper=paper)
    sh = openpyxl.load_workbook(out).active
    last = 5 + result.records
    spec = load_ledger_spec("inventory_ledger")
    n = len(spec.columns)
    assert sh.max_column == n  # the stamp boxes do not widen the table
    assert sh.page_setup.paperSize == size_code and sh.page_setup.orientation == "landscape"
    assert sh.page_setup.fitToWidth == 1 and sh.page_setup.fitToHeight == 0 and sh.sheet_properties.pageSetUpPr.fitToPage
    assert sh.print_title_rows == "$5:$5"
    assert sh.freeze_panes == "C6"  # 管理番号 and 名称 stay in view when scrolling right
    stamps = {sh.cell(1, c).value: c for c in range(1, n + 1) if sh.cell(1, c).value in ("作成", "確認", "承認")}
    assert list(stamps) == ["作成", "確認", "承認"]
    if paper == "A3":
        assert sh.print_area == f"'個人情報管理台帳'!$A$1:$Z${last}"
        assert max(stamps.values()) == n  # over the table's right end
    else:
        second = spec.keys.index("use_period") + 1  # 利用期限 starts the second sheet
        first_end = openpyxl.utils.get_column_letter(second - 1)
        start = openpyxl.utils.get_column_letter(second)
        assert sh.print_area == f"'個人情報管理台帳'!$A$1:${first_end}${last},'個人情報管理台帳'!${start}$5:$Z${last}"
        assert sh.print_title_cols == "$A:$B"  # 管理番号 and 名称 repeated on the second sheet
        assert max(stamps.values()) < second  # on the first page
    with zipfile.ZipFile(out) as book:  # the table's rows: Excel measures them again on opening
        xml = book.read("xl/worksheets/sheet1.xml").decode()
        table = [r for r in re.findall(r"<row [^>]*>", xml) if int(re.search(r'r="(\d+)"', r).group(1)) >= 5]
        assert table and not any("customHeight" in r for r in table)
        assert any("ht=" in r for r in table)  # LibreOffice keeps the height written


def test_a_definition_may_not_ask_for_unreadable_text_or_an_unknown_split(tmp_path, monkeypatch):
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setenv("PCDESK_FORMS_DIR", str(folder))
    (folder / "tiny.toml").write_text("""
title = "小さい台帳"
font_size = 6
paper = "B4"
[a4]
split_at = "nothing"
[[columns]]
key = "a"
header = "列A"
""", encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_ledger_spec("tiny")
    text = str(err.value)
    assert "font_size: 7〜14 の数で書いてください（今: 6）。" in text
    assert "paper: 「B4」は使えません。A4, A3 のどれかにしてください。" in text
    assert "[a4] split_at: 「nothing」という key の列がありません。" in text


# -- LibreOffice's print of the workbook --------------------------------------------------

def office_pdfs(books, tmp_path) -> list:
    """The workbooks printed to PDF by LibreOffice, with a profile of its own (no shared state)."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, books)], capture_output=True, check=True, timeout=300)
    return [book.with_suffix(".pdf") for book in books]


def ten_point_sample(path):
    """A workbook holding 「PI-0001」 in the ledgers' body font at 10 pt, printed at 100 %: LibreOffice's
    box around a word depends on the face it falls back to, so the scale is measured, not assumed."""
    from openpyxl.styles import Font

    from pcdesk.output.xlsx import FONT

    book = openpyxl.Workbook()
    book.active["A1"] = "PI-0001"
    book.active["A1"].font = Font(name=FONT, size=10)
    book.save(path)
    return path


def body_size(pdf, ten_point_pdf) -> float:
    """The size the 管理番号 of the body print at, in points on paper."""
    reference = [w["h"] for w in words(ten_point_pdf) if w["text"] == "PI-0001"][0]
    body = [w["h"] for w in words(pdf) if w["page"] == 1 and re.fullmatch(r"PI-\d{4}", w["text"])]
    assert body
    return 10 * min(body) / reference


@needs_office
@needs_poppler
@pytest.mark.parametrize("ledger_id", WIDE)
def test_libreoffice_prints_the_workbook_legibly(demo, tmp_path, ledger_id):
    ws, _ = demo
    books = []
    for paper in ("A3", "A4"):
        books.append(tmp_path / f"{ledger_id}_{paper}.xlsx")
        export_ledger(ws, ledger_id, "xlsx", books[-1], paper=paper)
    a3, a4, sample = office_pdfs([*books, ten_point_sample(tmp_path / "sample.xlsx")], tmp_path)
    for pdf, width in ((a3, 1191), (a4, 842)):
        assert round(page_size(pdf)[0]) == width
        assert body_size(pdf, sample) >= MIN_FONT_SIZE, pdf.name  # fit to the page width, still legible
        text = run("pdftotext", "-layout", pdf, "-")
        stamp = "記入者" if ledger_id == "inventory_survey" else "作成"
        assert stamp in text  # the stamp boxes are inside the print area
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", a4)).group(1))
    later = run("pdftotext", "-layout", "-f", pages, "-l", pages, a4, "-")
    assert "管理番号" in later and re.search(r"PI-\d{4}\s+\S+", later)  # 管理番号 and 名称 repeated
