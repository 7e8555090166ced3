"""The inventory survey (個人情報調査) as a Qt-free wizard flow.

A department's staff answer plain questions about one kind of personal information;
the last page shows the derived class with its reasons and the suggested measures.
A QWizard shows this flow page by page (one page per section of fields.SECTIONS).

Answers use the keys of fields.ENTRY. A step is skipped when none of its fields applies
(rules.applies): everything after 情報の名称 when the information identifies nobody; the
details page when nothing is consigned, provided or jointly used; the 受託 and 権限
questions when the information is not organised (it cannot be 保有個人データ then);
the 権限 question for 受託 data.

Use:
    flow = SurveyFlow.new(department_id=3)      # or SurveyFlow.for_entry(entry), SurveyFlow.from_draft(draft)
    flow.set(business_process="採用活動"); flow.go_next()   # ValidationError on bad answers
    service.save_draft(ws, **flow.draft())       # keeps answers and position
    entry = service.save_survey(ws, flow.finish())   # on 確認: finish() checks and returns what to save
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pcdesk.errors import FieldProblem, ValidationError
from pcdesk.flow import Flow
from pcdesk.inventory import rules
from pcdesk.inventory.classification import Classification, classify, handling_notes
from pcdesk.inventory.fields import SPECS, STEP_FIELDS, STEP_TITLES
from pcdesk.inventory.model import InventoryEntry, SurveyDraft
from pcdesk.inventory.risk import MeasureSuggestion, suggest_measures
from pcdesk.inventory.service import SurveyResult

# Yes/no answers kept whatever the path (they decide the class and the risks).
ALWAYS_SAVED = ("department_id", "identifiable", "organised", "held_for_client", "company_has_authority", "consigned",
                "third_party", "joint_use", "taken_out", "sensitive_declared", "specific_declared")


class SurveyFlow(Flow):
    STEPS = STEP_TITLES

    def __init__(self, answers: dict[str, Any] | None = None, *, entry_id: int | None = None,
                 draft_id: int | None = None) -> None:
        super().__init__(answers)
        self.entry_id = entry_id  # set when the survey edits an existing ledger entry
        self.draft_id = draft_id  # set once saved as a draft

    @classmethod
    def new(cls, department_id: int | None = None, **answers: Any) -> "SurveyFlow":
        values = {k: (list(v) if isinstance(v, list) else v) for k, v in rules.DEFAULTS.items()}
        if department_id is not None:
            values["department_id"] = department_id
        values.update(answers)
        return cls(values)

    @classmethod
    def for_entry(cls, entry: InventoryEntry) -> "SurveyFlow":
        values = entry.values()
        for key in rules.KEPT:
            values.pop(key, None)
        return cls(values, entry_id=entry.id)

    @classmethod
    def from_draft(cls, draft: SurveyDraft) -> "SurveyFlow":
        """A kept survey, back at the step it had reached (steps no longer known are dropped)."""
        flow = cls(dict(draft.answers), entry_id=draft.entry_id, draft_id=draft.id)
        known = [step for step in draft.history if step in cls.STEPS]
        flow.history = known or [flow.first_step()]
        return flow

    # -- rules --------------------------------------------------------------
    def applies(self, step: str) -> bool:
        return step == "confirm" or any(rules.applies(k, self.answers) for k in STEP_FIELDS.get(step, ()))

    def next_step(self, step: str) -> str | None:
        ids = list(self.STEPS)
        for candidate in ids[ids.index(step) + 1:]:
            if self.applies(candidate):
                return candidate
        return None

    def asked(self, step: str) -> list[str]:
        """The fields a step asks with the answers so far."""
        return [k for k in STEP_FIELDS.get(step, ()) if rules.applies(k, self.answers)]

    def validate(self, step: str) -> list[FieldProblem]:
        return rules.problems(self.answers, self.asked(step))

    def set(self, **values: Any) -> None:
        if values.get("held_for_client") is True:
            values.setdefault("company_has_authority", False)  # 受託 data: the client decides
        if values.get("held_for_client") is False and self.answers.get("held_for_client") is True:
            values.setdefault("company_has_authority", True)
        super().set(**values)

    def problems(self) -> list[FieldProblem]:
        """Everything still wrong on the steps the user will pass through."""
        return [p for step in self.path() for p in self.validate(step)]

    def fields_on_path(self) -> list[str]:
        return [f for step in self.path() for f in self.asked(step)]

    # -- what the confirmation page shows -------------------------------------
    def classification(self) -> Classification:
        return classify(self.answers)

    def handling_notes(self) -> list[str]:
        return handling_notes(self.answers)

    def suggested_measures(self) -> dict[str, list[MeasureSuggestion]]:
        return suggest_measures(self.answers)

    def summary(self, department_names: dict[int, str] | None = None) -> list[tuple[str, str]]:
        """(label, text) for every field on the path, for the 確認 page."""
        cleaned = rules.clean(self.answers)
        return [(SPECS[key].label, SPECS[key].format(cleaned.get(key, self.answers.get(key)), names=department_names))
                for key in self.fields_on_path()]

    def title_for_draft(self) -> str:
        return (self.get("name") or "").strip() or "（名称未入力）"

    def draft(self) -> dict[str, Any]:
        """What service.save_draft keeps: service.save_draft(ws, **flow.draft())."""
        answers = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.answers.items()}
        return {"answers": answers, "history": list(self.history), "title": self.title_for_draft(),
                "entry_id": self.entry_id, "draft_id": self.draft_id}

    def values(self) -> dict[str, Any]:
        """The entry values to save: the answers on the path, tidied."""
        keep = set(self.fields_on_path()) | set(ALWAYS_SAVED)
        values = {k: v for k, v in self.answers.items() if k in keep and k in SPECS}
        if self.answers.get("media") not in dict(SPECS["media"].choices):
            values.pop("media", None)
        return rules.clean(values)

    def finish(self) -> SurveyResult:
        """The answers checked, as the service saves them (ValidationError while something is wrong)."""
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        return SurveyResult(self.values(), entry_id=self.entry_id, draft_id=self.draft_id)
