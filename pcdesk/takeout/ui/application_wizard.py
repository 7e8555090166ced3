"""The take-out application (持出し申請): a thin QWizard over pcdesk.takeout.flow.ApplicationFlow.

One page per flow step (application_pages); leaving a page copies its answers into the flow,
which says what is wrong. 「申請する」 on the last page saves and submits; 「下書き保存」 keeps it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.takeout.flow import ApplicationFlow
from pcdesk.takeout.model import TakeoutApplication
from pcdesk.takeout.service import apply, save_draft
from pcdesk.takeout.ui.application_pages import (ApplicantPage, AssetChoicePage, ConfirmPage, InformationPage, MeasuresPage,
                                                 PledgePage, PurposePage, SchedulePage)
from pcdesk.ui import messages
from pcdesk.ui.wizard import FlowPage, FlowWizard

PAGES = {"applicant": ApplicantPage, "information": InformationPage, "assets": AssetChoicePage, "purpose": PurposePage,
         "schedule": SchedulePage, "measures": MeasuresPage, "pledge": PledgePage, "confirm": ConfirmPage}


class ApplicationWizard(FlowWizard):
    """After 申請する, `application` holds the submitted application."""

    flow: ApplicationFlow

    def __init__(self, ws: Workspace, flow: ApplicationFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, "申請する", "閉じる", parent)
        from pcdesk.settings import load_settings

        self.ws = ws
        self.date_style = load_settings(ws).date_style
        self.application: TakeoutApplication | None = None
        self.saved_draft: TakeoutApplication | None = None
        self.setWindowTitle("情報・PC社外持出し申請 — pcdesk")
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "下書き保存")
        self.setButtonLayout([QWizard.WizardButton.CustomButton1, QWizard.WizardButton.Stretch,
                              QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                              QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton])
        self.customButtonClicked.connect(lambda _which: self.keep_draft())
        self.setMinimumSize(760, 560)
        self.resize(820, 640)
        for step, title in ApplicationFlow.STEPS.items():
            self.add_step(PAGES[step](step, title))

    def finish_flow(self) -> None:
        self.application = apply(self.ws, self.flow.finish(), self.flow.application_id)
        self.flow.application_id = self.application.id

    def _collect_current(self) -> None:
        page = self.currentPage()
        if isinstance(page, FlowPage):
            self.flow.set(**page.collect())

    def keep_draft(self) -> bool:
        self._collect_current()
        try:
            draft = save_draft(self.ws, self.flow.values(), self.flow.application_id)
        except PcdeskError as exc:
            messages.show_error(self, exc)
            return False
        self.flow.application_id = draft.id
        self.saved_draft = draft
        messages.info(self, f"{draft.number} を下書きとして保存しました。「持出し申請」の画面で選んで「編集…」を押すと"
                            "続きを入力できます。", "下書き保存")
        return True

    def reject(self) -> None:
        if self.application is None and self.saved_draft is None and self.currentId() > 0:
            answer = QMessageBox.question(
                self, "申請を閉じる", "入力した内容を下書きとして残しますか？\n\n"
                "「はい」: 下書きに保存して閉じます。\n「いいえ」: 保存せずに閉じます。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes and not self.keep_draft():
                return
        super().reject()
