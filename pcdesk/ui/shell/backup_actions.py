"""Backup and restore from the GUI: the same steps as `pcdesk backup` / `pcdesk restore`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from pcdesk.audit.trail import record_event
from pcdesk.dates import today
from pcdesk.services import ADMIN, Workspace
from pcdesk.store.backup import AUTO_PREFIX, backup_to, backups_dir, restore_from, verify_backup_file
from pcdesk.store.migrate import upgrade
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.progress import run_task

FILE_FILTER = "pcdesk バックアップ (*.sqlite3);;すべてのファイル (*)"
SERVER_DB = ("このデータベースはサーバー（PostgreSQL）にあります。バックアップと復元はサーバー側で "
             "pg_dump / pg_restore を使って行ってください。")


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def automatic_backups(ws: Workspace) -> list[Path]:
    """The daily automatic backups, newest first (empty for a server database)."""
    if ws.db.path is None:
        return []
    return sorted(backups_dir(ws.db).glob(f"{AUTO_PREFIX}*.sqlite3"), reverse=True)


def _database_file(parent: QWidget | None, ws: Workspace) -> bool:
    """Backup and restore are for administrators and a database file (a server backs itself up)."""
    ws.require(ADMIN)
    if ws.db.path is None:
        messages.info(parent, SERVER_DB)
        return False
    return True


def backup_now(parent: QWidget | None, ws: Workspace) -> Path | None:
    """Ask where to save, copy the live database there with progress; returns the file."""
    with user_errors(parent):
        if not _database_file(parent, ws):
            return None
        suggested = _documents() / f"pcdesk-バックアップ-{today():%Y%m%d}.sqlite3"
        chosen, _ = QFileDialog.getSaveFileName(parent, "バックアップの保存先", str(suggested), FILE_FILTER)
        if not chosen:
            return None
        out = run_task(parent, "バックアップを作成しています…", lambda progress: backup_to(ws.db, Path(chosen), progress))
        with ws.write() as s:
            record_event(s, "backup", "database", "", f"バックアップを作成: {out.name}")
        messages.info(parent, f"バックアップを作成しました。\n\n{out}\n\n"
                              "パソコンの故障に備えて、別の場所（USB メモリやファイルサーバー）にも保管してください。")
        return out
    return None


def restore_confirmation(ws: Workspace, backup: Path) -> str:
    folder = backups_dir(ws.db)
    return (f"「{backup.name}」の内容で、今のデータをすべて置き換えます。\n\n"
            f"今のデータベースは消さずに、次のフォルダへ「replaced-日付-時刻.sqlite3」という名前で保存します。"
            f"復元をやり直したいときは、そのファイルから復元できます。\n{folder}\n\n"
            "復元の後は、もう一度ログインしてください。\n\n復元しますか？")


def restore_backup(parent: QWidget | None, ws: Workspace, backup: Path | None = None) -> bool:
    """Verify, confirm, replace, migrate; True when the database was replaced (log in again)."""
    with user_errors(parent):
        if not _database_file(parent, ws):
            return False
        if backup is None:
            chosen, _ = QFileDialog.getOpenFileName(parent, "復元するバックアップを選択", str(backups_dir(ws.db)),
                                                    FILE_FILTER)
            if not chosen:
                return False
            backup = Path(chosen)
        check = verify_backup_file(backup)
        if not check.ok:
            messages.error(parent, f"このファイルからは復元できません。\n\n{check.message}", "復元できません")
            return False
        if not messages.ask(parent, restore_confirmation(ws, backup), "復元の確認"):
            return False
        kept = run_task(parent, "復元しています…", lambda progress: restore_from(ws.db, backup, progress),
                        cancellable=False)  # half a restore is worse than a slow one
        upgrade(ws.db)
        with ws.write() as s:
            record_event(s, "restore", "database", "", f"{backup.name} から復元（置換前: {kept.name}）")
        messages.info(parent, f"復元しました。\n\n置き換える前のデータベースは次の場所に保存してあります:\n{kept}\n\n"
                              "もう一度ログインしてください。")
        return True
    return False
