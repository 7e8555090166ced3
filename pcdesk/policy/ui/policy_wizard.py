"""The policy wizard: a thin QWizard over pcdesk.policy.flow.PolicyFlow.

One page per flow step; sections that do not apply are skipped (`nextId` asks the flow).
「保存」 on the last page saves the draft; 「下書き保存」 saves it from any page. Publishing is
done on the page afterwards, where the date and the 改定内容 are chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pcdesk.policy.flow import PolicyFlow, open_draft
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.ui.wizard_pages import PAGES, AnswersPage
from pcdesk.services import Workspace
from pcdesk.ui.wizard import FlowWizard


def _meaningful(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if v not in (None, "", [])}


class PolicyWizard(FlowWizard):
    """After 保存 `version` holds the saved draft."""

    flow: PolicyFlow

    def __init__(self, ws: Workspace, flow: PolicyFlow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(flow or open_draft(ws), "保存", "閉じる", parent)
        self.ws = ws
        self.version: PolicyVersion | None = None
        self.setWindowTitle(f"プライバシーポリシーの作成（{self.flow.version_label}の下書き） — pcdesk")
        self.offer_drafts("ここまでの内容を下書きに保存します。あとで「下書きを編集」から続けられます。",
                          "ウィザードを閉じる")
        self.setMinimumSize(780, 580)
        self.resize(860, 680)
        for step, title in PolicyFlow.STEPS.items():
            self.add_step(PAGES.get(step, AnswersPage)(step, title))
        self._saved = _meaningful(self.flow.answers)

    def finish_flow(self) -> None:
        self.version = self.flow.finish(self.ws)
        self._saved = _meaningful(self.flow.answers)

    def has_unsaved_answers(self) -> bool:
        self.collect_current()
        return _meaningful(self.flow.answers) != self._saved

    def save_draft(self) -> str:
        self.version = self.flow.finish(self.ws)
        self._saved = _meaningful(self.flow.answers)
        return f"{self.flow.version_label}の下書きを保存しました。「下書きを編集」から続けられます。"
