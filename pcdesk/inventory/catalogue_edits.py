"""The risk and measure catalogues as the company has edited them (CatalogueItem rows over
the built-ins of pcdesk.inventory.catalogue). Only the 管理者 edits them.

    risk_catalogue(ws, include_hidden=False) -> list[RiskTemplate]
    measure_catalogue(ws, include_hidden=False) -> list[Measure]
    measure_labels(ws) -> dict[key, label]
    save_measure(ws, label, group, key=None, media="any", active=True, condition="always") -> Measure
    save_risk_template(ws, label, threat, stage, key=None, ..., vulnerability="") -> RiskTemplate
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcdesk.errors import Problems, ValidationError
from pcdesk.inventory.catalogue import (BUILTIN_MEASURES, BUILTIN_RISKS, CONDITIONS, Measure, RiskTemplate,
                                        merge_measures, merge_risks)
from pcdesk.inventory.choices import MEASURE_GROUPS, STAGES, THREATS
from pcdesk.inventory.model import CatalogueItem
from pcdesk.inventory.risk import validate_scale
from pcdesk.services import ADMIN, Workspace

MAX_TEXT = 300  # a catalogue label or 脆弱性: one short phrase


def _overrides(s: Session, kind: str) -> list[CatalogueItem]:
    return list(s.scalars(select(CatalogueItem).where(CatalogueItem.kind == kind).order_by(CatalogueItem.id)))


def _as_measure(row: CatalogueItem) -> Measure:
    return Measure(row.key, row.label, row.group, row.media, builtin=False, active=row.active,
                   condition=row.condition or "always")


def _as_risk(row: CatalogueItem) -> RiskTemplate:
    return RiskTemplate(row.key, row.label, row.threat, row.stage, row.media, row.condition, row.likelihood,
                        row.impact, tuple(row.measures or ()), builtin=False, active=row.active,
                        vulnerability=row.vulnerability or "")


def measures_in(s: Session) -> list[Measure]:
    return merge_measures(_as_measure(r) for r in _overrides(s, "measure"))


def risks_in(s: Session) -> list[RiskTemplate]:
    return merge_risks(_as_risk(r) for r in _overrides(s, "risk"))


def measure_catalogue(ws: Workspace, include_hidden: bool = False) -> list[Measure]:
    with ws.read() as s:
        items = measures_in(s)
    return items if include_hidden else [m for m in items if m.active]


def risk_catalogue(ws: Workspace, include_hidden: bool = False) -> list[RiskTemplate]:
    with ws.read() as s:
        items = risks_in(s)
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


def _too_long(p: Problems, value: str, label: str) -> None:
    if len(value or "") > MAX_TEXT:
        p.add(label, f"{MAX_TEXT}文字以内にしてください（今 {len(value)}文字）。")


def save_measure(ws: Workspace, label: str, group: str, key: str | None = None, media: str = "any",
                 active: bool = True, condition: str = "always") -> Measure:
    """Add a measure (key None) or change/hide one, built-in or not."""
    ws.require(ADMIN)
    p = Problems()
    p.require(label, "対策の名称")
    _too_long(p, label, "対策の名称")
    if group not in MEASURE_GROUPS:
        p.add("区分", "組織的・人的・物理的・技術的 のいずれかを選んでください。")
    if condition not in CONDITIONS:
        p.add("対象となる条件", "一覧から選んでください。")
    if key is not None and key not in BUILTIN_MEASURES and not key.startswith("custom_measure_"):
        p.add("対策", "見つかりません。画面を更新してください。")
    p.raise_if_any()
    with ws.write() as s:
        key = _upsert(s, "measure", key, {"label": label.strip(), "group": group, "media": media, "active": active,
                                          "condition": condition})
    return Measure(key, label.strip(), group, media, builtin=key in BUILTIN_MEASURES, active=active,
                   condition=condition)


def save_risk_template(ws: Workspace, label: str, threat: str, stage: str, key: str | None = None, *,
                       media: str = "any", condition: str = "always", likelihood: int = 1, impact: int = 1,
                       measures: Iterable[str] = (), active: bool = True, vulnerability: str = "") -> RiskTemplate:
    ws.require(ADMIN)
    p = Problems()
    p.require(label, "リスクの内容")
    _too_long(p, label, "リスクの内容")
    _too_long(p, vulnerability, "脆弱性")
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
        known = {m.key for m in measures_in(s)}
        unknown = [m for m in measures if m not in known]
        if unknown:
            raise ValidationError.single("対策", f"カタログにない対策です: {', '.join(unknown)}")
        key = _upsert(s, "risk", key, {"label": label.strip(), "threat": threat, "stage": stage, "media": media,
                                       "condition": condition, "likelihood": likelihood, "impact": impact,
                                       "measures": measures, "active": active,
                                       "vulnerability": (vulnerability or "").strip()})
    return RiskTemplate(key, label.strip(), threat, stage, media, condition, likelihood, impact, tuple(measures),
                        builtin=key in BUILTIN_RISKS, active=active, vulnerability=(vulnerability or "").strip())
