"""公表: freeze the draft as the version in force, with its date and 改定内容.

A refusal lists every item still missing (from pcdesk.policy.service.publish) in red,
so the person sees all of them at once.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pcdesk import clock
from pcdesk.errors import PcdeskError
from pcdesk.policy.compare import change_summary
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.service import compare_versions, publish, published_version
from pcdesk.services import Workspace
from pcdesk.ui.widgets import ProblemLabel, date_edit, heading, hint, ok_cancel, to_date


class PublishDialog(QDialog):
    def __init__(self, ws: Workspace, draft: PolicyVersion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.draft = ws, draft
        self.published: PolicyVersion | None = None
        self.setWindowTitle(f"{draft.label}の公表")
        self.setMinimumWidth(560)
        today = clock.today()
        self.day = date_edit(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        previous = published_version(ws)
        if previous is not None:
            changes = compare_versions(ws, previous.id, draft.id)
            self.note.setText(change_summary(changes))
            what = f"{previous.label}から変わった条項: {sum(c.changed for c in changes)} 件"
        else:
            self.note.setText("制定")
            what = "はじめて公表する版です。改定内容は「制定」と記録されます（制定日と公表日が違うときは「改定」）。"
        self.problems = ProblemLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{draft.label}を公表する"))
        layout.addWidget(hint("公表すると、この版の本文は固定され、変更できなくなります。公表日と改定内容は"
                              "改定履歴に印刷されます。公表後は PDF を掲示し、HTML を Web サイトに載せてください。"))
        layout.addWidget(QLabel(what))
        form = QFormLayout()
        form.addRow("公表日", self.day)
        form.addRow("改定内容", self.note)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        self.buttons = ok_cancel(self, "公表する")
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.published = publish(self.ws, self.draft.id, self.note.text(), to_date(self.day.date()))
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        super().accept()
