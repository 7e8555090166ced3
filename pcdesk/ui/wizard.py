"""QWizard pieces shared by every wizard: the same buttons, and pages over a pcdesk.flow.Flow.

A flow wizard numbers one page per flow step; each page copies its widgets into the flow's
answers and shows, in red on the page, what the flow says is wrong (Electrum-style). A
wizard whose answers can be kept unfinished calls `offer_drafts`: the same 「下書き保存」
button, and the same question when it is closed with answers not yet saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QWidget, QWizard, QWizardPage

from pcdesk.errors import PcdeskError
from pcdesk.flow import Flow
from pcdesk.ui import messages
from pcdesk.ui.widgets import ProblemLabel

DRAFT = "下書き保存"
BUTTONS_WITH_DRAFT = [QWizard.WizardButton.CustomButton1, QWizard.WizardButton.Stretch,
                      QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton]


def style_wizard(wizard: QWizard, finish_text: str, cancel_text: str) -> None:
    """The look and the Japanese button texts every pcdesk wizard shares."""
    wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
    wizard.setButtonText(QWizard.WizardButton.BackButton, "< 戻る")
    wizard.setButtonText(QWizard.WizardButton.NextButton, "次へ >")
    wizard.setButtonText(QWizard.WizardButton.FinishButton, finish_text)
    wizard.setButtonText(QWizard.WizardButton.CancelButton, cancel_text)


class FlowPage(QWizardPage):
    """One step of the wizard's flow. Subclasses lay out their widgets and implement collect()."""

    def __init__(self, step: str, title: str) -> None:
        super().__init__()
        self.step = step
        self.setTitle(title)
        self.problems = ProblemLabel()

    @property
    def flow(self) -> Flow:
        return self.wizard().flow  # type: ignore[attr-defined]

    def collect(self) -> dict[str, Any]:
        """The answers this page's widgets hold, keyed as the flow expects."""
        return {}

    def clear_problems_on_edit(self, *fields: QLineEdit | QPlainTextEdit) -> None:
        """A page with one answer: once it is being changed, the red text about it is out of date."""
        for field in fields:
            signal = field.textEdited if isinstance(field, QLineEdit) else field.textChanged
            signal.connect(self.problems.clear_problems)

    def initializePage(self) -> None:  # noqa: N802
        self.problems.clear_problems()

    def validatePage(self) -> bool:  # noqa: N802
        self.flow.set(**self.collect())
        try:
            if self.flow.go_next() is None:
                self.wizard().finish_flow()  # type: ignore[attr-defined]
        except PcdeskError as exc:
            self.problems.show_error(exc)
            return False
        self.problems.clear_problems()
        return True

    def cleanupPage(self) -> None:  # noqa: N802
        # Going back: keep what was typed here, and step the flow back too.
        self.flow.set(**self.collect())
        self.flow.go_back()

    def nextId(self) -> int:  # noqa: N802
        wizard = self.wizard()
        if wizard is None:
            return -1
        nxt = self.flow.next_step(self.step)
        return wizard.page_number(nxt) if nxt else -1  # type: ignore[attr-defined]


class FlowWizard(QWizard):
    """Shows `flow`: pages are added in step order; `finish_flow` saves when the last step is passed."""

    def __init__(self, flow: Flow, finish_text: str, cancel_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        style_wizard(self, finish_text, cancel_text)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._ids: dict[str, int] = {}
        self._close_title: str | None = None  # set by offer_drafts: closing then asks about a draft

    def add_step(self, page: FlowPage) -> None:
        number = len(self._ids)
        self.setPage(number, page)
        self._ids[page.step] = number

    def page_number(self, step: str) -> int:
        return self._ids[step]

    def step_page(self, step: str) -> FlowPage:
        return self.page(self._ids[step])  # type: ignore[return-value]

    def current_step(self) -> str:
        page = self.currentPage()
        return page.step if isinstance(page, FlowPage) else ""

    def finish_flow(self) -> None:
        """Called by the page that ends the flow: saves everything or raises PcdeskError."""
        raise NotImplementedError

    def collect_current(self) -> None:
        """What the page on screen holds, into the flow (before a draft is saved)."""
        page = self.currentPage()
        if isinstance(page, FlowPage):
            self.flow.set(**page.collect())

    # -- drafts -------------------------------------------------------------------------
    def offer_drafts(self, tooltip: str, close_title: str) -> None:
        """「下書き保存」 on the left of the buttons; `close_title` heads the question asked when
        the wizard is closed with answers that are not saved (has_unsaved_answers)."""
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, DRAFT)
        self.button(QWizard.WizardButton.CustomButton1).setToolTip(tooltip)
        self.setButtonLayout(BUTTONS_WITH_DRAFT)
        self.customButtonClicked.connect(lambda _which: self.keep_draft())
        self._close_title = close_title

    def save_draft(self) -> str:
        """Save the answers so far as a draft; returns the sentence telling where to resume it."""
        raise NotImplementedError

    def has_unsaved_answers(self) -> bool:
        return False

    def keep_draft(self) -> bool:
        self.collect_current()
        try:
            said = self.save_draft()
        except PcdeskError as exc:
            messages.show_error(self, exc)
            return False
        messages.info(self, said, DRAFT)
        return True

    def reject(self) -> None:
        if self._close_title and self.has_unsaved_answers():
            answer = QMessageBox.question(
                self, self._close_title, "入力した内容を下書きとして残しますか？\n\n"
                "「はい」: 下書きに保存して閉じます（あとで続きを入力できます）。\n「いいえ」: 保存せずに閉じます。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes and not self.keep_draft():
                return
        super().reject()
