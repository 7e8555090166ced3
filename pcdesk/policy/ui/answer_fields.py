"""Widgets for the policy wizard's answers, made from their FieldSpecs (pcdesk.policy.fields),
and the editable tables for the two list answers (利用目的, 外国の提供先)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from pcdesk import clock
from pcdesk.fields import BOOL, DATE, LONG_TEXT, NUMBER, FieldSpec
from pcdesk.policy.fields import row_columns
from pcdesk.ui.widgets import date_edit, hint, to_date

LONG_LINES = {"philosophy": 4, "security_organizational": 9, "security_human": 4, "security_physical": 7,
              "security_technical": 9, "association_contact": 4}


class AnswerField(QWidget):
    """One answer: its label above (a check box says its own question), a hint below."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 2)
        layout.setSpacing(2)
        if spec.kind == BOOL:
            self.editor: QWidget = QCheckBox(spec.question or spec.label)
            self.editor.toggled.connect(self.changed)
        else:
            title = QLabel(spec.label)
            title.setStyleSheet("font-weight: bold;")
            layout.addWidget(title)
            self.editor = self._editor(spec)
            title.setBuddy(self.editor)
        self.editor.setAccessibleName(spec.label)
        layout.addWidget(self.editor)
        note = spec.question if spec.kind != BOOL else ""
        if note:
            layout.addWidget(hint(note))

    def _editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind == LONG_TEXT:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * LONG_LINES.get(spec.key, 3) + 14)
            if spec.example:
                edit.setPlaceholderText(f"例: {spec.example}")
            edit.textChanged.connect(self.changed)
            return edit
        if spec.kind == DATE:
            edit = date_edit(QDate(clock.today().year, clock.today().month, clock.today().day))
            edit.dateChanged.connect(self.changed)
            return edit
        if spec.kind == NUMBER:
            spin = QSpinBox()
            spin.setRange(int(spec.minimum or 0), int(spec.maximum or 100_000))
            spin.setSingleStep(100)
            spin.setSuffix(" 円")
            spin.setGroupSeparatorShown(True)
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("100,000 円") + 48)
            spin.valueChanged.connect(self.changed)
            return spin
        edit = QLineEdit()
        if spec.example:
            edit.setPlaceholderText(f"例: {spec.example}")
        edit.textChanged.connect(self.changed)
        return edit

    def value(self) -> Any:
        e = self.editor
        if isinstance(e, QCheckBox):
            return e.isChecked()
        if isinstance(e, QPlainTextEdit):
            return e.toPlainText()
        if isinstance(e, QSpinBox):
            return e.value()
        if isinstance(e, QLineEdit):
            return e.text()
        return to_date(e.date())  # type: ignore[attr-defined]

    def set_value(self, value: Any) -> None:
        e = self.editor
        if isinstance(e, QCheckBox):
            e.setChecked(bool(value))
        elif isinstance(e, QPlainTextEdit):
            e.setPlainText("" if value is None else str(value))
        elif isinstance(e, QSpinBox):
            e.setValue(value if isinstance(value, int) else 0)
        elif isinstance(e, QLineEdit):
            e.setText("" if value is None else str(value))
        elif isinstance(value, dt.date):
            e.setDate(QDate(value.year, value.month, value.day))  # type: ignore[attr-defined]


class RowsEditor(QWidget):
    """A list answer as a table: one row per 利用目的 (or per country), with add and remove."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = row_columns(key)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([heading for _c, heading in self.columns])
        self.table.setAccessibleName(key)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton("行を追加")
        self.remove_button = QPushButton("選んだ行を削除")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in rows:
            self._append({c: row.get(c, "") for c, _h in self.columns})
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()

    def _append(self, values: dict[str, str]) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for i, (column, _heading) in enumerate(self.columns):
            item = QTableWidgetItem(values.get(column, ""))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, i, item)
        return r

    def rows(self) -> list[dict[str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            values = {c: (self.table.item(r, i).text() if self.table.item(r, i) else "")
                      for i, (c, _h) in enumerate(self.columns)}
            if any(v.strip() for v in values.values()):
                out.append(values)
        return out

    def add_row(self) -> None:
        r = self._append({})
        self.table.setCurrentCell(r, 0)
        self.table.editItem(self.table.item(r, 0))
        self.changed.emit()

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)
        self.changed.emit()
