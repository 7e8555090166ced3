"""Table models of the take-out pages; the rows are built by pcdesk.takeout.screens."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from pcdesk.takeout.screens import APPLICATION_COLUMNS, ASSET_COLUMNS, ApplicationRow, AssetRow
from pcdesk.ui.table import Index, RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#fde2e4")
OVERDUE_TEXT = QColor("#b00020")
CLOSED_TEXT = QColor("#8a94a0")
WARNING_TEXT = QColor("#9a5b00")
STATE_COLUMN = APPLICATION_COLUMNS.index("状態")
ENCRYPTION_COLUMN = ASSET_COLUMNS.index("暗号化")


class ApplicationTableModel(RowTableModel):
    COLUMNS = APPLICATION_COLUMNS

    def role_data(self, row: ApplicationRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == SORT_ROLE:
            return row.sort_keys[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or (row.cells[col] if len(row.cells[col]) > 8 else None)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and col == STATE_COLUMN:
                return QBrush(OVERDUE_TEXT)
            if row.closed:
                return QBrush(CLOSED_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and row.overdue and col == STATE_COLUMN:
            font = QFont()
            font.setBold(True)
            return font
        return None


class AssetTableModel(RowTableModel):
    COLUMNS = ASSET_COLUMNS

    def role_data(self, row: AssetRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.gone:
                return QBrush(CLOSED_TEXT)
            if row.unencrypted and col == ENCRYPTION_COLUMN:
                return QBrush(WARNING_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.gone:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class SortModel(QSortFilterProxyModel):
    """Sorting by what a column holds (dates as dates), not by its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return str(left.data()) < str(right.data())
        return a < b
