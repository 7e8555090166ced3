"""個人情報管理台帳: every entry with filters, the survey, drafts, editing with history,
the annual review, retirement, import from Excel and export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QInputDialog, QLabel, QLineEdit, QMenu, QPushButton,
                               QWidget)

from pcdesk.company.service import list_departments
from pcdesk.dates import today
from pcdesk.inventory.choices import ACTIVE
from pcdesk.inventory.classification import CATEGORIES
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.screens import ledger_rows
from pcdesk.inventory.service import (EntryFilter, department_names, list_entries, load_draft, mark_reviewed,
                                      reactivate_entry, retire_entry, review_interval)
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.inventory.ui.drafts_dialog import DraftsDialog
from pcdesk.inventory.ui.entry_dialog import EntryDialog, RevisionDialog, can_edit
from pcdesk.inventory.ui.ledger_model import ENTRY_ID_ROLE, LedgerSortModel, LedgerTableModel
from pcdesk.inventory.ui.survey_wizard import SurveyWizard
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import (ALL, action_button, action_row, filter_row, menu_action, more_button, open_dialog, page_layout,
                             refill_combo)
from pcdesk.ui.table import row_table

# Column widths from typical contents; longer texts are elided and shown whole in the tooltip.
COLUMN_SAMPLES = ["PI-0000", "人事部・総務", "受注・請求管理", "応募者の履歴書など", "取引先担当者", "25,000", "紙・電子",
                  "保有個人データ", "要配慮", "特定", "2026年12月31日", "期限切れ"]


class LedgerPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._loading = False
        self.entries: dict[int, InventoryEntry] = {}
        self.wizard: SurveyWizard | None = None
        self.dialog: QDialog | None = None
        is_admin = bool(ws.actor and ws.actor.has(ADMIN))
        editor = can_edit(ws)

        # -- filters --
        self.department = QComboBox()
        self.department.setAccessibleName("部門")
        self.category = QComboBox()
        self.category.setAccessibleName("区分")
        self.category.addItem(ALL, None)
        for key, label in CATEGORIES.items():
            self.category.addItem(label, key)
        self.sensitive = QCheckBox("要配慮個人情報")
        self.specific = QCheckBox("特定個人情報")
        self.overdue = QCheckBox("見直し期限切れ")
        self.needs_review = QCheckBox("要確認")
        self.needs_review.setToolTip("入力が足りない項目（取り込んだ台帳の行など）だけを表示します。")
        self.include_retired = QCheckBox("廃止を含む")
        self.search = QLineEdit()
        self.search.setPlaceholderText("名称・業務・項目で検索")
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("名称で検索") + 40)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.count_label = QLabel()
        filters = filter_row("部門", self.department, "区分", self.category, self.search, grow=self.search)
        flags = filter_row(self.sensitive, self.specific, self.overdue, self.needs_review, self.include_retired)

        # -- table --
        self.model = LedgerTableModel(self)
        self.proxy = LedgerSortModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, COLUMN_SAMPLES)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        # -- actions --
        self.survey_button = action_button("調査を開始", self.start_survey, "質問に答えて、台帳に新しい項目を登録します。", True)
        self.drafts_button = action_button("下書きから再開…", self.resume_draft)
        self.edit_button = action_button("編集…", self.open_selected, "選んだ項目の内容と区分の理由を表示・編集します。")
        self.history_button = action_button("履歴…", self.history_selected, "選んだ項目の変更履歴を表示します。")
        self.review_button = action_button("見直し済みにする", self.review_selected,
                                           "選んだ項目（複数可）の内容を確かめたことを、今日の日付で記録します。")
        # Used now and then: kept in the その他 menu so the row fits the window's default width.
        self.retire_action = menu_action(self, "廃止…", self.retire_selected,
                                         "利用をやめた項目を「廃止」にします（台帳には残ります）。")
        self.reactivate_action = menu_action(self, "廃止を取り消す…", self.reactivate_selected,
                                             "誤って廃止した項目、または利用を再開した項目を「利用中」に戻します。")
        self.import_action = menu_action(self, "Excel から取込…", self.import_ledger, "Excel の既存の台帳から取り込みます。")
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("個人情報管理台帳・個人情報調査表（部門別）を Excel / PDF に出力します。")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("個人情報管理台帳…", lambda: self.export("inventory_ledger"))
        export_menu.addAction("個人情報調査表（部門別）…", lambda: self.export("inventory_survey"))
        self.export_button.setMenu(export_menu)
        for b in (self.survey_button, self.drafts_button, self.edit_button, self.review_button):
            b.setVisible(editor)
        for action in (self.retire_action, self.reactivate_action, self.import_action):
            action.setVisible(is_admin)
        self.more_button = more_button(self.retire_action, self.reactivate_action, self.import_action)
        actions = action_row(self.survey_button, self.drafts_button, self.edit_button, self.history_button,
                             self.review_button, right=(self.more_button, self.export_button))

        layout = page_layout(self, "個人情報管理台帳", self.count_label,
                             note="部門ごとの個人情報の一覧です。年に1回以上、内容を確かめて「見直し済みにする」を押します。"
                                  "橙色の行は見直しの期限切れ、灰色の斜体は廃止した項目です。")
        layout.addLayout(filters)
        layout.addLayout(flags)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self.department.currentIndexChanged.connect(self.apply_filter)
        self.category.currentIndexChanged.connect(self.apply_filter)
        for box in (self.sensitive, self.specific, self.overdue, self.needs_review, self.include_retired):
            box.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.refresh()

    # -- list -------------------------------------------------------------------
    def focus(self, hint: str) -> None:
        """Called from the home page's attention links."""
        if hint == "review_overdue":
            self.overdue.setChecked(True)
        elif hint == "needs_review":
            self.needs_review.setChecked(True)

    def refresh(self) -> None:
        with user_errors(self):
            refill_combo(self.department, [(ALL, None), *((d.name, d.id) for d in list_departments(self.ws))])
        self.apply_filter()

    def current_filter(self) -> EntryFilter:
        return EntryFilter(department_id=self.department.currentData(), category=self.category.currentData(),
                           sensitive=True if self.sensitive.isChecked() else None,
                           specific=True if self.specific.isChecked() else None,
                           review_overdue=True if self.overdue.isChecked() else None,
                           needs_review=True if self.needs_review.isChecked() else None,
                           status=None if self.include_retired.isChecked() else ACTIVE,
                           text=self.search.text())

    def apply_filter(self) -> None:
        if self._loading:
            return
        with user_errors(self):
            selected = self.selected_ids()
            day, months = today(), review_interval(self.ws)
            entries = list_entries(self.ws, self.current_filter(), today=day)
            self.entries = {e.id: e for e in entries}
            rows = ledger_rows(entries, department_names(self.ws), day, months, load_settings(self.ws).date_style)
            self.model.set_rows(rows)
            overdue, incomplete = sum(r.overdue for r in rows), sum(r.incomplete for r in rows)
            notes = [f"要確認 {incomplete} 件" if incomplete else "", f"見直し期限切れ {overdue} 件" if overdue else ""]
            notes = [n for n in notes if n]
            self.count_label.setText(f"{len(rows)} 件" + (f"（うち{'、'.join(notes)}）" if notes else ""))
            self.select_ids(selected)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        sel = self.table.selectionModel()
        if sel is None:
            return []
        return [self.proxy.mapToSource(i).data(ENTRY_ID_ROLE) for i in sel.selectedRows()]

    def selected_entries(self) -> list[InventoryEntry]:
        return [self.entries[i] for i in self.selected_ids() if i in self.entries]

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        flags = (self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows)
        for entry_id in ids:
            row = self.model.row_of(entry_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectionModel().select(index, flags)
                self.table.scrollTo(index)

    def visible_numbers(self) -> list[str]:
        """管理番号 of the rows in the order shown."""
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def _update_buttons(self) -> None:
        chosen = self.selected_entries()
        one = len(chosen) == 1
        active = [e for e in chosen if e.status == ACTIVE]
        self.edit_button.setEnabled(one)
        self.history_button.setEnabled(one)
        self.review_button.setEnabled(bool(active))
        self.retire_action.setEnabled(one and bool(active))
        self.reactivate_action.setEnabled(one and not active)

    # -- the survey ----------------------------------------------------------------
    def start_survey(self) -> None:
        with user_errors(self):
            self.run_wizard(SurveyWizard(self.ws, SurveyFlow.new(self.department.currentData()), self))

    def resume_draft(self) -> None:
        dialog = DraftsDialog(self.ws, self)
        open_dialog(self, dialog, lambda result: self._draft_chosen(dialog, result))

    def _draft_chosen(self, dialog: DraftsDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        with user_errors(self):
            self.run_wizard(SurveyWizard(self.ws, SurveyFlow.from_draft(load_draft(self.ws, dialog.chosen)), self))

    def run_wizard(self, wizard: SurveyWizard) -> None:
        open_dialog(self, wizard, lambda _result: self._wizard_finished(wizard), attribute="wizard")

    def _wizard_finished(self, wizard: SurveyWizard) -> None:
        entry = wizard.entry
        if entry is None:
            return
        self.apply_filter()
        if self.model.row_of(entry.id) < 0:  # hidden by a filter: show everything so the new row is seen
            self._clear_filters()
        self.select_ids([entry.id])
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"{entry.number}「{entry.name}」を台帳に登録しました。", 8000)

    def _clear_filters(self) -> None:
        self._loading = True
        try:
            self.department.setCurrentIndex(0)
            self.category.setCurrentIndex(0)
            for box in (self.sensitive, self.specific, self.overdue, self.needs_review):
                box.setChecked(False)
            self.search.clear()
        finally:
            self._loading = False
        self.apply_filter()

    # -- one entry -----------------------------------------------------------------
    def open_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) != 1:
            return
        with user_errors(self):
            dialog = EntryDialog(self.ws, chosen[0].id, self)
            open_dialog(self, dialog, lambda _r: self.apply_filter() if dialog.saved else None)

    def history_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) != 1:
            return
        open_dialog(self, RevisionDialog(self.ws, chosen[0], self))

    def review_selected(self) -> None:
        chosen = [e for e in self.selected_entries() if e.status == ACTIVE]
        if not chosen:
            return
        names = "、".join(f"{e.number} {e.name}" for e in chosen[:5]) + (f" ほか{len(chosen) - 5}件" if len(chosen) > 5 else "")
        if not messages.ask(self, f"次の {len(chosen)} 件を、今日の日付で見直し済みにしますか？\n\n{names}\n\n"
                                  "内容（保管場所・アクセス権者・件数など）が今も正しいことを確かめてから押してください。",
                            "見直し済みにする"):
            return
        with user_errors(self):
            count = mark_reviewed(self.ws, [e.id for e in chosen])
            self.apply_filter()
            messages.info(self, f"{count} 件を見直し済みにしました。", "見直し")

    def retire_selected(self) -> None:
        entry = self._only_selected(in_use=True)
        if entry is None:
            return
        reason = self._ask_reason("廃止", f"{entry.number}「{entry.name}」を廃止する理由を入力してください。\n"
                                          "（例: 業務終了のため全件シュレッダー廃棄）",
                                  "廃止の理由を入力してください（例: 業務終了のため全件シュレッダー廃棄）。")
        if reason is None:
            return
        if not messages.ask(self, f"{entry.number}「{entry.name}」を廃止にしますか？\n\n理由: {reason.strip()}\n\n"
                                  "台帳からは消えず「廃止」として残ります。リスク分析の対象からは外れます。", "廃止"):
            return
        with user_errors(self):
            retire_entry(self.ws, entry.id, reason)
            self.apply_filter()

    def reactivate_selected(self) -> None:
        entry = self._only_selected(in_use=False)
        if entry is None:
            return
        reason = self._ask_reason("廃止を取り消す", f"{entry.number}「{entry.name}」を利用中に戻す理由を入力してください。\n"
                                                    "（例: 誤って廃止したため / 業務を再開したため）",
                                  "利用中に戻す理由を入力してください（例: 誤って廃止したため）。")
        if reason is None:
            return
        with user_errors(self):
            reactivate_entry(self.ws, entry.id, reason)
            self.apply_filter()

    def _only_selected(self, in_use: bool) -> InventoryEntry | None:
        """The single selected entry that is (or is no longer) in use; None for none or several."""
        chosen = [e for e in self.selected_entries() if (e.status == ACTIVE) == in_use]
        return chosen[0] if len(chosen) == 1 else None

    def _ask_reason(self, title: str, prompt: str, missing: str) -> str | None:
        """The reason typed for a change of status; None when cancelled or left blank (`missing` says so)."""
        reason, ok = QInputDialog.getText(self, title, prompt)
        if not ok:
            return None
        if not reason.strip():
            messages.warn(self, missing)
            return None
        return reason

    # -- import / export -------------------------------------------------------------
    def import_ledger(self) -> None:
        from pcdesk.inventory.ui.import_wizard import ImportWizard

        with user_errors(self):
            wizard = ImportWizard(self.ws, self)
            open_dialog(self, wizard, lambda _r: self._imported(wizard.saved))

    def _imported(self, entries: list[InventoryEntry]) -> None:
        if entries:
            self.apply_filter()
            self.select_ids([e.id for e in entries])

    def export_filters(self, ledger_id: str) -> dict[str, object]:
        """What is shown is what is exported; the 調査表 is narrowed by department only."""
        f = self.current_filter()
        filters: dict[str, object] = {"department_id": f.department_id}
        if ledger_id == "inventory_ledger":
            filters.update(category=f.category, sensitive=f.sensitive, specific=f.specific,
                           review_overdue=f.review_overdue, needs_review=f.needs_review, status=f.status)
        return {k: v for k, v in filters.items() if v is not None}

    def export(self, ledger_id: str = "inventory_ledger") -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        with user_errors(self):
            open_export_dialog(self, self.ws, ledger_id, self.export_filters(ledger_id))

