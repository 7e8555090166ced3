"""Importing an existing Excel 台帳: file and sheet → column mapping → preview → 取り込む.

A thin QWizard over pcdesk.inventory.importer; nothing is saved before the last button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget, QWizard, QWizardPage)

from pcdesk.errors import PcdeskError
from pcdesk.inventory.importer import (TARGETS, ImportPreview, SourceSheet, commit, preview, propose_mapping,
                                       read_workbook, unmapped_required)
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.service import department_names
from pcdesk.services import Workspace
from pcdesk.ui import messages
from pcdesk.ui.progress import run_task
from pcdesk.ui.widgets import ProblemLabel, hint, scroll_area, subheading
from pcdesk.ui.wizard import style_wizard

UNUSED = "（使わない）"
SHOWN_GOOD_ROWS = 500  # the preview lists this many good rows; all are imported


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sample(sheet: SourceSheet, column: int) -> str:
    for _row, cells in sheet.rows[:50]:
        value = cells[column] if column < len(cells) else None
        if value not in (None, ""):
            text = str(value).replace("\n", " ")
            return text if len(text) <= 24 else text[:23] + "…"
    return ""


class FilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("ファイルとシート")
        self.setSubTitle("いま使っている個人情報管理台帳の Excel ファイル（.xlsx）を選んでください。")
        self.path = QLineEdit()
        self.path.setPlaceholderText("例: C:\\Users\\…\\個人情報管理台帳.xlsx")
        self.path.setAccessibleName("ファイル")
        browse = QPushButton("参照…")
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("シート")
        self.sheet.addItem("（自動で見つける）", None)
        self.found = hint("")
        self.problems = ProblemLabel()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("ファイル"))
        layout.addLayout(row)
        layout.addWidget(QLabel("シート"))
        layout.addWidget(self.sheet)
        layout.addWidget(self.found)
        layout.addWidget(hint("見出しの行（管理番号・個人情報の名称・利用目的 など）は自動で見つけます。"
                              "この画面からは何も保存されません。最後の「取り込む」を押すまで台帳は変わりません。"))
        layout.addStretch(1)
        layout.addWidget(self.problems)
        self.path.editingFinished.connect(self.load_sheets)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "台帳の Excel ファイルを選ぶ", "", "Excel ファイル (*.xlsx)")
        if path:
            self.path.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        """Read the file once to list its sheets and say where the heading was found."""
        self.problems.clear_problems()
        if not self.path.text().strip():
            return
        try:
            sheet = self.read(None)
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in sheet.sheet_names:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(self.sheet.findData(sheet.sheet_name), 0))
        self.sheet.blockSignals(False)
        self.show_found(sheet)

    def show_found(self, sheet: SourceSheet) -> None:
        self.found.setText(f"シート「{sheet.sheet_name}」の {sheet.header_row} 行目を見出しとして読みます"
                           f"（列 {len([h for h in sheet.headers if h])}・データ {len(sheet.rows)} 行）。")

    def read(self, sheet_name: str | None) -> SourceSheet:
        path = self.path.text().strip().strip('"')
        return run_task(self, "Excel ファイルを読み込んでいます…", lambda _p: read_workbook(path, sheet_name),
                        cancellable=False)

    def validatePage(self) -> bool:  # noqa: N802
        if not self.path.text().strip():
            self.problems.show_text("ファイル: 取り込む Excel ファイルを選んでください（「参照…」）。")
            return False
        try:
            sheet = self.read(self.sheet.currentData())
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return False
        except OSError as exc:
            self.problems.show_text(f"ファイルを開けません（{exc.strerror or exc}）。場所を確かめてください。")
            return False
        self.show_found(sheet)
        self.wizard().sheet = sheet  # type: ignore[attr-defined]
        return True


class MappingPage(QWizardPage):
    """Each ledger field with a combo of the workbook's columns, proposed from the headings."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.setTitle("列の対応")
        self.setSubTitle("台帳の各項目が、Excel のどの列にあたるかを確かめてください。見出しの名前から自動で選んであります。")
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        required = set(unmapped_required({}))
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for col, text in enumerate(("台帳の項目", "Excel の列", "1行目の値（例）")):
            grid.addWidget(subheading(text), 0, col)
        for r, (key, label) in enumerate(TARGETS.items(), start=1):
            name = QLabel(label + (" ＊" if label in required else ""))
            combo = QComboBox()
            combo.setAccessibleName(label)
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(lambda _i, k=key: self._changed(k))
            sample = hint("")
            self.combos[key] = combo
            self.samples[key] = sample
            grid.addWidget(name, r, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(combo, r, 1)
            grid.addWidget(sample, r, 2)
        grid.setColumnStretch(2, 1)
        scroll = scroll_area(grid_widget)
        self.department = QComboBox()
        self.department.setAccessibleName("部門の列が空のときの部門")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #9a5b00;")
        self.problems = ProblemLabel()
        dept_row = QHBoxLayout()
        dept_row.addWidget(QLabel("部門の列がない・空のときの部門"))
        dept_row.addWidget(self.department, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(dept_row)
        layout.addWidget(self.missing)
        layout.addWidget(self.problems)
        self.department.currentIndexChanged.connect(lambda _i: self._update_missing())
        self._filling = False

    @property
    def sheet(self) -> SourceSheet:
        return self.wizard().sheet  # type: ignore[attr-defined]

    def initializePage(self) -> None:  # noqa: N802
        sheet = self.sheet
        proposed = {key: col for col, key in propose_mapping(sheet.headers).items()}
        self._filling = True
        try:
            for key, combo in self.combos.items():
                combo.clear()
                combo.addItem(UNUSED, None)
                for i, header in enumerate(sheet.headers):
                    if header:
                        combo.addItem(f"{column_letter(i)}列: {header}", i)
                combo.setCurrentIndex(max(combo.findData(proposed.get(key)), 0))
            self.department.clear()
            self.department.addItem("（指定しない）", None)
            for dept_id, name in department_names(self.ws).items():
                self.department.addItem(name, dept_id)
        finally:
            self._filling = False
        for key in self.combos:
            self._changed(key)
        self.problems.clear_problems()

    def _changed(self, key: str) -> None:
        if self._filling:
            return
        col = self.combos[key].currentData()
        self.samples[key].setText(_sample(self.sheet, col) if col is not None else "")
        self._update_missing()

    def mapping(self) -> dict[int, str]:
        return {combo.currentData(): key for key, combo in self.combos.items() if combo.currentData() is not None}

    def defaults(self) -> dict[str, Any]:
        dept = self.department.currentData()
        return {"department_id": dept} if dept is not None else {}

    def set_column(self, key: str, column: int | None) -> None:
        combo = self.combos[key]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    def _update_missing(self) -> None:
        missing = unmapped_required(self.mapping(), self.defaults())
        self.missing.setText(("列が選ばれていない必須の項目: " + "、".join(missing) +
                              "。このままでは、どの行も取り込めません。") if missing else "")

    def validatePage(self) -> bool:  # noqa: N802
        mapping = self.mapping()
        used: dict[int, list[str]] = {}
        for key, combo in self.combos.items():
            if combo.currentData() is not None:
                used.setdefault(combo.currentData(), []).append(TARGETS[key])
        twice = [f"{column_letter(c)}列（{'・'.join(labels)}）" for c, labels in used.items() if len(labels) > 1]
        if twice:
            self.problems.show_text("同じ列が複数の項目に選ばれています: " + "、".join(twice) + "。どちらか一方にしてください。")
            return False
        sheet, defaults = self.sheet, self.defaults()
        try:
            result = run_task(self, "行を確かめています…", lambda _p: preview(self.ws, sheet, mapping, defaults),
                              cancellable=False)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return False
        self.wizard().result = result  # type: ignore[attr-defined]
        return True


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("確認")
        self.setSubTitle("取り込める行と、取り込めない行（理由つき）です。「取り込む」を押すまで何も保存されません。")
        self.summary = subheading()
        self.summary.setWordWrap(True)
        self.good = self._table(["行", "管理番号", "個人情報の名称", "部門", "業務名"])
        self.bad = self._table(["行", "項目", "内容"])
        self.bad_title = QLabel("取り込めない行")
        self.bad_title.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bad_title)
        layout.addWidget(self.bad, 2)
        layout.addWidget(subheading("取り込める行"))
        layout.addWidget(self.good, 2)
        layout.addWidget(hint("取り込めない行は Excel で直してから、もう一度取り込めます（取り込んだ行は管理番号で重複を見分けます）。"))
        layout.addWidget(self.problems)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    @property
    def result(self) -> ImportPreview:
        return self.wizard().result  # type: ignore[attr-defined]

    def initializePage(self) -> None:  # noqa: N802
        result = self.result
        self.summary.setText(result.summary())
        names = department_names(self.wizard().ws)  # type: ignore[attr-defined]
        shown = result.good[:SHOWN_GOOD_ROWS]
        self.good.setRowCount(len(shown))
        for r, row in enumerate(shown):
            v = row.values
            name = v.get("name", "") + ("（廃止）" if row.retired else "")
            for c, text in enumerate((f"{row.row}行目", row.number or "（自動）", name,
                                      names.get(v.get("department_id"), ""), v.get("business_process", ""))):
                self.good.setItem(r, c, QTableWidgetItem(str(text)))
        self.bad.setRowCount(len(result.problems))
        for r, p in enumerate(result.problems):
            for c, text in enumerate((f"{p.row}行目", p.field, p.message)):
                self.bad.setItem(r, c, QTableWidgetItem(text))
        self.bad.setVisible(bool(result.problems))
        self.bad_title.setVisible(bool(result.problems))
        self.problems.clear_problems()

    def problem_lines(self) -> list[str]:
        """「5行目 利用目的: …」 for each listed problem, as the user reads the table."""
        cells = [[self.bad.item(r, c).text() for c in range(3)] for r in range(self.bad.rowCount())]
        return [f"{row} {field}: {message}" for row, field, message in cells]

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.wizard()
        result = self.result
        try:
            entries = run_task(self, f"{len(result.good)} 件を台帳に登録しています…",
                               lambda _p: commit(wizard.ws, result), cancellable=False)  # type: ignore[attr-defined]
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return False
        wizard.saved = entries  # type: ignore[attr-defined]
        skipped = len(result.bad_rows)
        messages.info(self, f"{len(entries)} 件を個人情報管理台帳に取り込みました。"
                            + (f"\n取り込めなかった {skipped} 行は、Excel で直してから取り込み直してください。" if skipped else ""),
                      "取込")
        return True


class ImportWizard(QWizard):
    """After 取り込む, `saved` lists the new entries (empty when cancelled)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.sheet: SourceSheet | None = None
        self.result: ImportPreview | None = None
        self.saved: list[InventoryEntry] = []
        self.setWindowTitle("Excel の台帳から取込 — pcdesk")
        style_wizard(self, "取り込む", "キャンセル")
        self.setMinimumSize(760, 560)
        self.resize(860, 660)
        self.file_page = FilePage()
        self.mapping_page = MappingPage(ws)
        self.preview_page = PreviewPage()
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
