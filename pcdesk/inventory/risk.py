"""Risk scoring, suggestions from the survey answers, and the risk matrix — pure functions.

Scale: likelihood 1–3 (choices.LIKELIHOOD_LABELS) × impact 1–5. The user judges a base
impact 1–3; the entry raises it (`impact_raise`): +1 for 要配慮個人情報 or 特定個人情報,
+1 for 1,000 records or more, +2 for 10,000 or more, capped at 5. Score = likelihood ×
impact (1–15); level 高 from 8, 中 from 4, else 低.

Suggestions: a risk template (catalogue.RISKS) applies to an entry when its stage's
媒体 matches and its condition holds (`conditions`); its measures are proposed, less
those that make no sense for the answers (施錠保管 for electronic-only data, 施錠できる鞄
when nothing is taken out…). Of those, the ones the answers show to be done already
(保管方法・廃棄方法: catalogue.measures_in_place) are 現状の対策, the rest 追加対策.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from pcdesk.inventory.catalogue import (ANY, ELECTRONIC_MEDIA, MEASURES, PAPER_MEDIA, RISKS, Measure,
                                        RiskTemplate, measures_in_place)
from pcdesk.inventory.choices import (ACQUISITION_DIRECT_WRITTEN, BASE_IMPACT_MAX, IMPACT_MAX, LEVEL_HIGH,
                                      LEVEL_LOW, LEVEL_MEDIUM, MEASURE_GROUPS, STAGES, has_electronic,
                                      has_paper)
from pcdesk.inventory.classification import NOT_PERSONAL, classify

LARGE_COUNT = 1_000
VERY_LARGE_COUNT = 10_000
HIGH_FROM = 8
MEDIUM_FROM = 4


def impact_raise(answers: Mapping[str, Any]) -> int:
    c = classify(answers)
    count = int(answers.get("record_count") or 0)
    raise_by = 1 if (c.sensitive or c.specific) else 0
    if count >= VERY_LARGE_COUNT:
        raise_by += 2
    elif count >= LARGE_COUNT:
        raise_by += 1
    return raise_by


def effective_impact(base_impact: int, raise_by: int) -> int:
    return max(1, min(IMPACT_MAX, base_impact + raise_by))


def level_of(score: int) -> str:
    if score >= HIGH_FROM:
        return LEVEL_HIGH
    if score >= MEDIUM_FROM:
        return LEVEL_MEDIUM
    return LEVEL_LOW


@dataclass(frozen=True)
class Score:
    likelihood: int
    impact: int  # effective, 1–5

    @property
    def value(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        return level_of(self.value)


def score(likelihood: int, base_impact: int, raise_by: int) -> Score:
    return Score(likelihood, effective_impact(base_impact, raise_by))


def suggested_residual(likelihood: int, impact: int, measures: Iterable[str]) -> Score:
    """A starting point for the residual risk the user then confirms or changes:
    any measure lowers likelihood by 1, three or more by 2; encryption lowers impact by 1."""
    chosen = set(measures)
    lower = 2 if len(chosen) >= 3 else 1 if chosen else 0
    return Score(max(1, likelihood - lower), max(1, impact - (1 if "encryption" in chosen else 0)))


def conditions(answers: Mapping[str, Any]) -> set[str]:
    """The catalogue.CONDITIONS that hold for these answers."""
    c = classify(answers)
    held = {"always"}
    if c.sensitive or c.specific:
        held.add("sensitive")
    if ACQUISITION_DIRECT_WRITTEN in (answers.get("acquisition") or []):
        held.add("direct_written")
    for key in ("taken_out", "consigned", "third_party", "joint_use"):
        if answers.get(key):
            held.add(key)
    if int(answers.get("record_count") or 0) >= LARGE_COUNT:
        held.add("large")
    return held


def media_fits(item_media: str, entry_media: str) -> bool:
    if item_media == ANY:
        return True
    if item_media == PAPER_MEDIA:
        return has_paper(entry_media)
    if item_media == ELECTRONIC_MEDIA:
        return has_electronic(entry_media)
    return False


def measure_fits(measure: Measure, media: str, held: set[str]) -> bool:
    """Whether a measure makes sense for an entry of this 媒体 whose answers hold `held`."""
    return media_fits(measure.media, media) and measure.condition in held


@dataclass
class SuggestedRisk:
    template: RiskTemplate
    measures: list[str]  # every measure key the catalogue proposes that fits the entry
    score: Score
    residual: Score  # after the measures in place
    current: list[str] = field(default_factory=list)  # of `measures`, those the answers show in place
    additional: list[str] = field(default_factory=list)  # the others: 追加対策

    @property
    def stage(self) -> str:
        return self.template.stage


def suggest_risks(answers: Mapping[str, Any], risks: Iterable[RiskTemplate] | None = None,
                  measures: Iterable[Measure] | None = None) -> list[SuggestedRisk]:
    """The catalogue risks that apply to an entry, in stage order, with their measures.

    Information that is not personal information (classification) gets none.
    """
    if classify(answers).category == NOT_PERSONAL:
        return []
    media = answers.get("media") or ELECTRONIC_MEDIA
    held = conditions(answers)
    fitting = {m.key for m in (measures if measures is not None else MEASURES)
               if m.active and measure_fits(m, media, held)}
    in_place = measures_in_place(dict(answers))
    raise_by = impact_raise(answers)
    out = []
    for t in risks if risks is not None else RISKS:
        if not t.active or t.condition not in held or not media_fits(t.media, media):
            continue
        chosen = [k for k in t.measures if k in fitting]
        current = [k for k in chosen if k in in_place]
        s = score(t.likelihood, t.impact, raise_by)
        out.append(SuggestedRisk(t, chosen, s, suggested_residual(s.likelihood, s.impact, current), current,
                                 [k for k in chosen if k not in in_place]))
    order = list(STAGES)
    out.sort(key=lambda r: order.index(r.stage) if r.stage in order else len(order))
    return out


@dataclass(frozen=True)
class MeasureSuggestion:
    measure: Measure
    reasons: tuple[str, ...]  # the risk labels it answers


def suggest_measures(answers: Mapping[str, Any], risks: Iterable[RiskTemplate] | None = None,
                     measures: Iterable[Measure] | None = None) -> dict[str, list[MeasureSuggestion]]:
    """Measures the answers call for, grouped 組織的・人的・物理的・技術的 (group label → list)."""
    catalogue = [m for m in (measures if measures is not None else MEASURES) if m.active]
    reasons: dict[str, list[str]] = {}
    for r in suggest_risks(answers, risks, catalogue):
        for k in r.measures:
            reasons.setdefault(k, []).append(r.template.label)
    grouped: dict[str, list[MeasureSuggestion]] = {label: [] for label in MEASURE_GROUPS.values()}
    for m in catalogue:
        if m.key in reasons:
            grouped[MEASURE_GROUPS.get(m.group, m.group)].append(MeasureSuggestion(m, tuple(reasons[m.key])))
    return {g: items for g, items in grouped.items() if items}


@dataclass
class RiskMatrix:
    """Counts of risks per likelihood × impact cell, for the matrix view."""

    cells: dict[tuple[int, int], int] = field(default_factory=dict)  # (likelihood, impact) → count
    likelihoods: tuple[int, ...] = (3, 2, 1)  # rows, top to bottom
    impacts: tuple[int, ...] = (1, 2, 3, 4, 5)  # columns, left to right

    def count(self, likelihood: int, impact: int) -> int:
        return self.cells.get((likelihood, impact), 0)

    @staticmethod
    def level(likelihood: int, impact: int) -> str:
        return level_of(likelihood * impact)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def by_level(self) -> dict[str, int]:
        out = {LEVEL_HIGH: 0, LEVEL_MEDIUM: 0, LEVEL_LOW: 0}
        for (li, im), n in self.cells.items():
            out[level_of(li * im)] += n
        return out


def risk_matrix(pairs: Iterable[tuple[int, int]]) -> RiskMatrix:
    m = RiskMatrix()
    for likelihood, impact in pairs:
        m.cells[(likelihood, impact)] = m.cells.get((likelihood, impact), 0) + 1
    return m


def validate_scale(likelihood: Any, base_impact: Any) -> list[tuple[str, str]]:
    """(field label, message) pairs for out-of-range scores."""
    out = []
    if not isinstance(likelihood, int) or not 1 <= likelihood <= 3:
        out.append(("発生可能性", "1〜3 で選んでください。"))
    if not isinstance(base_impact, int) or not 1 <= base_impact <= BASE_IMPACT_MAX:
        out.append(("影響度", f"1〜{BASE_IMPACT_MAX} で選んでください。"))
    return out
