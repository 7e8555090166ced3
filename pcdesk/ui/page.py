"""The parts a list page is built of, so every page reads the same: a heading row, a note,
a row of filters, a row of action buttons, then the table."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pcdesk.ui.widgets import heading, hint

ALL = "（すべて）"  # a filter combo's first choice: no narrowing


def page_layout(page: QWidget, title: str, *beside: QWidget, note: str = "") -> QVBoxLayout:
    """The page's outer layout: the heading with `beside` at the right end, then `note`."""
    top = QHBoxLayout()
    top.addWidget(heading(title))
    top.addStretch(1)
    for widget in beside:
        top.addWidget(widget)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.addLayout(top)
    if note:
        layout.addWidget(hint(note))
    return layout


def filter_row(*parts: QWidget | str, grow: QWidget | None = None) -> QHBoxLayout:
    """Filters in one row: a string labels the widget after it; `grow` takes the spare width."""
    row = QHBoxLayout()
    for part in parts:
        if isinstance(part, str):
            row.addWidget(QLabel(part))
        else:
            row.addWidget(part, 1 if part is grow else 0)
    return row


def refill_combo(combo: QComboBox, choices: Iterable[tuple[str, Any]]) -> None:
    """New (label, data) choices, keeping the chosen one while it is still offered (else the first).
    Sends no change signal: the page refreshes once afterwards."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        for label, data in choices:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
    finally:
        combo.blockSignals(False)


def action_button(text: str, slot: Callable[[], object], tip: str = "", primary: bool = False) -> QPushButton:
    """A button of the page's action row; `primary` marks what the page is mostly for."""
    button = QPushButton(text)
    button.clicked.connect(slot)
    if tip:
        button.setToolTip(tip)
    if primary:
        button.setObjectName("primary")
    return button


def action_row(*buttons: QPushButton, right: Iterable[QPushButton] = ()) -> QHBoxLayout:
    """The page's buttons from the left; `right` ones (import, export…) at the right end."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    for button in right:
        row.addWidget(button)
    return row


def open_dialog(page: QWidget, dialog: QDialog, closed: Callable[[int], object] | None = None,
                attribute: str = "dialog") -> None:
    """Show `dialog` without blocking the page. While it is open `page.<attribute>` holds it (tests
    reach it there); when it closes, `closed(result)` runs and then the dialog is deleted."""
    setattr(page, attribute, dialog)

    def finished(result: int) -> None:
        setattr(page, attribute, None)
        if closed is not None:
            closed(result)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
