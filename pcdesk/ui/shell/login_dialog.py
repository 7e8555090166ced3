"""Login: everyone with their own ID; the domain decides the waits after failures and writes
the audit entry. While a wait runs, the button stays disabled and counts down."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from pcdesk.accounts.service import LoginResult, login
from pcdesk.company.service import get_company
from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.ui.resources import icon_path
from pcdesk.ui.widgets import ProblemLabel, form_layout, hint


class LoginDialog(QDialog):
    def __init__(self, ws: Workspace, login_id: str = "", notice: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.result_login: LoginResult | None = None
        self.setWindowTitle("ログイン — pcdesk")
        self.setMinimumWidth(440)

        company = get_company(ws)
        self.company_label = QLabel(company.name if company else "pcdesk")
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
        (self.password if login_id else self.login_id).setFocus()

    def try_login(self) -> None:
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
