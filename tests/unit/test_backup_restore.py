"""Backups are consistent copies; restore verifies the file and keeps the replaced one."""

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import select

from pcdesk.company.model import CompanyProfile, Department
from pcdesk.company.service import add_department
from pcdesk.backups import daily_backup, restore, verify_backup as verify_backup_file
from pcdesk.services import COMMAND_LINE, SYSTEM, Workspace
from pcdesk.store.backup import BackupError, auto_backup_if_due, backup_to
from pcdesk.store.opening import open_database


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pcdesk", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8")


def departments(db):
    with db.new_read_session() as s:
        return sorted(s.scalars(select(Department.name)))


def test_backup_and_restore_round_trip_on_the_command_line(tmp_path):
    live = tmp_path / "live.sqlite3"
    assert cli("demo", "--db", live).returncode == 0
    saved = tmp_path / "saved.sqlite3"
    result = cli("backup", "--db", live, "--out", saved)
    assert result.returncode == 0, result.stderr
    assert "バックアップを作成しました" in result.stdout

    db = open_database(live)
    from pcdesk.services import SETUP, Workspace

    add_department(Workspace(db, SETUP), "バックアップ後の部門")
    db.dispose()

    result = cli("restore", "--db", live, saved)
    assert result.returncode == 0, result.stderr
    assert "置き換える前のデータベースは保存してあります" in result.stdout
    db = open_database(live)
    assert "バックアップ後の部門" not in departments(db)
    assert "総務部" in departments(db)
    kept = sorted((tmp_path / "backups").glob("replaced-*.sqlite3"))
    assert kept, "the replaced database must be kept"
    assert "バックアップ後の部門" in departments(open_database(kept[-1], migrate=False))
    assert cli("check", "--db", live).returncode == 0


def test_restore_refuses_a_file_that_is_not_a_pcdesk_backup(tmp_path, db):
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("これはデータベースではありません", encoding="utf-8")
    assert not verify_backup_file(junk).ok
    result = cli("restore", "--db", db.path, junk)
    assert result.returncode == 2
    assert "pcdesk のバックアップファイルではありません" in result.stderr
    with pytest.raises(BackupError):
        restore(Workspace(db, COMMAND_LINE), junk)


def test_restore_refuses_an_unrelated_sqlite_file(tmp_path, db):
    import sqlite3

    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    check = verify_backup_file(other)
    assert not check.ok and "必要な表がありません" in check.message


def test_backup_to_the_live_file_is_refused(db):
    with pytest.raises(BackupError, match="同じ"):
        backup_to(db, db.path)


def test_daily_automatic_backup_keeps_only_the_newest(demo):
    ws, _ = demo
    start = dt.date(2026, 11, 1)
    for i in range(6):
        auto_backup_if_due(ws.db, keep=3, today=start + dt.timedelta(days=i))
    # A second start on the same day makes no new copy.
    assert auto_backup_if_due(ws.db, keep=3, today=start + dt.timedelta(days=5)) is None
    names = sorted(p.name for p in (ws.db.path.parent / "backups").glob("auto-*.sqlite3"))
    assert names == ["auto-20261104.sqlite3", "auto-20261105.sqlite3", "auto-20261106.sqlite3"]
    copy = open_database(ws.db.path.parent / "backups" / names[-1], migrate=False)
    with copy.new_read_session() as s:
        assert s.get(CompanyProfile, 1).name


def test_restore_refuses_a_backup_whose_audit_trail_was_tampered_with(demo, tmp_path):
    import sqlite3

    ws, _ = demo
    saved = backup_to(ws.db, tmp_path / "saved.sqlite3")
    conn = sqlite3.connect(saved)
    conn.execute("UPDATE audit_entry SET actor_name = '誰か' WHERE seq = 10")
    conn.commit()
    conn.close()
    check = verify_backup_file(saved)
    assert not check.ok and "改ざん" in check.message and "記録番号 10" in check.message
    result = cli("restore", "--db", ws.db.path, saved)
    assert result.returncode == 2 and "改ざん" in result.stderr


def test_restore_refuses_a_backup_made_before_the_first_run_set_up(tmp_path):
    empty = open_database(tmp_path / "empty.sqlite3")
    saved = backup_to(empty, tmp_path / "before-setup.sqlite3")
    check = verify_backup_file(saved)
    assert not check.ok and "管理者アカウントがありません" in check.message
    # ...and no automatic backup is made of a database that has not been set up yet.
    assert daily_backup(Workspace(empty, SYSTEM), keep=14) is None


def test_commands_never_create_a_database_from_a_mistyped_path(tmp_path):
    missing = tmp_path / "no-such-folder" / "typo.sqlite3"
    for args in (("check",), ("backup", "--out", tmp_path / "b.sqlite3"), ("export", "audit_log", "--out",
                                                                              tmp_path / "a.pdf")):
        result = cli(*args, "--db", missing)
        assert result.returncode == 2 and "データベースのファイルがありません" in result.stderr
    assert not missing.exists() and not missing.parent.exists()  # not even its folder


def test_a_corrupt_file_is_explained_in_japanese_with_a_whole_backup_to_restore(tmp_path):
    import os

    good = tmp_path / "good.sqlite3"
    assert cli("demo", "--db", good).returncode == 0
    bad = tmp_path / "pcdesk.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    (tmp_path / "backups").mkdir()
    whole = tmp_path / "backups" / "auto-20261120.sqlite3"
    whole.write_bytes(good.read_bytes())
    broken = tmp_path / "backups" / "auto-20261121.sqlite3"  # newer, but empty: never named
    broken.write_bytes(b"")
    copy_of_broken = tmp_path / "backups" / "pre-migrate-0002_inventory-20261122-090000.sqlite3"
    copy_of_broken.write_bytes(bad.read_bytes())  # made from the damaged file: never named either
    os.utime(whole, (1_700_000_000, 1_700_000_000))
    result = cli("check", "--db", bad)
    assert result.returncode == 2
    assert "壊れています" in result.stderr and "pcdesk restore" in result.stderr
    assert "auto-20261120.sqlite3" in result.stderr and "Traceback" not in result.stderr
    assert "auto-20261121" not in result.stderr and "pre-migrate" not in result.stderr
