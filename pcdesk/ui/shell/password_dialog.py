"""Changing one's own password (also forced after an administrator's reset)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from pcdesk.accounts.passwords import RULES_TEXT
from pcdesk.accounts.service import change_own_password
from pcdesk.errors import ValidationError
from pcdesk.services import Workspace
from pcdesk.ui.widgets import ProblemLabel, heading, hint, ok_cancel


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(260)
    return field


class ChangePasswordDialog(QDialog):
    def __init__(self, ws: Workspace, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("パスワード変更 — pcdesk")
        self.current = _password_field()
        self.new = _password_field()
        self.confirm = _password_field()
        self.problems = ProblemLabel()
        form = QFormLayout()
        form.addRow("今のパスワード", self.current)
        form.addRow("新しいパスワード", self.new)
        form.addRow("新しいパスワード（確認）", self.confirm)
        self.buttons = ok_cancel(self, "変更する", "ログアウト" if forced else "キャンセル")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading("パスワード変更"))
        if forced:
            layout.addWidget(hint("管理者がパスワードを再設定しました。続けるには、渡された仮のパスワードを"
                                  "「今のパスワード」に入力し、自分だけが知る新しいパスワードを決めてください。"))
        layout.addWidget(hint(RULES_TEXT))
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def accept(self) -> None:
        try:
            change_own_password(self.ws, self.current.text(), self.new.text(), self.confirm.text())
        except ValidationError as exc:
            self.problems.show_problems(exc)
            return
        super().accept()
