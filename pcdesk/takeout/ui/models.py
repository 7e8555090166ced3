"""Table models of the take-out pages; the rows are built by pcdesk.takeout.screens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pcdesk.takeout.screens import APPLICATION_COLUMNS, ASSET_COLUMNS, ApplicationRow, AssetRow
from pcdesk.ui.table import RowTableModel, SortModel, background_brush, styled_font, text_brush

STATE_COLUMN = APPLICATION_COLUMNS.index("状態")
ENCRYPTION_COLUMN = ASSET_COLUMNS.index("暗号化")


class ApplicationTableModel(RowTableModel):
    COLUMNS = APPLICATION_COLUMNS

    def role_data(self, row: ApplicationRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or (row.cells[col] if len(row.cells[col]) > 8 else None)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and col == STATE_COLUMN:
                return text_brush("danger")
            if row.closed:
                return text_brush("muted")
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return background_brush("danger")  # overdue here is a device still out: red, not amber
        if role == Qt.ItemDataRole.FontRole and row.overdue and col == STATE_COLUMN:
            return styled_font(bold=True)
        return None


class AssetTableModel(RowTableModel):
    COLUMNS = ASSET_COLUMNS

    def role_data(self, row: AssetRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.gone:
                return text_brush("muted")
            if row.unencrypted and col == ENCRYPTION_COLUMN:
                return text_brush("warning")
        if role == Qt.ItemDataRole.FontRole and row.gone:
            return styled_font(italic=True)
        return None


__all__ = ["ApplicationTableModel", "AssetTableModel", "SortModel"]
