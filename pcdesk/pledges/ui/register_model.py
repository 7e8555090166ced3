"""The worker table: rows built by pcdesk.pledges.screens, coloured by their state."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from pcdesk.pledges.screens import REGISTER_COLUMNS, STATUS_COLUMN, RegisterRow
from pcdesk.ui.table import ROW_ID_ROLE, Index, RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT = {"danger": QColor("#b00020"), "warning": QColor("#9a5b00"), "left": QColor("#8a94a0")}
BACKGROUND = {"danger": QColor("#fdecee"), "warning": QColor("#fff1d6")}


class RegisterTableModel(RowTableModel):
    COLUMNS = REGISTER_COLUMNS
    ID_FIELD = "worker_id"

    def role_data(self, row: RegisterRow, col: int, role: int):  # type: ignore[no-untyped-def]
        if role == SORT_ROLE:
            return row.sort_keys[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.left and row.tone == "left":
                return QBrush(TEXT["left"])
            if col == STATUS_COLUMN and row.tone in TEXT:
                return QBrush(TEXT[row.tone])
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.tone in BACKGROUND:
            return QBrush(BACKGROUND[row.tone])
        if role == Qt.ItemDataRole.FontRole:
            if col == STATUS_COLUMN and row.tone in ("danger", "warning"):
                font = QFont()
                font.setBold(True)
                return font
            if row.left:
                font = QFont()
                font.setItalic(True)
                return font
        return None


class RegisterSortModel(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return str(a) < str(b)
        return a < b


__all__ = ["ROW_ID_ROLE", "RegisterSortModel", "RegisterTableModel"]
