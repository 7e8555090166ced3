"""申請の準備 (administrators): what is inconsistent across the ledgers, each finding a link
to the screen that fixes it, and one action that writes the whole application pack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QWidget)

from pcdesk import clock
from pcdesk.compliance import ComplianceReport, check_compliance
from pcdesk.errors import PcdeskError
from pcdesk.pack.builder import build_pack, pack_documents
from pcdesk.services import Workspace
from pcdesk.ui.messages import ask, show_error
from pcdesk.ui.page import page_layout
from pcdesk.ui.progress import run_task
from pcdesk.ui.widgets import date_edit, hint, period_row, subheading, to_date


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class PackPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.report: ComplianceReport | None = None
        self.last_folder: Path | None = None
        layout = page_layout(self, "申請の準備", note=(
            "プライバシーマークの申請に出す書類を一式作ります。先に整合性チェックで食い違いを直しておくと、"
            "審査で指摘されにくくなります。"))

        layout.addWidget(subheading("整合性チェック"))
        self.check_button = QPushButton("整合性をチェック")
        self.check_button.clicked.connect(self.run_check)
        self.summary = hint("")
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        self.findings = QListWidget()
        self.findings.setAccessibleName("見つかった問題")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._open_finding)
        layout.addWidget(self.findings, 1)
        layout.addWidget(hint("行をダブルクリック（または Enter）すると、直す画面が開きます。"))

        layout.addWidget(subheading("申請書類一式"))
        today = clock.today()
        self.use_period = QCheckBox("期間")
        self.date_from = date_edit(QDate(today.year - 2, today.month, 1))  # a renewal shows two years
        self.date_to = date_edit(_qdate(today))
        layout.addLayout(period_row(self.use_period, self.date_from, self.date_to))
        names = "、".join(d.title for d in pack_documents())
        layout.addWidget(hint(f"入る書類: 一覧表、{names}（それぞれ Excel と PDF）。"
                              "期間は来訪者の記録や持出しの台帳など、期間のある書類に使います。"))
        self.pack_button = QPushButton("申請書類一式を作成…")
        self.pack_button.setObjectName("primary")
        self.pack_button.clicked.connect(self.make_pack)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pack_button)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.run_check()

    def run_check(self) -> None:
        try:
            self.report = check_compliance(self.ws)
        except PcdeskError as exc:
            show_error(self, exc)
            return
        self.findings.clear()
        for finding in self.report.findings:
            item = QListWidgetItem(f"{finding.text}\n　直す場所: {finding.fix}")
            item.setData(Qt.ItemDataRole.UserRole, finding.page)
            self.findings.addItem(item)
        self.summary.setText("問題は見つかりませんでした。" if self.report.clean
                             else f"{len(self.report.findings)} 件の問題があります。")

    def _open_finding(self, item: QListWidgetItem) -> None:
        page = item.data(Qt.ItemDataRole.UserRole)
        window = self.window()
        if page and hasattr(window, "show_page"):
            window.show_page(page)

    def period(self):
        if not self.use_period.isChecked():
            return None, None
        return to_date(self.date_from.date()), to_date(self.date_to.date())

    def target_folder(self) -> Path | None:
        """Where the pack goes: a new folder 申請書類_YYYYMMDD inside the folder chosen."""
        start = str(self.last_folder.parent if self.last_folder else Path.home() / "Documents")
        chosen = QFileDialog.getExistingDirectory(self, "申請書類を保存するフォルダ", start)
        if not chosen:
            return None
        base = Path(chosen) / f"申請書類_{clock.today():%Y%m%d}"
        target, n = base, 2
        while target.exists():
            target, n = base.with_name(f"{base.name}_{n}"), n + 1
        return target

    def make_pack(self) -> None:
        target = self.target_folder()
        if target is None:
            return
        date_from, date_to = self.period()

        def work(progress):
            return build_pack(self.ws, target, date_from, date_to,
                              step=lambda done, total, _what: progress(done, total))

        try:
            result = run_task(self, "申請書類を作成しています…", work)
        except PcdeskError as exc:
            show_error(self, exc)
            return
        self.last_folder = result.folder
        message = f"申請書類一式を作成しました。\n{result.folder}"
        if result.findings:
            message += f"\n\n整合性チェックで {result.findings} 件の問題が見つかっています（整合性チェック結果の書類）。"
        if ask(self, message + "\n\nフォルダを開きますか？", "申請書類一式"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.folder)))
        self.run_check()
