"""Starting the GUI: open and migrate the database, daily backup, first run, login, main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

# The Qt-free part of start-up is imported before PySide6 on purpose: once PySide6 is loaded,
# its import hook reads the source of every module imported after it (looking for "PySide6"),
# which made reaching the login window ~0.1 s slower (tests/bench/bench_startup.py).
import sqlalchemy.dialects.sqlite  # noqa: F401, I001  (the default engine, otherwise loaded by create_engine)

from pcdesk.accounts.service import count_users
from pcdesk.company.service import get_company
from pcdesk.company.setup_flow import is_first_run
from pcdesk.services import SYSTEM, Actor, Workspace
from pcdesk.settings import load_settings
from pcdesk.store import backup as _backup, migrate as _migrate  # noqa: F401  (used at every start)
from pcdesk.store.engine import Database, resolve_url
from pcdesk.store.opening import open_database

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from pcdesk.ui import messages  # noqa: E402
from pcdesk.ui.resources import stylesheet  # noqa: E402
from pcdesk.ui.setup.start_choice import DEMO_FILE  # noqa: E402

log = logging.getLogger(__name__)

# The first one installed wins: Windows 10/11 ship Yu Gothic UI and Meiryo, BIZ UDGothic is
# the most legible where present; IPAex is the Linux fallback.
FONT_FAMILIES = ["BIZ UDGothic", "Yu Gothic UI", "Meiryo", "IPAexGothic"]


# Qt 6 labels its file dialog "&Look in:" and "Files of &type:"; Qt's Japanese catalogue has
# only the older texts without the shortcut mark, so those two labels stayed English.
MISSING_JAPANESE = {
    ("QFileDialog", "&Look in:"): "ファイルの場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
}
# Qt 6 moved the file kinds (Folder, Drive, %1 File) out of QFileDialog; the catalogue has them there.
MOVED_CONTEXTS = {"QAbstractFileIconProvider": "QFileDialog"}


class MissingJapanese(QTranslator):
    """Qt's texts that qtbase_ja lacks; asked last, after Qt's own catalogues (`catalogues`)."""

    def __init__(self, parent: QApplication) -> None:
        super().__init__(parent)
        self.catalogues: list[QTranslator] = []

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        if (context, source_text) in MISSING_JAPANESE:
            return MISSING_JAPANESE[(context, source_text)]
        if context in MOVED_CONTEXTS:
            for catalogue in self.catalogues:
                text = catalogue.translate(MOVED_CONTEXTS[context], source_text, disambiguation, n)
                if text:
                    return text
        return None  # not translated here: Qt shows the source text

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_japanese(app: QApplication) -> None:
    """Qt's own buttons and dialogs (OK, キャンセル, はい…, the file dialog, calendars) in Japanese."""
    if getattr(app, "_pcdesk_translators", None):
        return
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))  # month names, file dates
    supplement = MissingJapanese(app)
    app.installTranslator(supplement)  # installed first, so searched last
    translators: list[QTranslator] = [supplement]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_ja", "qt_ja"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
            supplement.catalogues.append(translator)
    app._pcdesk_translators = translators  # type: ignore[attr-defined]  (kept alive)


def style_app(app: QApplication) -> None:
    font = app.font()
    font.setFamilies(FONT_FAMILIES + [font.family()])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(stylesheet())


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("pcdesk")
    app.setOrganizationName("pcdesk")
    install_japanese(app)
    style_app(app)
    return app  # type: ignore[return-value]


def explain_open_failure(db_arg: str | None, exc: BaseException) -> str:
    """What went wrong opening the database and what the user can do about it."""
    from pcdesk.store.engine import DatabaseUnavailable

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


def open_or_explain(db_arg: str | None) -> Database | None:
    try:
        return open_database(db_arg)
    except Exception as exc:  # shown to the user with the way out; details go to the log
        log.exception("opening the database failed")
        messages.error(None, explain_open_failure(db_arg, exc), "データベースを開けません")
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


def daily_backup(db: Database) -> Path | None:
    """The automatic daily backup with rotation; a failure warns but never stops the start."""
    if db.path is None:
        return None  # PostgreSQL: the server's own backups apply
    from pcdesk.backups import daily_backup as make_daily_backup
    from pcdesk.ui.progress import run_task

    ws = Workspace(db, SYSTEM)
    try:
        keep = load_settings(ws).backup_keep
        return run_task(None, "自動バックアップを作成しています…",
                        lambda _progress: make_daily_backup(ws, keep), cancellable=False)
    except Exception as exc:
        log.exception("automatic backup failed")
        messages.warn(None, f"自動バックアップを作成できませんでした。\n\n{exc}\n\n"
                            "ディスクの空き容量と保存先フォルダを確かめてください。作業はこのまま続けられます。",
                      "自動バックアップ")
        return None


