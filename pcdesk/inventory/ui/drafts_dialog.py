"""Choosing an unfinished survey to resume (or throwing one away)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pcdesk.inventory.model import SurveyDraft
from pcdesk.inventory.screens import draft_label
from pcdesk.inventory.service import delete_draft, department_names, list_drafts
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.ui import messages
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import DialogButtons, heading, hint


class DraftsDialog(QDialog):
    """`chosen` holds the draft id to resume after 再開."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.chosen: int | None = None
        self.drafts: list[SurveyDraft] = []
        self.setWindowTitle("下書きから再開 — pcdesk")
        self.resize(620, 400)
        self.list = QListWidget()
        self.list.setAccessibleName("下書き")
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = DialogButtons(self)
        self.resume_button = buttons.add_ok("再開", default=False)
        self.delete_button = buttons.add_action("削除", self.delete_selected)
        buttons.add_cancel()
        self.list.currentRowChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading("下書きから再開"))
        layout.addWidget(hint("途中まで回答した調査票です。選んで「再開」を押すと、保存したページから続きを入力できます。"))
        self.empty_note = hint("下書きはありません。\n調査の途中で「下書き保存」を押すと、ここに表示されます。")
        self.empty_note.setObjectName("empty")  # stands where the list would be
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_note, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        with user_errors(self):
            names = department_names(self.ws)
            style = load_settings(self.ws).date_style
            self.drafts = list_drafts(self.ws)
            self.list.clear()
            for d in self.drafts:
                self.list.addItem(QListWidgetItem(draft_label(d, names, style)))
            if self.drafts:
                self.list.setCurrentRow(0)
        self.list.setVisible(bool(self.drafts))
        self.empty_note.setVisible(not self.drafts)
        self._update_buttons()

    def _update_buttons(self) -> None:
        some = 0 <= self.list.currentRow() < len(self.drafts)
        self.resume_button.setEnabled(some)
        self.delete_button.setEnabled(some)

    def selected(self) -> SurveyDraft | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def delete_selected(self) -> None:
        draft = self.selected()
        if draft is None or not messages.ask(self, f"下書き「{draft.title}」を削除しますか？\n削除した回答は元に戻せません。",
                                             "下書きの削除"):
            return
        with user_errors(self):
            delete_draft(self.ws, draft.id)
        self.refresh()

    def accept(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        self.chosen = draft.id
        super().accept()
