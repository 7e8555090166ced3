"""リスク分析: the risk rows of each ledger entry and their approval.

Roles: 管理者・担当者 edit risks; residual risk is approved (承認) by the 管理者, who in
pcdesk is the 個人情報保護管理者 (DOMAIN.md: the PMS manager approves risk acceptance;
the 承認者 role is the 上長 who approves take-out applications). The account dialog
says the same. An approval once given is never overwritten.

Risk rows
    list_risks(ws, entry_id=None, department_id=None, include_retired=False) -> list[RiskAssessment]
    add_suggested_risks(ws, entry_id) -> list[RiskAssessment]   (catalogue risks not yet present)
    missing_suggestions(ws, entry_id) -> list[risk.SuggestedRisk]
    add_risk(ws, entry_id, stage, label, likelihood, base_impact, measures=(), threat="", ..., risk_key="")
    update_risk(ws, risk_id, **changes) -> RiskAssessment        (clears an approval it invalidates)
    delete_risk(ws, risk_id)
    accept_risks(ws, risk_ids) -> Acceptance                     (who and when; approved ones are skipped)
    can_approve(actor) -> bool
    risk_matrix(ws, department_id=None, residual=False) -> risk.RiskMatrix
Catalogues: pcdesk.inventory.catalogue_edits (re-exported here).

Each row carries the 脆弱性, the four consequences (pcdesk.inventory.consequences), the
measures in place (現状の対策, `measures`) and those to add (追加対策); the residual risk
is the risk left with the measures in place.

Scores follow the entry: when its 件数 or 要配慮 change, `rescore_entry_risks` raises the
impact and an approval given for the old score is withdrawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcdesk.dates import format_date, now
from pcdesk.errors import NotFound, Problems, ValidationError
from pcdesk.inventory.catalogue_edits import (measure_catalogue, measure_labels, measures_in, risk_catalogue,  # noqa: F401
                                              risks_in, save_measure, save_risk_template)
from pcdesk.inventory.choices import ACTIVE, STAGES, THREATS
from pcdesk.inventory.consequences import CONSEQUENCES, default_consequences
from pcdesk.inventory.model import InventoryEntry, RiskAssessment
from pcdesk.inventory.risk import (RiskMatrix, SuggestedRisk, impact_raise, level_of, risk_matrix as build_matrix,
                                   score, suggest_risks, suggested_residual, validate_scale)
from pcdesk.services import ADMIN, APPROVER, ROLE_LABELS, STAFF, Actor, Workspace
from pcdesk.settings import load_settings

APPROVER_ROLE = ADMIN  # who approves residual risk
ACCEPTOR = f"{ROLE_LABELS[APPROVER_ROLE]}（個人情報保護管理者）"  # as screens and messages name them
READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
SCORED = ("stage", "likelihood", "base_impact", "measures", "residual_likelihood", "residual_impact")
TEXT_FIELDS = ("vulnerability", *CONSEQUENCES, "measure_notes", "additional_notes")
EDITABLE = {"label", "threat", "stage", "likelihood", "base_impact", "measures", "additional_measures",
            "residual_likelihood", "residual_impact", *TEXT_FIELDS}
MAX_LABEL = 300
MAX_TEXT = 2000


def can_approve(actor: Actor | None) -> bool:
    """Whether this person may approve residual risk (the button is offered to them only)."""
    return bool(actor and actor.has(APPROVER_ROLE))


# -- risk rows ------------------------------------------------------------------------

def list_risks(ws: Workspace, entry_id: int | None = None, department_id: int | None = None,
               include_retired: bool = False) -> list[RiskAssessment]:
    """Risk rows in ledger order (管理番号, life stage, then as added)."""
    ws.require(*READERS)
    q = select(RiskAssessment).join(InventoryEntry)
    if entry_id is not None:
        q = q.where(RiskAssessment.entry_id == entry_id)
    if department_id is not None:
        q = q.where(InventoryEntry.department_id == department_id)
    if not include_retired:
        q = q.where(InventoryEntry.status == ACTIVE)
    q = q.order_by(InventoryEntry.number, RiskAssessment.sort_order, RiskAssessment.id)
    with ws.read() as s:
        return list(s.scalars(q))


def _stage_order(stage: str) -> int:
    order = list(STAGES)
    return order.index(stage) if stage in order else len(order)


def _entry(s: Session, entry_id: int) -> InventoryEntry:
    entry = s.get(InventoryEntry, entry_id)
    if entry is None:
        raise NotFound("台帳の項目が見つかりません。画面を更新してください。")
    return entry


def _set_scores(risk: RiskAssessment, raise_by: int) -> None:
    sc = score(risk.likelihood, risk.base_impact, raise_by)
    risk.impact, risk.score, risk.level = sc.impact, sc.value, sc.level
    # The residual can be no worse than the risk before measures.
    risk.residual_likelihood = max(1, min(risk.residual_likelihood, risk.likelihood))
    risk.residual_impact = max(1, min(risk.residual_impact, risk.impact))
    risk.residual_score = risk.residual_likelihood * risk.residual_impact
    risk.residual_level = level_of(risk.residual_score)


def _clear_acceptance(risk: RiskAssessment) -> None:
    risk.accepted_by, risk.accepted_by_id, risk.accepted_at = "", None, None


def missing_suggestions(ws: Workspace, entry_id: int) -> list[SuggestedRisk]:
    """Catalogue risks that apply to the entry but are not in its analysis yet."""
    with ws.read() as s:
        entry = _entry(s, entry_id)
        present = set(s.scalars(select(RiskAssessment.risk_key).where(RiskAssessment.entry_id == entry_id)))
        suggestions = suggest_risks(entry.values(), risks_in(s), measures_in(s))
    return [r for r in suggestions if r.template.key not in present]


def add_suggested_risks(ws: Workspace, entry_id: int) -> list[RiskAssessment]:
    ws.require(*EDITORS)
    added = []
    with ws.write() as s:
        entry = _entry(s, entry_id)
        answers = entry.values()
        present = set(s.scalars(select(RiskAssessment.risk_key).where(RiskAssessment.entry_id == entry_id)))
        for r in suggest_risks(answers, risks_in(s), measures_in(s)):
            if r.template.key in present:
                continue
            t = r.template
            row = RiskAssessment(entry_id=entry.id, stage=r.stage, risk_key=t.key, label=t.label, threat=t.threat,
                                 vulnerability=t.vulnerability, **default_consequences(t.threat, answers),
                                 likelihood=r.score.likelihood, base_impact=t.impact, measures=list(r.current),
                                 additional_measures=list(r.additional),
                                 residual_likelihood=r.residual.likelihood, residual_impact=r.residual.impact,
                                 sort_order=_stage_order(r.stage), updated_at=now())
            _set_scores(row, impact_raise(answers))
            s.add(row)
            added.append(row)
    return added


def _validate_risk(values: dict[str, Any], known_measures: set[str]) -> None:
    p = Problems()
    if "label" in values:
        p.require(values["label"], "想定されるリスク")
        if len(values["label"] or "") > MAX_LABEL:
            p.add("想定されるリスク", f"{MAX_LABEL}文字以内にしてください（今 {len(values['label'])}文字）。")
    if "stage" in values and values["stage"] not in STAGES:
        p.add("取扱いの段階", f"{'・'.join(STAGES.values())} のいずれかを選んでください。")
    if values.get("threat") and values["threat"] not in THREATS:
        p.add("脅威", f"{'・'.join(THREATS)} のいずれかを選んでください。")
    for label, msg in validate_scale(values.get("likelihood", 1), values.get("base_impact", 1)):
        p.add(label, msg)
    for key, label, top in (("residual_likelihood", "残留リスクの発生可能性", values.get("likelihood")),
                            ("residual_impact", "残留リスクの影響度", values.get("impact"))):
        v = values.get(key)
        if v is not None and (not isinstance(v, int) or v < 1 or (isinstance(top, int) and v > top)):
            p.add(label, f"1〜{top} で選んでください（対策前より高くはできません）。")
    for key in TEXT_FIELDS:
        text = values.get(key)
        if isinstance(text, str) and len(text) > MAX_TEXT:
            p.add(RiskAssessment.__field_labels__[key], f"{MAX_TEXT}文字以内にしてください（今 {len(text)}文字）。")
    for key, label in (("measures", "現状の対策"), ("additional_measures", "追加対策")):
        unknown = [m for m in values.get(key) or [] if m not in known_measures]
        if unknown:
            p.add(label, f"カタログにない対策です: {', '.join(map(str, unknown))}")
    p.raise_if_any()


def _additional(additional: Iterable[str], current: list[str]) -> list[str]:
    """追加対策 without the ones already in place (a measure is one or the other)."""
    return [k for k in dict.fromkeys(additional) if k not in current]


def add_risk(ws: Workspace, entry_id: int, stage: str, label: str, likelihood: int, base_impact: int,
             measures: Iterable[str] = (), threat: str = "", measure_notes: str = "",
             residual_likelihood: int | None = None, residual_impact: int | None = None,
             risk_key: str = "", vulnerability: str = "", additional_measures: Iterable[str] = (),
             additional_notes: str = "", consequences: dict[str, str] | None = None) -> RiskAssessment:
    """A risk written by hand, or one picked from the catalogue (`risk_key`: not proposed again).
    Without `consequences`, the four consequences start from the threat's usual wording."""
    ws.require(*EDITORS)
    measures = list(dict.fromkeys(measures))
    additional = _additional(additional_measures, measures)
    with ws.write() as s:
        entry = _entry(s, entry_id)
        raise_by = impact_raise(entry.values())
        sc = score(likelihood if isinstance(likelihood, int) else 1, base_impact if isinstance(base_impact, int) else 1,
                   raise_by)
        said = default_consequences(threat, entry.values()) if consequences is None else \
            {k: (consequences.get(k) or "").strip() for k in CONSEQUENCES}
        texts = {"vulnerability": vulnerability, "measure_notes": measure_notes, "additional_notes": additional_notes,
                 **said}
        _validate_risk({"label": label, "stage": stage, "threat": threat, "likelihood": likelihood,
                        "base_impact": base_impact, "impact": sc.impact, "measures": measures,
                        "additional_measures": additional, "residual_likelihood": residual_likelihood,
                        "residual_impact": residual_impact, **texts}, {m.key for m in measures_in(s)})
        suggested = suggested_residual(sc.likelihood, sc.impact, measures)
        row = RiskAssessment(entry_id=entry_id, stage=stage, risk_key=risk_key, label=label.strip(), threat=threat,
                             likelihood=likelihood, base_impact=base_impact, measures=measures,
                             additional_measures=additional, **{k: (v or "").strip() for k, v in texts.items()},
                             residual_likelihood=residual_likelihood or suggested.likelihood,
                             residual_impact=residual_impact or suggested.impact,
                             sort_order=_stage_order(stage), updated_at=now())
        _set_scores(row, raise_by)
        s.add(row)
    return row


