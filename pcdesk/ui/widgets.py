"""Small widgets shared by every page."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QLayout, QMainWindow, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from pcdesk.dates import SEIREKI, WAREKI, format_date
from pcdesk.errors import FieldProblem, PcdeskError, ValidationError


def fit_window(widget: QWidget) -> None:
    """Grow the dialog holding `widget` until its wrapped texts fit at the dialog's width.

    Qt does not grow a shown top-level window when a word-wrapped label in it gets longer
    or appears: its other rows are squashed instead (fields lose their descenders, text is
    cut). Call this after changing such a label. Main windows are left alone: their pages
    give way to the new text themselves."""
    window = widget.window()
    layout = window.layout()
    if layout is None or not window.isVisible() or isinstance(window, QMainWindow):
        return
    layout.activate()
    width = window.width()
    need = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        need = max(need, layout.totalHeightForWidth(width))
    need = min(need, window.maximumHeight())
    if need > window.height():
        window.resize(width, need)


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
        self.show_text("\n".join(f"・{p.field}: {p.message}" for p in items))

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            fit_window(self)

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


def subheading(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("subheading")
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


def card(title: str, margins: tuple[int, int, int, int] = (16, 12, 16, 14)) -> tuple[QFrame, QVBoxLayout]:
    """A framed box with a subheading; add its contents to the returned layout."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*margins)
    layout.addWidget(subheading(title))
    return frame, layout


def scroll_area(content: QWidget) -> QScrollArea:
    """`content` scrolled when taller than the room it gets, without a frame of its own."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def clear_layout(layout: QLayout) -> None:
    """Remove and delete the widgets of a layout that is filled afresh on each refresh."""
    while layout.count():
        old = layout.takeAt(0).widget()
        if old is not None:
            old.hide()  # deleteLater waits for the event loop: until then it would still be painted
            old.deleteLater()


def date_edit(day: QDate) -> QDateEdit:
    """A date field written as everywhere in pcdesk (2026年11月22日), with a calendar to pick from."""
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026年12月31日") + 48)
    return edit


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PeriodNote(QLabel):
    """The period in 和暦 beside its two date fields, which can show only 西暦:
    （令和8年11月1日〜令和8年11月22日）. Hidden while the date style is 西暦."""

    def __init__(self, since: QDateEdit, until: QDateEdit, style: str = SEIREKI) -> None:
        super().__init__()
        self.setObjectName("hint")
        self.since, self.until = since, until
        self.style_name = style
        since.dateChanged.connect(self.update_text)
        until.dateChanged.connect(self.update_text)
        self.set_date_style(style)

    def set_date_style(self, style: str) -> None:
        self.style_name = style
        self.update_text()
        self.setVisible(style == WAREKI)

    def update_text(self) -> None:
        since, until = (format_date(to_date(e.date()), WAREKI) for e in (self.since, self.until))
        self.setText(f"（{since}〜{until}）")


def period_row(use: QCheckBox, since: QDateEdit, until: QDateEdit, note: PeriodNote | None = None) -> QHBoxLayout:
    """「☐期間 [from] 〜 [to]」: a date range that applies only while `use` is ticked;
    `note` (the same range in 和暦) follows the fields."""
    row = QHBoxLayout()
    row.addWidget(use)
    row.addWidget(since)
    row.addWidget(QLabel("〜"))
    row.addWidget(until)
    if note is not None:
        row.addWidget(note)
    row.addStretch(1)
    return row


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form whose labels stand right-aligned against their fields."""
    form = QFormLayout(parent)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    return form


class SummaryForm(QWidget):
    """「項目: 値」 rows on a confirmation page; an empty answer reads （未入力）."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form_layout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def show_rows(self, rows: Iterable[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in rows:
            shown = QLabel(value or "（未入力）")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(f"{label}:", shown)


class DialogButtons(QDialogButtonBox):
    """A dialog's button row, wired to it: the OK button accepts, the cancel button rejects.
    Add the buttons in the order the Tab key should visit them."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__()
        self.accepted.connect(dialog.accept)
        self.rejected.connect(dialog.reject)

    def add_ok(self, text: str, default: bool = True, primary: bool = True) -> QPushButton:
        button = self.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        if primary:
            button.setObjectName("primary")
        button.setDefault(default)  # Enter presses it
        return button

    def add_action(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = self.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    def add_cancel(self, text: str = "キャンセル") -> QPushButton:
        return self.addButton(text, QDialogButtonBox.ButtonRole.RejectRole)


def ok_cancel(dialog: QDialog, ok_text: str, cancel_text: str = "キャンセル") -> DialogButtons:
    """The usual row of a form dialog: a primary button that saves (Enter presses it) and one that cancels."""
    buttons = DialogButtons(dialog)
    buttons.add_ok(ok_text)
    buttons.add_cancel(cancel_text)
    return buttons


def close_only(dialog: QDialog) -> DialogButtons:
    """The row of a dialog that only shows things: 閉じる."""
    buttons = DialogButtons(dialog)
    buttons.add_cancel("閉じる")
    return buttons
