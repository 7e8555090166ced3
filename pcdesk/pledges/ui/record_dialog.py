"""Recording a signed pledge, and one worker's pledge history (scans, voiding a mistake)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget, QInputDialog)

from pcdesk.dates import format_date, today
from pcdesk.errors import PcdeskError, ValidationError
from pcdesk.pledges.fields import RECORD_FIELDS
from pcdesk.pledges.model import EMPLOYMENTS, TEMPLATE_KINDS
from pcdesk.pledges.pledging import (MAX_SCAN_BYTES, ScanFile, allowed_kinds, attach_scan, last_location,
                                     record_pledge, records_of, save_scan_copy, scanned_records, standings,
                                     void_record)
from pcdesk.pledges.rules import kind_to_sign
from pcdesk.pledges.screens import RECORD_COLUMNS, record_rows
from pcdesk.pledges.service import WorkerFilter, department_names, get_worker
from pcdesk.pledges.versions import template_versions
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import ProblemLabel, close_only, date_edit, form_layout, hint, ok_cancel, to_date

SPECS = {f.key: f for f in RECORD_FIELDS}
SCAN_FILTER = "スキャンした誓約書 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"


def worker_line(ws: Workspace, worker) -> str:
    dept = department_names(ws).get(worker.department_id, "")
    return f"{worker.name}（社員番号 {worker.number}・{dept}・{EMPLOYMENTS.get(worker.employment, '')}）"


class RecordDialog(QDialog):
    """誓約書を記録: `saved` holds the record after 保存."""

    def __init__(self, ws: Workspace, worker_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.worker = get_worker(ws, worker_id)
        self.saved = None
        self.date_style = load_settings(ws).date_style
        self.setWindowTitle(f"誓約書を記録 — {self.worker.name}")
        self.setMinimumWidth(600)
        records = records_of(ws, worker_id)

        self.kind = QComboBox()
        self.kind.setAccessibleName("誓約書の種類")
        for kind in allowed_kinds(self.worker):
            self.kind.addItem(TEMPLATE_KINDS[kind], kind)
        wanted = kind_to_sign(self.worker, records, today())
        self.kind.setCurrentIndex(max(self.kind.findData(wanted), 0))
        self.version = QComboBox()
        self.version.setAccessibleName("版")
        self.signed = date_edit(QDate(today().year, today().month, today().day))
        self.signed.setAccessibleName("署名日")
        self.collected_by = QLineEdit(ws.actor.name if ws.actor else "")
        self.collected_by.setAccessibleName("回収者")
        self.location = QLineEdit(last_location(ws))
        self.location.setPlaceholderText(SPECS["original_location"].placeholder)
        self.location.setAccessibleName("原本の保管場所")
        self.scan_path = QLineEdit()
        self.scan_path.setPlaceholderText("（任意）スキャンした PDF・画像")
        self.scan_path.setAccessibleName("写し（スキャン）")
        browse = QPushButton("参照…")
        browse.clicked.connect(self.browse)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 16)
        self.problems = ProblemLabel()

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_path, 1)
        scan_row.addWidget(browse)
        date_row = QHBoxLayout()
        date_row.addWidget(self.signed)
        date_row.addStretch(1)
        form = form_layout()
        form.addRow("従業者", QLabel(worker_line(ws, self.worker)))
        form.addRow("誓約書の種類", self.kind)
        form.addRow("版", self.version)
        form.addRow("署名日", date_row)
        form.addRow("", hint(SPECS["signed_on"].help))
        form.addRow("回収者", self.collected_by)
        form.addRow("原本の保管場所", self.location)
        form.addRow("写し（スキャン）", scan_row)
        form.addRow("", hint(f"PDF・PNG・JPEG・TIFF、{MAX_SCAN_BYTES // 1024 // 1024} MB まで。"
                             "取り込んだときの SHA-256 を記録し、取り出すときに照合します。"))
        form.addRow("備考", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "記録する"))
        self.kind.currentIndexChanged.connect(self.fill_versions)
        self.fill_versions()

    def fill_versions(self) -> None:
        self.version.clear()
        with user_errors(self):
            versions = template_versions(self.ws, self.kind.currentData())
            for i, v in enumerate(versions):
                text = v.version_text(lambda d: format_date(d, self.date_style))
                self.version.addItem(text + ("　現在の版" if i == 0 else ""), v.id)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "スキャンした誓約書を選ぶ", "", SCAN_FILTER)
        if path:
            self.scan_path.setText(path)

    def accept(self) -> None:
        try:
            scan = ScanFile.read(self.scan_path.text().strip().strip('"')) if self.scan_path.text().strip() else None
            values = {"kind": self.kind.currentData(), "signed_on": to_date(self.signed.date()),
                      "collected_by": self.collected_by.text(), "original_location": self.location.text(),
                      "note": self.note.toPlainText()}
            template_id = self.version.currentData() if self.version.currentIndex() > 0 else None
            self.saved = record_pledge(self.ws, self.worker.id, values, template_id, scan)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()


class HistoryDialog(QDialog):
    """Every pledge a worker signed (voided ones too), with their scans. `changed` after an edit."""

    def __init__(self, ws: Workspace, worker_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.worker = get_worker(ws, worker_id)
        self.changed = False
        self.date_style = load_settings(ws).date_style
        self.setWindowTitle(f"誓約書の履歴 — {self.worker.name}")
        self.resize(900, 420)
        admin = bool(ws.actor and ws.actor.has(ADMIN))
        self.state = hint("")
        self.table = QTableWidget(0, len(RECORD_COLUMNS))
        self.table.setHorizontalHeaderLabels(RECORD_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = close_only(self)
        self.save_scan_button = buttons.add_action("写しを保存…", self.save_scan)
        self.add_scan_button = buttons.add_action("写しを登録…", self.add_scan)
        self.void_button = buttons.add_action("記録を取り消す…", self.void)
        for b in (self.add_scan_button, self.void_button):
            b.setVisible(admin)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(worker_line(ws, self.worker)))
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("誤って登録した記録は削除せず「取り消す」にします（理由とともに残ります）。"))
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        records = records_of(self.ws, self.worker.id)
        self.rows = record_rows(records, scanned_records(self.ws, [r.id for r in records]), self.date_style)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            for j, text in enumerate(row.cells):
                item = QTableWidgetItem(text)
                if row.voided:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        mine = next((r for r in standings(self.ws, WorkerFilter(include_left=True)) if r.worker.id == self.worker.id),
                    None)
        if mine is not None:
            self.state.setText(f"状況: {mine.standing.label} — {mine.standing.reason}")
        if not self.rows:
            self.state.setText(self.state.text() + "（記録はまだありません）")
        self._update_buttons()

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectionModel().hasSelection() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.save_scan_button.setEnabled(bool(row and row.has_scan))
        self.add_scan_button.setEnabled(bool(row and not row.voided))
        self.void_button.setEnabled(bool(row and not row.voided))

    def save_scan(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "写しを保存", f"誓約書_{self.worker.number}.pdf", SCAN_FILTER)
        if path:
            with user_errors(self):
                saved = save_scan_copy(self.ws, row.record_id, Path(path))
                messages.info(self, f"写しを保存しました（SHA-256 を照合済み）:\n{saved}", "写し")

    def add_scan(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "スキャンした誓約書を選ぶ", "", SCAN_FILTER)
        if path:
            with user_errors(self):
                attach_scan(self.ws, row.record_id, ScanFile.read(path))
                self.changed = True
                self.refresh()

    def void(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, "記録を取り消す", f"「{row.cells[0]} {row.cells[1]}（{row.cells[2]}）」の記録を"
                                                                 "取り消す理由を入力してください。\n（例: 別の人の誓約書を登録したため）")
        if not ok:
            return
        with user_errors(self):
            if not reason.strip():
                raise ValidationError.single("取消の理由", "入力してください（例: 別の人の誓約書を登録したため）。")
            void_record(self.ws, row.record_id, reason)
            self.changed = True
            self.refresh()
