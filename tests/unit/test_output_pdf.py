"""PDF ledgers read back with poppler: the Japanese text, page numbers, embedded fonts, A4."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from pcdesk.output.cells import HeaderInfo
from pcdesk.output.export import export_ledger
from pcdesk.output.fonts import find_font
from pcdesk.output.pdf import table_layout, write_ledger_pdf
from pcdesk.output.spec import load_ledger_spec

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) が必要です")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def text_of(path, layout=False) -> str:
    return run("pdftotext", *(["-layout"] if layout else []), path, "-")


def pages_of(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", path)).group(1))


def assert_fonts_embedded(path) -> list[str]:
    lines = run("pdffonts", path).splitlines()[2:]
    assert lines, "the PDF uses at least one font"
    for line in lines:
        emb = line.split()[-5]
        assert emb == "yes", f"not embedded: {line}"
    return lines


def ledger_rows(n: int, long_text: str = ""):
    moment = dt.datetime(2026, 11, 1, 9, 0)
    for i in range(1, n + 1):
        yield {"seq": i, "at": moment + dt.timedelta(minutes=i), "actor": "佐藤 太郎", "action": "更新",
               "target": "アカウント", "record_id": str(i), "summary": f"山田 花子の登録内容を変更（{i}）",
               "changes": long_text if i == 2 else "氏名: 山田 花子 → 山本 花子"}


def test_audit_log_pdf_has_title_rows_page_numbers_and_embedded_font(demo, tmp_path):
    ws, info = demo
    out = tmp_path / "監査ログ.pdf"
    result = export_ledger(ws, "audit_log", "pdf", out)
    text = text_of(out)
    assert "監査ログ" in text and "株式会社" in text
    assert "期間: 全期間" in text and "出力日:" in text
    assert "部門名: カスタマーサポート部" in text  # a row's before → after content
    assert f"1 / {result.pages} ページ" in text
    assert f"{result.pages} / {result.pages} ページ" in text
    assert pages_of(out) == result.pages
    assert "作成" in text and "承認" in text  # the stamp boxes' labels
    fonts = assert_fonts_embedded(out)
    assert all("IPAex" in f or "Gothic" in f or "Goth" in f for f in fonts)
    assert re.search(r"Page size:\s+841.89 x 595.27\d* pts \(A4\)", run("pdfinfo", out))  # A4 landscape


def test_long_text_is_wrapped_never_cut_and_header_repeats_on_each_page(tmp_path):
    spec = load_ledger_spec("audit_log")
    tokens = [f"項目{i:04d}は保管期限を過ぎたため廃棄。" for i in range(400)]
    out = tmp_path / "long.pdf"
    count, pages = write_ledger_pdf(spec, HeaderInfo("監査ログ", "株式会社テスト"),
                                    ledger_rows(60, "".join(tokens)), out, find_font())
    assert count == 60 and pages > 2
    text = text_of(out)
    lay = table_layout(spec)
    left, right = lay.xs[-2], lay.xs[-1]  # only the 変更内容 column, page after page
    column = run("pdftotext", "-x", int(left), "-y", 0, "-W", int(right - left), "-H", 600, out, "-")
    flat = re.sub(r"\s+", "", column).replace("変更内容", "")
    assert "".join(tokens) in flat  # a row taller than a page continues on the next: nothing is lost
    assert "（続き）" in text  # and says so where its number would be
    assert text.count("変更内容") == pages  # the header row on every page
    assert text.count("株式会社テスト") == pages
    assert "山田 花子の登録内容を変更（60）" in text


def test_pdf_follows_the_date_style(tmp_path):
    spec = load_ledger_spec("audit_log")
    out = tmp_path / "w.pdf"
    write_ledger_pdf(spec, HeaderInfo("監査ログ", "株式会社テスト", "令和8年11月1日〜令和8年11月30日",
                                      dt.datetime(2026, 11, 22, 9, 0), "wareki"), ledger_rows(3), out, find_font())
    text = text_of(out)
    assert "令和8年11月1日 09:01" in text and "出力日: 令和8年11月22日" in text


def test_empty_period_says_so(demo, tmp_path):
    ws, _ = demo
    from pcdesk.output.registry import LedgerQuery

    out = tmp_path / "e.pdf"
    day = dt.date(2001, 1, 1)
    result = export_ledger(ws, "audit_log", "pdf", out, LedgerQuery(day, day))
    assert result.records == 0
    assert "該当する記録はありません" in text_of(out) and "2001年1月1日〜2001年1月1日" in text_of(out)


def test_accounts_pdf_lists_everyone_portrait_or_landscape_as_defined(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "acc.pdf"
    export_ledger(ws, "accounts", "pdf", out)
    text = text_of(out, layout=True)
    for login_id in ("admin", "manager", "staff", "approver", "reception"):
        assert login_id in text
    assert "管理者・担当者" in text and "有効" in text and "1 / 1 ページ" in text
    assert_fonts_embedded(out)
