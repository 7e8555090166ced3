"""Starting the GUI: the login window first, then behind it open and migrate the database and
make the daily backup; first run, login, main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pcdesk.ui import messages
from pcdesk.ui.japanese import FONT_FAMILIES, install_japanese, make_app, style_app  # noqa: F401  (the application's look, used by tests)
from pcdesk.ui.qt_free_imports import qt_free_imports
from pcdesk.ui.setup.start_choice import DEMO_FILE  # noqa: F401  (where the demo lives, beside the real file)

if TYPE_CHECKING:
    from pcdesk.services import Actor
    from pcdesk.store.engine import Database
    from pcdesk.ui.shell.login_dialog import LoginDialog

log = logging.getLogger(__name__)

def load_store() -> None:
    """The Qt-free part of start-up: SQLAlchemy, the store and the services the login uses.
    Imported behind the login window, without PySide6's import hook (qt_free_imports)."""
    with qt_free_imports():
        import sqlalchemy.dialects.sqlite  # noqa: F401  (the default engine, otherwise loaded by create_engine)

        import pcdesk.accounts.service  # noqa: F401
        import pcdesk.backups  # noqa: F401
        import pcdesk.company.setup_flow  # noqa: F401
        import pcdesk.settings  # noqa: F401
        import pcdesk.store.migrate  # noqa: F401
        import pcdesk.store.opening  # noqa: F401
        from pcdesk import registry

        registry.features()  # every feature's manifest, read when the schema is checked


def explain_open_failure(db_arg: str | None, exc: BaseException) -> str:
    """What went wrong opening the database and what the user can do about it."""
    from pcdesk.store.engine import DatabaseUnavailable, resolve_url

    if isinstance(exc, DatabaseUnavailable):  # already says where, why and the way out
        return f"データベースを開けませんでした。\n\n{exc}"
    try:
        url = resolve_url(db_arg)
        where = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
    except Exception:
        url, where = None, db_arg or "（既定の場所）"
    lines = ["データベースを開けませんでした。", "", f"場所: {where}", f"原因: {exc}", ""]
    if url is not None and url.get_backend_name() != "sqlite":
        lines.append("サーバーに接続できるか、URL・ユーザー名・パスワードが正しいかを確かめてください。")
        return "\n".join(lines)
    lines.append("ほかのプログラムがこのファイルを使っていないか、保存先に書き込めるかを確かめて、"
                 "pcdesk をもう一度起動してください。")
    if url is not None and url.database:
        from pcdesk.store.engine import latest_good_backup

        latest = latest_good_backup(Path(url.database))  # a whole one, never a copy of the broken file
        if latest is not None:
            lines += ["", "直らないときは、バックアップから復元できます:", f"  {latest}",
                      f"  コマンド: pcdesk restore \"{latest}\" --db \"{url.database}\""]
    return "\n".join(lines)


def open_or_explain(db_arg: str | None, parent: QWidget | None = None) -> Database | None:
    from pcdesk.store.opening import open_database

    try:
        return open_database(db_arg)
    except Exception as exc:  # shown to the user with the way out; details go to the log
        log.exception("opening the database failed")
        messages.error(parent, explain_open_failure(db_arg, exc), "データベースを開けません")
        return None


def remove_leftovers(db: Database) -> None:
    """Unfinished .part files of a killed export, backup or restore are removed at start-up."""
    from pcdesk.backups import remove_leftovers as remove_restore_leftovers
    from pcdesk.output.parts import remove_stale_parts

    try:
        remove_stale_parts()
        remove_restore_leftovers(db)
    except OSError:
        log.exception("removing leftovers failed")


def daily_backup(db: Database, parent: QWidget | None = None) -> Path | None:
    """The automatic daily backup with rotation; a failure warns but never stops the start."""
    if db.path is None:
        return None  # PostgreSQL: the server's own backups apply
    from pcdesk.backups import daily_backup as make_daily_backup
    from pcdesk.services import SYSTEM, Workspace
    from pcdesk.settings import load_settings
    from pcdesk.ui.progress import run_task

    ws = Workspace(db, SYSTEM)
    try:
        keep = load_settings(ws).backup_keep
        return run_task(parent, "自動バックアップを作成しています…",
                        lambda _progress: make_daily_backup(ws, keep), cancellable=False)
    except Exception as exc:
        log.exception("automatic backup failed")
        messages.warn(parent, f"自動バックアップを作成できませんでした。\n\n{exc}\n\n"
                            "ディスクの空き容量と保存先フォルダを確かめてください。作業はこのまま続けられます。",
                      "自動バックアップ")
        return None


def _log_to_file() -> Path | None:
    from pcdesk.store.paths import data_dir

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "pcdesk.log"
        logging.basicConfig(filename=str(path), level=logging.INFO, encoding="utf-8",
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return path
    except OSError:
        return None


def _install_excepthook(log_path: Path | None) -> None:
    """An unexpected error is shown and logged; the window stays open and nothing is lost."""

    def hook(exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        where = f"\n\n詳しい記録: {log_path}" if log_path else ""
        messages.error(QApplication.activeWindow(),
                       f"予期しないエラーが発生しました。\n\n{exc}\n\n直前の操作は保存されていない可能性があります。"
                       f"画面を確かめて、もう一度お試しください。{where}", "予期しないエラー")

    sys.excepthook = hook


def run_gui(db_arg: str | None) -> int:
    log_path = _log_to_file()
    app = make_app()
    app.setQuitOnLastWindowClosed(False)  # logout closes the window, then the login shows
    _install_excepthook(log_path)
    if os.environ.get("PCDESK_FIRST_WINDOW"):  # start-up checks (tests, bench, build.ps1): note the first window, close it
        from pcdesk.ui.first_window import install_if_asked

        app._pcdesk_probe = install_if_asked(app)  # type: ignore[attr-defined]  (kept alive)
    waiting = show_waiting_login(db_arg)
    load_store()
    db = open_or_explain(db_arg, waiting)
    if db is None:
        return 2
    remove_leftovers(db)
    daily_backup(db, waiting)
    from pcdesk.ui.desk import Desk

    QTimer.singleShot(0, resume_collector)  # once the login (or the first-run window) waits for the user
    desk = Desk(db, waiting)
    if desk.start() is None:
        desk.dismiss_waiting()
        desk.db.dispose()
        return 0
    code = app.exec()
    desk.db.dispose()
    _discard_print_files()
    return code


def show_waiting_login(db_arg: str | None) -> LoginDialog | None:
    """The login window at once when the database file has been used before: the user sees it
    while the database opens behind it (about half of the start-up), and it becomes usable
    when it is open. On a first start, or with a server URL (which may be new and empty),
    the database is opened first and decides which window comes."""
    from pcdesk.store.paths import existing_database_file
    from pcdesk.ui.shell.login_dialog import LoginDialog, remembered_company

    path = existing_database_file(db_arg)
    if path is None:
        return None
    dialog = LoginDialog(None, company_name=remembered_company(path), remember_as=path)
    dialog.show()
    QApplication.processEvents()  # drawn before the main thread is busy opening the database
    return dialog


def resume_collector() -> None:
    """The garbage collector back on after start-up (pcdesk.app pauses it). What start-up
    built is frozen out of later collections: it lives until the end, and walking it again
    at every full collection would only make pauses longer."""
    import gc

    gc.freeze()
    gc.enable()


def _discard_print_files() -> None:
    """The PDFs made for 印刷 hold personal information: none is left behind (a file a viewer
    still holds open goes at the next print)."""
    from pcdesk.output.printing import discard_print_files

    try:
        discard_print_files()
    except OSError:
        log.exception("removing the print files failed")
