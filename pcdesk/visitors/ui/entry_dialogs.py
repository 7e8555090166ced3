"""Administration dialogs for one entry: correct it (with the reason), record a forgotten
check-out at the real time, enter a visit from the paper sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QDialog, QLabel, QLineEdit, QPlainTextEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from pcdesk.dates import format_datetime, now
from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.visitors.fields import FIELD, PURPOSES
from pcdesk.visitors.model import VisitorEntry
from pcdesk.visitors.service import close_by_hand, correct_entry, corrections_of, host_names, register_by_hand
from pcdesk.ui.widgets import ProblemLabel, form_layout, heading, hint, ok_cancel


def datetime_edit(moment: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(moment))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日 HH:mm")
    edit.setMaximumDateTime(QDateTime(now()))
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026年12月31日 00:00") + 56)
    return edit


def moment_of(edit: QDateTimeEdit) -> dt.datetime:
    return edit.dateTime().toPython().replace(second=0, microsecond=0)  # type: ignore[union-attr]


class EntryForm(QWidget):
    """The fields of a visit as the administrator edits them."""

    def __init__(self, ws: Workspace, entry: VisitorEntry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        moment = now()
        self.entered = datetime_edit(entry.entered_at if entry else moment)
        self.has_left = QCheckBox("退室した")
        self.left = datetime_edit(entry.left_at if entry and entry.left_at else moment)
        self.has_left.setChecked(bool(entry and entry.left_at))
        self.left.setEnabled(self.has_left.isChecked())
        self.has_left.toggled.connect(self.left.setEnabled)
        self.name = QLineEdit(entry.name if entry else "")
        self.company = QLineEdit(entry.company if entry else "")
        self.party = QSpinBox()
        self.party.setRange(int(FIELD["party_size"].minimum or 1), int(FIELD["party_size"].maximum or 50))
        self.party.setValue(entry.party_size if entry else 1)
        self.purpose = QComboBox()
        self.purpose.setEditable(True)
        self.purpose.addItems([label for _v, label in PURPOSES])
        self.purpose.setCurrentText(entry.purpose if entry else PURPOSES[0][1])
        self.host = QComboBox()
        self.host.setEditable(True)
        self.host.addItems(host_names(ws))
        self.host.setCurrentText(entry.host_name if entry else "")
        self.areas = QLineEdit(entry.areas if entry else "")
        self.received_by = QLineEdit(entry.received_by if entry else "")
        self.notes = QPlainTextEdit(entry.notes if entry else "")
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        for edit, spec in ((self.name, "name"), (self.company, "company"), (self.areas, "areas"),
                           (self.received_by, "received_by")):
            edit.setMaxLength(FIELD[spec].max_length or 100)
            edit.setPlaceholderText(FIELD[spec].placeholder or FIELD[spec].example)
        form = form_layout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("入室時刻", self.entered)
        form.addRow(self.has_left, self.left)
        for text, widget in (("氏名", self.name), ("会社名", self.company), ("人数", self.party),
                             ("用件", self.purpose), ("面会者", self.host), ("立入区域", self.areas),
                             ("受付者", self.received_by), ("備考", self.notes)):
            form.addRow(text, widget)

    def values(self) -> dict[str, Any]:
        return {"entered_at": moment_of(self.entered),
                "left_at": moment_of(self.left) if self.has_left.isChecked() else None,
                "name": self.name.text(), "company": self.company.text(), "party_size": self.party.value(),
                "purpose": self.purpose.currentText(), "host_name": self.host.currentText(),
                "areas": self.areas.text(), "received_by": self.received_by.text(),
                "notes": self.notes.toPlainText()}


class CorrectionDialog(QDialog):
    """訂正: only what changed is saved, with the reason, into the history and the audit trail."""

    def __init__(self, ws: Workspace, entry: VisitorEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.entry = ws, entry
        self.saved = False
        self.setWindowTitle("記録の訂正")
        self.setMinimumWidth(540)
        self.form = EntryForm(ws, entry)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("例: 氏名の誤字を本人の申し出により訂正")
        self.reason.setAccessibleName("訂正の理由")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("記録の訂正"))
        layout.addWidget(hint("直した項目と理由は訂正の履歴と監査ログに残ります。記録は削除できません。"))
        layout.addWidget(self.form)
        reason = form_layout()
        reason.addRow("訂正の理由（必須）", self.reason)
        layout.addLayout(reason)
        history = corrections_of(ws, entry.id)
        if history:
            lines = [f"・{format_datetime(c.at)} {c.by_name}: {c.reason}（{'、'.join(self._labels(c.changes))}）"
                     for c in history]
            shown = QLabel("これまでの訂正:\n" + "\n".join(lines))
            shown.setObjectName("hint")
            shown.setWordWrap(True)
            layout.addWidget(shown)
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "訂正を保存"))
        self.reason.setFocus()

    @staticmethod
    def _labels(changes: dict) -> list[str]:
        return [FIELD[k].label if k in FIELD else k for k in changes]

    def changes(self) -> dict[str, Any]:
        """What the administrator changed (times compared to the minute, as the fields show them)."""
        def same(key: str, value: Any) -> bool:
            old = getattr(self.entry, key)
            if isinstance(old, dt.datetime) and isinstance(value, dt.datetime):
                return old.replace(second=0, microsecond=0) == value
            return old == value

        return {k: v for k, v in self.form.values().items() if not same(k, v)}

    def accept(self) -> None:
        try:
            correct_entry(self.ws, self.entry.id, self.changes(), self.reason.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.saved = True
        super().accept()


class CloseDialog(QDialog):
    """退室を記録: a forgotten check-out, at the time the visitor really left."""

    def __init__(self, ws: Workspace, entry: VisitorEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.entry = ws, entry
        self.saved = False
        self.setWindowTitle("退室の記録")
        self.setMinimumWidth(500)
        guess = min(now(), entry.entered_at + dt.timedelta(hours=1))
        self.left = datetime_edit(guess)
        self.left.setMinimumDateTime(QDateTime(entry.entered_at))
        self.returned = QCheckBox(f"入館証 {entry.pass_number} は返却済み" if entry.held_pass else "入館証は返却済み")
        self.returned.setChecked(True)
        self.returned.setVisible(bool(entry.held_pass))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("例: 面会者の佐藤さんに退室時刻を確認")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("退室の記録"))
        layout.addWidget(hint(f"{entry.name}（{entry.company or '個人'}）、入室 {format_datetime(entry.entered_at)}。"
                              "実際に退室した時刻を、面会者などに確かめて入力してください。"))
        form = form_layout()
        form.addRow("退室時刻", self.left)
        form.addRow("", self.returned)
        form.addRow("確かめた方法", self.reason)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "退室を記録"))
        self.left.setFocus()

    def accept(self) -> None:
        try:
            close_by_hand(self.ws, self.entry.id, moment_of(self.left), self.returned.isChecked(), self.reason.text())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        self.saved = True
        super().accept()


class PaperEntryDialog(QDialog):
    """記録票から入力: a visit written on the paper 外来者入退室記録票, entered with its own times."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.entry: VisitorEntry | None = None
        self.setWindowTitle("記録票から入力")
        self.setMinimumWidth(540)
        self.form = EntryForm(ws)
        self.form.has_left.setChecked(True)
        self.form.notes.setPlainText("記録票（紙）から入力")
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("記録票から入力"))
        layout.addWidget(hint("受付端末を使わずに紙の記録票に書いてもらった来訪を、記録票のとおりに入力します。"
                              "入力した記録票は施錠して保管し、保存期間が過ぎたら裁断します。"))
        layout.addWidget(self.form)
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "登録"))
        self.form.name.setFocus()

    def accept(self) -> None:
        try:
            self.entry = register_by_hand(self.ws, self.form.values())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()
