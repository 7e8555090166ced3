"""誓約書のひな形: the five kinds of pledge, every version with its date, and revising the text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from pcdesk.dates import format_date, format_datetime
from pcdesk.output.export import print_path
from pcdesk.pledges.model import TEMPLATE_KINDS
from pcdesk.pledges.printing import print_sample
from pcdesk.pledges.templates import TemplateText, numbered_text
from pcdesk.pledges.versions import template_versions
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import load_settings
from pcdesk.ui.messages import user_errors
from pcdesk.ui.page import action_button, action_row, open_dialog, page_layout
from pcdesk.ui.widgets import subheading

KIND_NOTES = {
    "joining": "入社するとき（役員・正社員・契約社員・パート・アルバイト・出向者）",
    "annual": "在職者が年に1回、またはひな形を改訂したときに取り直す",
    "leaving": "退職するとき（返還・消去の確認と退職後の秘密保持）",
    "dispatched": "派遣社員を受け入れるとき（派遣元との契約とあわせて）",
    "contractor": "委託先の要員が事業所に常駐するとき",
}


def full_text(t: TemplateText) -> str:
    return "\n\n".join(x for x in (t.title, t.preamble, numbered_text(t.clauses), t.closing) if x)


class TemplatesPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog = None
        self.date_style = load_settings(ws).date_style
        self.versions: list[TemplateText] = []

        self.kinds = QListWidget()
        self.kinds.setAccessibleName("誓約書の種類")
        for kind, label in TEMPLATE_KINDS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(KIND_NOTES[kind])
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(190)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["版", "改訂日", "改訂の理由", "登録"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("文面")
        self.kind_note = subheading("")

        self.revise_button = action_button("文面を改訂…", self.revise, "いまの版をもとに文面を直し、新しい版として保存します。"
                                                                    "前の版に署名した人は「要再取得」になります。", True)
        self.revise_button.setVisible(bool(ws.actor and ws.actor.has(ADMIN)))
        self.sample_button = action_button("見本を印刷", self.print_sample, "いまの版を、氏名などの欄を空けて PDF にします。")

        splitter = QSplitter(Qt.Orientation.Vertical)  # the versions above, the chosen version's text below
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([150, 450])
        right = QVBoxLayout()
        right.addWidget(self.kind_note)
        right.addWidget(splitter, 1)
        body = QHBoxLayout()
        body.addWidget(self.kinds)
        body.addLayout(right, 1)
        layout = page_layout(self, "誓約書のひな形",
                             note="誓約書の文面は種類ごとに版で管理します。直すたびに新しい版（日付つき）になり、"
                                  "前の版も残ります。条の番号（第1条…）は印刷のときに付きます。")
        layout.addLayout(action_row(self.revise_button, self.sample_button))
        layout.addLayout(body, 1)

        self.kinds.currentRowChanged.connect(lambda _r: self.show_kind())
        self.table.itemSelectionChanged.connect(self.show_version)
        self.kinds.setCurrentRow(0)

    def current_kind(self) -> str:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else "joining"

    def show_kind(self) -> None:
        kind = self.current_kind()
        self.kind_note.setText(f"{TEMPLATE_KINDS[kind]}: {KIND_NOTES[kind]}")
        with user_errors(self):
            self.versions = template_versions(self.ws, kind)
        self.table.setRowCount(len(self.versions))
        for i, v in enumerate(self.versions):
            made = f"{format_datetime(v.created_at, self.date_style)} {v.created_by}" if v.created_at else "（未使用）"
            cells = (f"第{v.version}版" + ("（現在）" if i == 0 else ""),
                     format_date(v.effective_on, self.date_style) if v.effective_on else "—", v.note, made)
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        if self.versions:
            self.table.selectRow(0)
        self.show_version()

    def show_version(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.versions):
            self.preview.setPlainText(full_text(self.versions[row]))

    def revise(self) -> None:
        from pcdesk.pledges.ui.template_dialog import TemplateDialog

        with user_errors(self):
            dialog = TemplateDialog(self.ws, self.current_kind(), self)
            open_dialog(self, dialog, lambda _r: self.show_kind() if dialog.saved else None)

    def print_sample(self) -> None:
        from pcdesk.ui.output.viewer import open_in_viewer

        with user_errors(self):
            result = print_sample(self.ws, self.current_kind(), print_path("pledge"))
            self.show_kind()
            open_in_viewer(self, result.path, printing=True)
