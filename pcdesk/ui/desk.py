"""One run of the application: first run or login, then the main window, until quit.

Imported once the store is loaded (pcdesk.ui.application.run_gui); the login window may
already be up, waiting for the database (`waiting`), and is then made ready instead of a
new one being opened.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pcdesk.accounts.service import count_users
from pcdesk.company.service import get_company
from pcdesk.company.setup_flow import is_first_run
from pcdesk.services import Actor, Workspace
from pcdesk.store.engine import Database
from pcdesk.ui import messages
from pcdesk.ui.setup.start_choice import DEMO_FILE
from pcdesk.ui.shell.login_dialog import LoginDialog

log = logging.getLogger(__name__)


class Desk:
    """One run of the application: first run or login, then the main window, until quit."""

    def __init__(self, db: Database, waiting: LoginDialog | None = None) -> None:
        self.db = db
        self.window = None  # the open MainWindow
        self.waiting = waiting  # the login window shown before the database was open

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
            self.dismiss_waiting()
            choice = StartChoiceDialog()
            if choice.exec() != QDialog.DialogCode.Accepted:
                return None
            if choice.choice == DEMO:
                remember_demo(self.db.path)
                return self.open_demo()
        self.dismiss_waiting()
        wizard = FirstRunWizard(Workspace(self.db))
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.admin is None:
            return None
        return wizard.admin

    def open_demo(self, first_time: bool = True) -> tuple[str, str] | None:
        """The demo company lives in its own file beside the real one, so it never mixes in.
        The accounts are listed the first time; later starts go straight to the login."""
        from pcdesk.demo import DEMO_PASSWORD, create_demo, demo_accounts_text
        from pcdesk.ui.application import open_or_explain

        assert self.db.path is not None
        demo_db = open_or_explain(str(self.db.path.with_name(DEMO_FILE)), self.waiting)
        if demo_db is None:
            return None
        try:
            if is_first_run(Workspace(demo_db)):
                create_demo(Workspace(demo_db), seed=1)
        except Exception as exc:
            log.exception("creating the demo failed")
            messages.error(self.waiting, f"デモデータを作れませんでした。\n\n{exc}")
            demo_db.dispose()
            return None
        self.db.dispose()
        self.db = demo_db
        if first_time:
            messages.info(self.waiting, "デモ会社のデータで起動します。データは本番とは別のファイルにあります:\n"
                                f"{demo_db.display_name()}\n\n{demo_accounts_text()}\n\n"
                                "自分の会社で使い始めるときは「ファイル → 自分の会社を設定する」を選んでください。",
                          "デモデータ")
        # The password on a line of its own: wrapped, it broke at its hyphen (demo- / pass-2026).
        return "admin", f"デモデータで起動しています。\nパスワードはすべて {DEMO_PASSWORD} です。"

    def login(self, login_id: str = "", notice: str = ""):  # -> MainWindow | None
        from pcdesk.ui.shell.password_dialog import ChangePasswordDialog

        while True:
            dialog, self.waiting = self.waiting, None
            if dialog is None:
                dialog = LoginDialog(Workspace(self.db), login_id, notice)
            else:
                dialog.ready(Workspace(self.db), login_id, notice)
                _note_ready()
                if dialog.closed_while_waiting:  # 終了 pressed while the database was opening
                    return None
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

    def dismiss_waiting(self) -> None:
        """Another window (start choice, first-run wizard) comes instead of the login."""
        waiting, self.waiting = self.waiting, None
        if waiting is not None:
            waiting.hide()
            waiting.deleteLater()

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


def _note_ready() -> None:
    """Start-up checks (PCDESK_FIRST_WINDOW) also learn when the login could be used."""
    probe = getattr(QApplication.instance(), "_pcdesk_probe", None)
    if probe is not None:
        probe.note_ready()
