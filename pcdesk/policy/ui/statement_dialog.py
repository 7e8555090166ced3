"""利用目的の明示: the short block for application forms and web forms, copied as text or HTML."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from pcdesk.policy.statement import statement_html, statement_text, statement_version, subjects
from pcdesk.services import Workspace
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import DialogButtons, heading, hint

ALL = "（すべての区分）"


def copy_to_clipboard(text: str, html: str = "") -> None:
    """Plain text for mail and forms; HTML too, so a web editor keeps the headings and lists."""
    mime = QMimeData()
    mime.setText(text)
    if html:
        mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)


class StatementDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("利用目的の明示")
        self.resize(680, 560)
        self.version = statement_version(ws)
        self.subject = QComboBox()
        self.subject.addItem(ALL, None)
        for subject in subjects(self.version):
            self.subject.addItem(subject, subject)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.status = hint("")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("利用目的の明示"))
        layout.addWidget(hint(f"申込書・アンケート・Web フォームなどで本人から直接個人情報を書いてもらうときに添える文です"
                              f"（{self.version.label}の内容から作ります）。本人の区分を選ぶと、その区分の利用目的だけになります。"))
        form = QFormLayout()
        form.addRow("本人の区分", self.subject)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        buttons = DialogButtons(self)
        self.copy_text = buttons.add_action("テキストをコピー", self.copy_as_text)
        self.copy_html = buttons.add_action("HTML をコピー", self.copy_as_html)
        buttons.add_cancel("閉じる")
        layout.addWidget(buttons)
        self.subject.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        with user_errors(self):
            self.text.setPlainText(statement_text(self.ws, self.subject.currentData(), self.version))
        self.status.setText("")

    def copy_as_text(self) -> None:
        copy_to_clipboard(self.text.toPlainText())
        self.status.setText("テキストをクリップボードにコピーしました。申込書や Web フォームに貼り付けてください。")

    def copy_as_html(self) -> None:
        with user_errors(self):
            html = statement_html(self.ws, self.subject.currentData(), self.version)
            copy_to_clipboard(self.text.toPlainText(), html)
            self.status.setText("HTML をクリップボードにコピーしました。Web ページの編集画面に貼り付けてください。")
