"""What the inventory screens show, decided without Qt: table rows, the survey's plain
questions, measure checklists with the suggested ones, and adding a catalogue risk.

    LEDGER_COLUMNS, ledger_rows(entries, departments, today, months, date_style) -> list[LedgerRow]
    RISK_COLUMNS, risk_rows(risks, entries, measure_labels, date_style) -> list[RiskRow]
    measure_checklist(catalogue, media, chosen) -> [(group label, [Measure])]
    suggested_measures_for(ws, risk) -> set[measure key]      (for the 「推奨」 marks)
    add_catalogue_risk(ws, entry_id, template_key) -> RiskAssessment
    PROMPTS / PLACEHOLDERS                                    (the survey's questions per field)
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
from pcdesk.inventory.flow import QUESTIONS
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
        elif overdue:
            status = "期限切れ"
            note = (f"最終見直しから{months}か月以上たっています（期限 {format_date(review_due_on(e, months), date_style)}）。"
                    "内容を確かめて「見直し済みにする」を押してください。")
        cells = (e.number, departments.get(e.department_id, ""), e.business_process, e.name,
                 "、".join(e.subject_kinds), f"{e.record_count:,}", MEDIA.get(e.media, e.media),
                 SHORT_CATEGORIES.get(e.category, CATEGORIES.get(e.category, e.category)), MARK if e.is_sensitive else "",
                 MARK if e.is_specific else "", format_date(e.last_reviewed_on, date_style), status)
        keys = cells[:COUNT_COLUMN] + (e.record_count,) + cells[COUNT_COLUMN + 1:10] + (e.last_reviewed_on,) + cells[11:]
        rows.append(LedgerRow(e.id, cells, keys, overdue, retired, note))
    return rows


def draft_label(draft: SurveyDraft, departments: Mapping[int, str], date_style: str = SEIREKI) -> str:
    """One line for the list of drafts: 「株主名簿（総務部）— 2026年5月1日 10:00 山田」."""
    dept = departments.get(draft.department_id or -1, "部門未選択")
    edit = "・台帳の編集" if draft.entry_id else ""
    return f"{draft.title}（{dept}{edit}）— {format_datetime(draft.updated_at, date_style)} {draft.created_by}"


# -- the survey's questions ------------------------------------------------------------

# Plain questions shown above each answer (yes/no ones come from the flow).
PROMPTS: dict[str, str] = {
    "department_id": "どの部門の情報ですか？",
    "business_process": "どの業務で使いますか？",
    "name": "この情報を何と呼んでいますか？（名称）",
    "subject_kinds": "誰の情報ですか？（本人の区分・複数選択可）",
    "items": "どんな項目が含まれますか？（複数選択可）",
    "record_count": "おおよそ何件（何人分）ありますか？",
    "acquisition": "どうやって手に入れますか？（取得方法・複数選択可）",
    "purpose": "何のために使いますか？（利用目的）",
    "media": "紙ですか、電子データですか？（媒体）",
    "storage_location": "どこに保管していますか？",
    "protection": "どのように守っていますか？（保管方法・複数選択可）",
    "access_holders": "誰が見たり使ったりできますか？（アクセス権者）",
    "manager": "管理の責任者は誰ですか？",
    "use_period": "いつまで使いますか？（利用期限）",
    "retention": "いつまで保管しますか？（保管期限）",
    "disposal": "不要になったらどう廃棄・消去しますか？（複数選択可）",
    "consignee": "委託先はどこですか？（名称と委託内容）",
    "third_party_recipient": "どこに提供していますか？（提供先と提供する項目）",
    "joint_use_details": "共同利用する者の範囲と項目は？",
    "notes": "備考（あれば）",
    **QUESTIONS,
}
PLACEHOLDERS: dict[str, str] = {
    "business_process": "例: 採用活動、受注・請求",
    "name": "例: 顧客名簿、応募者の履歴書",
    "record_count": "例: 500",
    "purpose": "例: 商品の発送と請求のため",
    "storage_location": "例: 総務部の書庫、社内ファイルサーバー",
    "access_holders": "例: 人事部員と役員",
    "manager": "例: 人事部長 山田太郎",
    "use_period": "例: 退職まで、契約終了まで",
    "retention": "例: 退職後7年、契約終了後5年",
    "consignee": "例: 株式会社○○運輸（商品の発送）",
    "third_party_recipient": "例: 提携保険会社（氏名・連絡先）",
    "joint_use_details": "例: グループ会社の○○株式会社と、氏名・連絡先・取引履歴を共同利用",
}


# -- the risk table ------------------------------------------------------------------

RISK_COLUMNS = ["管理番号", "名称", "業務名", "段階", "リスク", "脅威", "脆弱性", "発生可能性", "影響度", "評価点",
                "レベル", "現状の対策", "追加対策", "残留リスク", "承認者", "承認日"]
ENTRY_COLUMNS = 3  # 管理番号, 名称 and 業務名: hidden when one entry is shown
LEVEL_COLUMNS = (RISK_COLUMNS.index("レベル"), RISK_COLUMNS.index("残留リスク"))
NUMERIC_COLUMNS = tuple(RISK_COLUMNS.index(c) for c in ("発生可能性", "影響度", "評価点"))
RISK_TEXT_COLUMNS = tuple(RISK_COLUMNS.index(c) for c in ("名称", "業務名", "リスク", "脆弱性", "現状の対策", "追加対策"))
# Shown in the detail pane beside the table (and in the printed table), not as columns of their own:
# 評価点 and レベル already give the result, 承認者 whether it is approved.
RISK_DETAIL_ONLY = tuple(RISK_COLUMNS.index(c) for c in ("脅威", "発生可能性", "影響度", "承認日"))
PENDING = "未承認"


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
    consequences: tuple[tuple[str, str], ...] = ()  # (本人への影響, text)… for the detail pane

    def cell(self, heading: str) -> str:
        return self.cells[RISK_COLUMNS.index(heading)]


def measures_line(keys: Iterable[str], labels: Mapping[str, str], notes: str = "") -> str:
    line = "、".join(labels.get(k, k) for k in keys)
    if notes:
        line = f"{line}（{notes}）" if line else notes
    return line


def risk_rows(risks: Iterable[RiskAssessment], entries: Mapping[int, InventoryEntry], labels: Mapping[str, str],
              date_style: str = SEIREKI) -> list[RiskRow]:
    from pcdesk.inventory.consequences import CONSEQUENCES

    rows = []
    for r in risks:
        e = entries.get(r.entry_id)
        current = measures_line(r.measures, labels, r.measure_notes)
        additional = measures_line(r.additional_measures or [], labels, r.additional_notes)
        residual = f"{r.residual_score}（{r.residual_level}）"
        cells = (e.number if e else "", e.name if e else "", e.business_process if e else "",
                 STAGES.get(r.stage, r.stage), r.label, r.threat, r.vulnerability or "", str(r.likelihood),
                 str(r.impact), str(r.score), r.level, current, additional, residual,
                 r.accepted_by if r.accepted_at else PENDING, format_date(r.accepted_at, date_style))
        tips = [""] * len(cells)
        tips[RISK_COLUMNS.index("発生可能性")] = LIKELIHOOD_LABELS.get(r.likelihood, "")
        tips[RISK_COLUMNS.index("影響度")] = (f"{IMPACT_LABELS.get(r.impact, '')}（判断 {r.base_impact} ＋ 台帳の内容による加算 "
                                             f"{r.impact - r.base_impact}）")
        for heading in ("リスク", "脆弱性", "現状の対策", "追加対策"):
            tips[RISK_COLUMNS.index(heading)] = cells[RISK_COLUMNS.index(heading)]
        tips[RISK_COLUMNS.index("残留リスク")] = (
            f"現状の対策のもとでの発生可能性 {r.residual_likelihood} × 影響度 {r.residual_impact} = {r.residual_score}"
            f"（{r.residual_level}）")
        said = tuple((label, getattr(r, key) or "") for key, label in CONSEQUENCES.items())
        rows.append(RiskRow(r.id, r.entry_id, cells, r.level, r.residual_level, r.accepted_at is not None,
                            r.likelihood, r.impact, r.residual_likelihood, r.residual_impact, tuple(tips), said))
    return rows


def measure_checklist(catalogue: Iterable[Measure], media: str, chosen: Iterable[str] = (),
                      held: set[str] | None = None) -> list[tuple[str, list[Measure]]]:
    """Measures grouped 組織的・人的・物理的・技術的: those that fit the 媒体 and the entry's answers
    (`held`: risk.conditions; 施錠できる鞄 only for what is taken out), and any already chosen."""
    chosen = set(chosen)
    groups: dict[str, list[Measure]] = {g: [] for g in MEASURE_GROUPS}
    for m in catalogue:
        fits = media_fits(m.media, media) and (held is None or m.condition in held)
        if m.group in groups and (m.key in chosen or (m.active and fits)):
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


def add_catalogue_risk(ws: Workspace, entry_id: int, template_key: str) -> RiskAssessment:
    """Add a catalogue risk to an entry's analysis, with its 脆弱性 and the measures fitting
    the entry's answers (those its 保管方法・廃棄方法 show in place as 現状の対策, the rest as
    追加対策); it keeps the catalogue key, so it is not proposed again."""
    from pcdesk.errors import ValidationError
    from pcdesk.inventory.analysis import add_risk, measure_catalogue, risk_catalogue
    from pcdesk.inventory.catalogue import measures_in_place
    from pcdesk.inventory.risk import conditions, measure_fits
    from pcdesk.inventory.service import get_entry

    template = next((t for t in risk_catalogue(ws) if t.key == template_key), None)
    if template is None:
        raise ValidationError.single("リスク", "カタログに見つかりません。カタログを開き直してください。")
    entry = get_entry(ws, entry_id)
    answers = entry.values()
    held = conditions(answers) | {template.condition}  # chosen by hand: its situation is taken to hold
    fits = {m.key for m in measure_catalogue(ws) if measure_fits(m, entry.media, held)}
    chosen = [k for k in template.measures if k in fits]
    in_place = measures_in_place(answers)
    return add_risk(ws, entry_id, template.stage, template.label, template.likelihood, template.impact,
                    [k for k in chosen if k in in_place], threat=template.threat, risk_key=template.key,
                    vulnerability=template.vulnerability, additional_measures=[k for k in chosen if k not in in_place])
