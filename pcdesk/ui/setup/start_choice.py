"""The very first start on an empty database: try the demo company, or set up one's own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from pcdesk.ui.widgets import heading, hint

DEMO = "demo"
SETUP = "setup"


class StartChoiceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle("pcdesk へようこそ")
        self.setMinimumWidth(520)
        self.setup_button = QPushButton("自分の会社を設定する\n"
                                        "会社情報・部門・管理者アカウントを入力して使い始めます。")
        self.setup_button.setObjectName("choice")
        self.setup_button.setDefault(True)
        self.demo_button = QPushButton("デモデータで試す\n"
                                       "架空の会社のデータで、画面や操作を自由に試せます。")
        self.demo_button.setObjectName("choice")
        self.setup_button.clicked.connect(lambda: self._choose(SETUP))
        self.demo_button.clicked.connect(lambda: self._choose(DEMO))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("pcdesk へようこそ"))
        layout.addWidget(hint("個人情報保護とプライバシーマークの運用を、台帳・記録・書類までまとめて管理します。"
                              "どちらから始めますか？"))
        layout.addWidget(self.setup_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(hint("デモデータは本番とは別のファイルに作ります。あとで「自分の会社を設定する」を選べば、"
                              "デモの内容が混ざることはありません。"))
        self.setup_button.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
