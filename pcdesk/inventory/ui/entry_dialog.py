"""One ledger entry: its class with the reasons, every field (editable with a 変更理由),
and its revision history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from pcdesk.dates import format_date, format_datetime
from pcdesk.errors import PcdeskError
from pcdesk.inventory import rules
from pcdesk.inventory.choices import ACTIVE, STATUSES
from pcdesk.inventory.classification import classify, handling_notes
from pcdesk.inventory.fields import SECTIONS, SPECS
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.roles import EDITORS, may
from pcdesk.inventory.service import get_entry, list_revisions, missing_labels, update_entry
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.inventory.ui.classification_panel import ClassificationPanel
from pcdesk.inventory.ui.fields import make_field, read_fields, write_fields
from pcdesk.ui.messages import user_errors
from pcdesk.ui.widgets import DialogButtons, ProblemLabel, close_only, heading, hint, scroll_area, subheading


# Beside the survey's sections: the class as a person states it, when the items mislead.
JUDGEMENT = ("judgement", "区分の判断", ("sensitive_declared", "specific_declared"))


def can_edit(ws: Workspace) -> bool:
    return may(ws.actor, EDITORS)


class EntryDialog(QDialog):
    """Detail of an entry; editable for 管理者・担当者 while it is in use. `saved` after 保存."""

    def __init__(self, ws: Workspace, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.entry: InventoryEntry = get_entry(ws, entry_id)
        self.saved = False
        self.editable = can_edit(ws) and self.entry.status == ACTIVE
        self.date_style = load_settings(ws).date_style
        self.setWindowTitle(f"{self.entry.number} {self.entry.name} — 個人情報管理台帳")
        self.setMinimumSize(760, 600)
        self.resize(860, 720)

        self.panel = ClassificationPanel()
        self.state = hint("")
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet("color: #9a5b00; font-weight: bold;")
        self.fields: dict[str, QWidget] = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)  # one form, so every label lines up
        form.setContentsMargins(0, 0, 10, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for step, title, keys in (*SECTIONS[:-1], JUDGEMENT, SECTIONS[-1]):
            keys = tuple(k for k in keys if k != "sensitive_items")
            section = subheading(title if step != "confirm" else "備考")
            section.setContentsMargins(0, 8, 0, 0)
            form.addRow(section)
            for key in keys:
                widget = make_field(key, ws)
                self.fields[key] = widget
                form.addRow(SPECS[key].label, widget)
        write_fields(self.fields, self.entry.values())
        for widget in self.fields.values():
            widget.changed.connect(self.update_classification)  # type: ignore[attr-defined]
            widget.setEnabled(self.editable)
        scroll = scroll_area(form_widget)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText("例: 保管場所をファイルサーバーに移したため")
        self.reason.setAccessibleName("変更理由")
        self.problems = ProblemLabel()
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel("変更理由"))
        reason_row.addWidget(self.reason, 1)

        buttons = DialogButtons(self)
        self.history_button = buttons.add_action("履歴…", self.show_history)
        self.save_button = buttons.add_ok("保存") if self.editable else None
        buttons.add_cancel("キャンセル" if self.editable else "閉じる")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(f"{self.entry.number}　{self.entry.name}"))
        layout.addWidget(self.state)
        layout.addWidget(self.review_note)
        layout.addWidget(self.panel)
        layout.addWidget(scroll, 1)
        if self.editable:
            layout.addLayout(reason_row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.show_state()
        self.update_classification()

    def show_state(self) -> None:
        e = self.entry
        parts = [f"状態: {STATUSES.get(e.status, e.status)}", f"第{e.revision}版",
                 f"最終見直し: {format_date(e.last_reviewed_on, self.date_style)}（{e.reviewed_by}）"]
        if e.retired_on:
            parts.append(f"廃止日: {format_date(e.retired_on, self.date_style)}（{e.retired_reason}）")
        if e.source_number:
            parts.append(f"取込元の管理番号: {e.source_number}")
        if not self.editable:
            parts.append("閲覧のみ" if e.status == ACTIVE else "廃止された項目は編集できません")
        self.state.setText("　".join(parts))
        self.review_note.setText(f"要確認: 次の項目がまだ入力されていません — {'、'.join(missing_labels(e))}。"
                                 "入力して保存すると、すべてそろった時点で要確認が外れます。" if e.needs_review else "")
        self.review_note.setVisible(e.needs_review)

    def values(self) -> dict[str, Any]:
        return read_fields(self.fields)

    def update_classification(self) -> None:
        answers = rules.clean({**self.entry.values(), **self.values()})
        self.panel.show_classification(classify(answers), handling_notes(answers))

    def accept(self) -> None:
        if not self.editable:
            super().accept()
            return
        try:
            before = self.entry.revision
            self.entry = update_entry(self.ws, self.entry.id, self.values(), self.reason.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.saved = self.entry.revision != before
        super().accept()

    def show_history(self) -> None:
        RevisionDialog(self.ws, self.entry, self).exec()


class RevisionDialog(QDialog):
    """Every version of an entry, newest first, with what changed."""

    def __init__(self, ws: Workspace, entry: InventoryEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"変更履歴 — {entry.number} {entry.name}")
        self.resize(780, 560)
        style = load_settings(ws).date_style
        self.revisions = []
        with user_errors(self):
            self.revisions = list_revisions(ws, entry.id)
        self.list = QListWidget()
        self.list.setAccessibleName("版")
        for rev in self.revisions:
            item = QListWidgetItem(f"第{rev.revision}版　{format_datetime(rev.changed_at, style)}　{rev.changed_by}\n"
                                   f"　{rev.reason}")
            self.list.addItem(item)
        self.changes = QTableWidget(0, 3)
        self.changes.setHorizontalHeaderLabels(["項目", "変更前", "変更後"])
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setWordWrap(True)
        self.changes.verticalHeader().hide()
        header = self.changes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.currentRowChanged.connect(self.show_changes)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.changes)
        splitter.setStretchFactor(1, 2)
        close = close_only(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(f"変更履歴　{entry.number} {entry.name}"))
        layout.addWidget(hint("版を選ぶと、その版で変わった項目が表示されます。台帳の項目は削除されず、すべての版が残ります。"))
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        if self.revisions:
            self.list.setCurrentRow(0)

    def show_changes(self, row: int) -> None:
        changes = self.revisions[row].changes if 0 <= row < len(self.revisions) else []
        if 0 <= row < len(self.revisions) and not changes and self.revisions[row].revision == 1:
            changes = [("（新規登録）", "", "")]
        self.changes.setRowCount(len(changes))
        for r, (label, before, after) in enumerate(changes):
            for c, text in enumerate((label, before, after)):
                self.changes.setItem(r, c, QTableWidgetItem(text))
        self.changes.resizeRowsToContents()

    def change_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.changes.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.changes.rowCount())]
