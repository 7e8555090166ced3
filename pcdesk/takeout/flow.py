"""The take-out application as a Qt-free wizard flow (pcdesk.flow).

Steps: 申請者 → 持出し情報 → 持出し物 → 目的と持出し先 → 日程と承認の種類 → セキュリティ対策 →
誓約 → 確認. The information comes before the assets so that the asset page can show which
media may carry it: with personal data, unencrypted media are marked and cannot be chosen.

    flow = ApplicationFlow.new(ws)                   # the choices (people, assets, 台帳) loaded once
    flow.set(information="…", contains_personal=True); flow.go_next()  # ValidationError on bad answers
    values = flow.finish()                           # then service.apply(ws, values, flow.application_id)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pcdesk.capabilities import HeldRecord, Person
from pcdesk.dates import format_date, format_datetime, today
from pcdesk.errors import FieldProblem, ValidationError
from pcdesk.fields import check
from pcdesk.flow import Flow
from pcdesk.takeout import rules
from pcdesk.takeout.fields import (APPLICATION, APPLICATION_FIELDS, APPROVAL_KINDS, ASSET_KINDS, ELECTRONIC,
                                   ENCRYPTION, MEASURES, PER_TRIP, PURPOSE_KINDS, STANDING, label)

if TYPE_CHECKING:
    from pcdesk.services import Workspace
    from pcdesk.takeout.model import TakeoutApplication

STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "applicant": ("applicant_name", "applicant_department"),
    "information": ("information", "held_records", "contains_personal", "personal_count"),
    "assets": ("asset_ids",),
    "purpose": ("purpose_kind", "purpose", "destination"),
    "schedule": ("approval_kind", "out_at", "return_due"),
    "measures": ("measures",),
    "pledge": ("pledge_accepted", "notes"),
    "confirm": (),
}


@dataclass(frozen=True)
class AssetChoice:
    facts: rules.AssetFacts
    text: str  # 「PC-001 ノートPC ThinkPad X1（暗号化: BitLocker）」
    owner: str = ""

    @property
    def id(self) -> int:
        return self.facts.id


class ApplicationFlow(Flow):
    STEPS = {
        "applicant": "申請者",
        "information": "持ち出す情報",
        "assets": "持ち出す物",
        "purpose": "目的と持出し先",
        "schedule": "日程と承認の種類",
        "measures": "セキュリティ対策",
        "pledge": "誓約",
        "confirm": "確認",
    }

    def __init__(self, answers: dict[str, Any] | None = None, *, people: list[Person] | None = None,
                 assets: list[AssetChoice] | None = None, held: list[HeldRecord] | None = None,
                 standing_max_months: int = 6, application_id: int | None = None, pledge: str = "") -> None:
        super().__init__(answers)
        self.people = list(people or [])
        self.assets = list(assets or [])
        self.held = list(held or [])
        self.standing_max_months = standing_max_months
        self.application_id = application_id  # set when a draft or a 差戻し is being corrected
        self.pledge = pledge

    @classmethod
    def new(cls, ws: "Workspace", application: "TakeoutApplication | None" = None) -> "ApplicationFlow":
        """A flow with this office's choices: a new application for the logged-in person, or `application`."""
        from pcdesk.takeout.assets import AssetFilter, asset_facts, describe_encryption, list_assets
        from pcdesk.takeout.service import actor_person_key, held_records, people, standing_max_months, values_of
        from pcdesk.takeout.texts import pledge_text

        choices = [AssetChoice(asset_facts(a), f"{a.number}　{label(ASSET_KINDS, a.kind)}　{a.model}".rstrip()
                               + f"（暗号化: {describe_encryption(a)}）", a.owner)
                   for a in list_assets(ws, AssetFilter())]
        everyone = people(ws)
        if application is not None:
            answers = values_of(application)
        else:
            key = actor_person_key(ws.actor)
            me = next((p for p in everyone if p.key == key), None)
            answers = {"applicant_name": me.name if me else (ws.actor.name if ws.actor else ""),
                       "applicant_key": key, "applicant_department": me.department if me else "",
                       **new_defaults()}
        return cls(answers, people=everyone, assets=choices, held=held_records(ws),
                   standing_max_months=standing_max_months(ws), pledge=pledge_text(ws),
                   application_id=application.id if application is not None else None)

    # -- answers ----------------------------------------------------------------------------
    def set(self, **values: Any) -> None:
        if "applicant_key" in values:  # a person chosen from the list brings their department
            person = next((p for p in self.people if p.key == values["applicant_key"]), None)
            if person is not None:
                values.setdefault("applicant_name", person.name)
                values.setdefault("applicant_department", person.department)
        if values.get("held_records"):
            values.setdefault("contains_personal", True)
            if not values.get("personal_count") and not self.answers.get("personal_count"):
                chosen = [r for r in self.held if r.id in values["held_records"]]
                values.setdefault("personal_count", sum(r.record_count for r in chosen) or None)
        if values.get("approval_kind") == STANDING and isinstance(values.get("out_at"), dt.datetime):
            values["out_at"] = values["out_at"].replace(hour=0, minute=0)  # a period counts whole days
        super().set(**values)

    def chosen_assets(self) -> list[rules.AssetFacts]:
        ids = self.get("asset_ids") or []
        return [c.facts for c in self.assets if c.id in ids]

    def asset_usable(self, choice: AssetChoice) -> bool:
        """Whether the asset page lets this asset be ticked (personal data needs encrypted media)."""
        return not self.get("contains_personal") or rules.may_carry_personal_data(choice.facts)

    def suggested_measures(self) -> list[str]:
        """Encryption ticked when every electronic medium chosen is encrypted; the rest as answered."""
        chosen = set(self.get("measures") or [])
        electronic = [a for a in self.chosen_assets() if a.kind in ELECTRONIC]
        if electronic and all(a.encrypted for a in electronic):
            chosen.add(ENCRYPTION)
        return [k for k, _ in MEASURES if k in chosen]

    # -- rules -------------------------------------------------------------------------------
    def validate(self, step: str) -> list[FieldProblem]:
        a = self.answers
        problems = check(APPLICATION_FIELDS, a, only=STEP_FIELDS.get(step, ()))
        if step == "information":
            problems += rules.information_problems(a)
        elif step == "assets":
            problems += rules.asset_problems(self.chosen_assets(), bool(a.get("contains_personal")))
        elif step == "schedule":
            problems += rules.schedule_problems(a, today(), self.standing_max_months)
        elif step == "measures":
            problems += rules.measure_problems(a, self.chosen_assets())
        elif step == "pledge":
            problems += rules.pledge_problems(a)
        elif step == "confirm":
            problems = self.problems()
        return problems

    def problems(self) -> list[FieldProblem]:
        """Everything still wrong, as the service will judge it on 申請."""
        return rules.application_problems(self.answers, self.chosen_assets(), today(), self.standing_max_months)

    def finish(self) -> dict[str, Any]:
        """The values to save (service.apply / service.save_draft)."""
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        return self.values()

    def values(self) -> dict[str, Any]:
        keys = [f.key for f in APPLICATION_FIELDS if f.key not in ("number", "applied_on")] + ["applicant_key"]
        return {k: self.answers[k] for k in keys if k in self.answers}

    # -- what the pages show --------------------------------------------------------------------
    def schedule_labels(self) -> tuple[str, str]:
        if self.get("approval_kind") == STANDING:
            return "期間の初日", "期間の末日"
        return APPLICATION["out_at"].label, APPLICATION["return_due"].label

    def summary(self, style: str = "seireki") -> list[tuple[str, str]]:
        a = self.answers
        held = {r.id: f"{r.number} {r.name}" for r in self.held}
        assets = [c.text for c in self.assets if c.id in (a.get("asset_ids") or [])]
        personal = a.get("contains_personal")
        start, end = self.schedule_labels()
        out_at = a.get("out_at")
        rows = [
            ("申請者", f"{a.get('applicant_name', '')}（{a.get('applicant_department') or '所属未入力'}）"),
            (APPLICATION["information"].label, a.get("information") or ""),
            (APPLICATION["held_records"].label, "、".join(held.get(i, str(i)) for i in a.get("held_records") or [])),
            (APPLICATION["contains_personal"].label,
             "含まない" if personal is False else (f"含む（{a.get('personal_count') or 0:,}件）" if personal else "")),
            (APPLICATION["asset_ids"].label, "\n".join(assets)),
            (APPLICATION["purpose_kind"].label, label(PURPOSE_KINDS, a.get("purpose_kind"))),
            (APPLICATION["purpose"].label, a.get("purpose") or ""),
            (APPLICATION["destination"].label, a.get("destination") or ""),
            (APPLICATION["approval_kind"].label, label(APPROVAL_KINDS, a.get("approval_kind"))),
            (start, (format_date(out_at, style) if a.get("approval_kind") == STANDING else format_datetime(out_at, style))
             if isinstance(out_at, dt.datetime) else ""),
            (end, format_date(a.get("return_due"), style)),
            (APPLICATION["measures"].label, "、".join(label(MEASURES, m) for m in a.get("measures") or [])),
            (APPLICATION["pledge_accepted"].label, "誓約します" if a.get("pledge_accepted") else "（まだ誓約していません）"),
        ]
        if a.get("notes"):
            rows.append((APPLICATION["notes"].label, a["notes"]))
        return rows

    def title_for_draft(self) -> str:
        return f"{self.get('applicant_name') or '（申請者未入力）'}　{self.get('destination') or ''}".strip()


def new_defaults() -> dict[str, Any]:
    """A new application: per trip, out tomorrow at 9:00 and back the same day."""
    tomorrow = today() + dt.timedelta(days=1)
    return {"approval_kind": PER_TRIP, "out_at": dt.datetime.combine(tomorrow, dt.time(9, 0)), "return_due": tomorrow,
            "asset_ids": [], "held_records": [], "measures": [], "contains_personal": None, "personal_count": None,
            "pledge_accepted": False}
