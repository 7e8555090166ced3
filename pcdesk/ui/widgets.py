"""Small widgets shared by every page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from pcdesk.errors import FieldProblem, PcdeskError, ValidationError


class ProblemLabel(QLabel):
    """The red list of 「項目: 直し方」 shown on a form until the input is fixed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problems(self, problems: ValidationError | list[FieldProblem]) -> None:
        items = problems.problems if isinstance(problems, ValidationError) else problems
        self.setText("\n".join(f"・{p.field}: {p.message}" for p in items))
        self.setVisible(bool(items))

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def show_error(self, exc: PcdeskError) -> None:
        """A refused save: each field's problem when the error names fields, else its message."""
        if isinstance(exc, ValidationError):
            self.show_problems(exc)
        else:
            self.show_text(str(exc))

    def clear_problems(self) -> None:
        self.clear()
        self.hide()


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading")
    return label


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def separator(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("separator")
    return line
