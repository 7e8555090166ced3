"""Revising a pledge's text: title, preamble, the clauses (each a heading and its text,
numbered when printed), closing, the date and the reason. Saved as a new version."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from pcdesk.dates import today
from pcdesk.errors import PcdeskError
from pcdesk.pledges.model import TEMPLATE_KINDS
from pcdesk.pledges.pledging import standings
from pcdesk.pledges.rules import RENEW
from pcdesk.pledges.service import WorkerFilter
from pcdesk.pledges.templates import Clause, clause_number
from pcdesk.pledges.versions import current_template, save_template_version
from pcdesk.services import Workspace
from pcdesk.ui import messages
from pcdesk.ui.widgets import ProblemLabel, date_edit, hint, ok_cancel, subheading, to_date


class TemplateDialog(QDialog):
    """`saved` holds the new version after 保存."""

    def __init__(self, ws: Workspace, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.saved = None
        self.base = current_template(ws, kind)
        self.clauses: list[Clause] = list(self.base.clauses)
        self.setWindowTitle(f"誓約書（{TEMPLATE_KINDS[kind]}）を改訂 — 第{self.base.version}版をもとに")
        self.resize(900, 680)

        self.title = QLineEdit(self.base.title)
        self.title.setAccessibleName("表題")
        self.preamble = QPlainTextEdit(self.base.preamble)
        self.preamble.setAccessibleName("前文")
        self.preamble.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.clause_list = QListWidget()
        self.clause_list.setAccessibleName("条項")
        self.heading = QLineEdit()
        self.heading.setAccessibleName("見出し")
        self.heading.setPlaceholderText("例: 守秘義務")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("本文")
        self.closing = QLineEdit(self.base.closing)
        self.closing.setAccessibleName("結び")
        self.effective = date_edit(QDate(today().year, today().month, today().day))
        self.effective.setAccessibleName("改訂日")
        self.note = QLineEdit()
        self.note.setAccessibleName("改訂の理由")
        self.note.setPlaceholderText("例: 生成AIサービスへの入力の禁止を追加")
        self.problems = ProblemLabel()

        buttons = QVBoxLayout()
        for text, slot in (("追加", self.add_clause), ("削除", self.remove_clause), ("上へ", lambda: self.move(-1)),
                           ("下へ", lambda: self.move(1))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        editor = QVBoxLayout()
        editor.addWidget(QLabel("見出し"))
        editor.addWidget(self.heading)
        editor.addWidget(QLabel("本文（「（1）」で始まる行は、印刷で2行目以降が字下げされます）"))
        editor.addWidget(self.text, 1)
        clauses = QHBoxLayout()
        clauses.addWidget(self.clause_list, 2)
        clauses.addLayout(buttons)
        clauses.addLayout(editor, 5)

        top = QGridLayout()
        top.addWidget(QLabel("表題"), 0, 0)
        top.addWidget(self.title, 0, 1)
        top.addWidget(QLabel("前文"), 1, 0)
        top.addWidget(self.preamble, 1, 1)
        bottom = QGridLayout()
        bottom.addWidget(QLabel("結び"), 0, 0)
        bottom.addWidget(self.closing, 0, 1)
        bottom.addWidget(QLabel("改訂日"), 1, 0)
        date_row = QHBoxLayout()
        date_row.addWidget(self.effective)
        date_row.addStretch(1)
        bottom.addLayout(date_row, 1, 1)
        bottom.addWidget(QLabel("改訂の理由"), 2, 0)
        bottom.addWidget(self.note, 2, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(subheading("条項"))
        layout.addLayout(clauses, 1)
        layout.addLayout(bottom)
        layout.addWidget(hint("文中の {company}（社名）{representative}（代表者）{agency}（派遣元・所属会社）{name}（氏名）は、"
                              "印刷のときに差し込まれます。保存すると新しい版になり、前の版に署名した人は「要再取得」になります。"))
        layout.addWidget(self.problems)
        layout.addWidget(ok_cancel(self, "新しい版として保存"))

        self._current = -1
        self.clause_list.currentRowChanged.connect(self._select)
        self.heading.textEdited.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        self._fill_list(0)

    # -- clauses ------------------------------------------------------------------------
    def _label(self, n: int, c: Clause) -> str:
        return f"{clause_number(n)}　{c.heading or '（見出しなし）'}"

    def _fill_list(self, select: int) -> None:
        self._current = -1
        self.clause_list.blockSignals(True)
        self.clause_list.clear()
        for n, c in enumerate(self.clauses, 1):
            self.clause_list.addItem(self._label(n, c))
        self.clause_list.blockSignals(False)
        if self.clauses:
            self.clause_list.setCurrentRow(max(0, min(select, len(self.clauses) - 1)))
            self._select(self.clause_list.currentRow())
        else:
            self._select(-1)

    def _select(self, row: int) -> None:
        self._current = -1  # while the editors are filled, edits are not written back
        clause = self.clauses[row] if 0 <= row < len(self.clauses) else Clause("", "")
        self.heading.setText(clause.heading)
        self.text.setPlainText(clause.text)
        for w in (self.heading, self.text):
            w.setEnabled(0 <= row < len(self.clauses))
        self._current = row

    def _edited(self) -> None:
        row = self._current
        if 0 <= row < len(self.clauses):
            self.clauses[row] = Clause(self.heading.text(), self.text.toPlainText())
            self.clause_list.item(row).setText(self._label(row + 1, self.clauses[row]))

    def add_clause(self) -> None:
        at = self._current + 1 if self._current >= 0 else len(self.clauses)
        self.clauses.insert(at, Clause("", ""))
        self._fill_list(at)
        self.heading.setFocus()

    def remove_clause(self) -> None:
        row = self._current
        if 0 <= row < len(self.clauses):
            del self.clauses[row]
            self._fill_list(row)

    def move(self, step: int) -> None:
        row = self._current
        to = row + step
        if 0 <= row < len(self.clauses) and 0 <= to < len(self.clauses):
            self.clauses[row], self.clauses[to] = self.clauses[to], self.clauses[row]
            self._fill_list(to)

    # -- saving ---------------------------------------------------------------------------
    def values(self) -> dict:
        return {"title": self.title.text(), "preamble": self.preamble.toPlainText(), "closing": self.closing.text(),
                "effective_on": to_date(self.effective.date()), "note": self.note.text()}

    def accept(self) -> None:
        try:
            before = {r.worker.id for r in standings(self.ws, WorkerFilter(), state=RENEW)}
            self.saved = save_template_version(self.ws, self.kind, self.values(), self.clauses)
            after = {r.worker.id for r in standings(self.ws, WorkerFilter(), state=RENEW)}
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return
        newly = len(after - before)
        messages.info(self, f"第{self.saved.version}版として保存しました。"
                      + (f"\n前の版に署名していた {newly} 人が「要再取得」になりました。" if newly else ""), "誓約書のひな形")
        super().accept()
