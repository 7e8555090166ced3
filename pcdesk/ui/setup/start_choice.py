"""The very first start on an empty database: try the demo company, or set up one's own.

The choice of the demo is remembered on this PC (for that database file), so later starts
go straight to the demo's login instead of asking again; 「ファイル → 自分の会社を設定する」
in the demo forgets it, and the next start begins the company's own set-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from pcdesk.ui.prefs import ui_settings
from pcdesk.ui.widgets import heading, hint

DEMO = "demo"
SETUP = "setup"
DEMO_FILE = "pcdesk-demo.sqlite3"  # beside the real database, so the two never mix
DEMO_CHOSEN_KEY = "start/demo_chosen_for"  # the real database the demo was chosen instead of


def demo_path(real: Path) -> Path:
    return real.with_name(DEMO_FILE)


def is_demo(path: Path | None) -> bool:
    return path is not None and path.name == DEMO_FILE


def remember_demo(real: Path) -> None:
    ui_settings().setValue(DEMO_CHOSEN_KEY, str(real))


def forget_demo() -> None:
    ui_settings().remove(DEMO_CHOSEN_KEY)


def demo_chosen(real: Path) -> bool:
    """The demo was chosen before for this (still empty) database and its file is there."""
    return str(ui_settings().value(DEMO_CHOSEN_KEY, "")) == str(real) and demo_path(real).is_file()


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
