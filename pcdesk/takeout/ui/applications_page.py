"""持出し申請: every application with its state; the wizard to apply; the approver's decision;
the take-out and the return; the 申請書兼誓約書, the reminder for an overdue take-out, the ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QInputDialog, QLabel, QLineEdit, QPushButton, QWidget

from pcdesk.dates import format_date, today
from pcdesk.settings import load_settings
from pcdesk.takeout import rules, service
from pcdesk.takeout.fields import STANDING, STATES
from pcdesk.takeout.flow import ApplicationFlow
from pcdesk.takeout.model import TakeoutApplication
from pcdesk.takeout.queries import ApplicationFilter, list_applications, reminder
from pcdesk.takeout.screens import application_rows
from pcdesk.takeout.ui.application_wizard import ApplicationWizard
from pcdesk.takeout.ui.dialogs import DecisionDialog, DetailDialog, ReminderDialog, ReturnDialog, TripDialog
from pcdesk.takeout.ui.models import ApplicationTableModel, SortModel
from pcdesk.services import Workspace
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import (ALL, action_button, action_row, filter_row, menu_action, more_button, open_dialog,
                            page_layout)
from pcdesk.ui.table import ROW_ID_ROLE, row_table
from pcdesk.ui.widgets import hint

COLUMN_SAMPLES = ["TO-2026-0000", "持出中（3日超過）", "佐々木 真由美", "人事部", "PC-001、USB-001", "株式会社ひかり商事",
                  "2026年12月31日 10:00", "2026年12月31日", "佐々木 真由美"]


class ApplicationsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.apps: dict[int, TakeoutApplication] = {}
        self.wizard: ApplicationWizard | None = None
        self.dialog: QDialog | None = None
        self._loading = False

        # -- filters --
        self.state = QComboBox()
        self.state.setAccessibleName("状態")
        self.state.addItem(ALL, None)
        for value, text in STATES:
            self.state.addItem(text, value)
        self.mine = QCheckBox("自分の申請だけ")
        self.overdue = QCheckBox("返却予定日を過ぎたもの")
        self.closed = QCheckBox("終わったものも表示")
        self.closed.setToolTip("返却済・却下・取下げの申請も一覧に出します。")
        self.closed.setChecked(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("番号・申請者・持出し先で検索")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.count_label = QLabel()
        filters = filter_row("状態", self.state, self.mine, self.overdue, self.closed, self.search, grow=self.search)

        # -- table --
        self.model = ApplicationTableModel(self)
        self.proxy = SortModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, COLUMN_SAMPLES)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.show_detail())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        # -- actions --
        self.new_button = action_button("新規申請", self.new_application, "持ち出す物・情報・目的を入力して申請します。", True)
        self.edit_button = action_button("編集…", self.edit_selected, "下書き・差し戻された申請を直して申請します。")
        self.decide_button = action_button("承認・差戻し…", self.decide_selected, "申請中の申請を承認・差戻し・却下します（承認者）。")
        self.take_out_button = action_button("持出し", self.take_out_selected, "承認された持出しを、いま持ち出したと記録します。")
        self.return_button = action_button("返却確認…", self.return_selected,
                                           "戻ってきたことを確かめて記録します（申請者以外の人が行います）。")
        self.detail_action = menu_action(self, "詳細・経過…", self.show_detail, "申請の内容と、誰がいつ何をしたかを表示します。")
        self.withdraw_action = menu_action(self, "取下げ…", self.withdraw_selected, "持ち出さなくなった申請を取り下げます。")
        self.close_action = menu_action(self, "包括承認を終了…", self.close_selected, "包括承認の持出しを終わりにします。")
        self.more_button = more_button(self.detail_action, self.withdraw_action, self.close_action)
        self.print_button = action_button("申請書を印刷", self.print_selected, "申請書兼誓約書（A4）を PDF で作って開きます。")
        self.remind_button = action_button("督促状…", self.remind_selected,
                                           "返却予定日を過ぎた持出しの督促状を、メール用にコピーまたは印刷します。")
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("持出し管理台帳を Excel / PDF に出力します。")
        self.export_button.clicked.connect(self.export)
        actions = action_row(self.new_button, self.edit_button, self.decide_button, self.take_out_button,
                             self.return_button, self.more_button,
                             right=(self.remind_button, self.print_button, self.export_button))

        layout = page_layout(self, "持出し申請", self.count_label,
                             note="PC・USBメモリ・書類を社外に持ち出すときの申請です。承認者が承認し、戻ったら申請者以外の人が"
                                  "返却を確認します。赤い行は返却予定日を過ぎています。")
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.status = hint("")
        layout.addWidget(self.status)

        self.state.currentIndexChanged.connect(self.apply_filter)
        for box in (self.mine, self.overdue, self.closed):
            box.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.refresh()

    # -- list -------------------------------------------------------------------------------
    def focus(self, hint_: str) -> None:
        """From the home page: overdue take-outs, applications waiting, one's own sent back."""
        self._loading = True
        try:
            self.overdue.setChecked(hint_ == "overdue")
            self.mine.setChecked(hint_ == "mine")
            self.state.setCurrentIndex(max(self.state.findData("submitted"), 0) if hint_ == "submitted" else 0)
        finally:
            self._loading = False
        self.apply_filter()

    def refresh(self) -> None:
        self.apply_filter()

    def current_filter(self) -> ApplicationFilter:
        return ApplicationFilter(state=self.state.currentData(), overdue=self.overdue.isChecked(),
                                 mine=self.mine.isChecked(), include_closed=self.closed.isChecked(),
                                 text=self.search.text())

    def apply_filter(self) -> None:
        if self._loading:
            return
        with user_errors(self):
            selected = self.selected_id()
            apps = list_applications(self.ws, self.current_filter())
            self.apps = {a.id: a for a in apps}
            rows = application_rows(apps, today(), load_settings(self.ws).date_style)
            self.model.set_rows(rows)
            late = sum(r.overdue for r in rows)
            self.count_label.setText(f"{len(rows)} 件" + (f"（うち返却予定日超過 {late} 件）" if late else ""))
            self.select_id(selected)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.mapToSource(rows[0]).data(ROW_ID_ROLE) if rows else None

    def selected(self) -> TakeoutApplication | None:
        chosen = self.selected_id()
        return self.apps.get(chosen) if chosen is not None else None

    def select_id(self, app_id: int | None) -> None:
        self.table.clearSelection()
        if app_id is None:
            return
        row = self.model.row_of(app_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        app = self.selected()
        allowed = set(service.allowed(self.ws, app)) if app is not None else set()
        self.edit_button.setEnabled(app is not None and app.state in service.EDITABLE_STATES and rules.SUBMIT in allowed)
        self.decide_button.setEnabled(rules.APPROVE in allowed)
        self.take_out_button.setEnabled(rules.TAKE_OUT in allowed)
        self.return_button.setEnabled(rules.CONFIRM_RETURN in allowed)
        self.withdraw_action.setEnabled(rules.WITHDRAW in allowed)
        self.close_action.setEnabled(rules.CLOSE in allowed)
        self.detail_action.setEnabled(app is not None)
        self.print_button.setEnabled(app is not None)
        trip = app.open_trip if app is not None else None
        self.remind_button.setEnabled(trip is not None and rules.is_overdue(trip.due, today()))

    def _done(self, app_id: int, message: str) -> None:
        self.apply_filter()
        if self.model.row_of(app_id) < 0:  # hidden by a filter: show everything so the row is seen
            self._loading = True
            self.state.setCurrentIndex(0)
            for box in (self.mine, self.overdue):
                box.setChecked(False)
            self.closed.setChecked(True)
            self.search.clear()
            self._loading = False
            self.apply_filter()
        self.select_id(app_id)
        self.status.setText(message)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 8000)

    # -- applying ------------------------------------------------------------------------------
    def new_application(self) -> None:
        with user_errors(self):
            self.run_wizard(ApplicationWizard(self.ws, ApplicationFlow.new(self.ws), self))

    def edit_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        with user_errors(self):
            self.run_wizard(ApplicationWizard(self.ws, ApplicationFlow.new(self.ws, service.get_application(self.ws, app.id)),
                                              self))

    def run_wizard(self, wizard: ApplicationWizard) -> None:
        open_dialog(self, wizard, lambda _r: self._wizard_closed(wizard), attribute="wizard")

    def _wizard_closed(self, wizard: ApplicationWizard) -> None:
        if wizard.application is not None:
            self._done(wizard.application.id, f"{wizard.application.number} を申請しました。承認者の承認を待ちます。")
        elif wizard.saved_draft is not None:
            self._done(wizard.saved_draft.id, f"{wizard.saved_draft.number} を下書きとして保存しました。")

    # -- moving it on -----------------------------------------------------------------------------
    def decide_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        dialog = DecisionDialog(self.ws, app, self)

        def closed(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._done(app.id, f"{app.number} を{rules.ACTIONS[dialog.done_action].label}しました。")
        open_dialog(self, dialog, closed)

    def take_out_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        style = load_settings(self.ws).date_style
        if app.approval_kind == STANDING:
            period = f"{format_date(app.out_at, style)}〜{format_date(app.return_due, style)}"
            dialog = TripDialog(app, rules.default_trip_due(today(), app.return_due), period, self)

            def closed(result: int) -> None:
                if result == QDialog.DialogCode.Accepted:
                    with user_errors(self):
                        service.take_out(self.ws, app.id, dialog.chosen())
                        self._done(app.id, f"{app.number} の持出しを記録しました。")
            open_dialog(self, dialog, closed)
            return
        assets = "、".join(a.number for a in app.assets)
        if not messages.ask(self, f"{app.number}（{assets}）を、いま持ち出したと記録しますか？\n\n"
                                  f"返却予定日: {format_date(app.return_due, style)}", "持出し"):
            return
        with user_errors(self):
            service.take_out(self.ws, app.id)
            self._done(app.id, f"{app.number} の持出しを記録しました。返却予定日は {format_date(app.return_due, style)} です。")

    def return_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        dialog = ReturnDialog(self.ws, app, self)

        def closed(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._done(app.id, f"{app.number} の返却を確認しました。")
        open_dialog(self, dialog, closed)

    def _ask_reason(self, title: str, prompt: str) -> str | None:
        reason, ok = QInputDialog.getText(self, title, prompt)
        return reason if ok else None

    def withdraw_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        reason = self._ask_reason("取下げ", f"{app.number} を取り下げます。理由があれば入力してください。\n（例: 訪問が延期になったため）")
        if reason is None:
            return
        with user_errors(self):
            service.withdraw(self.ws, app.id, reason)
            self._done(app.id, f"{app.number} を取り下げました。")

    def close_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        reason = self._ask_reason("包括承認の終了", f"{app.number} の包括承認を終わりにします。理由があれば入力してください。")
        if reason is None:
            return
        with user_errors(self):
            service.close(self.ws, app.id, reason)
            self._done(app.id, f"{app.number} の包括承認を終了しました。")

    # -- details, printing, reminding --------------------------------------------------------------
    def show_detail(self) -> None:
        app = self.selected()
        if app is not None:
            with user_errors(self):
                open_dialog(self, DetailDialog(self.ws, app, self))

    def print_selected(self) -> None:
        from pcdesk.output.export import print_path, render_form
        from pcdesk.takeout.ledgers import application_form_values
        from pcdesk.ui.output.viewer import open_in_viewer

        app = self.selected()
        if app is None:
            return
        with user_errors(self):
            values = application_form_values(self.ws, app.id)
            result = render_form(self.ws, "takeout_application", {}, print_path("takeout_application"), record=values)
            if open_in_viewer(self, result.path, printing=True):
                self.status.setText("申請書兼誓約書を PDF ビューアーで開きました。ビューアーの印刷ボタンから印刷してください。")

    def remind_selected(self) -> None:
        app = self.selected()
        if app is None:
            return
        with user_errors(self):
            open_dialog(self, ReminderDialog(self.ws, app, reminder(self.ws, app.id), self))

    def export(self) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        f = self.current_filter()
        filters = {k: v for k, v in {"state": f.state, "overdue": f.overdue or None}.items() if v}
        with user_errors(self):
            open_export_dialog(self, self.ws, "takeout_ledger", filters)
