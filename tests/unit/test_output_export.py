"""Exporting as a person would: rights, the audit trail, cancelling, the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from pcdesk.audit.query import AuditFilter, fetch_page
from pcdesk.errors import PcdeskError, PermissionDenied, ValidationError
from pcdesk.output import export as export_module
from pcdesk.output.export import export_ledger, list_ledgers
from pcdesk.output.progress import ExportCancelled
from pcdesk.output.registry import LedgerQuery, declaration, ledger_ids
from pcdesk.output.spec import SpecError
from pcdesk.services import STAFF, Actor, Workspace
from pcdesk.store.paths import data_dir


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pcdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8")


def last_event(ws, action="export"):
    return fetch_page(ws, AuditFilter(action=action), limit=1)[0]


def test_every_export_is_recorded_in_the_audit_trail(demo, tmp_path):
    ws, _ = demo
    out = tmp_path / "acc.xlsx"
    result = export_ledger(ws, "accounts", "xlsx", out)
    entry = last_event(ws)
    assert entry.actor_name == "admin" and entry.record_type == "ledger" and entry.record_id == "accounts"
    assert entry.summary == f"アカウント一覧をExcelで出力: {result.records}件 → acc.xlsx"
    details = json.loads(entry.changes)
    assert details["format"] == "xlsx" and details["records"] == 5 and details["file"] == str(out)


def test_printing_is_recorded_as_print(demo, tmp_path):
    ws, _ = demo
    export_ledger(ws, "accounts", "pdf", tmp_path / "p.pdf", action="print")
    assert last_event(ws, "print").summary.startswith("アカウント一覧を印刷用に出力")


def test_staff_may_not_export_the_audit_log(demo, tmp_path):
    ws, info = demo
    staff = Workspace(ws.db, Actor(info.users["staff"], "staff", frozenset({STAFF})))
    with pytest.raises(PermissionDenied, match="管理者"):
        export_ledger(staff, "audit_log", "xlsx", tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()


def test_cancel_leaves_no_file_and_records_nothing(demo, tmp_path, monkeypatch):
    ws, _ = demo
    monkeypatch.setattr("pcdesk.output.progress.CHECK_EVERY", 10)
    before = len(fetch_page(ws, AuditFilter(action="export")))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for fmt in ("xlsx", "pdf"):
        with pytest.raises(ExportCancelled, match="中止しました"):
            export_ledger(ws, "audit_log", fmt, out_dir / f"a.{fmt}", cancel=lambda: True)
    assert list(out_dir.iterdir()) == []
    assert len(fetch_page(ws, AuditFilter(action="export"))) == before


def test_an_existing_file_is_replaced_whole_or_not_at_all(demo, tmp_path, monkeypatch):
    ws, _ = demo
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"previous export")

    def locked(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(export_module.os, "replace", locked)
    with pytest.raises(PcdeskError, match="開いていたら閉じてから"):
        export_ledger(ws, "accounts", "xlsx", out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_input_problems_are_named_before_anything_is_written(demo, tmp_path):
    ws, _ = demo
    import datetime as dt

    with pytest.raises(ValidationError, match="台帳: 「nope」という台帳はありません"):
        export_ledger(ws, "nope", "xlsx", tmp_path / "a.xlsx")
    with pytest.raises(ValidationError, match="形式: 「csv」は選べません"):
        export_ledger(ws, "accounts", "csv", tmp_path / "a.csv")
    with pytest.raises(ValidationError, match="開始日が終了日より後"):
        export_ledger(ws, "audit_log", "pdf", tmp_path / "a.pdf",
                      LedgerQuery(dt.date(2026, 12, 1), dt.date(2026, 11, 1)))
    with pytest.raises(ValidationError, match="期間で絞り込めません"):
        export_ledger(ws, "accounts", "pdf", tmp_path / "a.pdf", LedgerQuery(dt.date(2026, 1, 1)))
    with pytest.raises(ValidationError, match="保存先: フォルダ"):
        export_ledger(ws, "accounts", "pdf", tmp_path / "missing" / "a.pdf")
    assert export_module.format_of(None, tmp_path / "x.PDF") == "pdf"


def test_a_format_that_contradicts_the_file_name_is_refused(demo, tmp_path, capsys):
    from pcdesk.cli import run

    ws, _ = demo
    out = tmp_path / "x.xlsx"
    assert run(["--db", str(ws.db.path), "export", "audit_log", "--format", "pdf", "--out", str(out)]) == 2
    assert ("形式は PDF（pdf）ですが、保存先「x.xlsx」は Excel の拡張子（.xlsx）です。"
            "保存先を「x.pdf」にするか、形式を合わせてください。") in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ValidationError, match="保存先「a.csv」は CSV の拡張子"):
        export_ledger(ws, "accounts", "xlsx", tmp_path / "a.csv")
    assert export_module.format_of("pdf", tmp_path / "x.PDF") == "pdf"
    assert export_module.format_of("pdf", tmp_path / "監査ログ_2026.11.22") == "pdf"  # a dotted name, no kind


def test_a_review_bodys_column_set_is_a_data_change(demo, tmp_path):
    """An edited copy in <data>/forms/ replaces the shipped definition: other headings, fewer columns."""
    ws, _ = demo
    folder = data_dir() / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "accounts.toml").write_text("""
