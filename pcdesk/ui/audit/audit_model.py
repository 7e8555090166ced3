"""The 監査ログ as a table model: only the pages fetched so far (rows from pcdesk.audit.query)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from pcdesk.audit.query import COLUMNS, PAGE_SIZE, AuditFilter, AuditRow, count_entries, fetch_page
from pcdesk.dates import SEIREKI
from pcdesk.services import Workspace
from pcdesk.ui.table import Index, RowTableModel

CHANGES_COLUMN = COLUMNS.index("変更内容")


class AuditTableModel(RowTableModel):
    """Holds only the pages fetched so far; the view asks for more as it scrolls."""

    COLUMNS = COLUMNS

    def __init__(self, ws: Workspace, page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.page_size = page_size
        self.filter = AuditFilter()
        self.date_style = SEIREKI
        self.rows: list[AuditRow] = []
        self.cells: list[list[str]] = []  # rows' texts in the date style, made once as each page arrives
        self.total = 0
        self.exhausted = True

    def set_filter(self, f: AuditFilter, date_style: str = SEIREKI) -> None:
        self.beginResetModel()
        self.filter, self.date_style = f, date_style
        self.rows, self.cells = [], []
        self.total = count_entries(self.ws, f)
        self.exhausted = self.total == 0
        self.endResetModel()
        if not self.exhausted:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self.exhausted:
            return
        before = self.rows[-1].seq if self.rows else None
        page = fetch_page(self.ws, self.filter, before_seq=before, limit=self.page_size)
        if len(page) < self.page_size:
            self.exhausted = True
        if not page:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self.rows.extend(page)
        self.cells.extend(r.cells(self.date_style) for r in page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.cells):
            return None
        text = self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text.replace("\n", "、") if index.column() == CHANGES_COLUMN else text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == CHANGES_COLUMN and text:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def detail(self, row: int) -> str:
        if not 0 <= row < len(self.cells):
            return ""
        cells = self.cells[row]
        lines = [f"{label}: {value}" for label, value in zip(COLUMNS[:-1], cells[:-1]) if value]
        if cells[-1]:
            lines += ["", "変更内容:", cells[-1]]
        return "\n".join(lines)
