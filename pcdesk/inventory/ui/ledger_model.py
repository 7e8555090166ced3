"""The 個人情報管理台帳 as a table model: rows built by pcdesk.inventory.screens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pcdesk.inventory.screens import COUNT_COLUMN, LEDGER_COLUMNS, MARK, LedgerRow
from pcdesk.ui.table import (CENTRE, RIGHT, ROW_ID_ROLE, SortModel, RowTableModel, background_brush, styled_font,
                             text_brush)

ENTRY_ID_ROLE = ROW_ID_ROLE
STATUS_COLUMN = LEDGER_COLUMNS.index("状態")
FLAG_COLUMNS = (LEDGER_COLUMNS.index("要配慮"), LEDGER_COLUMNS.index("特定"))


class LedgerTableModel(RowTableModel):
    COLUMNS = LEDGER_COLUMNS
    ID_FIELD = "entry_id"

    def role_data(self, row: LedgerRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or (row.cells[col] if len(row.cells[col]) > 6 else None)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.retired:
                return text_brush("muted")
            if col in FLAG_COLUMNS and row.cells[col] == MARK:
                return text_brush("danger")
            if row.overdue and col == STATUS_COLUMN:
                return text_brush("warning")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return background_brush("warning")
        if role == Qt.ItemDataRole.FontRole and row.retired:
            return styled_font(italic=True)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == COUNT_COLUMN:
                return RIGHT
            if col in FLAG_COLUMNS:
                return CENTRE
        return None


LedgerSortModel = SortModel  # 件数 as numbers, dates as dates