title = "従業者アカウント台帳"
roles = ["admin"]
period = false
approvals = ["承認"]
[[columns]]
key = "display_name"
header = "従業者名"
width = 20
[[columns]]
key = "roles"
header = "付与権限"
width = 20
""", encoding="utf-8")
    out = tmp_path / "a.xlsx"
    export_ledger(ws, "accounts", "xlsx", out)
    sh = openpyxl.load_workbook(out).active
    assert sh["A1"].value == "従業者アカウント台帳"
    assert [c.value for c in sh[5][:3]] == ["従業者名", "付与権限", None]
    assert sh.cell(1, 4).value == "承認"
    assert any(e.title == "従業者アカウント台帳" for e in list_ledgers())


def test_a_definition_key_the_ledger_does_not_provide_is_named(demo, tmp_path):
    ws, _ = demo
    folder = data_dir() / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "accounts.toml").write_text('title = "t"\nperiod = false\n[[columns]]\nkey = "shoe_size"\n'
                                          'header = "靴のサイズ"\n', encoding="utf-8")
    with pytest.raises(SpecError, match=r"靴のサイズ（key = \"shoe_size\"）.*使える key: login_id"):
        export_ledger(ws, "accounts", "xlsx", tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()


def test_cli_lists_every_ledger_id_first_then_title(tmp_path):
    result = cli("export", "--list", "--db", tmp_path / "x.sqlite3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ledger_ids(listed_only=True)
    assert lines[0].split(None, 1) == ["audit_log", "監査ログ"]
    assert lines[1].split(None, 1) == ["accounts", "アカウント一覧"]


def test_cli_exports_with_a_period_and_is_audited_as_the_command_line(demo, tmp_path):
    ws, _ = demo
    db = ws.db.url.database
    out = tmp_path / "監査ログ.pdf"
    result = cli("export", "audit_log", "--format", "pdf", "--out", out, "--from", "2026-01-01",
                 "--to", "2099-12-31", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "件、" in result.stdout and out.exists()
    entry = last_event(ws)
    assert entry.actor_name == "コマンドライン"
    assert "2026年1月1日〜2099年12月31日" in entry.summary
    bad = cli("export", "audit_log", "--out", tmp_path / "b.xlsx", "--from", "11/22", "--db", db)
    assert bad.returncode == 2 and "--from: 「11/22」を日付として読めません" in bad.stderr


def test_cli_exports_one_departments_survey(demo, tmp_path):
    ws, _ = demo
    db = ws.db.url.database
    out = tmp_path / "営業部.xlsx"
    result = cli("export", "inventory_survey", "--out", out, "--department", "営業部", "--db", db)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "顧客名簿" in values and "応募者の履歴書" not in values  # 人事部's entry is left out
    bad = cli("export", "inventory_survey", "--out", tmp_path / "x.xlsx", "--department", "経理部", "--db", db)
    assert bad.returncode == 2 and "「経理部」という部門はありません" in bad.stderr and "営業部" in bad.stderr
