"""Importing the register from CSV or Excel: the file → what was read and every bad row →
取り込む. A thin QWizard over pcdesk.pledges.flow.WorkerImportFlow; nothing is saved before
the last button."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from pcdesk.pledges.flow import CHECK, FILE, WorkerImportFlow
from pcdesk.services import Workspace
from pcdesk.ui.widgets import hint, subheading
from pcdesk.ui.wizard import FlowPage, FlowWizard

FILE_FILTER = "社員名簿 (*.csv *.xlsx *.xlsm *.txt *.tsv)"


class FilePage(FlowPage):
    def __init__(self) -> None:
        super().__init__(FILE, WorkerImportFlow.STEPS[FILE])
        self.setSubTitle("社員名簿の CSV（UTF-8・Shift_JIS）か Excel（.xlsx）ファイルを選んでください。")
        self.path = QLineEdit()
        self.path.setPlaceholderText("例: C:\\Users\\…\\社員名簿.csv")
        self.path.setAccessibleName("ファイル")
        browse = QPushButton("参照…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("ファイル"))
        layout.addLayout(row)
        layout.addWidget(hint("見出しの行（社員番号・従業員番号・社員No、氏名・氏名（漢字）、部署・所属、雇用形態・"
                              "雇用区分、入社日 など）は自動で見つけます。社員番号がすでに登録されている人は、"
                              "ファイルに書かれている項目だけが更新されます。"))
        layout.addWidget(hint("この画面からは何も保存されません。最後の「取り込む」を押すまで名簿は変わりません。"))
        layout.addStretch(1)
        layout.addWidget(self.problems)
        self.clear_problems_on_edit(self.path)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "社員名簿のファイルを選ぶ", "", FILE_FILTER)
        if path:
            self.path.setText(path)

    def collect(self) -> dict[str, Any]:
        return {"path": self.path.text()}


class CheckPage(FlowPage):
    def __init__(self) -> None:
        super().__init__(CHECK, WorkerImportFlow.STEPS[CHECK])
        self.read_as = hint("")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem_table = QTableWidget(0, 3)
        self.problem_table.setHorizontalHeaderLabels(["行", "項目", "直すところ"])
        self.problem_table.verticalHeader().hide()
        self.problem_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.problem_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.setWordWrap(True)
        self.valid_only = QCheckBox("直すところのある行を除いて、正しい行だけを取り込む")
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_as)
        layout.addWidget(self.summary)
        self.problems_heading = subheading("直すところのある行")
        layout.addWidget(self.problems_heading)
        layout.addWidget(self.problem_table, 1)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        result = self.flow.preview  # type: ignore[attr-defined]
        self.read_as.setText("\n".join(result.header_lines()))
        self.summary.setText(result.summary())
        rows = result.problems
        self.problem_table.setRowCount(len(rows))
        for i, p in enumerate(rows):
            value = f"「{p.value}」: " if p.value else ""
            for j, text in enumerate((f"{p.row}行目" if p.row else "ファイル", p.field, value + p.message)):
                self.problem_table.setItem(i, j, QTableWidgetItem(text))
        self.problem_table.resizeRowsToContents()
        for w in (self.problems_heading, self.problem_table, self.valid_only):
            w.setVisible(bool(rows))
        self.valid_only.setChecked(False)

    def collect(self) -> dict[str, Any]:
        return {"valid_only": self.valid_only.isChecked()}


class WorkerImportWizard(FlowWizard):
    """`saved` is the SaveCount once 取り込む succeeded."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(WorkerImportFlow(ws), "取り込む", "キャンセル", parent)
        self.setWindowTitle("従業者名簿の取込")
        self.resize(820, 600)
        self.saved = None
        self.add_step(FilePage())
        self.add_step(CheckPage())

    def finish_flow(self) -> None:
        self.saved = self.flow.finish()  # type: ignore[attr-defined]
