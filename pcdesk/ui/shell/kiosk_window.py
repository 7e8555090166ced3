"""Kiosk mode: one page (a manifest's ``Page(kiosk=True)``) full screen, with no sidebar, menus
or shortcuts to the rest of pcdesk, which only an administrator's password leaves.

A 受付-only account lands here after logging in (pcdesk.ui.application); an administrator
starts it on a PC from a feature's page (``MainWindow.start_kiosk(page_id)``), and it then runs
as that administrator restricted to the 受付 role, so the services refuse anything else too.
A kiosk page may define ``reset()``: it is called after KIOSK_IDLE_SECONDS without a touch or
a key, and when the administrator's dialog is left, so the next person finds the start screen.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pcdesk.accounts.service import login
from pcdesk.audit.trail import record_event
from pcdesk.feature import Page
from pcdesk.services import ADMIN, RECEPTION, Actor, Workspace
from pcdesk.ui.shell.idle_lock import ActivityFilter, IdleWatcher
from pcdesk.ui.shell.pages import load_factory
from pcdesk.ui.widgets import DialogButtons, ProblemLabel, form_layout, heading, hint

log = logging.getLogger(__name__)

KIOSK_IDLE_SECONDS = 60
IDLE_CHECK_MS = 5_000


def kiosk_actor(actor: Actor) -> Actor:
    """An administrator running the kiosk acts as 受付 only, under their own name."""
    if actor.kiosk_only:
        return actor
    return Actor(actor.user_id, f"{actor.name}（受付モード）", frozenset({RECEPTION}))


class AdminExitDialog(QDialog):
    """An administrator's login ID and password end kiosk mode. Failures count towards the
    account's lockout and are recorded, like any login."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.admin: Actor | None = None
        self.setWindowTitle("受付モードの終了")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(460)
        self.login_id = QLineEdit()
        self.login_id.setAccessibleName("管理者のログインID")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("パスワード")
        self.problems = ProblemLabel()
        form = form_layout()
        form.addRow("ログインID", self.login_id)
        form.addRow("パスワード", self.password)
        buttons = DialogButtons(self)
        self.ok_button = buttons.add_ok("受付モードを終了")
        buttons.add_cancel("受付に戻る")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading("受付モードの終了"))
        layout.addWidget(hint("受付モードを終えるには、管理者のログインIDとパスワードを入力してください。"))
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.login_id.setFocus()

    def accept(self) -> None:
        result = login(Workspace(self.ws.db), self.login_id.text(), self.password.text())
        self.password.clear()
        if result.ok and result.actor is not None and result.actor.has(ADMIN):
            self.admin = result.actor
            super().accept()
            return
        self.problems.show_text(result.message if not result.ok else
                                "管理者のアカウントではありません。管理者のログインIDとパスワードを入力してください。")
        self.password.setFocus()


class KioskWindow(QWidget):
    """The kiosk page alone, full screen; `exited(admin Actor)` once an administrator ended it."""

    exited = Signal(object)

    def __init__(self, ws: Workspace, spec: Page, clock: Callable[[], float] = time.monotonic,
                 idle_seconds: int = KIOSK_IDLE_SECONDS) -> None:
        super().__init__(None)
        assert ws.actor is not None
        self.ws = ws
        self.spec = spec
        self.exit_dialog: AdminExitDialog | None = None
        self._may_close = False
        self.setObjectName("kioskWindow")
        self.setWindowTitle(f"{spec.title} — pcdesk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.page = load_factory(spec)(ws, self)
        self.admin_button = QPushButton("管理者")
        self.admin_button.setObjectName("kioskAdmin")
        self.admin_button.setToolTip("受付モードを終了します（管理者のパスワードが必要です）。")
        self.admin_button.setAccessibleName("受付モードの終了（管理者用）")
        self.admin_button.clicked.connect(self.ask_exit)
        corner = QHBoxLayout()
        corner.setContentsMargins(8, 0, 8, 6)
        corner.addStretch(1)
        corner.addWidget(self.admin_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.page, 1)
        layout.addLayout(corner)

        self.idle = IdleWatcher(idle_seconds / 60, clock)
        self._activity = ActivityFilter(self.idle, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._record("受付モードを開始")

    def _record(self, summary: str) -> None:
        try:
            with self.ws.write() as s:  # under the account, like its login, lock and logout
                record_event(s, "event", "user_account", self.ws.actor.user_id or "", f"{summary}（{self.spec.title}）")
        except Exception:  # the kiosk must keep working even if the trail is unreachable for a moment
            log.exception("could not record %s", summary)

    # -- idle -----------------------------------------------------------------------------
    def check_idle(self) -> None:
        if self.idle.check():
            self.reset_page()
            self.idle.unlock()

    def reset_page(self) -> None:
        """Back to the start screen: the administrator's dialog closes, the page forgets its visitor."""
        if self.exit_dialog is not None:
            self.exit_dialog.reject()
        reset = getattr(self.page, "reset", None)
        if callable(reset):
            reset()

    # -- leaving ----------------------------------------------------------------------------
    def ask_exit(self) -> None:
        if self.exit_dialog is not None:
            return
        dialog = AdminExitDialog(self.ws, self)
        self.exit_dialog = dialog
        dialog.finished.connect(lambda result: self._exit_answered(dialog, result))
        dialog.open()

    def _exit_answered(self, dialog: AdminExitDialog, result: int) -> None:
        self.exit_dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or dialog.admin is None:
            self.reset_page()
            return
        self._record(f"受付モードを終了・管理者: {dialog.admin.name}")
        self.leave(dialog.admin)

    def leave(self, admin: Actor) -> None:
        self._may_close = True
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        self.close()
        self.exited.emit(admin)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        event.accept()  # nothing reaches a parent: there is none to reach

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 and the window manager's close leave the kiosk open
