"""What the inventory screens show, decided without Qt: table rows, the survey's plain
questions, measure checklists with the suggested ones, and adding a catalogue risk.

    LEDGER_COLUMNS, ledger_rows(entries, departments, today, months, date_style) -> list[LedgerRow]
    RISK_COLUMNS, risk_rows(risks, entries, measure_labels, date_style) -> list[RiskRow]
    measure_checklist(catalogue, media, chosen) -> [(group label, [Measure])]
    suggested_measures_for(ws, risk) -> set[measure key]      (for the 「推奨」 marks)
(The survey's questions and placeholders are in fields.py; adding a catalogue risk is
service.add_catalogue_risk.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from pcdesk.dates import SEIREKI, format_date, format_datetime
from pcdesk.inventory.catalogue import Measure
from pcdesk.inventory.choices import (IMPACT_LABELS, LIKELIHOOD_LABELS, MEASURE_GROUPS, MEDIA, RETIRED, STAGES,
                                      STATUSES)
from pcdesk.inventory.classification import CATEGORIES, NOT_PERSONAL
from pcdesk.inventory.fields import LABELS
from pcdesk.inventory.model import InventoryEntry, RiskAssessment, SurveyDraft
from pcdesk.inventory.risk import media_fits
from pcdesk.inventory.service import is_review_overdue, review_due_on
from pcdesk.services import Workspace

# -- the ledger table ------------------------------------------------------------------

LEDGER_COLUMNS = ["管理番号", "部門", "業務", "名称", "本人", "件数", "媒体", "区分", "要配慮", "特定",
                  "最終見直し", "状態"]
COUNT_COLUMN = LEDGER_COLUMNS.index("件数")
MARK = "●"
SHORT_CATEGORIES = {NOT_PERSONAL: "該当しない"}  # 「個人情報に該当しない」 in a narrow column


@dataclass(frozen=True)
class LedgerRow:
    entry_id: int
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]  # what a click on the heading sorts by (件数 as a number…)
    overdue: bool
    retired: bool
    note: str  # tooltip: why the row is marked
    incomplete: bool = False  # 要確認: required fields still empty

    @property
    def number(self) -> str:
        return self.cells[0]


def ledger_rows(entries: Iterable[InventoryEntry], departments: Mapping[int, str], today: dt.date,
                months: int, date_style: str = SEIREKI) -> list[LedgerRow]:
    rows = []
    for e in entries:
        overdue = is_review_overdue(e, today, months)
        retired = e.status == RETIRED
        status = STATUSES.get(e.status, e.status)
        note = ""
        if retired:
            note = (f"{format_date(e.retired_on, date_style)}に廃止: {e.retired_reason}" if e.retired_on
                    else "廃止された項目です。")
        elif e.needs_review:
            status = "要確認"
            note = (f"入力が足りない項目があります: {'、'.join(LABELS.get(k, k) for k in e.missing_fields)}。"
                    "「編集…」で入力すると「利用中」になります。")
        elif overdue:
            status = "期限切れ"
            note = (f"最終見直しから{months}か月以上たっています（期限 {format_date(review_due_on(e, months), date_style)}）。"
                    "内容を確かめて「見直し済みにする」を押してください。")
        cells = (e.number, departments.get(e.department_id, ""), e.business_process, e.name,
                 "、".join(e.subject_kinds), "" if "record_count" in e.missing_fields else f"{e.record_count:,}",
                 MEDIA.get(e.media, e.media),
                 SHORT_CATEGORIES.get(e.category, CATEGORIES.get(e.category, e.category)), MARK if e.is_sensitive else "",
                 MARK if e.is_specific else "", format_date(e.last_reviewed_on, date_style), status)
        keys = cells[:COUNT_COLUMN] + (e.record_count,) + cells[COUNT_COLUMN + 1:10] + (e.last_reviewed_on,) + cells[11:]
        rows.append(LedgerRow(e.id, cells, keys, overdue, retired, note, e.needs_review and not retired))
    return rows


def draft_label(draft: SurveyDraft, departments: Mapping[int, str], date_style: str = SEIREKI) -> str:
    """One line for the list of drafts: 「株主名簿（総務部）— 2026年5月1日 10:00 山田」."""
    dept = departments.get(draft.department_id or -1, "部門未選択")
    edit = "・台帳の編集" if draft.entry_id else ""
    return f"{draft.title}（{dept}{edit}）— {format_datetime(draft.updated_at, date_style)} {draft.created_by}"


# -- the risk table --------------------------------------------------------------------

RISK_COLUMNS = ["管理番号", "名称", "段階", "リスク", "脅威", "発生可能性", "影響度", "スコア", "レベル", "対策",
                "残留リスク", "受容者", "受容日"]
ENTRY_COLUMNS = 2  # 管理番号 and 名称: hidden when one entry is shown
LEVEL_COLUMNS = (RISK_COLUMNS.index("レベル"), RISK_COLUMNS.index("残留リスク"))
NUMERIC_COLUMNS = tuple(RISK_COLUMNS.index(c) for c in ("発生可能性", "影響度", "スコア"))


@dataclass(frozen=True)
class RiskRow:
    risk_id: int
    entry_id: int
    cells: tuple[str, ...]
    level: str
    residual_level: str
    accepted: bool
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int
    tooltips: tuple[str, ...]


def measures_line(keys: Iterable[str], labels: Mapping[str, str]) -> str:
    return "、".join(labels.get(k, k) for k in keys)


def risk_rows(risks: Iterable[RiskAssessment], entries: Mapping[int, InventoryEntry], labels: Mapping[str, str],
              date_style: str = SEIREKI) -> list[RiskRow]:
    rows = []
    for r in risks:
        e = entries.get(r.entry_id)
        measures = measures_line(r.measures, labels)
        if r.measure_notes:
            measures = f"{measures}（{r.measure_notes}）" if measures else r.measure_notes
        residual = f"{r.residual_score}（{r.residual_level}）"
        cells = (e.number if e else "", e.name if e else "", STAGES.get(r.stage, r.stage), r.label, r.threat,
                 str(r.likelihood), str(r.impact), str(r.score), r.level, measures, residual,
                 r.accepted_by if r.accepted_at else "未承認", format_date(r.accepted_at, date_style))
        tips = [""] * len(cells)
        tips[5] = LIKELIHOOD_LABELS.get(r.likelihood, "")
        tips[6] = f"{IMPACT_LABELS.get(r.impact, '')}（判断 {r.base_impact} ＋ 台帳の内容による加算 {r.impact - r.base_impact}）"
        tips[9] = measures
        tips[10] = (f"対策後の発生可能性 {r.residual_likelihood} × 影響度 {r.residual_impact} = {r.residual_score}"
                    f"（{r.residual_level}）")
        rows.append(RiskRow(r.id, r.entry_id, cells, r.level, r.residual_level, r.accepted_at is not None,
                            r.likelihood, r.impact, r.residual_likelihood, r.residual_impact, tuple(tips)))
    return rows


def measure_checklist(catalogue: Iterable[Measure], media: str, chosen: Iterable[str] = ()) -> list[tuple[str, list[Measure]]]:
    """Measures grouped 組織的・人的・物理的・技術的, those that fit the 媒体 (and any already chosen)."""
    chosen = set(chosen)
    groups: dict[str, list[Measure]] = {g: [] for g in MEASURE_GROUPS}
    for m in catalogue:
        if m.group in groups and (m.key in chosen or (m.active and media_fits(m.media, media))):
            groups[m.group].append(m)
    return [(MEASURE_GROUPS[g], items) for g, items in groups.items() if items]


def suggested_measures_for(ws: Workspace, risk: RiskAssessment) -> set[str]:
    """The measures the catalogue proposes for this risk of this entry: its template's, or,
    for a risk written by hand, those of the catalogue risks of the same stage and threat."""
    from pcdesk.inventory.analysis import measure_catalogue, risk_catalogue
    from pcdesk.inventory.risk import suggest_risks
    from pcdesk.inventory.service import get_entry

    entry = get_entry(ws, risk.entry_id)
    suggestions = suggest_risks(entry.values(), risk_catalogue(ws), measure_catalogue(ws))
    same = [s for s in suggestions if s.template.key == risk.risk_key] if risk.risk_key else []
    if not same:
        same = [s for s in suggestions if s.stage == risk.stage and (s.template.threat == risk.threat or not risk.threat)]
    return {k for s in same for k in s.measures}
