"""Read-only tables of row objects: the model base and the view every list page uses.

A row object carries its texts in `.cells` (built by a Qt-free module) and its record id
in the attribute named by ID_FIELD; a model adds only its colours and extra roles.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole


class RowTableModel(QAbstractTableModel):
    """`rows` under the headings COLUMNS; subclasses override role_data for anything beyond the text."""

    COLUMNS: Sequence[str] = ()
    ID_FIELD = "id"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if not 0 <= col < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == ROW_ID_ROLE:
            return getattr(row, self.ID_FIELD)
        return self.role_data(row, col, role)

    def role_data(self, row: Any, col: int, role: int) -> Any:
        """Tooltips, colours, alignment…: None where the view's default is right."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if getattr(r, self.ID_FIELD) == row_id), -1)


def row_table(model: QAbstractItemModel, samples: Sequence[str], padding: int = 14,
              selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.ExtendedSelection,
              ) -> QTableView:
    """A read-only table of whole rows; each column as wide as its sample text (the last stretches)."""
    table = QTableView()
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    fm = table.fontMetrics()
    for col, sample in enumerate(samples):
        table.setColumnWidth(col, fm.horizontalAdvance(sample) + padding)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableView, stretch: Sequence[int]) -> None:
    """Every column as wide as its heading and contents, except the long text columns
    (`stretch`), which share the width that is left — rather than only the last column."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    model = table.model()
    count = model.columnCount() if model is not None else 0
    long = set(stretch)
    for col in range(count):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col in long
                                    else QHeaderView.ResizeMode.ResizeToContents)
