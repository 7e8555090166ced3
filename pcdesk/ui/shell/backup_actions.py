"""Backup and restore from the GUI: the same services as `pcdesk backup` / `pcdesk restore`.

The services (pcdesk.backups) check rights, verify and write the audit events; this
module only asks where, confirms and shows the outcome.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from pcdesk import backups
from pcdesk.dates import today
from pcdesk.services import ADMIN, Workspace
from pcdesk.store.backup import backups_dir
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
    return backups.automatic_backups(ws.db)


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
        out = run_task(parent, "バックアップを作成しています…",
                       lambda progress: backups.make_backup(ws, Path(chosen), progress))
        messages.info(parent, f"バックアップを作成しました。\n\n{out}\n\n"
                              "パソコンの故障に備えて、別の場所（USB メモリやファイルサーバー）にも保管してください。")
        return out
    return None


def restore_confirmation(ws: Workspace, backup: Path) -> str:
    folder = backups_dir(ws.db)
    return (f"「{backup.name}」の内容で、今のデータをすべて置き換えます。\n\n"
            f"今のデータベースは消さずに、次のフォルダへ「replaced-日付-時刻.sqlite3」という名前で保存します。"
            f"バックアップより後の操作の記録も、そのファイルに残ります。\n{folder}\n\n"
            "復元の後は、もう一度ログインしてください。\n\n復元しますか？")


def restore_backup(parent: QWidget | None, ws: Workspace, backup: Path | None = None) -> bool:
    """Verify, confirm, restore; True when the database was replaced (log in again)."""
    with user_errors(parent):
        if not _database_file(parent, ws):
            return False
        if backup is None:
            chosen, _ = QFileDialog.getOpenFileName(parent, "復元するバックアップを選択", str(backups_dir(ws.db)),
                                                    FILE_FILTER)
            if not chosen:
                return False
            backup = Path(chosen)
        check = run_task(parent, "バックアップを確かめています…", lambda _progress: backups.verify_backup(backup),
                         cancellable=False)
        allow_missing_key = False
        if not check.ok and check.missing_key:
            if not messages.ask(parent, f"{check.message}\n\nこの PC で照合しないまま復元しますか？", "鍵がありません"):
                return False
            allow_missing_key = True
        elif not check.ok:
            messages.error(parent, f"このファイルからは復元できません。\n\n{check.message}", "復元できません")
            return False
        if not messages.ask(parent, restore_confirmation(ws, backup), "復元の確認"):
            return False
        result = run_task(parent, "復元しています…",
                          lambda progress: backups.restore(ws, backup, progress, allow_missing_key=allow_missing_key),
                          cancellable=False)  # half a restore is worse than a slow one
        messages.info(parent, result.describe())
        return True
    return False
