"""Read-only tables of row objects: the model base and the view every list page uses.

A row object carries its texts in `.cells` (built by a Qt-free module), its record id in
the attribute named by ID_FIELD and, when its columns sort by value, one key per column in
`.sort_keys`; a model adds only its colours and extra roles, from the shared palette below
so that "overdue" or "left" looks the same on every page.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's sort_keys[column]: dates as dates, counts as numbers

# One look per state across pages: text and background colours by tone.
TEXT = {"danger": QColor("#b00020"), "warning": QColor("#9a5b00"), "muted": QColor("#8a94a0")}
BACKGROUND = {"danger": QColor("#fdecee"), "warning": QColor("#fff1d6")}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def text_brush(tone: str) -> QBrush:
    return QBrush(TEXT[tone])


def background_brush(tone: str) -> QBrush:
    return QBrush(BACKGROUND[tone])


def styled_font(*, bold: bool = False, italic: bool = False) -> QFont:
    """Bold for what needs acting on; italic for rows that are over (retired, left, gone)."""
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


class RowTableModel(QAbstractTableModel):
    """`rows` under the headings COLUMNS; subclasses override role_data for anything beyond the text."""

    COLUMNS: Sequence[str] = ()
    ID_FIELD = "id"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if not 0 <= col < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == ROW_ID_ROLE:
            return getattr(row, self.ID_FIELD)
        if role == SORT_ROLE:
            keys = getattr(row, "sort_keys", None)
            return keys[col] if keys is not None else row.cells[col]
        return self.role_data(row, col, role)

    def role_data(self, row: Any, col: int, role: int) -> Any:
        """Tooltips, colours, alignment…: None where the view's default is right."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if getattr(r, self.ID_FIELD) == row_id), -1)


class SortModel(QSortFilterProxyModel):
    """Sorting by the heading clicked, by what a column holds (dates as dates, 件数 as numbers),
    not by its text; a missing value or a mix of kinds falls back to the text shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return str(left.data() or "") < str(right.data() or "")
        return a < b


def row_table(model: QAbstractItemModel, samples: Sequence[str], padding: int = 14,
              selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.ExtendedSelection,
              ) -> QTableView:
    """A read-only table of whole rows; each column as wide as its sample text (the last stretches)."""
    table = QTableView()
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    fm = table.fontMetrics()
    for col, sample in enumerate(samples):
        table.setColumnWidth(col, fm.horizontalAdvance(sample) + padding)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table



def choose_columns(table: QTableView, key: str, hidden_by_default: Sequence[str] = ()) -> None:
    """Right-click on the headings: every column with a check box, to show or hide it. What
    is hidden is remembered on this PC by heading (`key` names the table); one column always
    stays. `hidden_by_default`: headings left out until asked for (what does not fit a
    1120-pixel window and is shown in the row's tooltip anyway)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from pcdesk.ui.prefs import ui_settings

    header = table.horizontalHeader()
    model = table.model()
    headings = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    setting = f"columns/{key}/hidden"
    stored = ui_settings().value(setting)
    hidden = set(hidden_by_default) if stored is None else {str(h) for h in (stored if isinstance(stored, list) else [stored]) if h}
    for col, heading in enumerate(headings):
        table.setColumnHidden(col, heading in hidden and len(hidden) < len(headings))
    header.setToolTip("見出しを右クリックすると、表示する列を選べます。")

    def toggle(col: int, shown: bool) -> None:
        table.setColumnHidden(col, not shown)
        ui_settings().setValue(setting, [h for c, h in enumerate(headings) if table.isColumnHidden(c)] or [""])

    def build() -> QMenu:
        chooser = QMenu(table)
        chooser.setToolTipsVisible(True)
        showing = [c for c in range(len(headings)) if not table.isColumnHidden(c)]
        for col, heading in enumerate(headings):
            action = QAction(heading, chooser)
            action.setCheckable(True)
            action.setChecked(col in showing)
            action.setEnabled(not (col in showing and len(showing) == 1))  # the last one stays
            action.toggled.connect(lambda on, c=col: toggle(c, on))
            chooser.addAction(action)
        return chooser

    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: build().exec(header.mapToGlobal(pos)))
    table.column_menu = build  # type: ignore[attr-defined]  (the menu the headings' right-click shows)


class ColumnFitter(QObject):
    """Keeps a table's columns as wide as their heading and contents; the long text columns
    (`stretch`) share whatever width is left — each at least `least` wide, so a narrow window
    scrolls sideways instead of squeezing them to nothing. Refits when rows arrive and when
    the table is resized; the person can still drag a column wider."""

    def __init__(self, table: QTableView, stretch: Sequence[int], least: int = 90, most: int = 420) -> None:
        super().__init__(table)
        self.table, self.stretch, self.least, self.most = table, tuple(stretch), least, most
        # Qt gives hidden columns back their width when the header's stretching changes: shown meanwhile.
        model = table.model()
        hidden = [c for c in range(model.columnCount()) if table.isColumnHidden(c)]
        for c in hidden:
            table.setColumnHidden(c, False)
        table.horizontalHeader().setStretchLastSection(False)
        for c in hidden:
            table.setColumnHidden(c, True)
        self._pending = False
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.schedule)
        table.viewport().installEventFilter(self)
        self.fit()

    def schedule(self) -> None:
        """Fit once the view has taken in the change (during a reset the header is not yet
        what it will be: hidden columns would be measured and left holes)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._pending = False
        self.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def natural(self, col: int) -> int:
        """The width the column's heading and contents ask for (room for the sort arrow only
        where the table is sorted: Qt's own measure keeps it on every column)."""
        table = self.table
        header = table.horizontalHeader()
        text = str(table.model().headerData(col, Qt.Orientation.Horizontal) or "")
        heading = header.fontMetrics().horizontalAdvance(text) + 20
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == col:
            heading += 16
        return max(heading, table.sizeHintForColumn(col) + 6)

    def fit(self) -> None:
        table = self.table
        model = table.model()
        if model is None:
            return
        shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        widths = {c: self.natural(c) for c in shown}
        long = [c for c in shown if c in self.stretch]
        asked = {c: min(widths[c], self.most) for c in long}
        room = table.viewport().width() - sum(w for c, w in widths.items() if c not in asked) - 2
        total = sum(asked.values())
        if total and room >= total:  # everything fits: the long texts share the rest
            for c in long:
                widths[c] = asked[c] + (room - total) * asked[c] // total
        elif total:  # too little room: each gets `least`, and what is left goes to those asking more
            extra = max(room - self.least * len(long), 0)
            wanting = {c: max(asked[c] - self.least, 0) for c in long}
            more = sum(wanting.values()) or 1
            for c in long:
                widths[c] = self.least + min(wanting[c], extra * wanting[c] // more)
        for c, w in widths.items():
            table.setColumnWidth(c, w)


def fit_columns(table: QTableView, stretch: Sequence[int], least: int = 90) -> ColumnFitter:
    """Size `table`'s columns to their contents, the long text columns (`stretch`) sharing the
    rest rather than only the last column (see ColumnFitter)."""
    return ColumnFitter(table, stretch, least)
