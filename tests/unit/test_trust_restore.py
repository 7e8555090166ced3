"""Restore is safe: refusals before anything is replaced, the 復元 entry written into the
restored file first, a kill at any step leaving a whole database, set-aside entries kept."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from pcdesk.audit.model import AuditEntry
from pcdesk.backups import make_backup, remove_leftovers, restore, verify_backup
from pcdesk.company.model import Department
from pcdesk.company.service import add_department
from pcdesk.integrity import check_database
from pcdesk.services import COMMAND_LINE, Workspace
from pcdesk.store.backup import BackupError
from pcdesk.store.engine import Database, resolve_url
from pcdesk.store.opening import open_database


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pcdesk", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8")


def departments(path):
    db = open_database(path)
    try:
        with db.new_read_session() as s:
            return set(s.scalars(select(Department.name)))
    finally:
        db.dispose()


def last_entry(path):
    db = open_database(path)
    try:
        with db.new_read_session() as s:
            return s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    finally:
        db.dispose()


def edit_file(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def saved(demo, tmp_path):
    """(workspace, backup file): a backup, then a department added after it."""
    ws, _ = demo
    backup = make_backup(ws, tmp_path / "saved.sqlite3")
    add_department(ws, "バックアップ後の部門")
    return ws, backup


def live_untouched(ws, before: bytes) -> bool:
    return ws.db.path.read_bytes() == before and "バックアップ後の部門" in departments(ws.db.path)


def test_a_backup_from_a_newer_pcdesk_is_refused_before_anything_is_replaced(saved):
    ws, backup = saved
    edit_file(backup, "UPDATE alembic_version SET version_num = '0009_from_the_future' "
                      "WHERE version_num = '0003_foundation_trust'")
    ws.db.dispose()
    before = ws.db.path.read_bytes()
    check = verify_backup(backup)
    assert not check.ok and "より新しい版の pcdesk で作られています（形式: 0009_from_the_future）" in check.message
    with pytest.raises(BackupError, match="この版では復元できません"):
        restore(ws, backup)
    assert live_untouched(ws, before)
    assert not ws.db.path.with_name(ws.db.path.name + ".restoring").exists()
    result = cli("restore", "--db", ws.db.path, backup)
    assert result.returncode == 2 and "より新しい版" in result.stderr and "Traceback" not in result.stderr


def test_a_database_migrated_by_a_newer_pcdesk_gets_a_clear_message(demo):
    ws, _ = demo
    ws.db.dispose()
    edit_file(ws.db.path, "INSERT INTO alembic_version VALUES ('0010_newer_feature')")
    result = cli("check", "--db", ws.db.path)
    assert result.returncode == 2 and "より新しい版の pcdesk で更新されています" in result.stderr
    assert "Traceback" not in result.stderr and "alembic" not in result.stderr.lower()


@pytest.mark.parametrize("planted, named", [
    ("CREATE TRIGGER promote AFTER UPDATE ON user_account BEGIN "
     "UPDATE user_role SET role = 'admin' WHERE role = 'reception'; END", "トリガー「promote」"),
    ("CREATE VIEW everyone AS SELECT login_id, password_hash FROM user_account", "ビュー「everyone」"),
    ("CREATE TABLE stash (x TEXT)", "表「stash」"),
    ("CREATE INDEX ix_extra ON department (sort_order)", "索引「ix_extra」"),
])
def test_a_backup_whose_schema_is_not_what_the_migrations_create_is_refused(saved, planted, named):
    ws, backup = saved
    edit_file(backup, planted)
    check = verify_backup(backup)
    assert not check.ok and f"pcdesk が作らない{named}があります" in check.message
    with pytest.raises(BackupError, match="復元できません"):
        restore(ws, backup)
    assert "バックアップ後の部門" in departments(ws.db.path)


def test_a_backup_with_a_row_changed_behind_the_trail_is_refused(saved):
    ws, backup = saved
    edit_file(backup, "UPDATE user_role SET role = 'admin' WHERE role = 'reception'")
    check = verify_backup(backup)
    assert not check.ok and "監査証跡を通さずに変えられたデータがあります" in check.message and "権限" in check.message


def test_restoring_an_older_backup_records_the_entries_it_sets_aside(saved):
    ws, backup = saved
    live_last = last_entry(ws.db.path).seq
    with Workspace(ws.db, COMMAND_LINE).read() as s:
        backup_last = sqlite3.connect(backup).execute("SELECT last_seq FROM audit_head").fetchone()[0]
    result = restore(ws, backup)
    assert result.set_aside == (backup_last + 1, live_last)
    text = result.describe()
    assert f"記録番号 {backup_last + 1}〜{live_last}" in text and result.kept.name in text
    assert "置き換える前のデータベースは保存してあります" in text
    entry = last_entry(ws.db.path)
    assert entry.action == "restore" and entry.seq == backup_last + 1
    assert "saved.sqlite3 から復元" in entry.summary and result.kept.name in entry.summary
    assert f"記録番号 {backup_last + 1}〜{live_last}" in entry.summary
    assert "バックアップ後の部門" not in departments(ws.db.path)
    assert "バックアップ後の部門" in departments(result.kept)  # the set-aside work is in the kept file
    report = check_database(open_database(ws.db.path))
    assert report.ok, report.lines()  # anchors of the set-aside entries are explained, not alarms
    assert any(result.kept.name in line and "取り除かれた記録" in line for line in report.lines())


def test_a_damaged_live_file_is_never_offered_as_the_copy_to_restore_from(saved):
    ws, backup = saved
    ws.db.dispose()
    ws.db.path.write_bytes(b"broken" * 1000)
    for extra in ("-wal", "-shm"):
        ws.db.path.with_name(ws.db.path.name + extra).unlink(missing_ok=True)
    result = restore(Workspace(Database(resolve_url(ws.db.path)), COMMAND_LINE), backup)
    assert result.kept.name.startswith("damaged-")
    text = result.describe()
    assert "復元には使えません" in text and "保存してあります" not in text
    assert "総務部" in departments(ws.db.path)


def test_restore_on_the_command_line_tells_what_was_set_aside(saved):
    ws, backup = saved
    ws.db.dispose()
    result = cli("restore", "--db", ws.db.path, backup)
    assert result.returncode == 0, result.stderr
    assert "から復元しました" in result.stdout and "取り除かれました" in result.stdout
    assert cli("check", "--db", ws.db.path).returncode == 0


# -- a kill at each step --------------------------------------------------------------------

STEPS = ["verified", "staged", "recorded", "kept", "during-replace", "replaced"]


def _restore_and_die(path, backup, kill_at):
    """In a forked child: restore, and SIGKILL ourselves at `kill_at` (no cleanup runs)."""
    from pcdesk.store import backup as files

    files.STEP_PAGES = 4  # many small steps, so the kill lands inside the copy
    replacing = []

    def step(name):
        if name == "kept":
            replacing.append(True)
        if name == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def progress(done, total):
        if kill_at == "during-replace" and replacing and done >= 8:
            os.kill(os.getpid(), signal.SIGKILL)

    db = Database(resolve_url(path))
    restore(Workspace(db, COMMAND_LINE), backup, progress=progress, step=step)
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("kill_at", STEPS)
def test_a_kill_at_any_step_leaves_a_whole_database_with_its_record(saved, kill_at):
    ws, backup = saved
    path = ws.db.path
    ws.db.dispose()
    before_last = last_entry(path).seq
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            _restore_and_die(path, backup, kill_at)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    replaced = "バックアップ後の部門" not in departments(path)
    entry = last_entry(path)
    if replaced:  # never without its 復元 entry
        assert entry.action == "restore" and "saved.sqlite3 から復元" in entry.summary
    else:
        assert entry.seq == before_last and entry.action != "restore"
    assert replaced == (kill_at == "replaced")
    db = open_database(path)
    remove_leftovers(db, older_than=0)  # what start-up does with an interrupted restore's copy
    assert not path.with_name(path.name + ".restoring").exists()
    report = check_database(db)
    assert report.ok, report.lines()
    db.dispose()


def test_leftovers_of_a_running_restore_are_not_removed(demo):
    ws, _ = demo
    staged = ws.db.path.with_name(ws.db.path.name + ".restoring")
    staged.write_bytes(b"in progress")
    assert remove_leftovers(ws.db) == [] and staged.exists()  # fresh: it may belong to a running restore
    assert remove_leftovers(ws.db, older_than=0) == [staged]


def test_restoring_needs_an_administrator(saved):
    from pcdesk.errors import PermissionDenied
    from pcdesk.services import RECEPTION, Actor

    ws, backup = saved
    with pytest.raises(PermissionDenied):
        restore(Workspace(ws.db, Actor(None, "誰か", frozenset({RECEPTION}))), backup)


def test_a_backup_of_another_pc_needs_its_key_or_an_explicit_choice(saved, monkeypatch, tmp_path):
    from pcdesk.audit import keys

    ws, backup = saved
    monkeypatch.setenv("PCDESK_DATA_DIR", str(tmp_path / "other-pc"))
    monkeypatch.setenv("PCDESK_KEY_DIR", str(tmp_path / "other-pc" / "keys"))  # a PC without the key
    keys.forget_cache()
    check = verify_backup(backup)
    assert not check.ok and check.missing_key and "pcdesk key import" in check.message
    with pytest.raises(BackupError, match="鍵"):
        restore(ws, backup)
    result = restore(ws, backup, allow_missing_key=True)
    assert "から復元しました" in result.describe()
    with open_database(ws.db.path).new_read_session() as s:
        kinds = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2))]
    assert kinds == ["restore", "key"]  # a new key on this PC, announced, then the restore


def test_an_old_unkeyed_backup_restores_and_is_keyed_from_then_on(demo, tmp_path):
    from tests.legacy import LEGACY_ENTRIES, legacy_copy

    ws, _ = demo
    old = legacy_copy(tmp_path)
    result = restore(ws, old)
    assert "old.sqlite3 から復元しました" in result.describe()
    db = open_database(ws.db.path)
    with db.new_read_session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.seq > LEGACY_ENTRIES)
                                 .order_by(AuditEntry.seq)))
        assert s.scalar(select(func.count()).select_from(AuditEntry)) > LEGACY_ENTRIES
    assert actions[0] == "key" and actions[-1] == "restore" and "seal" in actions
    assert check_database(db).ok


def test_after_a_restore_a_truncation_is_still_noticed(saved):
    """The entries a restore set aside are excused, not the ones written after it."""
    from sqlalchemy import text

    ws, backup = saved
    result = restore(ws, backup)
    db = open_database(ws.db.path)
    later = Workspace(db, COMMAND_LINE)
    for i in range(result.set_aside[1] - result.set_aside[0] + 4):  # past the set-aside numbers
        add_department(later, f"復元後の部門{i}")
    last = last_entry(ws.db.path).seq
    keep = last - 3
    with db.engine.begin() as conn:
        new_head = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == keep)).scalar()
        conn.execute(text(f"DELETE FROM audit_entry WHERE seq > {keep}"))
        conn.execute(text(f"UPDATE audit_head SET last_seq = {keep}, last_hash = '{new_head}'"))
    report = check_database(db)
    assert not report.ok, report.lines()
    assert any(f"記録番号 {keep + 1} が、今のデータベースにありません" in line for line in report.lines()), report.lines()
