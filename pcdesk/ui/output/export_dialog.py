"""台帳の出力: pick a ledger, Excel or PDF, a period and a file; or print it straight away.

The export runs on a worker thread with its own Workspace (a Workspace's open write
unit is not shared across threads); 中止 stops it and leaves no file behind.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from pcdesk import clock
from pcdesk.errors import PcdeskError
from pcdesk.output.export import (ExportResult, LedgerEntry, default_file_name, describe_result,
                                  export_ledger, list_ledgers, print_path)
from pcdesk.output.progress import ExportCancelled
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.output.viewer import open_in_viewer
from pcdesk.ui.prefs import ui_settings
from pcdesk.ui.widgets import PeriodNote, ProblemLabel, date_edit, fit_window, heading, hint, period_row, to_date

LAST_FOLDER_KEY = "output/last_folder"
FILTERS = {"xlsx": "Excel ブック (*.xlsx)", "pdf": "PDF (*.pdf)", "html": "Web ページ (*.html)",
           "txt": "テキスト (*.txt)"}
SUFFIXES = {"xlsx": ".xlsx", "pdf": ".pdf", "html": ".html", "txt": ".txt"}
# Radio buttons beyond Excel and PDF, for ledgers that are documents (Ledger.formats).
EXTRA_FORMATS = {"html": "Web ページ（.html）", "txt": "テキスト（.txt）"}


class ExportWorker(QObject):
    """Runs one export off the GUI thread and reports through signals."""

    progressed = Signal(int, int)  # records written, total (-1 when unknown)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(object)  # the exception; ExportCancelled after 中止

    def __init__(self, ws: Workspace, ledger_id: str, fmt: str, out: Path, query: LedgerQuery,
                 action: str) -> None:
        super().__init__()
        self.ws = Workspace(ws.db, ws.actor)  # its own unit of work, never the GUI thread's
        self.args = (ledger_id, fmt, out, query)
        self.action = action
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        ledger_id, fmt, out, query = self.args
        try:
            result = export_ledger(self.ws, ledger_id, fmt, out, query, progress=self._report,
                                   cancel=self.stop.is_set, action=self.action)
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    def _report(self, done: int, total: int | None) -> None:
        self.progressed.emit(done, -1 if total is None else total)


class ExportDialog(QDialog):
    progressed = Signal(int, int)  # records written, total (-1 when unknown)
    finished_export = Signal(object)  # ExportResult, after the file is in place
    export_failed = Signal(str)  # the message shown, also after 中止

    def __init__(self, ws: Workspace, ledger_id: str | None = None, filters: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.filters = dict(filters or {})
        self.result: ExportResult | None = None
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self._opening_after = False
        self._suggested = ""  # the file name last filled in for the person (replaced on a new ledger)
        self._overwrite_agreed = ""  # a path whose replacement the file dialog already confirmed
        self.setWindowTitle("台帳の出力")
        self.setMinimumWidth(560)
        roles = ws.actor.roles if ws.actor else frozenset()
        self.entries = [e for e in list_ledgers() if e.allowed(roles)]

        layout = QVBoxLayout(self)
        layout.addWidget(heading("台帳の出力"))
        layout.addWidget(hint("Excel は編集や並べ替えに、PDF は印刷・提出にそのまま使えます（A4・日本語フォント埋め込み）。"))
        form = QFormLayout()
        layout.addLayout(form)

        self.ledger = QComboBox()
        for entry in self.entries:
            self.ledger.addItem(entry.title, entry.id)
        form.addRow("台帳", self.ledger)

        self.excel = QRadioButton("Excel（.xlsx）")
        self.pdf = QRadioButton("PDF（.pdf）")
        self.excel.setChecked(True)
        self.format_group = QButtonGroup(self)
        for button in (self.excel, self.pdf):
            self.format_group.addButton(button)
        formats = QHBoxLayout()
        formats.addWidget(self.excel)
        formats.addWidget(self.pdf)
        self.format_buttons = {"xlsx": self.excel, "pdf": self.pdf}
        self._add_extra_formats(formats)
        formats.addStretch(1)
        form.addRow("形式", formats)

        self.use_period = QCheckBox("期間で絞り込む")
        today = clock.today()
        self.date_from = date_edit(QDate(today.year, today.month, 1))
        self.date_to = date_edit(QDate(today.year, today.month, today.day))
        self.period_wareki = PeriodNote(self.date_from, self.date_to, load_settings(ws).date_style)
        period = QVBoxLayout()
        period.addLayout(period_row(self.use_period, self.date_from, self.date_to))
        period.addWidget(self.period_wareki)  # on its own line: beside the dates it would not fit
        form.addRow("期間", period)
        self.period_note = hint("")
        form.addRow("", self.period_note)
        if self.filters:
            form.addRow("絞り込み", hint("出力元の画面で選んだ条件で絞り込みます。"))

        self.destination = QLineEdit()
        self.browse = QPushButton("参照…")
        dest = QHBoxLayout()
        dest.addWidget(self.destination, 1)
        dest.addWidget(self.browse)
        form.addRow("保存先", dest)

        self.problems = ProblemLabel()
        layout.addWidget(self.problems)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.open_file = QPushButton("ファイルを開く")
        self.open_file.hide()
        self.print_button = QPushButton("印刷")
        self.print_button.setToolTip("PDF を作って PDF ビューアーで開きます。ビューアーから印刷してください。")
        self.cancel_button = QPushButton("中止")
        self.cancel_button.hide()
        self.export_button = QPushButton("出力")
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.close_button = QPushButton("閉じる")
        buttons.addWidget(self.open_file)
        buttons.addStretch(1)
        for b in (self.print_button, self.cancel_button, self.export_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

        self.ledger.currentIndexChanged.connect(self._ledger_changed)
        self.format_group.buttonToggled.connect(self._format_changed)
        self.use_period.toggled.connect(self._period_toggled)
        self.browse.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.start_export)
        self.print_button.clicked.connect(self.start_print)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_file.clicked.connect(self.open_result)
        self.close_button.clicked.connect(self.reject)

        if ledger_id is not None:
            index = self.ledger.findData(ledger_id)
            if index >= 0:
                self.ledger.setCurrentIndex(index)
        if not self.entries:
            self.problems.show_text("出力できる台帳がありません。管理者に権限を確認してください。")
            for b in (self.export_button, self.print_button, self.browse):
                b.setEnabled(False)
        self._ledger_changed()

    # -- choices ----------------------------------------------------------------------------------
    @property
    def entry(self) -> LedgerEntry | None:
        ledger_id = self.ledger.currentData()
        return next((e for e in self.entries if e.id == ledger_id), None)

    @property
    def fmt(self) -> str:
        return next((f for f, b in self.format_buttons.items() if b.isChecked()), "xlsx")

    # -- formats a ledger offers (Ledger.formats) --------------------------------------------------
    def _add_extra_formats(self, row: QHBoxLayout) -> None:
        for fmt, text in EXTRA_FORMATS.items():
            button = QRadioButton(text)
            button.hide()
            self.format_group.addButton(button)
            row.addWidget(button)
            self.format_buttons[fmt] = button

    def _offer_formats(self) -> None:
        """Only the formats the chosen ledger can be written as; the first of them if the chosen one is not."""
        entry = self.entry
        allowed = entry.formats if entry is not None else ("xlsx", "pdf")
        for fmt, button in self.format_buttons.items():
            button.setVisible(fmt in allowed)
        if allowed and self.fmt not in allowed:
            self.format_buttons[allowed[0]].setChecked(True)
        self.print_button.setEnabled(bool(self.entries) and "pdf" in allowed)

    def last_folder(self) -> Path:
        saved = ui_settings().value(LAST_FOLDER_KEY, "")
        folder = Path(str(saved)) if saved else Path.home() / "Documents"
        return folder if folder.is_dir() else Path.home()

    def _suggest(self) -> None:
        """The chosen ledger's default file name, unless the person has typed or chosen their own."""
        entry = self.entry
        if entry is None:
            return
        current = self.destination.text().strip()
        if current and current != self._suggested:
            return
        folder = Path(current).parent if current else self.last_folder()
        self._suggested = str(folder / default_file_name(entry.id, self.fmt))
        self.destination.setText(self._suggested)

    def _ledger_changed(self) -> None:
        self._offer_formats()
        entry = self.entry
        has_period = bool(entry and entry.has_period)
        self.use_period.setEnabled(has_period)
        if not has_period:
            self.use_period.setChecked(False)
        self.period_note.setText("" if has_period else "この台帳は期間で絞り込めません（常に全件を出力します）。")
        self.period_note.setVisible(not has_period)
        self._period_toggled()
        self._suggest()

    def _format_changed(self, _button: QRadioButton, checked: bool) -> None:
        """Only the extension follows the format: a typed file name stays."""
        current = self.destination.text().strip()
        if not checked or not current:
            return
        path = Path(current)
        if path.suffix.lower() in SUFFIXES.values():
            path = path.with_suffix("")
        renamed = str(path) + SUFFIXES[self.fmt]
        if current == self._suggested:
            self._suggested = renamed
        self.destination.setText(renamed)

    def _period_toggled(self) -> None:
        on = self.use_period.isChecked()
        for widget in (self.date_from, self.date_to, self.period_wareki):
            widget.setEnabled(on)

    def choose_file(self) -> None:
        start = self.destination.text().strip() or str(self.last_folder())
        path, _ = QFileDialog.getSaveFileName(self, "保存先を選ぶ", start, FILTERS[self.fmt])
        if path:
            suffix = SUFFIXES[self.fmt]
            if not path.lower().endswith(suffix):
                path += suffix
            else:
                self._overwrite_agreed = path  # the file dialog has asked about replacing it
            self.destination.setText(path)

    def query(self) -> LedgerQuery:
        if not self.use_period.isChecked():
            return LedgerQuery(filters=self.filters)
        return LedgerQuery(to_date(self.date_from.date()), to_date(self.date_to.date()), self.filters)

    # -- running ----------------------------------------------------------------------------------
    def start_export(self) -> None:
        text = self.destination.text().strip()
        if not text:
            self.problems.show_text("・保存先: ファイル名を入力するか「参照…」で選んでください。")
            return
        out = Path(text)
        if out.is_file() and text != self._overwrite_agreed:
            if not messages.ask(self, f"{out} はすでにあります。上書きしますか？", "上書きの確認"):
                return
        self._run(out, "export")

    def start_print(self) -> None:
        entry = self.entry
        if entry is not None:
            self._run(print_path(entry.id), "print", fmt="pdf")

    def _run(self, out: Path, action: str, fmt: str | None = None) -> None:
        entry = self.entry
        if entry is None or self.thread is not None:
            return
        self.problems.clear_problems()
        self.open_file.hide()
        self.result = None
        self._opening_after = action == "print"
        self.worker = ExportWorker(self.ws, entry.id, fmt or self.fmt, out, self.query(), action)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self._set_running(True)
        self._say("出力しています…")
        self.thread.start()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        fit_window(self.status)

    def _set_running(self, running: bool) -> None:
        for w in (self.export_button, self.print_button, self.browse, self.ledger, *self.format_buttons.values(),
                  self.close_button):
            w.setEnabled(not running)
        if not running:
            self._offer_formats()
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)  # busy until the first report says how many

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.status.setText(f"{done:,}件を出力しました…" + (f"（全{total:,}件）" if total > 0 else ""))
        self.progressed.emit(done, total)

    def cancel_export(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self._say("中止しています…")

    def _finish_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = self.worker = None
        self._set_running(False)

    def _succeeded(self, result: ExportResult) -> None:
        self._finish_thread()
        self.result = result
        if self._opening_after:
            if open_in_viewer(self, result.path, printing=True):
                self._say(f"PDF を開きました。ビューアーの印刷ボタンから印刷してください（{result.records}件）。")
            else:
                self._say(f"PDF を作りましたが、開けませんでした。このファイルを開いて印刷してください: {result.path}")
        else:
            ui_settings().setValue(LAST_FOLDER_KEY, str(result.path.parent))
            self._say(describe_result(result))
            self.open_file.show()
        self.finished_export.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish_thread()
        if isinstance(exc, ExportCancelled):
            self._say(str(exc))
        elif isinstance(exc, PcdeskError):
            self._say("")
            messages.show_error(self, exc)
        else:
            self._say("")
            messages.error(self, f"出力できませんでした: {exc}")
        self.export_failed.emit(str(exc))

    def open_result(self) -> None:
        if self.result is not None and not open_in_viewer(self, self.result.path):
            self._say(f"ファイルを開けませんでした。保存した場所: {self.result.path}")

    def reject(self) -> None:
        """Closing while an export runs stops it first, so no thread outlives the dialog."""
        if self.worker is not None:
            self.worker.stop.set()
            if self.thread is not None:
                self.thread.quit()
                self.thread.wait()
        super().reject()


def open_export_dialog(parent: QWidget | None, ws: Workspace, ledger_id: str | None = None,
                       filters: dict[str, Any] | None = None) -> ExportDialog:
    """Show the export dialog (modal) with `ledger_id` selected; other pages call this."""
    dialog = ExportDialog(ws, ledger_id, filters, parent)
    dialog.exec()
    return dialog
