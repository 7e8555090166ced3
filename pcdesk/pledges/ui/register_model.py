"""The worker table: rows built by pcdesk.pledges.screens, coloured by their state."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pcdesk.pledges.screens import REGISTER_COLUMNS, STATUS_COLUMN, RegisterRow
from pcdesk.ui.table import (BACKGROUND, ROW_ID_ROLE, TEXT, RowTableModel, SortModel, background_brush, styled_font,
                             text_brush)

RegisterSortModel = SortModel


class RegisterTableModel(RowTableModel):
    COLUMNS = REGISTER_COLUMNS
    ID_FIELD = "worker_id"

    def role_data(self, row: RegisterRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.left and row.tone == "left":
                return text_brush("muted")
            if col == STATUS_COLUMN and row.tone in TEXT:
                return text_brush(row.tone)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.tone in BACKGROUND:
            return background_brush(row.tone)
        if role == Qt.ItemDataRole.FontRole:
            if col == STATUS_COLUMN and row.tone in ("danger", "warning"):
                return styled_font(bold=True)
            if row.left:
                return styled_font(italic=True)
        return None


__all__ = ["ROW_ID_ROLE", "RegisterSortModel", "RegisterTableModel"]
