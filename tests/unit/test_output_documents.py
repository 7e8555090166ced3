"""The export engine's document ledgers (pcdesk.feature.Ledger.document), independent of any feature:
a ledger that declares a `document` is written by it in the formats it lists, atomically and audited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import ValidationError
from pcdesk.output import export as export_module
from pcdesk.output.export import DocumentOutput, describe_result, export_ledger, format_of, ledger_formats
from pcdesk.output.registry import LedgerQuery, declaration
from pcdesk.services import ADMIN, Actor, Workspace

CALLS: list[tuple] = []


def write_note(ws, query, fmt, out: Path) -> DocumentOutput:
    """A stand-in document: one line saying how it was asked for."""
    CALLS.append((fmt, out.name, dict(query.filters)))
    if query.filters.get("fail"):
        out.write_text("half", encoding="utf-8")
        raise RuntimeError("broken")
    out.write_text(f"{fmt} document", encoding="utf-8")
    return DocumentOutput(records=3, pages=2 if fmt == "pdf" else None, label="お知らせ（第1版）")


@pytest.fixture
def as_document(monkeypatch):
    """The 「アカウント一覧」 ledger declared as a document in pdf, html and txt."""
    ledger = replace(declaration("accounts"), formats=("pdf", "html", "txt"), document=f"{__name__}:write_note")
    real = export_module.declaration
    monkeypatch.setattr(export_module, "declaration", lambda i: ledger if i == "accounts" else real(i))
    CALLS.clear()
    return ledger


@pytest.fixture
def admin(setup_ws):
    return Workspace(setup_ws.db, Actor(None, "総務", frozenset({ADMIN})))


def test_a_document_ledger_is_written_by_its_document_function_and_audited(as_document, admin, tmp_path):
    result = export_ledger(admin, "accounts", "html", tmp_path / "お知らせ.html", LedgerQuery(filters={"version": 1}))
    assert (tmp_path / "お知らせ.html").read_text(encoding="utf-8") == "html document"
    assert CALLS[0][0] == "html" and CALLS[0][1].endswith(".part") and CALLS[0][2] == {"version": 1}
    assert describe_result(result) == f"お知らせ（第1版）を出力しました: {tmp_path / 'お知らせ.html'}"
    entry = fetch_page(admin, AuditFilter(action="export"), limit=1)[0]
    assert entry.record_id == "accounts" and entry.summary == "お知らせ（第1版）をHTMLで出力 → お知らせ.html"
    pdf = export_ledger(admin, "accounts", "pdf", tmp_path / "p.pdf", action="print")
    assert pdf.pages == 2 and describe_result(pdf).startswith("お知らせ（第1版）（2ページ）を出力しました")
    assert fetch_page(admin, AuditFilter(action="print"), limit=1)[0].summary == "お知らせ（第1版）を印刷用に出力（2ページ） → p.pdf"


def test_only_the_listed_formats_are_offered(as_document, admin, tmp_path):
    assert ledger_formats("accounts") == ("pdf", "html", "txt")
    with pytest.raises(ValidationError, match="「xlsx」は選べません。pdf、html、txt のどれかにしてください。"):
        export_ledger(admin, "accounts", "xlsx", tmp_path / "a.xlsx")
    assert format_of(None, Path("a.txt"), ledger_formats("accounts")) == "txt"
    with pytest.raises(ValidationError, match=r"pdf、html、txt のどれかを指定してください（または保存先を .pdf / .html / .txt"):
        format_of(None, Path("a.xlsx"), ledger_formats("accounts"))
    assert CALLS == []


def test_a_failed_document_leaves_no_file_and_no_audit_entry(as_document, admin, tmp_path):
    before = len(fetch_page(admin, AuditFilter(action="export")))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        export_ledger(admin, "accounts", "txt", out / "a.txt", LedgerQuery(filters={"fail": True}))
    assert list(out.iterdir()) == []  # neither the file nor its .part
    assert len(fetch_page(admin, AuditFilter(action="export"))) == before


def test_without_a_document_function_a_ledger_offers_only_the_table_formats(monkeypatch):
    ledger = replace(declaration("accounts"), formats=("xlsx", "pdf", "html"))
    monkeypatch.setattr(export_module, "declaration", lambda i: ledger)
    assert ledger_formats("accounts") == ("xlsx", "pdf")
