"""Exports are recorded before they exist; .part files never outlive an export; no formula
anywhere in a workbook, header block included; every ledger carries the trail's anchor."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from pcdesk.audit import anchors
from pcdesk.audit.model import AuditEntry
from pcdesk.company.service import save_company
from pcdesk.errors import PcdeskError
from pcdesk.output import export as export_module
from pcdesk.output import parts
from pcdesk.output.cells import HeaderInfo
from pcdesk.output.export import export_ledger
from pcdesk.output.spec import load_ledger_spec
from pcdesk.output.xlsx import write_ledger_xlsx


def export_entries(ws):
    with ws.db.new_read_session() as s:  # a fresh session: only what is committed
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export")))


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_the_audit_entry_is_committed_before_the_file_appears(demo, tmp_path, monkeypatch):
    ws, _ = demo
    out = tmp_path / "監査ログ.xlsx"
    seen = {}
    real = export_module._publish

    def publish(tmp, target):
        seen["entry"] = [e.summary for e in export_entries(ws)]
        seen["visible"] = target.exists()
        seen["part"] = tmp.exists() and tmp.name.endswith(".part")
        real(tmp, target)

    monkeypatch.setattr(export_module, "_publish", publish)
    export_ledger(ws, "audit_log", "xlsx", out)
    assert seen["part"] and not seen["visible"]
    assert any("監査ログ.xlsx" in s for s in seen["entry"])
    assert out.exists() and leftovers(tmp_path) == []


def test_a_failed_write_leaves_neither_file_nor_entry(demo, tmp_path, monkeypatch):
    ws, _ = demo
    import pcdesk.output.xlsx as xlsx

    def full_disk(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx.Workbook, "save", full_disk)
    before = len(export_entries(ws))
    with pytest.raises(PcdeskError, match="ディスクがいっぱい") as err:
        export_ledger(ws, "audit_log", "xlsx", tmp_path / "log.xlsx")
    assert "Errno" not in str(err.value)
    assert len(export_entries(ws)) == before and leftovers(tmp_path) == [] and not (tmp_path / "log.xlsx").exists()


def test_a_file_that_cannot_be_put_in_place_is_recorded_as_failed(demo, tmp_path, monkeypatch):
    ws, _ = demo

    def locked(_tmp, _out):
        raise PcdeskError("「log.xlsx」を上書きできません。Excel や PDF ビューアーで開いていたら閉じてから、もう一度出力してください。")

    monkeypatch.setattr(export_module, "_publish", locked)
    with pytest.raises(PcdeskError, match="上書きできません"):
        export_ledger(ws, "audit_log", "xlsx", tmp_path / "log.xlsx")
    with ws.db.new_read_session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2)).all()
    assert "出力に失敗しました" in last[0].summary and last[1].action == "export"
    assert leftovers(tmp_path) == []


def test_a_part_left_by_a_killed_export_is_removed_at_start_up(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    part = tmp_path / ".台帳.xlsx.1234abcd.part"
    part.write_bytes(b"PK half a workbook")
    note = parts.register(part)
    note.write_text(note.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}'))
    running = tmp_path / ".running.xlsx.5678abcd.part"
    running.write_bytes(b"PK")
    parts.register(running)  # this process: still exporting
    result = subprocess.run([sys.executable, "-m", "pcdesk", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    subprocess.run([sys.executable, "-m", "pcdesk", "check", "--db", str(tmp_path / "none.sqlite3")],
                   capture_output=True, text=True)  # any command tidies up first
    assert not part.exists() and running.exists()


def test_no_formula_anywhere_in_a_workbook_header_block_included(tmp_path):
    import dataclasses

    spec = dataclasses.replace(load_ledger_spec("accounts"), title="=cmd|' /C calc'!A0")
    info = HeaderInfo(title="=cmd|' /C calc'!A0", company="=HYPERLINK(\"http://x\",\"会社\")",
                      conditions=("+部門: 営業部", "@SUM(1)"), period="-1")
    row = {"login_id": "=1+1", "display_name": "@x", "department": "-2", "roles": "+3", "email": "",
           "active": True, "locked": False, "created_at": None, "last_login_at": None}
    out = tmp_path / "h.xlsx"
    write_ledger_xlsx(spec, info, [row], out)
    with zipfile.ZipFile(out) as zf:
        sheet = next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
        assert b"<f>" not in zf.read(sheet) and b"<f " not in zf.read(sheet)
    sh = openpyxl.load_workbook(out).active
    texts = [c for row in sh.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in texts} >= {"=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"会社\")", "=1+1"}
    assert all(c.data_type == "s" for c in texts)
    assert sh["A1"].quotePrefix and sh["A2"].quotePrefix


def test_a_company_named_like_a_formula_stays_text_in_an_exported_ledger(demo, tmp_path):
    ws, _ = demo
    from pcdesk.company.service import get_company
    from pcdesk.company.model import COMPANY_FIELDS

    company = get_company(ws)
    values = {k: getattr(company, k) or "" for k in COMPANY_FIELDS}
    save_company(ws, dict(values, name="=WEBSERVICE(\"http://evil\")"))
    out = tmp_path / "a.xlsx"
    export_ledger(ws, "accounts", "xlsx", out)
    sh = openpyxl.load_workbook(out).active
    assert sh["A2"].value == "=WEBSERVICE(\"http://evil\")" and sh["A2"].data_type == "s"


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_every_ledger_carries_the_anchor_of_the_trail(demo, tmp_path, fmt):
    ws, _ = demo
    with ws.db.new_read_session() as s:
        seq, digest = s.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc())).first()
    out = tmp_path / f"accounts.{fmt}"
    export_ledger(ws, "accounts", fmt, out)
    anchor = anchors.read_anchor(str(out))
    assert anchor is not None and (anchor.seq, anchor.hash) == (seq, digest)
    if fmt == "xlsx":
        footer = openpyxl.load_workbook(out).active.oddFooter.left.text
        assert footer == anchors.paper_text(seq, digest)
    else:
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert f"監査証跡 No.{seq}-{digest[:16]}" in text
