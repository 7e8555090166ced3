"""The visitor log as a table model that stays instant at 100,000 entries (Anki's browser).

It keeps only the ids the filter selected, in order, and builds a row when the view asks for
it, loading the entries of a block of ids at once; the view is offered the rows a screenful at
a time (canFetchMore/fetchMore), and sorting by a heading re-runs the query in SQL. Opening
and filtering read the first FETCH ids and the count only; the other ids are read the first
time the view asks for more, so ten years of visits cost nothing until someone scrolls.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from pcdesk.dates import today
from pcdesk.services import Workspace
from pcdesk.visitors.display import COLUMNS, HEADINGS, EntryRow, entry_row
from pcdesk.visitors.service import EntryFilter, count_entries, date_style, entry_ids, load_entries
from pcdesk.ui.table import RIGHT, ROW_ID_ROLE, Index, background_brush, text_brush

FETCH = 200  # rows offered to the view at a time
BLOCK = 100  # entries loaded from the database at a time
CACHE = 2000  # rows kept built; older ones are built again if scrolled back to
INSIDE_BACKGROUND = QColor("#e8f1fb")  # still in the building: the one state only this list has
NUMBER_COLUMN = HEADINGS.index("人数")
STATE_COLUMN = HEADINGS.index("状態")


class EntryTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.filter = EntryFilter()
        self.sort_key, self.descending = "entered_at", True
        self.ids: list[int] = []  # the first FETCH until `complete`
        self.complete = True
        self.count = 0  # how many entries the filter keeps
        self.shown = 0  # rows offered to the view so far
        self.rows: OrderedDict[int, EntryRow] = OrderedDict()
        self.day = today()
        self.style = date_style(ws)
        self._fetching = False
        self.loaded = False  # the first query waits for the filter (sorting is set up before it)

    # -- what is listed -------------------------------------------------------------------
    def set_filter(self, f: EntryFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Run the query again (after a filter, a sort, a change); rows are rebuilt on demand."""
        self.beginResetModel()
        self.ids = entry_ids(self.ws, self.filter, self.sort_key, self.descending, limit=FETCH)
        self.complete = len(self.ids) < FETCH
        self.count = len(self.ids) if self.complete else count_entries(self.ws, self.filter)
        self.shown = len(self.ids)
        self.rows.clear()
        self.loaded = True
        self.day = today()
        self.style = date_style(self.ws)
        self.endResetModel()

    def _complete_ids(self) -> None:
        """Every id of the filter, in order, once the view scrolls past the first page."""
        ids = entry_ids(self.ws, self.filter, self.sort_key, self.descending)
        self.complete = True
        if ids[:self.shown] == self.ids[:self.shown]:
            self.ids, self.count = ids, len(ids)
            return
        # Another PC changed the log meanwhile: the rows shown are no longer these; start again.
        self.beginResetModel()
        self.ids, self.count = ids, len(ids)
        self.shown = min(self.shown, len(ids))
        self.rows.clear()
        self.endResetModel()

    def total(self) -> int:
        return self.count

    def row_of(self, entry_id: int) -> int:
        if entry_id not in self.ids and not self.complete:
            self._complete_ids()
        try:
            row = self.ids.index(entry_id)
        except ValueError:
            return -1
        while row >= self.shown and self.canFetchMore():
            self.fetchMore()
        return row

    def entry_row(self, row: int) -> EntryRow | None:
        if not 0 <= row < self.shown:
            return None
        entry_id = self.ids[row]
        found = self.rows.get(entry_id)
        if found is None:
            self._load_block(row)
            found = self.rows.get(entry_id)
        else:
            self.rows.move_to_end(entry_id)
        return found

    def _load_block(self, row: int) -> None:
        start = max(0, row - BLOCK // 4)  # a little above too: scrolling up is common
        wanted = [i for i in self.ids[start:start + BLOCK] if i not in self.rows]
        for entry_id, entry in load_entries(self.ws, wanted).items():
            self.rows[entry_id] = entry_row(entry, self.day, self.style)
        while len(self.rows) > CACHE:
            self.rows.popitem(last=False)

    # -- Qt's model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self.shown < self.count

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        # A slot of rowsAboutToBeInserted may ask for more again (Qt's model tester does): the
        # rows being inserted are not counted yet, so a nested call would insert them twice.
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            if not self.complete:
                self._complete_ids()
            more = min(FETCH, len(self.ids) - self.shown)
            if more <= 0:
                return
            self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
            self.shown += more
            self.endInsertRows()
        finally:
            self._fetching = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.entry_row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == ROW_ID_ROLE:
            return row.entry_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.detail or (row.cells[col] if len(row.cells[col]) > 8 else None)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.overdue:
                return background_brush("warning")
            if row.inside:
                return QBrush(INSIDE_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE_COLUMN and (row.overdue or row.pass_out):
            return text_brush("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == NUMBER_COLUMN:
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return HEADINGS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in SQL by the heading clicked; the 状態 column keeps the current order."""
        if not 0 <= column < len(COLUMNS) or not COLUMNS[column][0]:
            return
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:
            self.reload()

