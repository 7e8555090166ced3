"""The application pack and the consistency check read every feature through the registry."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from pcdesk import registry
from pcdesk.compliance import check_compliance
from pcdesk.errors import PermissionDenied, ValidationError
from pcdesk.output.progress import ExportCancelled
from pcdesk.pack.builder import build_pack, pack_documents


def _cells(path):
    sheet = load_workbook(path, read_only=True).active
    return [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]


def _pdf_text(path):
    """The text, without the audit trail's anchor in the footer (it moves on with every run)
    and with runs of spaces folded (the anchor's width shifts -layout's columns)."""
    import re

    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"監査証跡 No\.\d+-[0-9a-f]+", "", text)
    return re.sub(r"[ \t]+", " ", text)


def test_the_pack_holds_every_pack_ledger_numbered_with_an_index(demo, tmp_path):
    ws, _info = demo
    result = build_pack(ws, tmp_path / "申請書類")
    names = sorted(p.name for p in (tmp_path / "申請書類").iterdir())
    documents = pack_documents()
    assert [d.ledger_id for d in documents][-1] == "compliance_report"
    declared = [d.id for d in sorted((d for d in registry.ledgers().values() if d.pack is not None),
                                     key=lambda d: d.pack)]
    assert [d.ledger_id for d in documents[:-1]] == declared
    for doc in documents:
        for fmt in doc.formats:
            assert doc.file_name(fmt) in names
    assert "00_申請書類一覧表.xlsx" in names and "00_申請書類一覧表.pdf" in names
    ledger = next(d for d in documents if d.ledger_id == "inventory_ledger")  # its number depends on what precedes it
    assert ledger.file_name("xlsx") in names and ledger.file_name("xlsx").endswith("_個人情報管理台帳.xlsx")
    index = _cells(tmp_path / "申請書類" / "00_申請書類一覧表.xlsx")
    titles = [row[1] for row in index if row and row[0] and str(row[0]).isdigit()]
    assert titles == [d.title for d in documents]
    assert len(result.documents) == len(documents)


def test_each_ledger_in_the_pack_counts_what_the_database_holds(demo, tmp_path):
    from pcdesk.output.export import export_ledger

    ws, _info = demo
    result = build_pack(ws, tmp_path / "pack")
    for row in result.documents:
        doc = next(d for d in pack_documents() if d.title == row["title"])
        fmt = doc.formats[0]  # a document ledger (the policy) has no Excel form
        alone = export_ledger(ws, doc.ledger_id, fmt, tmp_path / f"alone_{doc.number}.{fmt}")
        assert row["records"] == alone.records, doc.title


def test_two_runs_give_the_same_cells_and_the_same_pdf_text(demo, tmp_path):
    ws, _info = demo
    build_pack(ws, tmp_path / "a")
    build_pack(ws, tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        twin = tmp_path / "b" / path.name
        if path.suffix == ".xlsx":
            assert _cells(path) == _cells(twin), path.name
        else:
            assert _pdf_text(path) == _pdf_text(twin), path.name


def test_a_cancelled_pack_leaves_no_folder_and_an_existing_one_is_not_overwritten(demo, tmp_path):
    ws, _info = demo
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        build_pack(ws, tmp_path / "pack", cancel=cancel)
    assert not (tmp_path / "pack").exists() and not (tmp_path / "pack.part").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "memo.txt").write_text("x")
    with pytest.raises(ValidationError, match="空ではありません"):
        build_pack(ws, tmp_path / "full")


def test_only_an_administrator_writes_the_pack(demo, tmp_path):
    from pcdesk.services import STAFF, Actor, Workspace

    ws, info = demo
    staff = Workspace(ws.db, Actor(info.users["staff"], "staff", frozenset({STAFF})))
    with pytest.raises(PermissionDenied):
        build_pack(staff, tmp_path / "pack")


def test_an_inconsistent_database_yields_exactly_the_expected_findings(demo):
    from sqlalchemy import select

    from pcdesk.inventory.model import InventoryEntry, RiskAssessment

    ws, _info = demo
    baseline = {(f.feature, f.text) for f in check_compliance(ws).findings}
    with ws.write() as s:
        entry = s.scalars(select(InventoryEntry).where(InventoryEntry.category == "retained")
                          .order_by(InventoryEntry.number)).first()
        entry.consigned, entry.consignee = True, "なし"
        for risk in s.scalars(select(RiskAssessment).where(RiskAssessment.entry_id == entry.id)):
            s.delete(risk)
        number, name = entry.number, entry.name
    found = {(f.feature, f.text) for f in check_compliance(ws).findings} - baseline
    assert found == {("inventory", f"{number} {name} にリスク分析がありません。"),
                     ("inventory", f"{number} {name} は委託ありですが、委託先が書かれていません。")}


def test_check_compliance_on_the_command_line_exits_1_when_something_is_found(demo, capsys):
    from pcdesk.cli import run

    ws, _info = demo
    code = run(["--db", str(ws.db.path), "check", "--compliance"])
    out = capsys.readouterr().out
    assert code == (0 if "問題は見つかりませんでした" in out else 1)
    assert "整合性チェック" in out


def test_export_pack_on_the_command_line(demo, tmp_path, capsys):
    from pcdesk.cli import run

    ws, _info = demo
    assert run(["--db", str(ws.db.path), "export", "pack", "--out", str(tmp_path / "申請")]) == 0
    assert "申請書類一式を作成しました" in capsys.readouterr().out
    assert (tmp_path / "申請" / "00_申請書類一覧表.pdf").is_file()
