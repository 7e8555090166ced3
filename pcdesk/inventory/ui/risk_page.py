"""リスク分析: the risks of each ledger entry and life stage, their 脆弱性 and consequences,
the measures in place and to add, the residual risk and its approval by the 管理者
（個人情報保護管理者）, the risk matrix and the editable catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QRadioButton, QSplitter,
                               QWidget)

from pcdesk.inventory.analysis import ACCEPTOR, accept_risks, can_approve, delete_risk, list_risks, measure_labels
from pcdesk.inventory.choices import ACTIVE
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.risk import RiskMatrix, risk_matrix
from pcdesk.inventory.screens import ENTRY_COLUMNS, RISK_DETAIL_ONLY, RISK_TEXT_COLUMNS, RiskRow, risk_rows
from pcdesk.inventory.service import EntryFilter, list_entries
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.inventory.ui.catalogue_dialog import CatalogueDialog
from pcdesk.inventory.ui.entry_dialog import can_edit
from pcdesk.inventory.ui.risk_dialog import CataloguePickDialog, RiskDialog
from pcdesk.inventory.ui.risk_matrix import RiskMatrixWidget
from pcdesk.inventory.ui.risk_model import RISK_ID_ROLE, RiskTableModel
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import action_button, action_row, filter_row, open_dialog, page_layout, refill_combo
from pcdesk.ui.table import fit_columns, row_table
from pcdesk.ui.widgets import card, scroll_area

ALL_ENTRIES = "（すべての台帳項目）"
# Starting widths before the rows arrive; then the columns fit their contents and the long
# texts (リスク・脆弱性・現状の対策・追加対策) share the rest.
COLUMN_SAMPLES = ["PI-0000", "応募者の履歴書", "採用活動", "保管・バックアップ", "権限のない者による閲覧など", "目的外利用",
                  "書類を施錠しない場所に置く", "発生可能性", "影響度", "評価点", "レベル", "施錠保管、アクセス制限",
                  "入退室管理", "残留リスク", "山田 太郎", "2026年12月31日"]
APPROVE_TIP = f"選んだ行の残留リスクを受け入れることを、{ACCEPTOR}として記録します。"


class RiskPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.entries: dict[int, InventoryEntry] = {}
        self.risks: dict[int, RiskAssessment] = {}
        self.all_rows: list[RiskRow] = []
        self.cell: tuple[int, int] | None = None  # matrix cell the table is narrowed to
        self.dialog: QDialog | None = None
        is_admin = bool(ws.actor and ws.actor.has(ADMIN))
        self.approver = can_approve(ws.actor)
        editor = can_edit(ws)

        self.entry = QComboBox()
        self.entry.setAccessibleName("台帳の項目")
        self.entry.setMinimumContentsLength(22)
        self.pending_only = QCheckBox("未承認のみ")
        self.cell_label = QLabel()
        self.cell_label.setObjectName("hint")
        self.clear_cell_button = QPushButton("絞り込みを解除")
        self.clear_cell_button.clicked.connect(lambda: self.filter_cell(None))
        self.count_label = QLabel()
        filters = filter_row("台帳の項目", self.entry, self.pending_only, self.cell_label, self.clear_cell_button,
                             grow=self.entry)

        self.model = RiskTableModel(self)
        self.table = row_table(self.model, COLUMN_SAMPLES)
        for col in RISK_DETAIL_ONLY:
            self.table.setColumnHidden(col, True)
        fit_columns(self.table, RISK_TEXT_COLUMNS, least=70)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.matrix = RiskMatrixWidget()
        self.matrix.cellClicked.connect(lambda li, im: self.filter_cell((li, im)))
        self.before = QRadioButton("対策前")
        self.residual = QRadioButton("残留リスク（対策後）")
        self.before.setChecked(True)
        self.residual.toggled.connect(lambda _on: self.filter_cell(None))
        side, side_layout = card("リスクマトリクス", margins=(12, 8, 12, 8))
        mode = QHBoxLayout()
        mode.addWidget(self.before)
        mode.addWidget(self.residual)
        mode.addStretch(1)
        side_layout.addLayout(mode)
        side_layout.addWidget(self.matrix)
        self.matrix.setToolTip("枠をクリックすると、その枠のリスクだけを表に表示します。")
        side.setMinimumWidth(340)
        side.setMaximumWidth(420)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        detail_card, detail_layout = card("選んだリスク", margins=(12, 8, 12, 8))
        self.detail_title = detail_card.findChild(QLabel)
        scroll = scroll_area(self.detail)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")  # the card's
        detail_layout.addWidget(scroll, 1)
        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(side)
        top_row.addWidget(detail_card, 1)

        self.edit_button = action_button("編集…", self.edit_selected, "点数・対策・残留リスクを編集します。", True)
        self.add_button = action_button("リスクを追加…", self.add_risk, "カタログから（またはカタログにないものを）追加します。")
        self.delete_button = action_button("削除", self.delete_selected)
        self.accept_button = action_button("残留リスクを承認", self.accept_selected, APPROVE_TIP)
        self.catalogue_button = action_button("カタログ…", self.edit_catalogue, "リスク・対策のカタログを編集します（管理者）。")
        self.export_button = action_button("出力…", self.export, "リスク分析表を Excel / PDF に出力します。")
        for b in (self.edit_button, self.add_button, self.delete_button):
            b.setVisible(editor)
        self.catalogue_button.setVisible(is_admin)
        actions = action_row(self.edit_button, self.add_button, self.delete_button, self.accept_button,
                             right=(self.catalogue_button, self.export_button))

        # The matrix and the selected risk above, the table the whole width below: its columns need it.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = page_layout(self, "リスク分析", self.count_label,
                             note="台帳の項目ごと・取扱いの段階ごとのリスクと対策です。評価点＝発生可能性×影響度。\n"
                                  f"現状の対策のもとで残るリスク（残留リスク）は、{ACCEPTOR}が確認して承認します。")
        layout.addLayout(filters)
        layout.addLayout(actions)  # the page's whole width: beside the matrix the buttons were cut
        layout.addWidget(splitter, 1)

        self.entry.currentIndexChanged.connect(self._entry_changed)
        self.pending_only.toggled.connect(self.apply_filter)
        self.refresh()

    # -- list -------------------------------------------------------------------------
    def focus(self, hint: str) -> None:
        """Called from the home page's attention links."""
        if hint == "unaccepted":
            self.pending_only.setChecked(True)

    def refresh(self) -> None:
        with user_errors(self):
            entries = list_entries(self.ws, EntryFilter(status=ACTIVE))
            self.entries = {e.id: e for e in entries}
            refill_combo(self.entry, [(ALL_ENTRIES, None), *((f"{e.number}　{e.name}", e.id) for e in entries)])
        self._entry_changed()

    def _entry_changed(self) -> None:
        one = self.entry.currentData() is not None
        for col in range(ENTRY_COLUMNS):
            self.table.setColumnHidden(col, one)
        self.cell = None
        self.apply_filter()

    def show_entry(self, entry_id: int | None) -> None:
        self.entry.setCurrentIndex(max(self.entry.findData(entry_id), 0))

    def apply_filter(self) -> None:
        with user_errors(self):
            selected = self.selected_ids()
            risks = list_risks(self.ws, entry_id=self.entry.currentData())
            self.risks = {r.id: r for r in risks}
            rows = risk_rows(risks, self.entries, measure_labels(self.ws), load_settings(self.ws).date_style)
            if self.pending_only.isChecked():
                rows = [r for r in rows if not r.accepted]
            self.all_rows = rows
            self._show_rows()
            self.select_ids(selected)
        self._update_buttons()

    def matrix_data(self) -> RiskMatrix:
        residual = self.residual.isChecked()
        return risk_matrix((r.residual_likelihood, r.residual_impact) if residual else (r.likelihood, r.impact)
                           for r in self.all_rows)

    def _in_cell(self, row: RiskRow) -> bool:
        if self.cell is None:
            return True
        pair = (row.residual_likelihood, row.residual_impact) if self.residual.isChecked() else (row.likelihood, row.impact)
        return pair == self.cell

    def _show_rows(self) -> None:
        shown = [r for r in self.all_rows if self._in_cell(r)]
        self.model.set_rows(shown)
        self.matrix.set_matrix(self.matrix_data(), self.cell)
        pending = sum(not r.accepted for r in self.all_rows)
        self.count_label.setText(f"{len(self.all_rows)} 件" + (f"（未承認 {pending} 件）" if pending else "（すべて承認済み）"))
        if self.cell is None:
            self.cell_label.clear()
        else:
            kind = "残留リスク" if self.residual.isChecked() else "対策前"
            self.cell_label.setText(f"{kind}: 発生可能性 {self.cell[0]} × 影響度 {self.cell[1]} の {len(shown)} 件を表示中")
        self.clear_cell_button.setVisible(self.cell is not None)

    def filter_cell(self, cell: tuple[int, int] | None) -> None:
        self.cell = None if cell == self.cell else cell  # a second click on the same cell clears it
        self._show_rows()
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        sel = self.table.selectionModel()
        return [i.data(RISK_ID_ROLE) for i in sel.selectedRows()] if sel else []

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        sel = self.table.selectionModel()
        for risk_id in ids:
            row = self.model.row_of(risk_id)
            if row >= 0:
                sel.select(self.model.index(row, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)

    def _show_detail(self) -> None:
        """The selected row in full (the table elides long texts)."""
        ids = self.selected_ids()
        row = next((r for r in self.model.rows if ids and r.risk_id == ids[0]), None)
        if row is None or len(ids) != 1:
            self.detail.setText(f"{len(ids)} 件を選択中" if ids else "表の行を選ぶと、ここに全体が表示されます。")
            return
        c = row.cell
        accepted = f"{c('承認者')}（{c('承認日')}）" if row.accepted else "未承認"
        said = "\n".join(f"・{label}: {text or '（未記入）'}" for label, text in row.consequences)
        self.detail.setText(f"{c('管理番号')} {c('名称')}（{c('業務名')}）　{c('段階')}\n"
                            f"{c('リスク')}（{c('脅威')}）\n脆弱性: {c('脆弱性') or '（未記入）'}\n"
                            f"想定される影響:\n{said}\n"
                            f"評価点 {c('発生可能性')}×{c('影響度')}＝{c('評価点')}（{c('レベル')}）→ 残留 {c('残留リスク')}\n"
                            f"現状の対策: {c('現状の対策') or '（なし）'}\n追加対策: {c('追加対策') or '（なし）'}\n"
                            f"承認: {accepted}")

    def _update_buttons(self) -> None:
        self._show_detail()
        ids = self.selected_ids()
        n = len(ids)
        self.edit_button.setEnabled(n == 1)
        self.delete_button.setEnabled(n >= 1)
        pending = [i for i in ids if i in self.risks and not self.risks[i].accepted]
        # Only the approver, and only for rows not approved yet: an approval is given once.
        self.accept_button.setEnabled(self.approver and bool(pending))
        if not self.approver:
            self.accept_button.setToolTip(f"残留リスクの承認は{ACCEPTOR}が行います。")
        elif ids and not pending:
            self.accept_button.setToolTip("選んだ行はすべて承認済みです。")
        else:
            self.accept_button.setToolTip(APPROVE_TIP)

    def target_entry_id(self) -> int | None:
        """The entry to add a risk to: the one chosen above, else that of the selected row."""
        if self.entry.currentData() is not None:
            return self.entry.currentData()
        ids = self.selected_ids()
        return self.risks[ids[0]].entry_id if ids and ids[0] in self.risks else None

    # -- actions ------------------------------------------------------------------------
    def _open(self, dialog: QDialog, after) -> None:  # type: ignore[no-untyped-def]
        """`after(dialog)` once the dialog is closed with its OK button."""
        open_dialog(self, dialog, lambda result: after(dialog) if result == QDialog.DialogCode.Accepted else None)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1 or ids[0] not in self.risks:
            return
        with user_errors(self):
            self._open(RiskDialog(self.ws, self.risks[ids[0]], parent=self), self._saved)

    def _saved(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.apply_filter()
        if getattr(dialog, "saved", None) is not None:
            self.select_ids([dialog.saved.id])

    def add_risk(self) -> None:
        entry_id = self.target_entry_id()
        if entry_id is None:
            messages.info(self, "リスクを追加する台帳の項目を、上の「台帳の項目」で選んでください。", "リスクの追加")
            return
        with user_errors(self):
            self._open(CataloguePickDialog(self.ws, entry_id, self), lambda d: self._picked(d, entry_id))

    def _picked(self, dialog: CataloguePickDialog, entry_id: int) -> None:
        if dialog.write_by_hand:
            with user_errors(self):
                self._open(RiskDialog(self.ws, None, entry_id, self), self._saved)
            return
        self._saved(dialog)

    def delete_selected(self) -> None:
        ids = [i for i in self.selected_ids() if i in self.risks]
        if not ids or not messages.ask(self, f"選んだ {len(ids)} 件のリスクを分析表から削除しますか？", "リスクの削除"):
            return
        with user_errors(self):
            for risk_id in ids:
                delete_risk(self.ws, risk_id)
        self.apply_filter()

    def accept_selected(self) -> None:
        ids = [i for i in self.selected_ids() if i in self.risks and not self.risks[i].accepted]
        if not ids:
            return
        if not messages.ask(self, f"選んだ {len(ids)} 件の残留リスクを承認しますか？\n\n"
                                  f"現状の対策のもとで残るリスクを確認し、受け入れることを{ACCEPTOR}として"
                                  "記録します（承認者と日時が残ります）。",
                                  "残留リスクの承認"):
            return
        with user_errors(self):
            result = accept_risks(self.ws, ids)
            self.apply_filter()
            self.select_ids(ids)
            messages.info(self, result.message, "残留リスクの承認")

    def edit_catalogue(self) -> None:
        dialog = CatalogueDialog(self.ws, self)
        open_dialog(self, dialog, lambda _r: self.apply_filter() if dialog.changed else None)

    def export(self) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        filters = {"entry_id": self.entry.currentData()} if self.entry.currentData() is not None else {}
        with user_errors(self):
            open_export_dialog(self, self.ws, "risk_analysis", filters)

