"""The 個人情報管理台帳: entries, revisions, annual review, retirement, survey drafts.

Roles: reading needs 管理者・担当者・承認者 (not 受付); creating and editing entries,
drafts and reviews need 管理者 or 担当者; retiring needs 管理者.

Entries
    create_entry(ws, values, reason="新規登録", with_risks=True) -> InventoryEntry
    update_entry(ws, entry_id, values, reason="") -> InventoryEntry   (values: changed keys only)
    get_entry(ws, entry_id) -> InventoryEntry
    list_entries(ws, EntryFilter(...), today=None) -> list[InventoryEntry]
    classification_of(entry) -> Classification            (class, flags, reason sentences)
    mark_reviewed(ws, entry_ids, on=None, note="") -> int
    retire_entry(ws, entry_id, reason, on=None) / reactivate_entry(ws, entry_id, reason)
    list_revisions(ws, entry_id) -> list[RevisionView]    (newest first, with field changes)
    is_review_overdue(entry, today, months) / review_due_on(entry, months)
Survey
    finish_survey(ws, flow) -> InventoryEntry             (= flow.finish(ws))
    save_draft(ws, flow) -> int, load_draft(ws, draft_id) -> SurveyFlow,
    list_drafts(ws, department_id=None) -> list[SurveyDraft], delete_draft(ws, draft_id)
Home page
    overdue_attention(ws) -> list[Attention]

Values use the keys of model.ENTRY_FIELDS; validation.validate_fields explains problems.
Every change writes an EntryRevision (snapshot after the change) in the same transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcdesk.company.model import Department
from pcdesk.dates import now, today as today_
from pcdesk.errors import NotFound, ValidationError
from pcdesk.home import Attention
from pcdesk.inventory.analysis import add_suggested_risks, rescore_entry_risks
from pcdesk.inventory.choices import ACTIVE, RETIRED
from pcdesk.inventory.classification import NOT_PERSONAL, Classification, classify
from pcdesk.inventory.display import display_value
from pcdesk.inventory.flow import NEW_SURVEY_DEFAULTS, SurveyFlow
from pcdesk.inventory.model import ENTRY_FIELDS, EntryRevision, InventoryEntry, RiskAssessment, SurveyDraft
from pcdesk.inventory.validation import clean_values, validate_fields
from pcdesk.services import ADMIN, APPROVER, STAFF, Workspace
from pcdesk.settings import load_settings

READERS = (ADMIN, STAFF, APPROVER)
EDITORS = (ADMIN, STAFF)
NUMBER_PREFIX = "PI-"
NUMBER_RE = re.compile(r"^PI-(\d+)$")
# Keys that the survey's answers decide; number and review dates are kept by the service.
EDITABLE = [k for k in ENTRY_FIELDS if k not in ("number", "last_reviewed_on")]


# -- reading -------------------------------------------------------------------

@dataclass
class EntryFilter:
    department_id: int | None = None
    category: str | None = None  # key of classification.CATEGORIES
    sensitive: bool | None = None  # True: only 要配慮個人情報
    specific: bool | None = None  # True: only 特定個人情報
    review_overdue: bool | None = None  # True: only those not reviewed within the interval
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
        raise NotFound("台帳の項目が見つかりません。画面を更新してください。")
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


# -- writing -------------------------------------------------------------------

def _next_number(s: Session) -> str:
    highest = 0
    for number in s.scalars(select(InventoryEntry.number).where(InventoryEntry.number.like(f"{NUMBER_PREFIX}%"))):
        m = NUMBER_RE.match(number)
        if m:
            highest = max(highest, int(m.group(1)))
    return f"{NUMBER_PREFIX}{highest + 1:04d}"


def required_fields(values: dict[str, Any]) -> list[str]:
    """The fields a complete entry with these answers must have (the survey's path)."""
    return SurveyFlow(dict(values)).fields_on_path()


def _check_department(s: Session, department_id: Any) -> None:
    if not isinstance(department_id, int) or s.get(Department, department_id) is None:
        raise ValidationError.single(ENTRY_FIELDS["department_id"], "部門が見つかりません。部門を選び直してください。")


def _apply_classification(entry: InventoryEntry) -> None:
    c = classify(entry.values())
    entry.category, entry.is_sensitive, entry.is_specific = c.category, c.sensitive, c.specific


def _write_revision(s: Session, ws: Workspace, entry: InventoryEntry, reason: str) -> None:
    actor = ws.actor
    snapshot = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in entry.values().items()}
    snapshot["status"] = entry.status
    s.add(EntryRevision(entry_id=entry.id, revision=entry.revision, snapshot=snapshot, reason=reason,
                        changed_by=actor.name if actor else "", changed_by_id=actor.user_id if actor else None,
                        changed_at=now()))


