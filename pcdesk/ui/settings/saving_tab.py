"""A settings tab saved as a whole: its fields, the problems in red, 保存 at the bottom right."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.ui.widgets import ProblemLabel, hint


class SavingTab(QWidget):
    """Subclasses lay out their fields with lay_out() and implement load() and store()."""

    saved = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.problems = ProblemLabel()
        self.saved_label = hint("")
        self.saved_label.setObjectName("ok")
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)

    def lay_out(self, *parts: QWidget | QLayout) -> None:
        """The parts top to bottom, then the problems, then 「保存しました。」 beside 保存."""
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def load(self) -> None:
        """Show what is stored."""

    def store(self) -> None:
        """Save what is shown, or raise PcdeskError and save nothing."""

    def refresh(self) -> None:
        self.load()
        self.problems.clear_problems()
        self.saved_label.clear()

    def save(self) -> None:
        self.saved_label.clear()
        try:
            self.store()
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.problems.clear_problems()
        self.saved_label.setText("保存しました。")
        self.saved.emit()
