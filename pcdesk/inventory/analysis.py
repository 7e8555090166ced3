"""リスク分析: the risk rows of each ledger entry, their acceptance, and the catalogues.

Roles: 管理者・担当者 edit risks; only the 管理者 edits the catalogues, and residual risk
is accepted by the 管理者（個人情報保護管理者）: the issue's roles have no separate PMS-manager
role, so whoever holds 管理者 accepts, and an acceptance once given is never overwritten.

Risk rows
    list_risks(ws, entry_id=None, department_id=None, include_retired=False) -> list[RiskAssessment]
    add_suggested_risks(ws, entry_id) -> list[RiskAssessment]   (catalogue risks not yet present)
    missing_suggestions(ws, entry_id) -> list[risk.SuggestedRisk]
    add_risk(ws, entry_id, stage, label, likelihood, base_impact, measures=(), threat="", ..., risk_key="")
    update_risk(ws, risk_id, **changes) -> RiskAssessment        (clears an acceptance it invalidates)
    delete_risk(ws, risk_id)
    accept_risks(ws, risk_ids) -> Acceptance                     (who and when; accepted ones are skipped)
    risk_matrix(ws, department_id=None, residual=False) -> risk.RiskMatrix
Catalogues (built-in, editable)
    risk_catalogue(ws, include_hidden=False) -> list[RiskTemplate]
    measure_catalogue(ws, include_hidden=False) -> list[Measure]
    measure_labels(ws) -> dict[key, label]
    save_measure(ws, label, group, key=None, media="any", active=True) -> Measure
    save_risk_template(ws, label, threat, stage, key=None, ...) -> RiskTemplate

Scores follow the entry: when its 件数 or 要配慮 change, `rescore_entry_risks` raises the
impact and an acceptance given for the old score is withdrawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcdesk.dates import format_date, now
from pcdesk.errors import NotFound, Problems, ValidationError
from pcdesk.inventory.catalogue import (CONDITIONS, BUILTIN_MEASURES, BUILTIN_RISKS, Measure, RiskTemplate,
                                        merge_measures, merge_risks)
from pcdesk.inventory.choices import ACTIVE, MEASURE_GROUPS, STAGES, THREATS
from pcdesk.inventory.model import CatalogueItem, InventoryEntry, RiskAssessment
from pcdesk.inventory.risk import (RiskMatrix, SuggestedRisk, impact_raise, level_of, risk_matrix as build_matrix,
                                   score, suggest_risks, suggested_residual, validate_scale)
from pcdesk.services import ADMIN, APPROVER, STAFF, Workspace
from pcdesk.settings import load_settings

ACCEPTOR = "管理者（個人情報保護管理者）"  # who accepts residual risk, as screens and messages say it
READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
SCORED = ("stage", "likelihood", "base_impact", "measures", "residual_likelihood", "residual_impact")


# -- catalogues ---------------------------------------------------------------------

def _overrides(s: Session, kind: str) -> list[CatalogueItem]:
    return list(s.scalars(select(CatalogueItem).where(CatalogueItem.kind == kind).order_by(CatalogueItem.id)))


def _as_measure(row: CatalogueItem) -> Measure:
    return Measure(row.key, row.label, row.group, row.media, builtin=False, active=row.active)


def _as_risk(row: CatalogueItem) -> RiskTemplate:
    return RiskTemplate(row.key, row.label, row.threat, row.stage, row.media, row.condition, row.likelihood,
                        row.impact, tuple(row.measures or ()), builtin=False, active=row.active)


def _measures(s: Session) -> list[Measure]:
    return merge_measures(_as_measure(r) for r in _overrides(s, "measure"))


def _risks(s: Session) -> list[RiskTemplate]:
    return merge_risks(_as_risk(r) for r in _overrides(s, "risk"))


def measure_catalogue(ws: Workspace, include_hidden: bool = False) -> list[Measure]:
    with ws.read() as s:
        items = _measures(s)
    return items if include_hidden else [m for m in items if m.active]


def risk_catalogue(ws: Workspace, include_hidden: bool = False) -> list[RiskTemplate]:
    with ws.read() as s:
        items = _risks(s)
    return items if include_hidden else [r for r in items if r.active]


def measure_labels(ws: Workspace) -> dict[str, str]:
    """Every measure key ever offered → its label (hidden ones too: old rows still name them)."""
    return {m.key: m.label for m in measure_catalogue(ws, include_hidden=True)}


def _new_key(s: Session, kind: str) -> str:
    prefix = f"custom_{kind}_"
    used = s.scalars(select(CatalogueItem.key).where(CatalogueItem.kind == kind, CatalogueItem.key.like(prefix + "%")))
    numbers = [int(k[len(prefix):]) for k in used if k[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _upsert(s: Session, kind: str, key: str | None, values: dict[str, Any]) -> str:
    key = key or _new_key(s, kind)
    row = s.scalar(select(CatalogueItem).where(CatalogueItem.kind == kind, CatalogueItem.key == key))
    if row is None:
        row = CatalogueItem(kind=kind, key=key)
        s.add(row)
    for k, v in values.items():
        setattr(row, k, v)
    return key


def save_measure(ws: Workspace, label: str, group: str, key: str | None = None, media: str = "any",
                 active: bool = True) -> Measure:
    """Add a measure (key None) or change/hide one, built-in or not."""
    ws.require(ADMIN)
    p = Problems()
    p.require(label, "対策の名称")
    if group not in MEASURE_GROUPS:
        p.add("区分", "組織的・人的・物理的・技術的 のいずれかを選んでください。")
    if key is not None and key not in BUILTIN_MEASURES and not key.startswith("custom_measure_"):
        p.add("対策", "見つかりません。画面を更新してください。")
    p.raise_if_any()
    with ws.write() as s:
        key = _upsert(s, "measure", key, {"label": label.strip(), "group": group, "media": media, "active": active})
    return Measure(key, label.strip(), group, media, builtin=key in BUILTIN_MEASURES, active=active)


def save_risk_template(ws: Workspace, label: str, threat: str, stage: str, key: str | None = None, *,
                       media: str = "any", condition: str = "always", likelihood: int = 1, impact: int = 1,
                       measures: Iterable[str] = (), active: bool = True) -> RiskTemplate:
    ws.require(ADMIN)
    p = Problems()
    p.require(label, "リスクの内容")
    if threat not in THREATS:
        p.add("脅威", f"{'・'.join(THREATS)} のいずれかを選んでください。")
    if stage not in STAGES:
        p.add("段階", f"{'・'.join(STAGES.values())} のいずれかを選んでください。")
    if condition not in CONDITIONS:
        p.add("対象となる条件", "一覧から選んでください。")
    for label_, msg in validate_scale(likelihood, impact):
        p.add(label_, msg)
    p.raise_if_any()
    measures = list(measures)
    with ws.write() as s:
        known = {m.key for m in _measures(s)}
        unknown = [m for m in measures if m not in known]
        if unknown:
            raise ValidationError.single("対策", f"カタログにない対策です: {', '.join(unknown)}")
        key = _upsert(s, "risk", key, {"label": label.strip(), "threat": threat, "stage": stage, "media": media,
                                       "condition": condition, "likelihood": likelihood, "impact": impact,
                                       "measures": measures, "active": active})
    return RiskTemplate(key, label.strip(), threat, stage, media, condition, likelihood, impact, tuple(measures),
                        builtin=key in BUILTIN_RISKS, active=active)


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
        suggestions = suggest_risks(entry.values(), _risks(s), _measures(s))
    return [r for r in suggestions if r.template.key not in present]


def add_suggested_risks(ws: Workspace, entry_id: int) -> list[RiskAssessment]:
    ws.require(*EDITORS)
    added = []
    with ws.write() as s:
        entry = _entry(s, entry_id)
        present = set(s.scalars(select(RiskAssessment.risk_key).where(RiskAssessment.entry_id == entry_id)))
        for r in suggest_risks(entry.values(), _risks(s), _measures(s)):
            if r.template.key in present:
                continue
            row = RiskAssessment(entry_id=entry.id, stage=r.stage, risk_key=r.template.key, label=r.template.label,
                                 threat=r.template.threat, likelihood=r.score.likelihood,
                                 base_impact=r.template.impact, measures=list(r.measures),
                                 residual_likelihood=r.residual.likelihood, residual_impact=r.residual.impact,
                                 sort_order=_stage_order(r.stage), updated_at=now())
            _set_scores(row, impact_raise(entry.values()))
            s.add(row)
            added.append(row)
    return added


def _validate_risk(values: dict[str, Any], known_measures: set[str]) -> None:
    p = Problems()
    if "label" in values:
        p.require(values["label"], "リスクの内容")
    if "stage" in values and values["stage"] not in STAGES:
        p.add("段階", f"{'・'.join(STAGES.values())} のいずれかを選んでください。")
    if values.get("threat") and values["threat"] not in THREATS:
        p.add("脅威", f"{'・'.join(THREATS)} のいずれかを選んでください。")
    for label, msg in validate_scale(values.get("likelihood", 1), values.get("base_impact", 1)):
        p.add(label, msg)
    for key, label, top in (("residual_likelihood", "残留リスクの発生可能性", values.get("likelihood")),
                            ("residual_impact", "残留リスクの影響度", values.get("impact"))):
        v = values.get(key)
        if v is not None and (not isinstance(v, int) or v < 1 or (isinstance(top, int) and v > top)):
            p.add(label, f"1〜{top} で選んでください（対策前より高くはできません）。")
    unknown = [m for m in values.get("measures", []) if m not in known_measures]
    if unknown:
        p.add("対策", f"カタログにない対策です: {', '.join(unknown)}")
    p.raise_if_any()


def add_risk(ws: Workspace, entry_id: int, stage: str, label: str, likelihood: int, base_impact: int,
             measures: Iterable[str] = (), threat: str = "", measure_notes: str = "",
             residual_likelihood: int | None = None, residual_impact: int | None = None,
             risk_key: str = "") -> RiskAssessment:
    """A risk written by hand, or one picked from the catalogue (`risk_key`: not proposed again)."""
    ws.require(*EDITORS)
    measures = list(dict.fromkeys(measures))
    with ws.write() as s:
        entry = _entry(s, entry_id)
        raise_by = impact_raise(entry.values())
        sc = score(likelihood if isinstance(likelihood, int) else 1, base_impact if isinstance(base_impact, int) else 1,
                   raise_by)
        _validate_risk({"label": label, "stage": stage, "threat": threat, "likelihood": likelihood,
                        "base_impact": base_impact, "impact": sc.impact, "measures": measures,
                        "residual_likelihood": residual_likelihood, "residual_impact": residual_impact},
                       {m.key for m in _measures(s)})
        suggested = suggested_residual(sc.likelihood, sc.impact, measures)
        row = RiskAssessment(entry_id=entry_id, stage=stage, risk_key=risk_key, label=label.strip(), threat=threat,
                             likelihood=likelihood, base_impact=base_impact, measures=measures,
                             measure_notes=measure_notes.strip(),
                             residual_likelihood=residual_likelihood or suggested.likelihood,
                             residual_impact=residual_impact or suggested.impact,
                             sort_order=_stage_order(stage), updated_at=now())
        _set_scores(row, raise_by)
        s.add(row)
    return row


def update_risk(ws: Workspace, risk_id: int, **changes: Any) -> RiskAssessment:
    """Change label, threat, stage, likelihood, base_impact, measures, measure_notes,
    residual_likelihood or residual_impact. A change to any score or measure withdraws
    the acceptance: the 管理者 accepts again what they now see."""
    ws.require(*EDITORS)
    allowed = {"label", "threat", "stage", "likelihood", "base_impact", "measures", "measure_notes",
               "residual_likelihood", "residual_impact"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown risk fields: {sorted(unknown)}")
    with ws.write() as s:
        risk = s.get(RiskAssessment, risk_id)
        if risk is None:
            raise NotFound("リスクの行が見つかりません。画面を更新してください。")
        entry = _entry(s, risk.entry_id)
        if "measures" in changes:
            changes["measures"] = list(dict.fromkeys(changes["measures"]))
        merged = {k: getattr(risk, k) for k in allowed} | changes
        raise_by = impact_raise(entry.values())
        sc = score(merged["likelihood"] if isinstance(merged["likelihood"], int) else 1,
                   merged["base_impact"] if isinstance(merged["base_impact"], int) else 1, raise_by)
        _validate_risk(merged | {"impact": sc.impact}, {m.key for m in _measures(s)})
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
    """What accept_risks did: how many rows it accepted, and the ones it left alone because
    they were already accepted (each described: 管理番号「リスク」（誰 日付 承認済み）)."""
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
    """The 管理者（個人情報保護管理者）が承認: records who accepted the residual risk of these rows
    and when. Rows already accepted keep their first acceptance (an edit that changes the
    scores withdraws it; then it can be accepted again). When every chosen row was already
    accepted, nothing is written and a ValidationError names them."""
    actor = ws.require(ADMIN)
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
                + "。承認し直すには、リスクを見直して点数か対策を変えて保存してください（承認が取り消されます）。")
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