def create_entry(ws: Workspace, values: dict[str, Any], reason: str = "新規登録", *,
                 with_risks: bool = True, number: str | None = None,
                 reviewed_on: dt.date | None = None) -> InventoryEntry:
    """Add a ledger entry (and, unless told not to, the risks the catalogue suggests for it).

    `number` keeps a 管理番号 from an imported ledger; otherwise the next PI-nnnn is given.
    """
    actor = ws.require(*EDITORS)
    cleaned = clean_values({**NEW_SURVEY_DEFAULTS, **values})
    problems = validate_fields(cleaned, required_fields(cleaned))
    if problems:
        raise ValidationError(problems)
    with ws.write() as s:
        _check_department(s, cleaned.get("department_id"))
        if number and s.scalar(select(InventoryEntry.id).where(InventoryEntry.number == number)):
            raise ValidationError.single(ENTRY_FIELDS["number"], f"「{number}」はすでに使われています。")
        stamp = now()
        entry = InventoryEntry(number=number or _next_number(s), status=ACTIVE, revision=1,
                               last_reviewed_on=reviewed_on or stamp.date(), reviewed_by=actor.name,
                               created_at=stamp, updated_at=stamp)
        for key in EDITABLE:
            if key in cleaned:
                setattr(entry, key, cleaned[key])
        _apply_classification(entry)
        s.add(entry)
        s.flush()
        _write_revision(s, ws, entry, reason)
        if with_risks and entry.category != NOT_PERSONAL:
            add_suggested_risks(ws, entry.id)
    return entry


def update_entry(ws: Workspace, entry_id: int, values: dict[str, Any], reason: str = "") -> InventoryEntry:
    """Change an entry; `values` holds only the changed keys. Risk scores follow the entry."""
    ws.require(*EDITORS)
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None:
            raise NotFound("台帳の項目が見つかりません。画面を更新してください。")
        merged = entry.values()
        merged.update({k: v for k, v in values.items() if k in EDITABLE})
        cleaned = clean_values(merged)
        problems = validate_fields(cleaned, required_fields(cleaned))
        if problems:
            raise ValidationError(problems)
        _check_department(s, cleaned.get("department_id"))
        changed = [k for k in EDITABLE if k in cleaned and getattr(entry, k) != cleaned[k]]
        if not changed:
            return entry
        for key in changed:
            setattr(entry, key, cleaned[key])
        _apply_classification(entry)
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
        raise ValidationError.single(ENTRY_FIELDS["last_reviewed_on"], "未来の日付は指定できません。")
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
    ws.require(ADMIN)
    if not (reason or "").strip():
        raise ValidationError.single("廃止の理由", "入力してください（例: 業務終了のため全件廃棄）。")
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None:
            raise NotFound("台帳の項目が見つかりません。画面を更新してください。")
        if entry.status == RETIRED:
            raise ValidationError.single(ENTRY_FIELDS["name"], f"「{entry.name}」はすでに廃止されています。")
        entry.status, entry.retired_on, entry.retired_reason = RETIRED, on or today_(), reason.strip()
        entry.revision += 1
        entry.updated_at = now()
        s.flush()
        _write_revision(s, ws, entry, f"廃止（{reason.strip()}）")
    return entry


