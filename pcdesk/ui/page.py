"""The parts a list page is built of, so every page reads the same: a heading row, a note,
a row of filters, a row of action buttons, then the table."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QStyle, QStyleOptionComboBox,
                               QVBoxLayout, QWidget)

from pcdesk.ui.widgets import heading, hint

ALL = "（すべて）"  # a filter combo's first choice: no narrowing
FIT_LIMIT = 260  # a combo fitted to its choices grows no wider: longer names are elided


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


def fit_combo(combo: QComboBox) -> None:
    """Wide enough to show its longest choice whole (up to FIT_LIMIT); refill_combo keeps it so.
    Qt's own size hint leaves too little room beside the arrow: 「（すべて）」 showed as 「（すべて」."""
    combo.setProperty("fit_contents", True)
    if not combo.count():
        return
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    option.rect = QRect(0, 0, 1000, max(combo.sizeHint().height(), 1))
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    text = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    combo.setMinimumWidth(min(text + 1000 - field.width() + 4, FIT_LIMIT))


def filter_row(*parts: QWidget | str, grow: QWidget | None = None) -> QHBoxLayout:
    """Filters in one row: a string labels the widget after it; `grow` takes the spare width,
    every other combo is as wide as its longest choice."""
    row = QHBoxLayout()
    for part in parts:
        if isinstance(part, str):
            row.addWidget(QLabel(part))
            continue
        if isinstance(part, QComboBox) and part is not grow:
            fit_combo(part)
        row.addWidget(part, 1 if part is grow else 0)
    if grow is None:
        row.addStretch(1)
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
    if combo.property("fit_contents"):
        fit_combo(combo)


def action_button(text: str, slot: Callable[[], object], tip: str = "", primary: bool = False) -> QPushButton:
    """A button of the page's action row; `primary` marks what the page is mostly for."""
    button = QPushButton(text)
    button.clicked.connect(slot)
    if tip:
        button.setToolTip(tip)
    if primary:
        button.setObjectName("primary")
    return button


def more_button(*actions: QAction, text: str = "その他") -> QPushButton:
    """A menu button for the page's less used actions, so the action row fits the window.
    It hides itself while none of its actions is visible to this person."""
    button = QPushButton(text)
    menu = QMenu(button)
    menu.setToolTipsVisible(True)
    for action in actions:
        menu.addAction(action)
    button.setMenu(menu)
    button.setVisible(any(a.isVisible() for a in actions))
    for action in actions:
        action.visibleChanged.connect(lambda: button.setVisible(any(a.isVisible() for a in actions)))
    return button


def menu_action(parent: QWidget, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
    """An action of a more_button menu; its tip shows in the status bar and as a tooltip."""
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: slot())
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


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
