"""One worker of the register: new or edited (管理者), with the 退職日 when they leave."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from pcdesk.company.service import list_departments
from pcdesk.dates import today
from pcdesk.errors import PcdeskError
from pcdesk.pledges.fields import WORKER_FIELDS
from pcdesk.pledges.model import EMPLOYMENTS, Worker
from pcdesk.pledges.screens import agency_label
from pcdesk.pledges.service import create_worker, get_worker, update_worker
from pcdesk.services import Workspace
from pcdesk.ui.widgets import ProblemLabel, date_edit, form_layout, hint, ok_cancel, to_date

SPECS = {f.key: f for f in WORKER_FIELDS}


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class WorkerDialog(QDialog):
    """`saved` holds the worker after 保存."""

    def __init__(self, ws: Workspace, worker_id: int | None = None, parent: QWidget | None = None,
                 leaving: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.worker: Worker | None = get_worker(ws, worker_id) if worker_id is not None else None
        self.saved: Worker | None = None
        self.setWindowTitle("従業者の登録" if self.worker is None else f"{self.worker.name} — 従業者")
        self.setMinimumWidth(560)

        self.number = QLineEdit()
        self.name = QLineEdit()
        self.kana = QLineEdit()
        for key, edit in (("number", self.number), ("name", self.name), ("kana", self.kana)):
            edit.setPlaceholderText(SPECS[key].placeholder)
            edit.setAccessibleName(SPECS[key].label)
        self.department = QComboBox()
        self.department.setAccessibleName("所属")
        for d in list_departments(ws, include_inactive=True):
            if d.active or (self.worker is not None and d.id == self.worker.department_id):
                self.department.addItem(d.name, d.id)
        self.employment = QComboBox()
        self.employment.setAccessibleName("雇用区分")
        for key, label in EMPLOYMENTS.items():
            self.employment.addItem(label, key)
        self.agency = QLineEdit()
        self.agency.setPlaceholderText(SPECS["agency"].placeholder)
        self.agency.setAccessibleName("派遣元・所属会社")
        self.agency_label = QLabel(agency_label(None))
        self.joined = date_edit(_qdate(today()))
        self.joined.setAccessibleName("入社日")
        self.has_left = QCheckBox("退職した")
        self.left = date_edit(_qdate(today()))
        self.left.setAccessibleName("退職日")
        self.email = QLineEdit()
        self.email.setPlaceholderText(SPECS["email"].placeholder)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.problems = ProblemLabel()

        left_row = QHBoxLayout()
        left_row.addWidget(self.has_left)
        left_row.addWidget(self.left)
        left_row.addStretch(1)
        joined_row = QHBoxLayout()
        joined_row.addWidget(self.joined)
        joined_row.addStretch(1)
        form = form_layout()
        form.addRow("社員番号", self.number)
        form.addRow("", hint(SPECS["number"].help))
        form.addRow("氏名", self.name)
        form.addRow("フリガナ", self.kana)
        form.addRow("所属", self.department)
        form.addRow("雇用区分", self.employment)
        form.addRow(self.agency_label, self.agency)
        form.addRow("入社日", joined_row)
        form.addRow("退職日", left_row)
        form.addRow("メールアドレス", self.email)
        form.addRow("備考", self.note)
        buttons = ok_cancel(self, "保存")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        self.employment.currentIndexChanged.connect(self._employment_changed)
        self.has_left.toggled.connect(self.left.setEnabled)
        self._fill()
        if leaving:
            self.has_left.setChecked(True)
            self.left.setFocus()

    def _fill(self) -> None:
        w = self.worker
        if w is None:
            self.left.setEnabled(False)
            self._employment_changed()
            return
        self.number.setText(w.number)
        self.name.setText(w.name)
        self.kana.setText(w.kana)
        self.department.setCurrentIndex(max(self.department.findData(w.department_id), 0))
        self.employment.setCurrentIndex(max(self.employment.findData(w.employment), 0))
        self.agency.setText(w.agency)
        self.joined.setDate(_qdate(w.joined_on))
        self.has_left.setChecked(w.left_on is not None)
        self.left.setEnabled(w.left_on is not None)
        if w.left_on is not None:
            self.left.setDate(_qdate(w.left_on))
        self.email.setText(w.email)
        self.note.setPlainText(w.note)
        self._employment_changed()

    def _employment_changed(self) -> None:
        self.agency_label.setText(agency_label(self.employment.currentData()))

    def values(self) -> dict:
        return {"number": self.number.text(), "name": self.name.text(), "kana": self.kana.text(),
                "department_id": self.department.currentData(), "employment": self.employment.currentData(),
                "agency": self.agency.text(), "joined_on": to_date(self.joined.date()),
                "left_on": to_date(self.left.date()) if self.has_left.isChecked() else None,
                "email": self.email.text(), "note": self.note.toPlainText()}

    def accept(self) -> None:
        try:
            if self.worker is None:
                self.saved = create_worker(self.ws, self.values())
            else:
                self.saved = update_worker(self.ws, self.worker.id, self.values())
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()