def reactivate_entry(ws: Workspace, entry_id: int, reason: str) -> InventoryEntry:
    ws.require(ADMIN)
    if not (reason or "").strip():
        raise ValidationError.single("再開の理由", "入力してください。")
    with ws.write() as s:
        entry = s.get(InventoryEntry, entry_id)
        if entry is None or entry.status != RETIRED:
            raise ValidationError.single(ENTRY_FIELDS["name"], "廃止されていない項目です。")
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
    labels = dict(ENTRY_FIELDS, status="状態")
    style = load_settings(ws).date_style

    def shown(key: str, value: Any) -> str:
        if key == "department_id":
            return names.get(value, "")
        return display_value(key, value, style)

    out, before = [], {}
    for r in revs:
        changes = [(labels[k], shown(k, before.get(k)), shown(k, v)) for k, v in r.snapshot.items()
                   if k in labels and before and before.get(k) != v]
        out.append(RevisionView(r.revision, r.changed_at, r.changed_by, r.reason, changes))
        before = r.snapshot
    return list(reversed(out))


# -- the survey and its drafts -------------------------------------------------------

def finish_survey(ws: Workspace, flow: SurveyFlow, reason: str = "") -> InventoryEntry:
    """Save a finished survey: a new entry with suggested risks, or the edited entry."""
    problems = flow.problems()
    if problems:
        raise ValidationError(problems)
    with ws.atomic():
        if flow.entry_id is not None:
            entry = update_entry(ws, flow.entry_id, flow.values(), reason or "調査票による更新")
        else:
            entry = create_entry(ws, flow.values(), reason or "調査票による登録")
        if flow.draft_id is not None:
            delete_draft(ws, flow.draft_id)
    flow.draft_id = None
    return entry


def save_draft(ws: Workspace, flow: SurveyFlow) -> int:
    """Keep an unfinished survey (answers and position); returns the draft id."""
    actor = ws.require(*EDITORS)
    answers = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in flow.answers.items()}
    dept = answers.get("department_id") if isinstance(answers.get("department_id"), int) else None
    with ws.write() as s:
        draft = s.get(SurveyDraft, flow.draft_id) if flow.draft_id else None
        if draft is None:
            draft = SurveyDraft(created_by=actor.name, created_by_id=actor.user_id)
            s.add(draft)
        draft.department_id = dept
        draft.title = flow.title_for_draft()[:200]
        draft.answers = answers
        draft.history = list(flow.history)
        draft.entry_id = flow.entry_id
        draft.updated_at = now()
        s.flush()
        flow.draft_id = draft.id
    return draft.id


def load_draft(ws: Workspace, draft_id: int) -> SurveyFlow:
    ws.require(*EDITORS)
    with ws.read() as s:
        draft = s.get(SurveyDraft, draft_id)
    if draft is None:
        raise NotFound("下書きが見つかりません。画面を更新してください。")
    flow = SurveyFlow(dict(draft.answers), entry_id=draft.entry_id, draft_id=draft.id)
    known = [step for step in draft.history if step in SurveyFlow.STEPS]
    flow.history = known or [flow.first_step()]
    return flow


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


# -- home page -----------------------------------------------------------------------

def overdue_attention(ws: Workspace) -> list[Attention]:
    """Entries not reviewed within the interval, and risks waiting for acceptance."""
    if ws.actor is None or not any(ws.actor.has(r) for r in READERS):
        return []  # the reception kiosk hears nothing of the inventory
    months = review_interval(ws)
    cutoff = add_months(today_(), -months)
    with ws.read() as s:
        overdue = s.scalar(select(func.count()).select_from(InventoryEntry).where(
            InventoryEntry.status == ACTIVE, InventoryEntry.last_reviewed_on <= cutoff)) or 0
        waiting = s.scalar(select(func.count()).select_from(RiskAssessment).join(InventoryEntry).where(
            InventoryEntry.status == ACTIVE, RiskAssessment.accepted_at.is_(None))) or 0
    items = []
    if overdue:
        items.append(Attention(f"個人情報管理台帳に {months}か月以上見直していない項目が {overdue} 件あります。",
                               "warning", "inventory", overdue, focus="review_overdue"))
    if waiting:
        items.append(Attention(f"残留リスクの承認待ちが {waiting} 件あります。管理者（個人情報保護管理者）が承認します。",
                               "info", "risk_analysis", waiting, focus="unaccepted"))
    return items
