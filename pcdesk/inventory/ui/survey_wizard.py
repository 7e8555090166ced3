"""The inventory survey (個人情報調査): a thin QWizard over pcdesk.inventory.flow.SurveyFlow.

One page per flow step; `nextId` asks the flow, so steps that do not apply are skipped.
Leaving a page (forward or back) copies its answers into the flow, so nothing typed is
lost; an unfinished survey can be kept as a draft and resumed from the ledger page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pcdesk.inventory.analysis import measure_catalogue, risk_catalogue
from pcdesk.inventory.fields import SPECS, STEP_FIELDS
from pcdesk.inventory.flow import SurveyFlow
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.risk import suggest_measures
from pcdesk.inventory.service import department_names, save_draft, save_survey
from pcdesk.services import Workspace
from pcdesk.inventory.ui.classification_panel import ClassificationPanel
from pcdesk.inventory.ui.fields import make_field, read_fields, write_fields
from pcdesk.ui.fields import question_label
from pcdesk.ui.widgets import SummaryForm, hint, scroll_area, subheading
from pcdesk.ui.wizard import FlowPage, FlowWizard

SUBTITLES = {
    "department": "この調査票1枚に、1種類の個人情報（例: 顧客名簿）について答えます。",
    "identity": "書類やデータの呼び名と、誰についての情報かを答えてください。",
    "items": "含まれる項目に印を付けてください。赤い★の項目（要配慮個人情報）は、取得に本人の同意が必要です。",
    "acquisition": "件数はおおよそで構いません。",
    "purpose": "本人に伝えている（伝えるべき）目的を、具体的に書いてください。",
    "storage": "紙と電子の両方があるときは「紙と電子の両方」を選びます。",
    "access": "部署名・役職名で書いて構いません。",
    "disposal": "使い終わったあとの始末の方法です。",
    "sharing": "外部の会社が関わるかどうかを答えてください。",
    "sharing_details": "「はい」と答えた相手を具体的に書いてください。",
    "client": "お客様から預かったデータかどうかで、法律上の扱いが変わります。",
    "authority": "自社の判断で開示・訂正などに応じられるなら「保有個人データ」です。",
    "confirm": "内容を確かめて「登録」を押してください。直すときは「戻る」で前の画面に戻れます。",
}
DETAIL_FLAGS = {"consignee": "consigned", "third_party_recipient": "third_party", "joint_use_details": "joint_use"}


def meaningful(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that say something (an empty line left on a page is no answer)."""
    return {k: v for k, v in answers.items() if v not in (None, "", [])}


class SurveyPage(FlowPage):
    """One step: a question above each answer widget, problems in red below."""

    def __init__(self, ws: Workspace, step: str, title: str) -> None:
        super().__init__(step, title)
        self.ws = ws
        self.setSubTitle(SUBTITLES.get(step, ""))
        self.fields: dict[str, QWidget] = {}
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}

        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(2, 2, 8, 2)
        self.body.setSpacing(6)
        self.build()
        self.body.addStretch(1)
        scroll = scroll_area(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)

    def build(self) -> None:
        for key in STEP_FIELDS.get(self.step, ()):
            if key == "sensitive_items":
                continue  # answered on the 項目 checklist itself
            self.add_field(key)
        if self.step == "identity":
            self.fields["identifiable"].changed.connect(self._identity_changed)  # type: ignore[attr-defined]

    def add_field(self, key: str) -> QWidget:
        question = question_label(SPECS[key])
        widget = make_field(key, self.ws)
        question.setBuddy(widget)
        self.fields[key] = widget
        self.rows[key] = (question, widget)
        self.body.addWidget(question)
        self.body.addWidget(widget)
        return widget

    def collect(self) -> dict[str, Any]:
        return read_fields(self.fields)

    def initializePage(self) -> None:  # noqa: N802
        write_fields(self.fields, self.flow.answers)
        super().initializePage()
        path = self.flow.path()  # where this page stands among the steps these answers lead through
        if self.step in path:
            self.setSubTitle(f"{path.index(self.step) + 1} / {len(path)}　{SUBTITLES.get(self.step, '')}")
        if self.step == "sharing_details":  # ask only about the parties answered 「はい」
            for key, (question, widget) in self.rows.items():
                on = bool(self.flow.get(DETAIL_FLAGS[key]))
                question.setVisible(on)
                widget.setVisible(on)
        if self.step == "identity":
            self._identity_changed()

    def _identity_changed(self) -> None:
        nobody = self.fields["identifiable"].value() is False  # type: ignore[attr-defined]
        for w in self.rows["subject_kinds"]:
            w.setVisible(not nobody)


