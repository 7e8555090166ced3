"""The derived class of a piece of personal information, with its reasons, as a card."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pcdesk.inventory.classification import Classification
from pcdesk.ui.widgets import subheading

FLAG_COLORS = {"要配慮個人情報": "#b00020", "特定個人情報": "#7b3fa0"}


class ClassificationPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = subheading()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("hint")
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.reasons)
        layout.addWidget(self.notes)
        self.plain = ""

    def show_classification(self, c: Classification, notes: list[str] | None = None) -> None:
        flags = "".join(f'<span style="color:{FLAG_COLORS.get(f, "#1f2d3d")}">　【{html.escape(f)}】</span>'
                        for f in c.flags)
        self.title.setText(f"区分: {html.escape(c.label)}{flags}")
        self.reasons.setText(c.reason)
        self.notes.setText("\n".join(f"・{n}" for n in notes or []))
        self.notes.setVisible(bool(notes))
        self.plain = "\n".join([f"区分: {c.summary()}", c.reason, *(notes or [])])
        self.setAccessibleDescription(self.plain)

    def text(self) -> str:
        """What the panel says, as plain text (for tests and screen readers)."""
        return self.plain
