"""Login: everyone with their own ID; the domain decides the waits after failures and writes
the audit entry. While a wait runs, the button stays disabled and counts down.

At start-up the window is shown before the database is open (`ws` None: "opening…", the
button disabled, the company name remembered from the last start) and made usable by
`ready()`. This module imports nothing of the store, so showing it needs only Qt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from pcdesk.errors import PcdeskError
from pcdesk.ui.prefs import ui_settings
from pcdesk.ui.resources import icon_path
from pcdesk.ui.widgets import ProblemLabel, form_layout, hint

if TYPE_CHECKING:
    from pcdesk.accounts.service import LoginResult
    from pcdesk.services import Workspace

OPENING = "データベースを開いています…"


def _company_key(database: Path) -> str:
    # QSettings keys treat "/" as groups: the file's place is hashed into one key.
    return "login/company-" + hashlib.sha256(str(database).encode("utf-8")).hexdigest()[:16]


def remembered_company(database: Path) -> str:
    """The company name shown at the last login on this PC with this file ("" if none)."""
    value = ui_settings().value(_company_key(database), "")
    return value if isinstance(value, str) else ""


def remember_company(database: Path, name: str) -> None:
    ui_settings().setValue(_company_key(database), name)


class LoginDialog(QDialog):
    def __init__(self, ws: Workspace | None, login_id: str = "", notice: str = "",
                 parent: QWidget | None = None, *, company_name: str = "",
                 remember_as: Path | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.result_login: LoginResult | None = None
        self.remember_as = remember_as  # the database file whose company name is kept for the next start
        self.closed_while_waiting = False
        self.busy = False  # the busy cursor is shown while the database opens
        self.setWindowTitle("ログイン — pcdesk")
        self.setMinimumWidth(440)

        self.company_label = QLabel(company_name or "pcdesk")
        self.company_label.setObjectName("heading")
        self.company_label.setWordWrap(True)
        subtitle = hint("個人情報保護・プライバシーマーク運用デスク")

        self.login_id = QLineEdit(login_id)
        self.login_id.setPlaceholderText("例: yamada")
        self.login_id.setAccessibleName("ログインID")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("パスワード")
        self.problems = ProblemLabel()
        self.notice = hint(notice)
        self.notice.setVisible(bool(notice))

        self.login_button = QPushButton("ログイン")
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)  # Enter in either field logs in
        self.login_button.clicked.connect(self.try_login)
        self.wait_left = 0
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._tick)
        cancel = QPushButton("終了")
        cancel.clicked.connect(self.reject)

        form = form_layout()
        form.addRow("ログインID", self.login_id)
        form.addRow("パスワード", self.password)

        title_row = QHBoxLayout()
        lock = icon_path("lock")
        if lock:
            from PySide6.QtGui import QIcon

            icon = QLabel()
            icon.setPixmap(QIcon(str(lock)).pixmap(36, 36))
            title_row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.addWidget(self.company_label)
        titles.addWidget(subtitle)
        title_row.addLayout(titles, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.login_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(title_row)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(hint("パスワードを忘れたときは、管理者に再設定を依頼してください。"
                              "管理者全員が分からなくなったときは、初期設定で控えた回復コードを使います。"))
        layout.addLayout(buttons)
        if ws is None:
            self.login_button.setEnabled(False)
            self.login_button.setText("お待ちください")
            self.notice.setText(OPENING)
            self.notice.setVisible(True)
            self.login_id.setFocus()
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # until ready() or closed
            self.busy = True
        else:
            self.ready(ws, login_id, notice)

    def ready(self, ws: Workspace, login_id: str = "", notice: str = "") -> None:
        """The database is open: the company's name, the notice and the login become usable."""
        from pcdesk.company.service import get_company

        self.ws = ws
        self._not_busy()
        company = get_company(ws)
        name = company.name if company else ""
        self.company_label.setText(name or "pcdesk")
        if self.remember_as is not None:
            remember_company(self.remember_as, name)
        if login_id and not self.login_id.text():
            self.login_id.setText(login_id)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.login_button.setText("ログイン")
        self.login_button.setEnabled(True)
        (self.password if self.login_id.text() else self.login_id).setFocus()

    def reject(self) -> None:
        if self.ws is None:
            self.closed_while_waiting = True  # honoured once the database is open (Desk.login)
        super().reject()

    def hideEvent(self, event) -> None:  # noqa: N802  (Qt's name)
        self._not_busy()
        super().hideEvent(event)

    def _not_busy(self) -> None:
        if self.busy:
            self.busy = False
            QApplication.restoreOverrideCursor()

    def try_login(self) -> None:
        if self.ws is None:
            return  # Enter pressed while the database is still opening
        from pcdesk.accounts.service import login

        try:
            result = login(self.ws, self.login_id.text(), self.password.text())
        except PcdeskError as exc:  # e.g. a shared database whose key this PC lacks, a long lock
            self.problems.show_text(str(exc))
            return
        if result.ok:
            self.result_login = result
            self.accept()
            return
        self.problems.show_text(result.message)
        self.password.clear()
        self.password.setFocus()
        if result.wait_seconds > 0:
            self.wait_left = result.wait_seconds
            self.login_button.setEnabled(False)
            self.login_button.setText(f"あと{self.wait_left}秒")
            self.wait_timer.start()

    def _tick(self) -> None:
        self.wait_left -= 1
        if self.wait_left <= 0:
            self.wait_timer.stop()
            self.login_button.setEnabled(True)
            self.login_button.setText("ログイン")
            return
        self.login_button.setText(f"あと{self.wait_left}秒")