class ConfirmPage(SurveyPage):
    """The derived class with its reasons, what the law then asks, suggested measures, a summary."""

    def build(self) -> None:
        self.panel = ClassificationPanel()
        self.body.addWidget(self.panel)
        self.measures = QLabel()
        self.measures.setWordWrap(True)
        self.measures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.measures_title = subheading("推奨される安全管理措置")
        self.body.addWidget(self.measures_title)
        self.body.addWidget(self.measures)
        self.body.addWidget(subheading("回答の内容"))
        self.summary = SummaryForm()
        self.body.addWidget(self.summary)
        super().build()
        self.body.addWidget(hint("登録すると、個人情報管理台帳に載り、リスク分析表に推奨のリスクと対策が追加されます。"))

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        flow = self.flow
        self.panel.show_classification(flow.classification(), flow.handling_notes())
        grouped = suggest_measures(flow.answers, risk_catalogue(self.ws), measure_catalogue(self.ws))
        self.measures.setText("\n".join(f"【{group}】" + "、".join(s.measure.label for s in items)
                                        for group, items in grouped.items()) or "（個人情報に該当しないため、ありません）")
        self.summary.show_rows(flow.summary(department_names(self.ws)))

    def summary_text(self) -> str:
        return self.panel.text()


class SurveyWizard(FlowWizard):
    """After 登録 `entry` holds the new (or edited) ledger entry."""

    flow: SurveyFlow

    def __init__(self, ws: Workspace, flow: SurveyFlow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(flow or SurveyFlow.new(), "登録", "閉じる", parent)
        self.ws = ws
        self.entry: InventoryEntry | None = None
        self.setWindowTitle("個人情報の調査 — pcdesk")
        self.offer_drafts("ここまでの回答を保存します。台帳の画面の「下書きから再開」で続きを入力できます。",
                          "調査を閉じる")
        self.setMinimumSize(760, 560)
        self.resize(820, 640)
        for step, title in SurveyFlow.STEPS.items():
            self.add_step((ConfirmPage if step == "confirm" else SurveyPage)(ws, step, title))
        self._saved = meaningful(self.flow.answers)
        self._resume()

    def _resume(self) -> None:
        """Walk forward through the steps a draft had reached, so 「戻る」 works as before."""
        reached = list(self.flow.history)
        self.flow.history = [self.flow.first_step()]
        self.setStartId(self.page_number(self.flow.first_step()))
        self.restart()
        for step in reached[1:]:
            self.next()
            if self.flow.current != step:
                break  # the answers no longer lead there (or a page has a problem to show)

    # -- saving ---------------------------------------------------------------
    def finish_flow(self) -> None:
        """Called by the confirmation page: saves the entry or raises."""
        self.entry = save_survey(self.ws, self.flow.finish())
        self.flow.draft_id = None  # the draft became the entry
        self._saved = meaningful(self.flow.answers)

    def has_unsaved_answers(self) -> bool:
        self.collect_current()
        return self.entry is None and meaningful(self.flow.answers) != self._saved

    def save_draft(self) -> str:
        """「下書き保存」: the answers so far and the page reached."""
        self.flow.draft_id = save_draft(self.ws, **self.flow.draft())
        self._saved = meaningful(self.flow.answers)
        return (f"「{self.flow.title_for_draft()}」を下書きとして保存しました。\n"
                "台帳の画面の「下書きから再開」で続きを入力できます。")

