"""外来者入退室記録 (administrators): every entry with filters, corrections with their reason,
forgotten check-outs, the day's pass reconciliation, passes, retention, printing, and starting
the reception kiosk on this PC."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHeaderView, QLabel, QLineEdit, QMenu, QPushButton, QWidget

from pcdesk.dates import today
from pcdesk.services import Workspace
from pcdesk.visitors.display import COLUMNS, HEADINGS
from pcdesk.visitors.rules import passes_text
from pcdesk.visitors.service import EntryFilter, date_style, get_entry, host_names, reconciliation, record_pass_returned
from pcdesk.visitors.ui.entry_dialogs import CloseDialog, CorrectionDialog, PaperEntryDialog
from pcdesk.visitors.ui.entry_model import EntryTableModel
from pcdesk.visitors.ui.passes_dialog import PassesDialog
from pcdesk.visitors.ui.retention_dialog import SHOW, RetentionDialog
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import (ALL, action_button, action_row, filter_row, menu_action, more_button, open_dialog,
                            page_layout, refill_combo)
from pcdesk.ui.table import ROW_ID_ROLE, choose_columns, row_table
from pcdesk.ui.widgets import PeriodNote, date_edit, period_row, to_date

KIOSK_PAGE = "visitor_kiosk"
INSIDE, LEFT, PASS_OUT = "inside", "left", "pass_out"
STATES = [(ALL, None), ("館内（退室の記録なし）", INSIDE), ("退室済み", LEFT), ("入館証が未返却", PASS_OUT)]
TYPING_PAUSE_MS = 300  # a filter typed into runs once the typing pauses


class VisitorsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog: QDialog | None = None
        self._loading = False

        # -- filters --
        day = today()
        self.use_period = QCheckBox("期間")
        self.date_from = date_edit(QDate(day.year, day.month, 1))
        self.date_to = date_edit(QDate(day.year, day.month, day.day))
        self.period_note = PeriodNote(self.date_from, self.date_to, date_style(ws))
        self.state = QComboBox()
        self.state.setAccessibleName("状態")
        for text, key in STATES:
            self.state.addItem(text, key)
        self.company = QLineEdit()
        self.company.setPlaceholderText("会社名の一部")
        self.company.setClearButtonEnabled(True)
        self.company.setAccessibleName("会社名")
        self.host = QComboBox()
        self.host.setAccessibleName("面会者")
        self.search = QLineEdit()
        self.search.setPlaceholderText("氏名・会社名で検索")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.count_label = QLabel()
        period = period_row(self.use_period, self.date_from, self.date_to, self.period_note)
        period.insertWidget(period.count() - 1, QLabel("状態"))
        period.insertWidget(period.count() - 1, self.state)
        names = filter_row("会社名", self.company, "面会者", self.host, self.search, grow=self.search)
        self.reconcile_label = QLabel()
        self.reconcile_label.setObjectName("hint")
        self.reconcile_label.setWordWrap(True)

        # -- table --
        self.model = EntryTableModel(ws, self)
        self.table = row_table(self.model, [sample for _key, _title, sample in COLUMNS])
        # 立入区域 and 受付者 would scroll off a 1120-pixel window: shown in each row's tooltip and
        # printed in the 記録簿; the headings' right-click menu shows them as columns too.
        choose_columns(self.table, "visitors/entries", hidden_by_default=("立入区域", "受付者"))
        header = self.table.horizontalHeader()  # what the window has to spare goes to the company names
        header.setStretchLastSection(False)
        header.setSectionResizeMode(HEADINGS.index("会社名"), QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first; the query runs in refresh()
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(lambda _i: self.correct_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        # -- actions --
        self.correct_button = action_button("訂正…", self.correct_selected, "選んだ記録を直します（理由が必要です）。")
        self.close_button = action_button("退室を記録…", self.close_selected,
                                          "退室の記録を忘れた来訪者の、実際の退室時刻を記録します。", True)
        self.returned_button = action_button("入館証の返却を記録", self.pass_returned_selected,
                                             "退室後に返却された入館証を、返却済みにします。")
        self.paper_action = menu_action(self, "記録票から入力…", self.enter_from_paper,
                                        "紙の外来者入退室記録票に書いてもらった来訪を入力します。")
        self.passes_action = menu_action(self, "入館証の管理…", self.manage_passes, "入館証の登録と、紛失・破損の処理をします。")
        self.retention_action = menu_action(self, "保存期間と設定…", self.open_retention,
                                            "保存期間・照合の時刻・受付端末の立入区域の設定と、期間を過ぎた記録の削除をします。")
        self.more_button = more_button(self.paper_action, self.passes_action, self.retention_action)
        self.kiosk_button = action_button("受付モードを開始", self.start_kiosk,
                                          "この PC を来訪者用の受付端末にします（終了には管理者のパスワードが必要です）。")
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("外来者入退室記録簿を Excel / PDF に出力します。白紙の記録票も印刷できます。")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("本日分…", lambda: self.export("day"))
        export_menu.addAction("今月分…", lambda: self.export("month"))
        export_menu.addAction("期間・条件を指定…", lambda: self.export("shown"))
        export_menu.addSeparator()
        export_menu.addAction("白紙の記録票を印刷", self.print_blank_sheet)
        self.export_button.setMenu(export_menu)
        actions = action_row(self.correct_button, self.close_button, self.returned_button,
                             right=(self.more_button, self.kiosk_button, self.export_button))

        layout = page_layout(self, "外来者入退室記録", self.count_label,
                             note="受付端末と記録票から記録した来訪者です。水色の行は館内の来訪者、"
                                  "橙色の行は前日以前から退室が記録されていない来訪者です。")
        layout.addLayout(period)
        layout.addLayout(names)
        layout.addWidget(self.reconcile_label)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.apply_filter)
        for edit in (self.company, self.search):
            edit.textChanged.connect(lambda _t: self.typing.start())
        for combo in (self.state, self.host):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.use_period.toggled.connect(self.apply_filter)
        self.date_from.dateChanged.connect(lambda _d: self.use_period.isChecked() and self.apply_filter())
        self.date_to.dateChanged.connect(lambda _d: self.use_period.isChecked() and self.apply_filter())
        self.refresh()

    # -- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        with user_errors(self):
            refill_combo(self.host, [(ALL, None), *((n, n) for n in host_names(self.ws))])
        self.apply_filter()

    def current_filter(self) -> EntryFilter:
        state = self.state.currentData()
        period = self.use_period.isChecked()
        return EntryFilter(date_from=to_date(self.date_from.date()) if period else None,
                           date_to=to_date(self.date_to.date()) if period else None,
                           company=self.company.text(), host=self.host.currentData() or "",
                           inside=True if state == INSIDE else False if state == LEFT else None,
                           passes_out=True if state == PASS_OUT else None, text=self.search.text())

    def apply_filter(self) -> None:
        if self._loading:
            return
        self.typing.stop()
        with user_errors(self):
            self.model.set_filter(self.current_filter())
            self.count_label.setText(f"{self.model.total():,} 件")
            self._show_reconciliation()
        self._update_buttons()

    def _show_reconciliation(self) -> None:
        r = reconciliation(self.ws)
        parts = [f"館内の来訪者 {r.inside_today} 名"]
        if r.inside_earlier:
            parts.append(f"前日以前から退室の記録がない来訪者 {r.inside_earlier} 名")
        parts.append(f"未返却の入館証 {len(r.passes_out)} 枚" + (f"（{passes_text(r.passes_out)}）" if r.passes_out else ""))
        head = "本日の入館証の照合" if r.closing else "いまの状況"
        self.reconcile_label.setText(f"{head}: {'、'.join(parts)}。")

    def focus(self, hint: str) -> None:
        """From the home page: show what the item is about."""
        self._loading = True
        try:
            self.use_period.setChecked(False)
            self.company.clear()
            self.search.clear()
            self.host.setCurrentIndex(0)
            self.state.setCurrentIndex(self.state.findData(PASS_OUT if hint == "reconcile" else INSIDE))
            if hint == "retention":
                self.state.setCurrentIndex(0)
        finally:
            self._loading = False
        self.apply_filter()
        if hint == "retention":
            self.open_retention()

    def show_period(self, since: dt.date | None, until: dt.date) -> None:
        self._loading = True
        try:
            self.state.setCurrentIndex(0)
            self.use_period.setChecked(True)
            self.date_from.setDate(QDate(since.year, since.month, since.day) if since else QDate(2000, 1, 1))
            self.date_to.setDate(QDate(until.year, until.month, until.day))
        finally:
            self._loading = False
        self.apply_filter()

    def _sort_changed(self, column: int, _order: Qt.SortOrder) -> None:
        """The 状態 heading does not sort: its arrow goes back to the column the list is sorted by."""
        if COLUMNS[column][0]:
            return
        current = next(i for i, c in enumerate(COLUMNS) if c[0] == self.model.sort_key)
        order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(False)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ROW_ID_ROLE) if len(rows) == 1 else None

    def select_id(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        row = self.model.entry_row(self.table.currentIndex().row()) if self.selected_id() is not None else None
        self.correct_button.setEnabled(row is not None)
        self.close_button.setEnabled(bool(row and row.inside))
        self.returned_button.setEnabled(bool(row and row.pass_out and not row.inside))

    # -- one entry ------------------------------------------------------------------------------
    def _after(self, entry_id: int | None) -> None:
        self.refresh()
        if entry_id is not None:
            self.select_id(entry_id)

    def correct_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        with user_errors(self):
            dialog = CorrectionDialog(self.ws, get_entry(self.ws, entry_id), self)
            open_dialog(self, dialog, lambda _r: self._after(entry_id) if dialog.saved else None)

    def close_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        with user_errors(self):
            dialog = CloseDialog(self.ws, get_entry(self.ws, entry_id), self)
            open_dialog(self, dialog, lambda _r: self._after(entry_id) if dialog.saved else None)

    def pass_returned_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        with user_errors(self):
            record_pass_returned(self.ws, entry_id)
            self._after(entry_id)

    def enter_from_paper(self) -> None:
        dialog = PaperEntryDialog(self.ws, self)
        open_dialog(self, dialog, lambda _r: self._after(dialog.entry.id) if dialog.entry else None)

    def manage_passes(self) -> None:
        open_dialog(self, PassesDialog(self.ws, self), lambda _r: self.refresh())

    def open_retention(self) -> None:
        dialog = RetentionDialog(self.ws, self)
        open_dialog(self, dialog, lambda result: self._retention_closed(dialog, result))

    def _retention_closed(self, dialog: RetentionDialog, result: int) -> None:
        if result == SHOW and dialog.summary is not None:
            self.show_period(dialog.summary.oldest, dialog.summary.last_expired_day)
        else:
            self.refresh()

    # -- kiosk, output ------------------------------------------------------------------------
    def start_kiosk(self) -> None:
        window = self.window()
        if not hasattr(window, "start_kiosk"):
            return
        if not messages.ask(self, "この PC を受付端末（受付モード）にします。\n\n画面全体に来訪者用の受付画面が表示され、"
                                  "ほかの画面や来訪者の記録は見えなくなります。終えるには、右下の「管理者」から"
                                  "管理者のログインIDとパスワードを入力します。", "受付モードを開始"):
            return
        window.start_kiosk(KIOSK_PAGE)

    def export_filters(self) -> dict[str, object]:
        f = self.current_filter()
        filters: dict[str, object] = {"company": f.company.strip() or None, "host": f.host or None, "inside": f.inside}
        return {k: v for k, v in filters.items() if v is not None}

    def export(self, scope: str) -> None:
        from pcdesk.ui.output.export_dialog import ExportDialog

        day = today()
        with user_errors(self):
            dialog = ExportDialog(self.ws, "visitor_log", self.export_filters() if scope == "shown" else {}, self)
            if scope in ("day", "month"):
                since = day if scope == "day" else day.replace(day=1)
                dialog.use_period.setChecked(True)
                dialog.date_from.setDate(QDate(since.year, since.month, since.day))
                dialog.date_to.setDate(QDate(day.year, day.month, day.day))
            elif self.use_period.isChecked():
                dialog.use_period.setChecked(True)
                dialog.date_from.setDate(self.date_from.date())
                dialog.date_to.setDate(self.date_to.date())
            dialog.exec()

    def print_blank_sheet(self) -> None:
        from pcdesk.output.export import print_path, render_form
        from pcdesk.ui.output.viewer import open_in_viewer

        with user_errors(self):
            result = render_form(self.ws, "visitor_sheet_blank", {}, print_path("visitor_sheet_blank"))
            open_in_viewer(self, result.path, printing=True)
