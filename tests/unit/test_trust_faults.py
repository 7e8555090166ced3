"""Faults speak Japanese: a full disk, a read-only folder, a database locked for a long time
— a message saying what to do, no traceback, nothing half-written."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import func, select

from pcdesk.audit.model import AuditEntry
from pcdesk.backups import make_backup
from pcdesk.company.model import Department
from pcdesk.company.service import add_department
from pcdesk.errors import PcdeskError
from pcdesk.output.export import export_ledger
from pcdesk.store import backup as files
from pcdesk.store.backup import BackupError


def _full_disk_connect(real):
    """sqlite3.connect whose backup target can hold two pages: SQLite's own SQLITE_FULL."""
    def connect(target, *args, **kwargs):
        conn = real(target, *args, **kwargs)
        if str(target).endswith(".part"):
            conn.execute("PRAGMA max_page_count = 2")
        return conn
    return connect


def test_a_full_disk_during_a_backup(demo, tmp_path, monkeypatch):
    ws, _ = demo
    monkeypatch.setattr(files.sqlite3, "connect", _full_disk_connect(sqlite3.connect))
    out = tmp_path / "usb" / "backup.sqlite3"
    with pytest.raises(BackupError) as err:
        make_backup(ws, out)
    message = str(err.value)
    assert "ディスクがいっぱい" in message and "別の保存先" in message and "sqlite3." not in message
    assert list(out.parent.iterdir()) == []  # no backup, no .part
    monkeypatch.undo()
    with ws.read() as s:
        assert not s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "backup"))


def test_a_read_only_folder_for_a_backup(demo, tmp_path, monkeypatch):
    ws, _ = demo
    real = sqlite3.connect

    def refuse(target, *args, **kwargs):
        if str(target).endswith(".part"):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(files.sqlite3, "connect", refuse)
    with pytest.raises(BackupError, match="書き込めません") as err:
        make_backup(ws, tmp_path / "cdrom" / "b.sqlite3")
    assert "読み取り専用" in str(err.value)


def test_a_read_only_folder_for_an_export(demo, tmp_path, monkeypatch):
    ws, _ = demo
    import pcdesk.output.pdf as pdf

    def refuse(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(pdf, "write_ledger_pdf", refuse)
    with pytest.raises(PcdeskError, match="書き込めません"):
        export_ledger(ws, "accounts", "pdf", tmp_path / "a.pdf")
    assert list(tmp_path.glob("*.part")) == [] and not (tmp_path / "a.pdf").exists()


def test_a_database_locked_for_a_long_time(db, monkeypatch):
    from pcdesk.services import SETUP, Workspace
    from pcdesk.store import engine
    from pcdesk.store.engine import Database, resolve_url

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)  # 30 s in real use
    impatient = Database(resolve_url(db.path))
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(PcdeskError) as err:
            add_department(Workspace(impatient, SETUP), "待たされた部門")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(err.value)
    assert "長い間ほかのプログラムに使われている" in message and "何も保存していません" in message
    with impatient.new_read_session() as s:
        assert s.scalar(select(Department).where(Department.name == "待たされた部門")) is None
    impatient.dispose()


def test_the_command_line_says_it_without_a_traceback(demo, tmp_path, monkeypatch, capsys):
    from pcdesk.cli import run

    ws, _ = demo
    monkeypatch.setattr(files.sqlite3, "connect", _full_disk_connect(sqlite3.connect))
    code = run(["backup", "--db", str(ws.db.path), "--out", str(tmp_path / "b.sqlite3")])
    err = capsys.readouterr().err
    assert code == 2 and "エラー: バックアップ: 保存先のディスクがいっぱいです" in err and "Traceback" not in err