def update_risk(ws: Workspace, risk_id: int, **changes: Any) -> RiskAssessment:
    """Change any of EDITABLE. A change to any score or to the measures in place withdraws
    the approval: the 管理者 approves again what they now see."""
    ws.require(*EDITORS)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"unknown risk fields: {sorted(unknown)}")
    with ws.write() as s:
        risk = s.get(RiskAssessment, risk_id)
        if risk is None:
            raise NotFound("リスクの行が見つかりません。画面を更新してください。")
        entry = _entry(s, risk.entry_id)
        if "measures" in changes:
            changes["measures"] = list(dict.fromkeys(changes["measures"]))
        merged = {k: getattr(risk, k) for k in EDITABLE} | changes
        if "measures" in changes or "additional_measures" in changes:
            changes["additional_measures"] = merged["additional_measures"] = _additional(
                merged["additional_measures"] or [], merged["measures"] or [])
        raise_by = impact_raise(entry.values())
        sc = score(merged["likelihood"] if isinstance(merged["likelihood"], int) else 1,
                   merged["base_impact"] if isinstance(merged["base_impact"], int) else 1, raise_by)
        _validate_risk(merged | {"impact": sc.impact}, {m.key for m in measures_in(s)})
        before = tuple(getattr(risk, k) for k in SCORED)
        for k, v in changes.items():
            setattr(risk, k, v.strip() if isinstance(v, str) else v)
        if "stage" in changes:
            risk.sort_order = _stage_order(risk.stage)
        _set_scores(risk, raise_by)
        if tuple(getattr(risk, k) for k in SCORED) != before:
            _clear_acceptance(risk)
        risk.updated_at = now()
    return risk