class Desk:
    """One run of the application: first run or login, then the main window, until quit."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.window = None  # the open MainWindow

    def is_empty(self) -> bool:
        ws = Workspace(self.db)
        return get_company(ws) is None and not count_users(ws)

    def start(self):  # -> MainWindow | None
        ws = Workspace(self.db)
        login_id, notice = "", ""
        if is_first_run(ws):
            outcome = self.first_run()
            if outcome is None:
                return None
            if isinstance(outcome, Actor):
                return self.open_main(outcome)
            login_id, notice = outcome
        return self.login(login_id, notice)

    def first_run(self) -> Actor | tuple[str, str] | None:
        """The new administrator after the wizard, (login id, notice) after the demo, or None."""
        from pcdesk.ui.setup.first_run_wizard import FirstRunWizard
        from pcdesk.ui.setup.start_choice import DEMO, StartChoiceDialog, demo_chosen, remember_demo

        if self.is_empty() and self.db.path is not None:
            if demo_chosen(self.db.path):  # chosen once: not asked again at every start
                return self.open_demo(first_time=False)
            choice = StartChoiceDialog()
            if choice.exec() != QDialog.DialogCode.Accepted:
                return None
            if choice.choice == DEMO:
                remember_demo(self.db.path)
                return self.open_demo()
        wizard = FirstRunWizard(Workspace(self.db))
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.admin is None:
            return None
        return wizard.admin

    def open_demo(self, first_time: bool = True) -> tuple[str, str] | None:
        """The demo company lives in its own file beside the real one, so it never mixes in.
        The accounts are listed the first time; later starts go straight to the login."""
        from pcdesk.demo import DEMO_PASSWORD, create_demo, demo_accounts_text

        assert self.db.path is not None
        demo_db = open_or_explain(str(self.db.path.with_name(DEMO_FILE)))
        if demo_db is None:
            return None
        try:
            if is_first_run(Workspace(demo_db)):
                create_demo(Workspace(demo_db), seed=1)
        except Exception as exc:
            log.exception("creating the demo failed")
            messages.error(None, f"デモデータを作れませんでした。\n\n{exc}")
            demo_db.dispose()
            return None
        self.db.dispose()
        self.db = demo_db
        if first_time:
            messages.info(None, "デモ会社のデータで起動します。データは本番とは別のファイルにあります:\n"
                                f"{demo_db.display_name()}\n\n{demo_accounts_text()}\n\n"
                                "自分の会社で使い始めるときは「ファイル → 自分の会社を設定する」を選んでください。",
                          "デモデータ")
        # The password on a line of its own: wrapped, it broke at its hyphen (demo- / pass-2026).
        return "admin", f"デモデータで起動しています。\nパスワードはすべて {DEMO_PASSWORD} です。"

    def login(self, login_id: str = "", notice: str = ""):  # -> MainWindow | None
        from pcdesk.ui.shell.login_dialog import LoginDialog
        from pcdesk.ui.shell.password_dialog import ChangePasswordDialog

        while True:
            dialog = LoginDialog(Workspace(self.db), login_id, notice)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_login is None:
                return None
            result = dialog.result_login
            actor = result.actor
            assert actor is not None
            if result.must_change_password:
                forced = ChangePasswordDialog(Workspace(self.db, actor), forced=True)
                if forced.exec() != QDialog.DialogCode.Accepted:
                    login_id, notice = dialog.login_id.text(), ""
                    continue
            return self.open_main(actor)

    def open_main(self, actor: Actor):  # -> MainWindow | KioskWindow
        from pcdesk.ui.shell.main_window import MainWindow
        from pcdesk.ui.shell.pages import kiosk_page_for

        kiosk = kiosk_page_for(actor) if actor.kiosk_only else None
        if kiosk is not None:
            return self.open_kiosk(actor, kiosk)
        window = MainWindow(Workspace(self.db, actor))
        window.logoutRequested.connect(self._after_logout)
        window.quitRequested.connect(self._quit)
        window.show()
        self.window = window
        return window

    def open_kiosk(self, actor: Actor, spec):  # -> KioskWindow
        """A 受付-only account gets its kiosk page alone, full screen; leaving it needs an
        administrator's password and ends the account's session."""
        from pcdesk.ui.shell.kiosk_window import KioskWindow

        window = KioskWindow(Workspace(self.db, actor), spec)
        window.exited.connect(lambda _admin: self._kiosk_left(actor))
        window.showFullScreen()
        self.window = window
        return window

    def _kiosk_left(self, actor: Actor) -> None:
        try:
            from pcdesk.accounts.service import record_logout

            record_logout(Workspace(self.db, actor), "ログアウト（受付モードの終了）")
        except Exception:  # leaving must always work
            log.exception("could not record the logout")
        self._after_logout()

    def _after_logout(self) -> None:
        old, self.window = self.window, None
        if old is not None:
            old.deleteLater()
        # Let the closed window finish its close before the modal login starts.
        QTimer.singleShot(0, self._login_again)

    def _login_again(self) -> None:
        if self.login() is None:
            self._quit()

    def _quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()


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
    db = open_or_explain(db_arg)
    if db is None:
        return 2
    remove_leftovers(db)
    daily_backup(db)
    desk = Desk(db)
    if desk.start() is None:
        desk.db.dispose()
        return 0
    code = app.exec()
    desk.db.dispose()
    _discard_print_files()
    return code


def _discard_print_files() -> None:
    """The PDFs made for 印刷 hold personal information: none is left behind (a file a viewer
    still holds open goes at the next print)."""
    from pcdesk.output.printing import discard_print_files

    try:
        discard_print_files()
    except OSError:
        log.exception("removing the print files failed")
