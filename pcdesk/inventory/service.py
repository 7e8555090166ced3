"""The 個人情報管理台帳: entries and their revisions, review, retirement, survey drafts, the
home page's items. Roles from roles.py (READERS read, EDITORS write, MANAGERS retire).

Values use the keys of fields.ENTRY; rules.problems explains what is wrong. An entry whose
required fields are not all filled is saved only as 要確認 (an import: incomplete_ok) and
stays so, naming them, until someone fills them. A finished survey is saved here
(save_survey(ws, flow.finish())). Every change writes an EntryRevision in the same transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcdesk.company.model import Department
from pcdesk.dates import now, today as today_
from pcdesk.errors import NotFound, ValidationError
from pcdesk.home import Attention
from pcdesk.inventory import rules
from pcdesk.inventory.analysis import add_suggested_risks, rescore_entry_risks
from pcdesk.inventory.choices import ACTIVE, RETIRED
from pcdesk.inventory.classification import NOT_PERSONAL, Classification, classify
from pcdesk.inventory.fields import LABELS, SPECS
from pcdesk.inventory.model import VALUE_KEYS, EntryRevision, InventoryEntry, RiskAssessment, SurveyDraft
from pcdesk.inventory.roles import EDITORS, MANAGERS, READERS, may
from pcdesk.services import Workspace
from pcdesk.settings import load_settings

NUMBER_PREFIX = "PI-"
NUMBER_RE = re.compile(r"^PI-(\d+)$")
# Keys that the survey's answers decide; number and review dates are kept by the service.
EDITABLE = [k for k in VALUE_KEYS if k not in rules.KEPT]
HISTORY_KEYS = VALUE_KEYS + ("status",)  # what a revision's snapshot holds
NOT_FOUND = "台帳の項目が見つかりません。画面を更新してください。"


# -- reading -------------------------------------------------------------------

@dataclass
class EntryFilter:
    department_id: int | None = None
    category: str | None = None  # key of classification.CATEGORIES
    sensitive: bool | None = None  # True: only 要配慮個人情報
    specific: bool | None = None  # True: only 特定個人情報
    review_overdue: bool | None = None  # True: only those not reviewed within the interval
    needs_review: bool | None = None  # True: only 要確認 (required fields still empty)
    status: str | None = ACTIVE  # active | retired | None for both
    text: str = ""  # part of 管理番号, 名称, 業務名 or 項目


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due_on(entry: InventoryEntry, months: int) -> dt.date:
    return add_months(entry.last_reviewed_on, months)


def is_review_overdue(entry: InventoryEntry, today: dt.date, months: int) -> bool:
    return entry.status == ACTIVE and review_due_on(entry, months) <= today


def review_interval(ws: Workspace) -> int:
    return load_settings(ws).review_interval_months


def get_entry(ws: Workspace, entry_id: int) -> InventoryEntry:
    ws.require(*READERS)
    with ws.read() as s:
        entry = s.get(InventoryEntry, entry_id)
    if entry is None:
        raise NotFound(NOT_FOUND)
    return entry


def list_entries(ws: Workspace, filt: EntryFilter | None = None, today: dt.date | None = None) -> list[InventoryEntry]:
    ws.require(*READERS)
    f = filt or EntryFilter()
    q = select(InventoryEntry).order_by(InventoryEntry.number)
    if f.department_id is not None:
        q = q.where(InventoryEntry.department_id == f.department_id)
    if f.category:
        q = q.where(InventoryEntry.category == f.category)
    if f.sensitive is not None:
        q = q.where(InventoryEntry.is_sensitive.is_(f.sensitive))
    if f.specific is not None:
        q = q.where(InventoryEntry.is_specific.is_(f.specific))
    if f.needs_review is not None:
        q = q.where(InventoryEntry.needs_review.is_(f.needs_review))
    if f.status:
        q = q.where(InventoryEntry.status == f.status)
    if f.review_overdue is not None:
        day, months = today or today_(), review_interval(ws)
        cutoff = add_months(day, -months)  # reviewed on or before this day → overdue
        cond = (InventoryEntry.last_reviewed_on <= cutoff) & (InventoryEntry.status == ACTIVE)
        q = q.where(cond if f.review_overdue else ~cond)
    with ws.read() as s:
        entries = list(s.scalars(q))
    text = f.text.strip()
    if text:
        entries = [e for e in entries if text in e.number or text in e.name or text in e.business_process
                   or any(text in i for i in e.items)]
    return entries


def classification_of(entry: InventoryEntry) -> Classification:
    return classify(entry.values())


def department_names(ws: Workspace) -> dict[int, str]:
    with ws.read() as s:
        return {d.id: d.name for d in s.scalars(select(Department))}


def missing_labels(entry: InventoryEntry) -> list[str]:
    """要確認: the labels of the fields still to fill in."""
    return [LABELS.get(k, k) for k in entry.missing_fields or []]


# -- writing -------------------------------------------------------------------

def _next_number(s: Session) -> str:
    highest = 0
    for number in s.scalars(select(InventoryEntry.number).where(InventoryEntry.number.like(f"{NUMBER_PREFIX}%"))):
        m = NUMBER_RE.match(number)
        if m:
            highest = max(highest, int(m.group(1)))
    return f"{NUMBER_PREFIX}{highest + 1:04d}"


def number_taken(s: Session, number: str) -> bool:
    return s.scalar(select(InventoryEntry.id).where(InventoryEntry.number == number)) is not None


def _check(cleaned: dict[str, Any], incomplete_ok: bool) -> None:
    problems = rules.problems(cleaned, missing_ok=incomplete_ok)
    if problems:
        raise ValidationError(problems)


def _check_department(s: Session, department_id: Any, required: bool) -> None:
    if department_id is None and not required:
        return
    if not isinstance(department_id, int) or s.get(Department, department_id) is None:
        raise ValidationError.single(LABELS["department_id"], "部門が見つかりません。部門を選び直してください。")


def _assign(entry: InventoryEntry, key: str, value: Any) -> None:
    """An emptied field of a 要確認 entry is stored empty (its column takes no None)."""
    if value is None and key != "department_id":
        value = 0 if key == "record_count" else ""
    setattr(entry, key, value)


def _derive(entry: InventoryEntry) -> None:
    """The class, the flags and 要確認, from the values (on every save)."""
    values = entry.values()
    c = classify(values)
    entry.category, entry.is_sensitive, entry.is_specific = c.category, c.sensitive, c.specific
    entry.missing_fields = rules.missing(values)
    entry.needs_review = bool(entry.missing_fields)


def _write_revision(s: Session, ws: Workspace, entry: InventoryEntry, reason: str) -> None:
    actor = ws.actor
    snapshot = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in entry.values().items()}
    snapshot["status"] = entry.status
    s.add(EntryRevision(entry_id=entry.id, revision=entry.revision, snapshot=snapshot, reason=reason,
                        changed_by=actor.name if actor else "", changed_by_id=actor.user_id if actor else None,
                        changed_at=now()))


def create_entry(ws: Workspace, values: dict[str, Any], reason: str = "新規登録", *,
                 with_risks: bool = True, number: str | None = None, reviewed_on: dt.date | None = None,
                 incomplete_ok: bool = False, source_number: str = "") -> InventoryEntry:
    """Add a ledger entry (and, unless told not to, the risks the catalogue suggests for it).

    `number` keeps a 管理番号 from an imported ledger; otherwise the next PI-nnnn is given
    (`source_number` then keeps the old one). `incomplete_ok` saves an entry whose required
    fields are not all filled as 要確認 (what an import does); other problems still refuse it.
    """
    actor = ws.require(*EDITORS)
    cleaned = rules.clean({**rules.DEFAULTS, **values})
    _check(cleaned, incomplete_ok)
    with ws.write() as s:
        _check_department(s, cleaned.get("department_id"), required=not incomplete_ok)
        if number and number_taken(s, number):
            raise ValidationError.single(LABELS["number"], f"「{number}」はすでに使われています。")
        stamp = now()
        entry = InventoryEntry(number=number or _next_number(s), status=ACTIVE, revision=1,
                               last_reviewed_on=reviewed_on or stamp.date(), reviewed_by=actor.name,
                               source_number=source_number[:60], created_at=stamp, updated_at=stamp)
        for key in EDITABLE:
            if key in cleaned:
                _assign(entry, key, cleaned[key])
        if incomplete_ok:  # what a 要確認 entry lacks reads as empty, not as a default
            entry.name = cleaned.get("name", "")
            entry.media = cleaned.get("media", "")
        _derive(entry)
        s.add(entry)
        s.flush()
        _write_revision(s, ws, entry, reason)
        if with_risks and entry.category != NOT_PERSONAL:
            add_suggested_risks(ws, entry.id)
    return entry


def update_entry(ws: Workspace, entry_id: int, values: dict[str, Any], reason: str = "") -> InventoryEntry:
    """Change an entry; `values` holds only the changed keys. Risk scores follow the entry.
    A 要確認 entry may be saved with fields still empty (it stays 要確認, naming them)."""
    ws.require(*EDITORS)
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None:
            raise NotFound(NOT_FOUND)
        merged = entry.values()
        merged.update({k: v for k, v in values.items() if k in EDITABLE})
        cleaned = rules.clean(merged)
        _check(cleaned, incomplete_ok=entry.needs_review)
        _check_department(s, cleaned.get("department_id"), required=not entry.needs_review)
        changed = [k for k in EDITABLE if k in cleaned and getattr(entry, k) != cleaned[k]
                   and not (rules.is_empty(cleaned[k]) and rules.is_empty(getattr(entry, k)))]
        if not changed:
            return entry
        for key in changed:
            _assign(entry, key, cleaned[key])
        _derive(entry)
        entry.revision += 1
        entry.updated_at = now()
        s.flush()
        _write_revision(s, ws, entry, reason.strip() or "内容の変更")
        rescore_entry_risks(s, entry)
    return entry


def mark_reviewed(ws: Workspace, entry_ids: Iterable[int], on: dt.date | None = None, note: str = "") -> int:
    """Record the annual review (見直し) of the entries; returns how many were marked."""
    actor = ws.require(*EDITORS)
    day = on or today_()
    if day > today_():
        raise ValidationError.single(LABELS["last_reviewed_on"], "未来の日付は指定できません。")
    count = 0
    with ws.write() as s:
        for entry_id in entry_ids:
            entry = s.get(InventoryEntry, entry_id)
            if entry is None or entry.status != ACTIVE:
                continue
            entry.last_reviewed_on = day
            entry.reviewed_by = actor.name
            entry.revision += 1
            entry.updated_at = now()
            s.flush()
            _write_revision(s, ws, entry, "見直し" + (f"（{note.strip()}）" if note.strip() else ""))
            count += 1
    return count


def retire_entry(ws: Workspace, entry_id: int, reason: str, on: dt.date | None = None) -> InventoryEntry:
    """廃止: the entry stays in the ledger, marked retired, with the day and the reason."""
    ws.require(*MANAGERS)
    if not (reason or "").strip():
        raise ValidationError.single("廃止の理由", "入力してください（例: 業務終了のため全件廃棄）。")
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None:
            raise NotFound(NOT_FOUND)
        if entry.status == RETIRED:
            raise ValidationError.single(LABELS["name"], f"「{entry.name}」はすでに廃止されています。")
        entry.status, entry.retired_on, entry.retired_reason = RETIRED, on or today_(), reason.strip()
        entry.revision += 1
        entry.updated_at = now()
        s.flush()
        _write_revision(s, ws, entry, f"廃止（{reason.strip()}）")
    return entry


def reactivate_entry(ws: Workspace, entry_id: int, reason: str) -> InventoryEntry:
    ws.require(*MANAGERS)
    if not (reason or "").strip():
        raise ValidationError.single("再開の理由", "入力してください。")
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None or entry.status != RETIRED:
            raise ValidationError.single(LABELS["name"], "廃止されていない項目です。")
        entry.status, entry.retired_on, entry.retired_reason = ACTIVE, None, ""
        entry.revision += 1
        entry.updated_at = now()
        s.flush()
        _write_revision(s, ws, entry, f"利用再開（{reason.strip()}）")
    return entry


# -- revision history -------------------------------------------------------------

@dataclass
class RevisionView:
    revision: int
    changed_at: dt.datetime
    changed_by: str
    reason: str
    changes: list[tuple[str, str, str]]  # (field label, before, after) as shown


def list_revisions(ws: Workspace, entry_id: int) -> list[RevisionView]:
    ws.require(*READERS)
    names = department_names(ws)
    with ws.read() as s:
        revs = list(s.scalars(select(EntryRevision).where(EntryRevision.entry_id == entry_id)
                              .order_by(EntryRevision.revision)))
    style = load_settings(ws).date_style

    def shown(key: str, value: Any) -> str:
        return SPECS[key].format(value, style, names)

    out, before = [], {}
    for r in revs:
        pairs = [(LABELS[k], shown(k, before.get(k)), shown(k, r.snapshot.get(k))) for k in HISTORY_KEYS] if before else []
        changes = [(label, was, now_) for label, was, now_ in pairs if was != now_]
        out.append(RevisionView(r.revision, r.changed_at, r.changed_by, r.reason, changes))
        before = r.snapshot
    return list(reversed(out))


# -- the survey and its drafts -------------------------------------------------------

@dataclass
class SurveyResult:
    """A finished survey, as flow.SurveyFlow.finish() returns it: what to save."""

    values: dict[str, Any]
    entry_id: int | None = None  # editing this entry; None for a new one
    draft_id: int | None = None  # the draft it was resumed from (deleted once saved)
    extra: dict[str, Any] = field(default_factory=dict)


def save_survey(ws: Workspace, result: SurveyResult, reason: str = "") -> InventoryEntry:
    """Save a finished survey: a new entry with suggested risks, or the edited entry."""
    with ws.atomic():
        if result.entry_id is not None:
            entry = update_entry(ws, result.entry_id, result.values, reason or "調査票による更新")
        else:
            entry = create_entry(ws, result.values, reason or "調査票による登録")
        if result.draft_id is not None:
            delete_draft(ws, result.draft_id)
    return entry


def save_draft(ws: Workspace, answers: dict[str, Any], history: list[str], title: str,
               entry_id: int | None = None, draft_id: int | None = None) -> int:
    """Keep an unfinished survey (answers and the steps reached); returns the draft id."""
    actor = ws.require(*EDITORS)
    stored = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in answers.items()}
    dept = stored.get("department_id") if isinstance(stored.get("department_id"), int) else None
    with ws.write() as s:
        draft = s.get(SurveyDraft, draft_id) if draft_id else None
        if draft is None:
            draft = SurveyDraft(created_by=actor.name, created_by_id=actor.user_id)
            s.add(draft)
        draft.department_id = dept
        draft.title = (title.strip() or "（名称未入力）")[:200]
        draft.answers = stored
        draft.history = list(history)
        draft.entry_id = entry_id
        draft.updated_at = now()
        s.flush()
        return draft.id


def load_draft(ws: Workspace, draft_id: int) -> SurveyDraft:
    ws.require(*EDITORS)
    with ws.read() as s:
        draft = s.get(SurveyDraft, draft_id)
    if draft is None:
        raise NotFound("下書きが見つかりません。画面を更新してください。")
    return draft


def list_drafts(ws: Workspace, department_id: int | None = None) -> list[SurveyDraft]:
    ws.require(*EDITORS)
    q = select(SurveyDraft).order_by(SurveyDraft.updated_at.desc(), SurveyDraft.id.desc())
    if department_id is not None:
        q = q.where(SurveyDraft.department_id == department_id)
    with ws.read() as s:
        return list(s.scalars(q))


def delete_draft(ws: Workspace, draft_id: int) -> None:
    ws.require(*EDITORS)
    with ws.write() as s:
        draft = s.get(SurveyDraft, draft_id)
        if draft is not None:
            s.delete(draft)


# -- risks ---------------------------------------------------------------------------

def add_catalogue_risk(ws: Workspace, entry_id: int, template_key: str) -> RiskAssessment:
    """Add a catalogue risk to an entry's analysis, with the measures fitting its 媒体;
    it keeps the catalogue key, so it is not proposed again."""
    from pcdesk.inventory.analysis import add_risk, measure_catalogue, risk_catalogue
    from pcdesk.inventory.risk import media_fits

    template = next((t for t in risk_catalogue(ws) if t.key == template_key), None)
    if template is None:
        raise ValidationError.single("リスク", "カタログに見つかりません。カタログを開き直してください。")
    entry = get_entry(ws, entry_id)
    fits = {m.key for m in measure_catalogue(ws) if media_fits(m.media, entry.media)}
    with ws.atomic():
        row = add_risk(ws, entry_id, template.stage, template.label, template.likelihood, template.impact,
                       [k for k in template.measures if k in fits], threat=template.threat)
        row.risk_key = template.key  # the same unit of work: saved with the row
    return row


# -- home page -----------------------------------------------------------------------

def overdue_attention(ws: Workspace) -> list[Attention]:
    """Entries to complete (要確認), not reviewed within the interval, and risks waiting for approval."""
    if not may(ws.actor, READERS):
        return []  # the reception kiosk hears nothing of the inventory
    months = review_interval(ws)
    cutoff = add_months(today_(), -months)
    with ws.read() as s:
        incomplete = s.scalar(select(func.count()).select_from(InventoryEntry).where(
            InventoryEntry.status == ACTIVE, InventoryEntry.needs_review.is_(True))) or 0
        overdue = s.scalar(select(func.count()).select_from(InventoryEntry).where(
            InventoryEntry.status == ACTIVE, InventoryEntry.last_reviewed_on <= cutoff)) or 0
        waiting = s.scalar(select(func.count()).select_from(RiskAssessment).join(InventoryEntry).where(
            InventoryEntry.status == ACTIVE, RiskAssessment.accepted_at.is_(None))) or 0
    items = []
    if incomplete:
        items.append(Attention(f"個人情報管理台帳に、入力が足りない「要確認」の項目が {incomplete} 件あります。"
                               "足りない項目を入力してください。", "warning", "inventory", incomplete, focus="needs_review"))
    if overdue:
        items.append(Attention(f"個人情報管理台帳に {months}か月以上見直していない項目が {overdue} 件あります。",
                               "warning", "inventory", overdue, focus="review_overdue"))
    if waiting:
        items.append(Attention(f"残留リスクの承認待ちが {waiting} 件あります。管理者（個人情報保護管理者）が承認します。",
                               "info", "risk_analysis", waiting, focus="unaccepted"))
    return items
