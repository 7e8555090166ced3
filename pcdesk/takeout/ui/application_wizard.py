"""The take-out application (持出し申請): a thin QWizard over pcdesk.takeout.flow.ApplicationFlow.

One page per flow step (application_pages); leaving a page copies its answers into the flow,
which says what is wrong. 「申請する」 on the last page saves and submits; 「下書き保存」 keeps it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pcdesk.services import Workspace
from pcdesk.takeout.flow import ApplicationFlow
from pcdesk.takeout.model import TakeoutApplication
from pcdesk.takeout.service import apply, save_draft
from pcdesk.takeout.ui.application_pages import (ApplicantPage, AssetChoicePage, ConfirmPage, InformationPage, MeasuresPage,
                                                 PledgePage, PurposePage, SchedulePage)
from pcdesk.ui.wizard import FlowWizard

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
        self.offer_drafts("ここまでの内容を下書きに保存します。「持出し申請」の画面で選んで「編集…」を押すと"
                          "続きを入力できます。", "申請を閉じる")
        self.setMinimumSize(760, 560)
        self.resize(820, 640)
        for step, title in ApplicationFlow.STEPS.items():
            self.add_step(PAGES[step](step, title))

    def finish_flow(self) -> None:
        self.application = apply(self.ws, self.flow.finish(), self.flow.application_id)
        self.flow.application_id = self.application.id

    def has_unsaved_answers(self) -> bool:
        return self.application is None and self.saved_draft is None and self.currentId() > 0

    def save_draft(self) -> str:
        draft = save_draft(self.ws, self.flow.values(), self.flow.application_id)
        self.flow.application_id = draft.id
        self.saved_draft = draft
        return f"{draft.number} を下書きとして保存しました。「持出し申請」の画面で選んで「編集…」を押すと続きを入力できます。"
