"""The 個人情報管理台帳 as a table model: rows built by pcdesk.inventory.screens."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from pcdesk.inventory.screens import COUNT_COLUMN, LEDGER_COLUMNS, MARK, LedgerRow
from pcdesk.ui.table import ROW_ID_ROLE, Index, RowTableModel

ENTRY_ID_ROLE = ROW_ID_ROLE
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#fff1d6")
OVERDUE_TEXT = QColor("#9a5b00")
RETIRED_TEXT = QColor("#8a94a0")
FLAG_TEXT = QColor("#b00020")
STATUS_COLUMN = LEDGER_COLUMNS.index("状態")
FLAG_COLUMNS = (LEDGER_COLUMNS.index("要配慮"), LEDGER_COLUMNS.index("特定"))


class LedgerTableModel(RowTableModel):
    COLUMNS = LEDGER_COLUMNS
    ID_FIELD = "entry_id"

    def role_data(self, row: LedgerRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == SORT_ROLE:
            return row.sort_keys[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or (row.cells[col] if len(row.cells[col]) > 6 else None)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.retired:
                return QBrush(RETIRED_TEXT)
            if col in FLAG_COLUMNS and row.cells[col] == MARK:
                return QBrush(FLAG_TEXT)
            if row.overdue and col == STATUS_COLUMN:
                return QBrush(OVERDUE_TEXT)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and row.retired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == COUNT_COLUMN:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col in FLAG_COLUMNS:
                return int(Qt.AlignmentFlag.AlignCenter)
        return None


class LedgerSortModel(QSortFilterProxyModel):
    """Sorting by the heading clicked: 件数 as numbers, dates as dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return str(a) < str(b)
        return a < b