def delete_risk(ws: Workspace, risk_id: int) -> None:
    ws.require(*EDITORS)
    with ws.write() as s:
        risk = s.get(RiskAssessment, risk_id)
        if risk is not None:
            s.delete(risk)


@dataclass(frozen=True)
class Acceptance:
    """What accept_risks did: how many rows it approved, and the ones it left alone because
    they were already approved (each described: 管理番号「リスク」（誰 日付 承認済み）)."""
    accepted: int
    skipped: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        text = f"{self.accepted} 件の残留リスクを承認しました。"
        if self.skipped:
            text += (f"\nすでに承認済みの {len(self.skipped)} 件は、承認者と日付をそのまま残しました:\n"
                     + "\n".join(self.skipped))
        return text

    def __str__(self) -> str:  # pages that still print 「{result} 件を承認」 keep showing the count
        return str(self.accepted)


def _accepted_note(entry: InventoryEntry | None, risk: RiskAssessment, date_style: str) -> str:
    number = entry.number if entry else ""
    return f"{number}「{risk.label}」（{risk.accepted_by} {format_date(risk.accepted_at, date_style)} 承認済み）"


def accept_risks(ws: Workspace, risk_ids: Iterable[int], at: dt.datetime | None = None) -> Acceptance:
    """The 管理者（個人情報保護管理者）が承認: records who approved the residual risk of these rows
    and when. Rows already approved keep their first approval (an edit that changes the
    scores withdraws it; then it can be approved again). When every chosen row was already
    approved, nothing is written and a ValidationError names them."""
    actor = ws.require(APPROVER_ROLE)
    date_style = load_settings(ws).date_style
    count, skipped = 0, []
    with ws.write() as s:
        for risk_id in dict.fromkeys(risk_ids):
            risk = s.get(RiskAssessment, risk_id)
            if risk is None:
                continue
            if risk.accepted_at is not None:
                skipped.append(_accepted_note(s.get(InventoryEntry, risk.entry_id), risk, date_style))
                continue
            risk.accepted_by, risk.accepted_by_id, risk.accepted_at = actor.name, actor.user_id, at or now()
            count += 1
        if skipped and not count:
            raise ValidationError.single(
                "残留リスクの承認",
                "選んだリスクはすべて承認済みです（承認者と日付は変えていません）: " + "、".join(skipped)
                + "。承認し直すには、リスクを見直して点数か現状の対策を変えて保存してください（承認が取り消されます）。")
    return Acceptance(count, tuple(skipped))


def rescore_entry_risks(s: Session, entry: InventoryEntry) -> None:
    """Called by the service when an entry changes, inside its transaction."""
    raise_by = impact_raise(entry.values())
    for risk in s.scalars(select(RiskAssessment).where(RiskAssessment.entry_id == entry.id)):
        before = (risk.impact, risk.score, risk.residual_score)
        _set_scores(risk, raise_by)
        if (risk.impact, risk.score, risk.residual_score) != before:
            _clear_acceptance(risk)
            risk.updated_at = now()


def risk_matrix(ws: Workspace, department_id: int | None = None, residual: bool = False) -> RiskMatrix:
    rows = list_risks(ws, department_id=department_id)
    if residual:
        return build_matrix((r.residual_likelihood, r.residual_impact) for r in rows)
    return build_matrix((r.likelihood, r.impact) for r in rows)
