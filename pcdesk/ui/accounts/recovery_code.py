"""Showing the recovery code once: at set-up (first-run wizard) and when an administrator
makes a new one (アカウント → 回復コード…). It is never shown again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pcdesk.ui.widgets import fit_window, heading, hint

EXPLANATION = ("管理者のパスワードがすべて分からなくなったとき、このコードで管理者に戻れます。\n"
               "　使い方: pcdesk recover ログインID（コマンドプロンプトで実行し、コードを入力）\n\n"
               "この画面を閉じると、もう表示できません。書き写すか印刷して、金庫など決まった場所に保管してください。"
               "パソコンの中やメールには保存しないでください。一度使うと新しいコードに替わります。")


class RecoveryCodeView(QWidget):
    def __init__(self, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("secret")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName("回復コード")
        self.copy_button = QPushButton("コピー")
        self.copy_button.clicked.connect(self.copy)
        self.copied = hint("")
        row = QHBoxLayout()
        row.addWidget(self.code_label, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(hint(EXPLANATION))

    def show_code(self, code: str) -> None:
        self.code_label.setText(code)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code_label.text())
        self.copied.setText("クリップボードにコピーしました。印刷したら、クリップボードは別の内容で上書きしてください。")
        fit_window(self.copied)


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("回復コード — pcdesk")
        self.setMinimumWidth(520)
        self.view = RecoveryCodeView(code)
        close = QPushButton("閉じる")
        close.setObjectName("primary")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("新しい回復コード"))
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
