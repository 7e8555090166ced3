"""Importing an existing 台帳 (Excel or CSV): file → column mapping → preview → 取り込む.

A thin QWizard over pcdesk.inventory.importer (the command line makes the same decisions);
nothing is saved before the last button. The mapping page lists every source column with
the field it feeds or 「取り込まない」, fixed values for any field, and whether the columns
not taken are kept in 備考; the preview shows each row's 区分 and flags with the reasons,
what is 要確認, and the problems grouped by column.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from pcdesk import tabular
from pcdesk.errors import PcdeskError
from pcdesk.inventory.fields import IMPORT_FIELDS, LABELS
from pcdesk.inventory.importer import SKIP, ImportPlan, ImportPreview, commit, parse_fixed, preview, read
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.service import department_names
from pcdesk.services import Workspace
from pcdesk.tabular import Table, column_letter  # noqa: F401 (column_letter: tests name columns as Excel does)
from pcdesk.ui import messages
from pcdesk.ui.progress import run_task
from pcdesk.ui.widgets import ProblemLabel, hint, subheading
from pcdesk.ui.wizard import style_wizard

SHOWN_ROWS = 500  # the preview lists this many rows; all are imported
SAMPLES = 3


def _samples(table: Table, index: int) -> str:
    values = tabular.samples(table, SAMPLES).get(index, [])
    text = " ／ ".join(tabular.cell_text(v).replace("\n", " ") for v in values)
    return text if len(text) <= 40 else text[:39] + "…"


def _readonly_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class FilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("ファイルとシート")
        self.setSubTitle("いま使っている個人情報管理台帳のファイル（Excel の .xlsx か CSV）を選んでください。")
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
        layout.addWidget(hint("表題の行や2段の見出し（「委託」の下に「有無」「委託先」など）があっても、見出しは自動で見つけます。"
                              "最後の「取り込む」を押すまで台帳は変わりません。"))
        layout.addStretch(1)
        layout.addWidget(self.problems)
        self.path.editingFinished.connect(self.load_sheets)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "台帳のファイルを選ぶ", "",
                                              "台帳のファイル (*.xlsx *.xlsm *.csv *.txt);;Excel ファイル (*.xlsx);;CSV (*.csv)")
        if path:
            self.path.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        """Read the file once to list its sheets and say where the heading was found."""
        self.problems.clear_problems()
        if not self.path.text().strip():
            return
        try:
            table = self.read(None)
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in table.sheet_names or [""]:
            self.sheet.addItem(name or "（CSV）", name or None)
        self.sheet.setCurrentIndex(max(self.sheet.findData(table.sheet_name or None), 0))
        self.sheet.blockSignals(False)
        self.found.setText(table.describe())

    def read(self, sheet_name: str | None) -> Table:
        path = self.path.text().strip().strip('"')
        return run_task(self, "台帳のファイルを読み込んでいます…", lambda _p: read(path, sheet_name), cancellable=False)

    def validatePage(self) -> bool:  # noqa: N802
        if not self.path.text().strip():
            self.problems.show_text("ファイル: 取り込むファイルを選んでください（「参照…」）。")
            return False
        try:
            table = self.read(self.sheet.currentData())
        except PcdeskError as exc:
            self.problems.show_text(str(exc))
            return False
        except OSError as exc:
            self.problems.show_text(f"ファイルを開けません（{exc.strerror or exc}）。場所を確かめてください。")
            return False
        self.found.setText(table.describe())
        self.wizard().table = table  # type: ignore[attr-defined]
        return True


class FixedValueRow(QWidget):
    """One fixed value: a field and the text it takes (read like a cell of that field)."""

    def __init__(self, page: "MappingPage", key: str | None = None) -> None:
        super().__init__()
        self.field = QComboBox()
        self.field.setAccessibleName("固定値の項目")
        for spec in IMPORT_FIELDS:
            self.field.addItem(spec.label, spec.key)
        if key is not None:
            self.field.setCurrentIndex(self.field.findData(key))
        self.value = QLineEdit()
        self.value.setAccessibleName("固定値")
        self.value.setPlaceholderText("例: 総務部長、施錠保管、紙")
        remove = QPushButton("削除")
        remove.clicked.connect(lambda: page.remove_fixed(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field)
        row.addWidget(self.value, 1)
        row.addWidget(remove)
        self.field.currentIndexChanged.connect(lambda _i: page.update_missing())
        self.value.textChanged.connect(lambda _t: page.update_missing())

    def key(self) -> str:
        return self.field.currentData()


class MappingPage(QWizardPage):
    """Every source column with the field it feeds (or 取り込まない), fixed values, 備考."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.setTitle("列の対応")
        self.setSubTitle("元の台帳の各列を、どの項目として取り込むかを確かめてください。見出しの名前から自動で選んであります。")
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(["元の列", "値の例", "取り込み先"])
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.verticalHeader().hide()
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: dict[int, QComboBox] = {}
        self.fixed_rows: list[FixedValueRow] = []
        self.fixed_box = QVBoxLayout()
        self.fixed_box.setContentsMargins(0, 0, 0, 0)
        add = QPushButton("固定値を追加")
        add.setToolTip("列がない項目や空のセルに、すべての行で同じ値を入れます（例: 管理責任者 = 総務部長）。")
        add.clicked.connect(lambda: self.add_fixed())
        self.keep_ignored = QCheckBox("取り込まない列の内容を備考に残す")
        self.ignored = hint("")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #9a5b00;")
        self.problems = ProblemLabel()
        fixed_title = QHBoxLayout()
        fixed_title.addWidget(subheading("固定値"))
        fixed_title.addStretch(1)
        fixed_title.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns, 1)
        layout.addLayout(fixed_title)
        layout.addLayout(self.fixed_box)
        layout.addWidget(self.keep_ignored)
        layout.addWidget(self.ignored)
        layout.addWidget(self.missing)
        layout.addWidget(self.problems)

    @property
    def table(self) -> Table:
        return self.wizard().table  # type: ignore[attr-defined]

    def initializePage(self) -> None:  # noqa: N802
        table = self.table
        plan = ImportPlan.proposed(table)
        shown = [c for c in table.columns if c.header]
        self.columns.setRowCount(len(shown))
        self.combos.clear()
        for r, column in enumerate(shown):
            self.columns.setItem(r, 0, QTableWidgetItem(column.title))
            self.columns.setItem(r, 1, QTableWidgetItem(_samples(table, column.index)))
            combo = QComboBox()
            combo.setAccessibleName(f"{column.title} の取り込み先")
            combo.addItem(SKIP, None)
            for spec in IMPORT_FIELDS:
                combo.addItem(spec.label, spec.key)
            combo.setCurrentIndex(max(combo.findData(plan.mapping.get(column.index)), 0))
            combo.currentIndexChanged.connect(lambda _i: self.update_missing())
            self.columns.setCellWidget(r, 2, combo)
            self.combos[column.index] = combo
        self.columns.resizeColumnsToContents()
        for row in list(self.fixed_rows):
            self.remove_fixed(row)
        if "department_id" not in plan.used().values():
            self.add_fixed("department_id")
        self.problems.clear_problems()
        self.update_missing()

    def add_fixed(self, key: str | None = None) -> FixedValueRow:
        row = FixedValueRow(self, key)
        self.fixed_rows.append(row)
        self.fixed_box.addWidget(row)
        self.update_missing()
        return row

    def remove_fixed(self, row: FixedValueRow) -> None:
        self.fixed_rows.remove(row)
        row.setParent(None)  # type: ignore[call-overload]
        row.deleteLater()
        self.update_missing()

    def set_target(self, column: int, key: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(key), 0))

    def set_fixed(self, key: str, text: str) -> None:
        row = next((r for r in self.fixed_rows if r.key() == key), None) or self.add_fixed(key)
        row.value.setText(text)

    def plan(self) -> ImportPlan:
        """The decisions as the page shows them; fixed values still as typed (see fixed_values)."""
        return ImportPlan({i: combo.currentData() for i, combo in self.combos.items()},
                          {r.key(): r.value.text().strip() for r in self.fixed_rows if r.value.text().strip()},
                          self.keep_ignored.isChecked())

    def fixed_values(self) -> tuple[dict[str, Any], list[str]]:
        values, problems = {}, []
        for row in self.fixed_rows:
            text = row.value.text().strip()
            if not text:
                continue
            try:
                values[row.key()] = parse_fixed(row.key(), text)
            except ValueError as exc:
                problems.append(f"固定値 {LABELS[row.key()]}: 「{text}」: {exc}")
        return values, problems

    def update_missing(self) -> None:
        if not self.combos:
            return
        plan = self.plan()
        ignored = [c.header for c in plan.ignored(self.table)]
        self.ignored.setText(("取り込まない列: " + "、".join(ignored)) if ignored else "すべての列を取り込みます。")
        self.keep_ignored.setEnabled(bool(ignored))
        missing = plan.unmapped_required(self.table)
        self.missing.setText(("列も固定値もない項目: " + "、".join(missing) +
                              "。これらは取込後に入力します（その行は「要確認」として登録されます）。") if missing else "")

    def validatePage(self) -> bool:  # noqa: N802
        plan = self.plan()
        twice = plan.twice()
        if twice:
            names = "、".join(f"{LABELS[k]}（{'・'.join(self.table.column(i).letter + '列' for i in cols)}）"
                              for k, cols in twice.items())
            self.problems.show_text(f"1つの項目に複数の列が選ばれています: {names}。どれか1つにしてください。")
            return False
        fixed, problems = self.fixed_values()
        if problems:
            self.problems.show_text("\n".join(problems))
            return False
        plan.fixed = fixed
        table = self.table
        try:
            result = run_task(self, "行を確かめています…", lambda _p: preview(self.ws, table, plan), cancellable=False)
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return False
        self.wizard().result = result  # type: ignore[attr-defined]
        return True


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("確認")
        self.setSubTitle("取り込む行と、その区分です。「取り込む」を押すまで何も保存されません。")
        self.summary = subheading()
        self.summary.setWordWrap(True)
        self.rows = _readonly_table(["行", "管理番号", "個人情報の名称", "部門", "区分", "要確認（未入力）", "判断の理由"])
        self.rows.setWordWrap(True)
        header = self.rows.horizontalHeader()
        for column in (5, 6):  # the long texts wrap in the width left, the rows grow to fit them
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.rows.resizeRowsToContents())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.details)
        layout.addWidget(hint("要確認の行は、取込後に台帳の画面で「要確認」を選ぶと一覧できます。足りない項目を入力すると外れます。"))
        layout.addWidget(self.problems)

    @property
    def result(self) -> ImportPreview:
        return self.wizard().result  # type: ignore[attr-defined]

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self.rows.resizeRowsToContents)  # once the stretched columns have their width

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self.rows.resizeRowsToContents)

    def initializePage(self) -> None:  # noqa: N802
        result = self.result
        self.summary.setText(result.summary())
        names = department_names(self.wizard().ws)  # type: ignore[attr-defined]
        shown = result.rows[:SHOWN_ROWS]
        self.rows.setRowCount(len(shown))
        for r, row in enumerate(shown):
            v = row.values
            number = row.number or (f"（新番号）元 {row.source_number}" if row.source_number else "（新番号）")
            dept = row.department + "（新規）" if row.department else names.get(v.get("department_id"), "")
            cells = (f"{row.row}行目", number, v.get("name") or "（名称なし）", dept, row.verdict(),
                     "、".join(row.missing), "\n".join(row.notes))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 6:
                    item.setToolTip("\n".join(row.notes))
                if c == 5 and row.missing:
                    item.setForeground(Qt.GlobalColor.darkYellow)
                self.rows.setItem(r, c, item)
        self.rows.resizeRowsToContents()
        self.details.setText(self.detail_text())
        self.problems.clear_problems()

    def detail_text(self) -> str:
        result = self.result
        lines = []
        if result.problems:
            lines.append("読めなかった値（空欄にして取り込みます）:")
            lines += [f"・{g}" for g in result.grouped_problems()]
        if result.skipped:
            lines.append("データでない行（読み飛ばします）: " + "、".join(f"{r}行目（{why}）" for r, why in result.skipped))
        lines += [f"・{p}" for p in result.file_problems]
        if result.kept_in_notes:
            lines.append("備考に残す列: " + "、".join(result.kept_in_notes))
        return "\n".join(lines)

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.wizard()
        result = self.result
        try:
            entries = run_task(self, f"{len(result.rows)} 件を台帳に登録しています…",
                               lambda _p: commit(wizard.ws, result), cancellable=False)  # type: ignore[attr-defined]
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return False
        wizard.saved = entries  # type: ignore[attr-defined]
        review = sum(e.needs_review for e in entries)
        messages.info(self, f"{len(entries)} 件を個人情報管理台帳に取り込みました。"
                            + (f"\nうち {review} 件は「要確認」です。台帳の画面で「要確認」を選び、足りない項目を入力してください。"
                               if review else ""), "取込")
        return True


class ImportWizard(QWizard):
    """After 取り込む, `saved` lists the new entries (empty when cancelled)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.table: Table | None = None
        self.result: ImportPreview | None = None
        self.saved: list[InventoryEntry] = []
        self.setWindowTitle("既存の台帳から取込 — pcdesk")
        style_wizard(self, "取り込む", "キャンセル")
        self.setMinimumSize(820, 600)
        self.resize(960, 700)
        self.file_page = FilePage()
        self.mapping_page = MappingPage(ws)
        self.preview_page = PreviewPage()
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)


