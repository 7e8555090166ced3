"""The リスク分析表 as a table model (rows from pcdesk.inventory.screens.risk_rows)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from pcdesk.inventory.choices import LEVEL_HIGH, LEVEL_LOW, LEVEL_MEDIUM
from pcdesk.inventory.screens import NUMERIC_COLUMNS, RISK_COLUMNS, RiskRow

Index = QModelIndex | QPersistentModelIndex
RISK_ID_ROLE = Qt.ItemDataRole.UserRole
LEVEL_COLORS = {LEVEL_HIGH: QColor("#f6c9c4"), LEVEL_MEDIUM: QColor("#fbe3a8"), LEVEL_LOW: QColor("#d3ead6")}
LEVEL_COLUMN = RISK_COLUMNS.index("レベル")
RESIDUAL_COLUMN = RISK_COLUMNS.index("残留リスク")
ACCEPTED_BY_COLUMN = RISK_COLUMNS.index("受容者")
PENDING_TEXT = QColor("#9a5b00")


class RiskTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RiskRow] = []

    def set_rows(self, rows: list[RiskRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(RISK_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if not 0 <= col < len(RISK_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == RISK_ID_ROLE:
            return row.risk_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltips[col] or (row.cells[col] if len(row.cells[col]) > 8 else None)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == LEVEL_COLUMN:
                return QBrush(LEVEL_COLORS.get(row.level, QColor("#ffffff")))
            if col == RESIDUAL_COLUMN:
                return QBrush(LEVEL_COLORS.get(row.residual_level, QColor("#ffffff")))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == ACCEPTED_BY_COLUMN and not row.accepted:
            return QBrush(PENDING_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and (col in NUMERIC_COLUMNS or col == LEVEL_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return RISK_COLUMNS[section] if 0 <= section < len(RISK_COLUMNS) else None
        return None

    def row_of(self, risk_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.risk_id == risk_id), -1)
