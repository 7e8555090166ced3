"""監査ログ: the audit trail filtered by person, record type, action and period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QWidget)

from pcdesk import clock
from pcdesk.audit.model import ACTION_LABELS
from pcdesk.audit.query import AuditFilter, audit_people, record_type_labels
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.audit.audit_model import AuditTableModel
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import ALL, page_layout, refill_combo
from pcdesk.ui.table import row_table
from pcdesk.ui.widgets import PeriodNote, date_edit, period_row, to_date

COLUMN_SAMPLES = ["00000", "2026年12月31日 00:00", "コマンドライン", "ログイン失敗", "個人情報台帳", "記録ID",
                  "山田 太郎（yamada）"]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AuditPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = AuditTableModel(ws, parent=self)

        self.person = QComboBox()
        self.person.setAccessibleName("操作者")
        self.record_type = QComboBox()
        self.record_type.setAccessibleName("対象")
        self.action = QComboBox()
        self.action.setAccessibleName("操作")
        self.action.addItem(ALL, None)
        for key, label in ACTION_LABELS.items():
            self.action.addItem(label, key)
        self.use_period = QCheckBox("期間")
        today = clock.today()
        self.since = date_edit(_qdate(today - dt.timedelta(days=30)))
        self.until = date_edit(_qdate(today))
        self.period_note = PeriodNote(self.since, self.until)
        for widget in (self.since, self.until, self.period_note):
            widget.setEnabled(False)
        self.count_label = QLabel()
        self.verify_button = QPushButton("改ざん検査")
        self.verify_button.setToolTip("pcdesk check と同じ検査です: データベースの構造、監査ログのつながり（鍵付きハッシュ）、"
                                      "バックアップや出力した台帳に残した控え、業務データの各行と監査ログの一致。")
        self.verify_button.clicked.connect(lambda: self.verify())
        self.verify_with_button = QPushButton("控えと照合…")
        self.verify_with_button.setToolTip("以前に出力した台帳（Excel・PDF）やバックアップを選び、その時点の監査ログが"
                                           "今も残っているかも確かめます。")
        self.verify_with_button.clicked.connect(self.verify_with_copies)
        self.export_button = QPushButton("出力…")
        self.export_button.setToolTip("監査ログを Excel / PDF に出力します（審査・内部監査の資料として）。")
        self.export_button.clicked.connect(self.export)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.addWidget(QLabel("操作者"), 0, 0)
        filters.addWidget(self.person, 0, 1)
        filters.addWidget(QLabel("対象"), 0, 2)
        filters.addWidget(self.record_type, 0, 3)
        filters.addWidget(QLabel("操作"), 0, 4)
        filters.addWidget(self.action, 0, 5)
        filters.addLayout(period_row(self.use_period, self.since, self.until, self.period_note), 1, 0, 1, 6)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)

        self.table = row_table(self.model, COLUMN_SAMPLES, padding=16,
                               selection=QTableView.SelectionMode.SingleSelection)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("行を選ぶと、ここに記録の全体が表示されます。")
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.detail.setPlainText(self.model.detail(current.row())))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = page_layout(self, "監査ログ", self.count_label, self.verify_button,
                             self.verify_with_button, self.export_button)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        for combo in (self.person, self.record_type, self.action):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.use_period.toggled.connect(self._period_toggled)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.refresh()

    def export(self) -> None:
        from pcdesk.ui.output.export_dialog import open_export_dialog

        open_export_dialog(self, self.ws, "audit_log")

    def _period_toggled(self, on: bool) -> None:
        for widget in (self.since, self.until, self.period_note):
            widget.setEnabled(on)
        self.apply_filter()

    def _fill_choices(self) -> None:
        """Person and record-type lists, keeping the current choice when it still exists."""
        refill_combo(self.person, [(ALL, None), *((p.name, (p.actor_id, p.name)) for p in audit_people(self.ws))])
        types = sorted(record_type_labels().items(), key=lambda kv: kv[1])
        refill_combo(self.record_type, [(ALL, None), *((label, key) for key, label in types)])

    def current_filter(self) -> AuditFilter:
        person = self.person.currentData()
        actor_id, actor_name = (person if person else (None, None))
        since = until = None
        if self.use_period.isChecked():
            since, until = to_date(self.since.date()), to_date(self.until.date())
        return AuditFilter(actor_id=actor_id, actor_name=None if actor_id is not None else actor_name,
                           record_type=self.record_type.currentData(), action=self.action.currentData(),
                           since=since, until=until)

    def apply_filter(self) -> None:
        with user_errors(self):
            style = load_settings(self.ws).date_style
            self.period_note.set_date_style(style)
            self.model.set_filter(self.current_filter(), style)
            self.detail.clear()
            self.count_label.setText(f"該当 {self.model.total:,} 件")

    def refresh(self) -> None:
        with user_errors(self):
            self._fill_choices()
        self.apply_filter()

    def verify(self, copies: list[str] | None = None) -> None:
        from pcdesk.integrity import check
        from pcdesk.ui.progress import run_task

        with user_errors(self):
            report = run_task(self, "データベースと監査ログを検査しています…",
                              lambda _progress: check(self.ws, copies or []), cancellable=False)
            text = "\n".join(report.lines())
            if report.ok:
                messages.info(self, f"{text}\n\n記録の書き換え・削除は見つかりませんでした。", "改ざん検査")
            else:
                messages.error(self, f"{text}\n\n監査ログか業務データが、pcdesk を通さずに変えられた可能性があります。"
                                     "直前のバックアップを保全し、個人情報保護管理者に報告してください。", "改ざん検査")

    def verify_with_copies(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self, "照合する控えを選ぶ", "", "pcdesk の台帳・バックアップ (*.xlsx *.pdf *.sqlite3);;すべてのファイル (*)")
        if files:
            self.verify(files)
