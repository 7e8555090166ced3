"""従業者と誓約書: every worker with the state of their pledge; registering, recording signed
pledges, printing the pledges that are missing, importing a list, exporting the ledgers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QMenu,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from pcdesk.company.service import list_departments
from pcdesk.errors import PcdeskError
from pcdesk.output.export import print_path
from pcdesk.pledges.fields import RENEWAL_MONTHS, SETTINGS
from pcdesk.pledges.model import EMPLOYMENTS
from pcdesk.pledges.pledging import WorkerStanding, renewal_months, standings
from pcdesk.pledges.printing import print_pledges
from pcdesk.pledges.rules import ENDED, LEAVING_MISSING, LEFT_SIGNED, MISSING, NEEDS_ACTION, RENEW
from pcdesk.pledges.screens import STATE_CHOICES, register_rows
from pcdesk.pledges.service import WorkerFilter, delete_worker
from pcdesk.ui import messages
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings, save_feature_settings
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import (ALL, action_button, action_row, filter_row, menu_action, more_button, open_dialog,
                            page_layout, refill_combo)
from pcdesk.ui.table import row_table
from pcdesk.ui.widgets import ProblemLabel, form_layout, hint, ok_cancel
from pcdesk.pledges.ui.record_dialog import HistoryDialog, RecordDialog
from pcdesk.pledges.ui.register_model import ROW_ID_ROLE, RegisterSortModel, RegisterTableModel
from pcdesk.pledges.ui.worker_dialog import WorkerDialog

COLUMN_SAMPLES = ["社員番号", "長谷川 真由美", "カスタマーサポート部", "パート・アルバイト",
                  "退職時誓約 未取得", "派遣社員用 第2版・写し", "2026年12月31日", "次回の更新 2027年12月31日"]
NEEDING = "要対応（未取得など）"


class RegisterPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._loading = False
        self.rows: dict[int, WorkerStanding] = {}
        self.dialog: QDialog | None = None
        self.wizard = None
        admin = bool(ws.actor and ws.actor.has(ADMIN))

        self.department = QComboBox()
        self.department.setAccessibleName("所属")
        self.employment = QComboBox()
        self.employment.setAccessibleName("雇用区分")
        self.employment.addItem(ALL, None)
        for key, label in EMPLOYMENTS.items():
            self.employment.addItem(label, key)
        self.state = QComboBox()
        self.state.setAccessibleName("状況")
        self.state.addItem(ALL, None)
        self.state.addItem(NEEDING, NEEDS_ACTION)
        for label, key in STATE_CHOICES:
            self.state.addItem(label, key)
        self.include_left = QCheckBox("退職者を含む")
        self.search = QLineEdit()
        self.search.setPlaceholderText("氏名・フリガナ・社員番号で検索")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.count_label = QLabel()
        filters = filter_row("所属", self.department, "雇用区分", self.employment, "状況", self.state, self.search,
                             grow=self.search)
        flags = filter_row(self.include_left)

        self.model = RegisterTableModel(self)
        self.proxy = RegisterSortModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, COLUMN_SAMPLES)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.history_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.record_button = action_button("誓約書を記録…", self.record_selected,
                                           "選んだ人が署名した誓約書（種類・版・署名日・回収者・原本の保管場所）を記録します。", True)
        self.history_button = action_button("履歴…", self.history_selected, "選んだ人の誓約書の記録と写しを表示します。")
        self.add_button = action_button("登録…", self.add_worker, "従業者を1人登録します。")
        self.edit_button = action_button("編集…", self.edit_selected, "選んだ人の氏名・所属・雇用区分などを直します。")
        self.leave_action = menu_action(self, "退職を登録…", self.leave_selected,
                                        "退職日を登録します。名簿には残り、退職時の誓約書を確かめます。")
        self.delete_action = menu_action(self, "誤って登録した人を削除…", self.delete_selected,
                                         "誓約書の記録がない人だけ削除できます（退職した人は退職日を登録します）。")
        self.import_action = menu_action(self, "CSV・Excel から取込…", self.import_workers,
                                         "社員名簿の CSV・Excel ファイルから取り込みます（社員番号が同じ人は更新）。")
        self.renewal_action = menu_action(self, "更新間隔の設定…", self.edit_renewal,
                                          "在職者の誓約書を取り直す間隔（月）を設定します。")
        self.print_button = QPushButton("誓約書を印刷")
        self.print_button.setToolTip("署名してもらう誓約書を、氏名・所属・ひな形の版を記入して PDF にします。")
        print_menu = QMenu(self.print_button)
        self.print_selected_action = print_menu.addAction("選んだ人の誓約書…", self.print_selected)
        print_menu.addAction("必要な人全員の誓約書（1人1ページ）…", self.print_needed)
        self.print_button.setMenu(print_menu)
        self.export_button = QPushButton("出力…")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("誓約書管理台帳…", lambda: self.export("pledge_register"))
        export_menu.addAction("従業者の状況（雇用区分別）…", lambda: self.export("worker_status"))
        self.export_button.setMenu(export_menu)
        for b in (self.record_button, self.add_button, self.edit_button):
            b.setVisible(admin)
        for a in (self.leave_action, self.delete_action, self.import_action, self.renewal_action):
            a.setVisible(admin)
        self.more_button = more_button(self.leave_action, self.delete_action, self.import_action, self.renewal_action)
        actions = action_row(self.record_button, self.history_button, self.add_button, self.edit_button,
                             right=(self.more_button, self.print_button, self.export_button))

        layout = page_layout(self, "従業者と誓約書", self.count_label,
                             note="役員・社員・パート・派遣社員・常駐する委託先の要員まで、全員の誓約書を管理します。"
                                  "赤い行は未取得、橙色の行は取り直しが必要な人です。")
        layout.addLayout(filters)
        layout.addLayout(flags)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        for combo in (self.department, self.employment, self.state):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.include_left.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        # Widths from the samples once the page's own font (the stylesheet's) is known.
        if not getattr(self, "_fitted", False):
            self._fitted = True
            fm = self.table.fontMetrics()
            for col, sample in enumerate(COLUMN_SAMPLES[:-1]):
                self.table.setColumnWidth(col, fm.horizontalAdvance(sample) + (26 if col == 0 else 14))
        super().showEvent(event)

    # -- list ---------------------------------------------------------------------------
    def focus(self, hint_: str) -> None:
        """From the home page: 「未取得が3人」 opens exactly those people."""
        if hint_ in (MISSING, RENEW, LEAVING_MISSING):
            self._loading = True
            try:
                for combo in (self.department, self.employment):
                    combo.setCurrentIndex(0)
                self.search.clear()
                self.state.setCurrentIndex(max(self.state.findData(hint_), 0))
                self.include_left.setChecked(hint_ == LEAVING_MISSING or self.include_left.isChecked())
            finally:
                self._loading = False
            self.apply_filter()

    def refresh(self) -> None:
        with user_errors(self):
            refill_combo(self.department, [(ALL, None), *((d.name, d.id) for d in list_departments(self.ws))])
        self.apply_filter()

    def current_filter(self) -> WorkerFilter:
        state = self.state.currentData()
        wants_left = state in (LEAVING_MISSING, LEFT_SIGNED, ENDED) or (
            isinstance(state, tuple) and LEAVING_MISSING in state)
        return WorkerFilter(department_id=self.department.currentData(), employment=self.employment.currentData(),
                            text=self.search.text(), include_left=self.include_left.isChecked() or wants_left)

    def apply_filter(self) -> None:
        if self._loading:
            return
        with user_errors(self):
            selected = self.selected_ids()
            found = standings(self.ws, self.current_filter(), state=self.state.currentData())
            self.rows = {r.worker.id: r for r in found}
            rows = register_rows(found, load_settings(self.ws).date_style)
            self.model.set_rows(rows)
            due = sum(r.state in NEEDS_ACTION for r in rows)
            self.count_label.setText(f"{len(rows)} 人" + (f"（うち要対応 {due} 人）" if due else ""))
            self.select_ids(selected)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        sel = self.table.selectionModel()
        if sel is None:
            return []
        return [self.proxy.mapToSource(i).data(ROW_ID_ROLE) for i in sel.selectedRows()]

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        model = self.table.selectionModel()
        flags = model.SelectionFlag.Select | model.SelectionFlag.Rows
        for worker_id in ids:
            row = self.model.row_of(worker_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                model.select(index, flags)
                self.table.scrollTo(index)

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, 1).data() for r in range(self.proxy.rowCount())]

    def _update_buttons(self) -> None:
        chosen = self.selected_ids()
        one = len(chosen) == 1
        for b in (self.record_button, self.history_button, self.edit_button):
            b.setEnabled(one)
        self.leave_action.setEnabled(one)
        self.delete_action.setEnabled(one)
        self.print_selected_action.setEnabled(bool(chosen))

    def _one(self) -> int | None:
        chosen = self.selected_ids()
        return chosen[0] if len(chosen) == 1 else None

    # -- workers ---------------------------------------------------------------------------
    def add_worker(self) -> None:
        with user_errors(self):
            dialog = WorkerDialog(self.ws, None, self)
            open_dialog(self, dialog, lambda _r: self._saved(dialog.saved))

    def edit_selected(self, leaving: bool = False) -> None:
        worker_id = self._one()
        if worker_id is None:
            return
        with user_errors(self):
            dialog = WorkerDialog(self.ws, worker_id, self, leaving=leaving)
            open_dialog(self, dialog, lambda _r: self._saved(dialog.saved))

    def leave_selected(self) -> None:
        self.edit_selected(leaving=True)

    def delete_selected(self) -> None:
        worker_id = self._one()
        if worker_id is None or worker_id not in self.rows:
            return
        worker = self.rows[worker_id].worker
        if not messages.ask(self, f"{worker.name}（社員番号 {worker.number}）を名簿から削除しますか？\n\n"
                                  "誤って登録した人だけを削除してください。退職した人は「退職を登録」にします。", "削除"):
            return
        with user_errors(self):
            delete_worker(self.ws, worker_id)
            self.apply_filter()

    def _saved(self, worker) -> None:
        if worker is None:
            return
        self.apply_filter()
        if self.model.row_of(worker.id) < 0:  # hidden by a filter (a leaver): show it anyway
            self._loading = True
            self.state.setCurrentIndex(0)
            self.include_left.setChecked(True)
            self.search.clear()
            self._loading = False
            self.apply_filter()
        self.select_ids([worker.id])

    # -- pledges ---------------------------------------------------------------------------
    def record_selected(self) -> None:
        worker_id = self._one()
        if worker_id is None:
            return
        with user_errors(self):
            dialog = RecordDialog(self.ws, worker_id, self)
            open_dialog(self, dialog, lambda _r: self._recorded(dialog.saved, worker_id))

    def _recorded(self, record, worker_id: int) -> None:
        if record is not None:
            self.apply_filter()
            self.select_ids([worker_id])
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage("誓約書の取得を記録しました。", 8000)

    def history_selected(self) -> None:
        worker_id = self._one()
        if worker_id is None:
            return
        with user_errors(self):
            dialog = HistoryDialog(self.ws, worker_id, self)
            open_dialog(self, dialog, lambda _r: self.apply_filter() if dialog.changed else None)

    def print_selected(self) -> None:
        chosen = self.selected_ids()
        if chosen:
            self._print(chosen)

    def print_needed(self) -> None:
        self._print(None)

    def _print(self, worker_ids: list[int] | None) -> None:
        from pcdesk.ui.output.viewer import open_in_viewer

        with user_errors(self):
            result = print_pledges(self.ws, print_path("pledge"), worker_ids)
            self.last_print = result
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"誓約書 {result.records} 人分（{result.pages} ページ）の PDF を作りました。",
                                               8000)
            open_in_viewer(self, result.path, printing=True)

    # -- import, settings, export -------------------------------------------------------------
    def import_workers(self) -> None:
        from pcdesk.pledges.ui.import_wizard import WorkerImportWizard

        with user_errors(self):
            wizard = WorkerImportWizard(self.ws, self)
            self.wizard = wizard
            open_dialog(self, wizard, lambda _r: self.apply_filter() if wizard.saved else None, attribute="wizard")

    def edit_renewal(self) -> None:
        dialog = RenewalDialog(self.ws, self)
        open_dialog(self, dialog, lambda r: self.apply_filter() if r == QDialog.DialogCode.Accepted else None)

    def export_filters(self) -> dict[str, object]:
        f = self.current_filter()
        state = self.state.currentData()
        filters = {"department_id": f.department_id, "employment": f.employment,
                   "state": state if isinstance(state, str) else None,
                   "include_left": True if self.include_left.isChecked() else None}
        return {k: v for k, v in filters.items() if v is not None}

    def export(self, ledger_id: str) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        with user_errors(self):
            filters = self.export_filters() if ledger_id == "pledge_register" else \
                {k: v for k, v in self.export_filters().items() if k == "department_id"}
            open_export_dialog(self, self.ws, ledger_id, filters)


class RenewalDialog(QDialog):
    """The renewal period of current workers' pledges (a feature setting)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        spec = SETTINGS[0]
        self.setWindowTitle(spec.label)
        self.months = QSpinBox()
        self.months.setRange(int(spec.minimum or 0), int(spec.maximum or 60))
        self.months.setSuffix(" か月")
        self.months.setSpecialValueText("期間では求めない")
        self.months.setValue(renewal_months(ws))
        self.months.setAccessibleName(spec.label)
        self.problems = ProblemLabel()
        form = form_layout()
        form.addRow(spec.label, self.months)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint(spec.help))
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "保存"))

    def accept(self) -> None:
        try:
            save_feature_settings(self.ws, {RENEWAL_MONTHS: self.months.value()})
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()

