"""台帳・帳票: every ledger the person may export, and the blank forms to print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from pcdesk.output.export import list_ledgers, print_path, render_form
from pcdesk.output.form_spec import load_form_spec
from pcdesk.output.forms import list_forms
from pcdesk.output.spec import SpecError
from pcdesk.services import Workspace
from pcdesk.ui.messages import user_errors
from pcdesk.ui.output.export_dialog import open_export_dialog
from pcdesk.ui.output.viewer import open_in_viewer
from pcdesk.ui.widgets import heading, hint


def _label(title: str, description: str) -> str:
    return f"{title}　—　{description}" if description else title


class OutputPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        roles = ws.actor.roles if ws.actor else frozenset()

        self.ledgers = QListWidget()
        for entry in list_ledgers():
            if entry.allowed(roles):
                item = QListWidgetItem(_label(entry.title, entry.description))
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                self.ledgers.addItem(item)
        self.export_button = QPushButton("出力・印刷…")
        self.export_button.setObjectName("primary")

        self.forms = QListWidget()
        for form_id, title in list_forms():
            try:
                spec = load_form_spec(form_id)
            except SpecError:
                continue
            if spec.blank and (not spec.roles or roles & set(spec.roles)):  # a pledge is printed from its worker
                item = QListWidgetItem(_label(title, spec.description))
                item.setData(Qt.ItemDataRole.UserRole, form_id)
                self.forms.addItem(item)
        self.print_form_button = QPushButton("白紙を印刷")
        self.form_status = hint("")
        self.form_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("台帳・帳票の出力"))
        layout.addWidget(hint("台帳は Excel（編集用）または PDF（印刷・提出用、A4）で出力します。"
                              "出力と印刷はすべて監査ログに記録されます。"))
        layout.addWidget(self.ledgers, 3)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        layout.addWidget(heading("記入用紙"))
        layout.addWidget(hint("PDF を作って PDF ビューアーで開きます。ビューアーから印刷してください。"))
        layout.addWidget(self.forms, 1)
        row = QHBoxLayout()
        row.addWidget(self.form_status, 1)
        row.addWidget(self.print_form_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

        self.export_button.clicked.connect(self.export_selected)
        self.ledgers.itemDoubleClicked.connect(lambda _item: self.export_selected())
        self.print_form_button.clicked.connect(self.print_selected_form)
        self.forms.itemDoubleClicked.connect(lambda _item: self.print_selected_form())
        for view in (self.ledgers, self.forms):
            view.setSpacing(3)
            if view.count():
                view.setCurrentRow(0)
        self.export_button.setEnabled(self.ledgers.count() > 0)
        self.print_form_button.setEnabled(self.forms.count() > 0)

    def export_selected(self) -> None:
        item = self.ledgers.currentItem()
        if item is not None:
            open_export_dialog(self, self.ws, item.data(Qt.ItemDataRole.UserRole))

    def print_selected_form(self) -> None:
        item = self.forms.currentItem()
        if item is None:
            return
        form_id = item.data(Qt.ItemDataRole.UserRole)
        self.form_status.setText("")
        with user_errors(self):
            result = render_form(self.ws, form_id, {}, print_path(form_id))
            if open_in_viewer(self, result.path, printing=True):
                self.form_status.setText("PDF ビューアーで開きました。ビューアーの印刷ボタンから印刷してください。")
            else:
                self.form_status.setText(f"PDF を作りましたが、開けませんでした: {result.path}")
