"""The リスク分析表 as a table model (rows from pcdesk.inventory.screens.risk_rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from pcdesk.inventory.choices import LEVEL_HIGH, LEVEL_LOW, LEVEL_MEDIUM
from pcdesk.inventory.screens import NUMERIC_COLUMNS, RISK_COLUMNS, RiskRow
from pcdesk.ui.table import ROW_ID_ROLE, RowTableModel, text_brush

RISK_ID_ROLE = ROW_ID_ROLE
LEVEL_COLORS = {LEVEL_HIGH: QColor("#f6c9c4"), LEVEL_MEDIUM: QColor("#fbe3a8"), LEVEL_LOW: QColor("#d3ead6")}
LEVEL_COLUMN = RISK_COLUMNS.index("レベル")
RESIDUAL_COLUMN = RISK_COLUMNS.index("残留リスク")
ACCEPTED_BY_COLUMN = RISK_COLUMNS.index("承認者")


class RiskTableModel(RowTableModel):
    COLUMNS = RISK_COLUMNS
    ID_FIELD = "risk_id"

    def role_data(self, row: RiskRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltips[col] or (row.cells[col] if len(row.cells[col]) > 8 else None) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == LEVEL_COLUMN:
                return QBrush(LEVEL_COLORS.get(row.level, QColor("#ffffff")))
            if col == RESIDUAL_COLUMN:
                return QBrush(LEVEL_COLORS.get(row.residual_level, QColor("#ffffff")))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == ACCEPTED_BY_COLUMN and not row.accepted:
            return text_brush("warning")  # awaiting the 管理者's approval
        if role == Qt.ItemDataRole.TextAlignmentRole and (col in NUMERIC_COLUMNS or col == LEVEL_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
