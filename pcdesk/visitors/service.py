"""Administration of the visitor log: the list and its filters (in SQL, for 100,000 entries),
corrections with their reason, forgotten check-outs closed by hand, a visit entered from a
paper sheet, and what the home page says at the end of the day. Administrators only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from sqlalchemy import Select, func, insert, or_, select

from pcdesk.audit.trail import bulk_rows, record_event
from pcdesk.dates import format_datetime, now, today
from pcdesk.errors import NotFound, Problems, ValidationError
from pcdesk.feature import Attention
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import feature_setting, load_settings
from pcdesk.visitors.fields import CLOSING_HOUR_KEY, CORRECTABLE, FIELD
from pcdesk.visitors.model import BY_HAND, VisitorCorrection, VisitorEntry
from pcdesk.visitors.passes import passes_out
from pcdesk.visitors.rules import Reconciliation, check_in_problems, clean_text, is_closing, name_key, passes_text

PAGE = "visitors"  # the administration page's id


@dataclass(frozen=True)
class EntryFilter:
    date_from: dt.date | None = None  # entered on or after (inclusive)
    date_to: dt.date | None = None  # entered on or before (inclusive)
    company: str = ""  # part of the company name
    host: str = ""  # the host's name, exactly
    inside: bool | None = None  # True: not checked out; False: checked out
    text: str = ""  # part of the visitor's name or company
    passes_out: bool | None = None  # True: a pass not returned


# Sortable columns: list column key → what SQL orders by.
SORT_COLUMNS = {
    "entered_at": VisitorEntry.entered_at, "left_at": VisitorEntry.left_at, "name": VisitorEntry.name_key,
    "company": VisitorEntry.company, "party_size": VisitorEntry.party_size, "purpose": VisitorEntry.purpose,
    "host_name": VisitorEntry.host_name, "pass_number": VisitorEntry.pass_number, "areas": VisitorEntry.areas,
    "received_by": VisitorEntry.received_by,
}


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered(query: Select, f: EntryFilter) -> Select:
    """`query` narrowed by `f`; every condition is SQL (entered_at and left_at are indexed)."""
    if f.date_from:
        query = query.where(VisitorEntry.entered_at >= _day_start(f.date_from))
    if f.date_to:
        query = query.where(VisitorEntry.entered_at < _day_start(f.date_to + dt.timedelta(days=1)))
    company = clean_text(f.company)
    if company:
        query = query.where(VisitorEntry.company.like(_like(company), escape="\\"))
    if f.host:
        query = query.where(VisitorEntry.host_name == f.host)
    if f.inside is True:
        query = query.where(VisitorEntry.left_at.is_(None))
    elif f.inside is False:
        query = query.where(VisitorEntry.left_at.is_not(None))
    if f.passes_out:
        query = query.where(VisitorEntry.held_pass.is_not(None))
    text = clean_text(f.text)
    if text:
        query = query.where(or_(VisitorEntry.name_key.like(_like(name_key(text)), escape="\\"),
                                VisitorEntry.company.like(_like(text), escape="\\")))
    return query


def entry_ids(ws: Workspace, f: EntryFilter = EntryFilter(), sort: str = "entered_at",
              descending: bool = True, limit: int | None = None) -> list[int]:
    """The ids of the entries `f` keeps, in the order shown (newest first by default): the list
    keeps only these and builds the rows it shows (see ui/entry_model.py)."""
    ws.require(ADMIN)
    column = SORT_COLUMNS.get(sort, VisitorEntry.entered_at)
    order = [column.desc(), VisitorEntry.id.desc()] if descending else [column.asc(), VisitorEntry.id.asc()]
    query = filtered(select(VisitorEntry.id), f).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with ws.read() as s:
        # Core rows, not ORM ones: a hundred thousand plain ints without the ORM's per-row work.
        return [i for (i,) in s.connection().execute(query)]


def count_entries(ws: Workspace, f: EntryFilter = EntryFilter()) -> int:
    ws.require(ADMIN)
    with ws.read() as s:
        return s.scalar(filtered(select(func.count()).select_from(VisitorEntry), f)) or 0


def load_entries(ws: Workspace, ids: Sequence[int]) -> dict[int, VisitorEntry]:
    """The entries with these ids (the rows the list is about to show)."""
    ws.require(ADMIN)
    found: dict[int, VisitorEntry] = {}
    with ws.read() as s:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            found.update((e.id, e) for e in s.scalars(select(VisitorEntry).where(VisitorEntry.id.in_(chunk))))
    return found


def get_entry(ws: Workspace, entry_id: int) -> VisitorEntry:
    entry = load_entries(ws, [entry_id]).get(entry_id)
    if entry is None:
        raise NotFound("その記録は見つかりません（削除された可能性があります）。一覧を更新してください。")
    return entry


def host_names(ws: Workspace) -> list[str]:
    """Every host named in the log, for the filter."""
    ws.require(ADMIN)
    with ws.read() as s:
        return sorted(n for n in s.scalars(select(VisitorEntry.host_name).distinct()) if n)


def corrections_of(ws: Workspace, entry_id: int) -> list[VisitorCorrection]:
    ws.require(ADMIN)
    with ws.read() as s:
        return list(s.scalars(select(VisitorCorrection).where(VisitorCorrection.entry_id == entry_id)
                              .order_by(VisitorCorrection.at, VisitorCorrection.id)))


# -- writes ---------------------------------------------------------------------------------

def _check_times(p: Problems, entered: dt.datetime | None, left: dt.datetime | None) -> None:
    moment = now()
    if entered is not None and entered > moment:
        p.add(FIELD["entered_at"].label, "これから先の時刻は記録できません。実際に入室した時刻にしてください。")
    if left is not None:
        if left > moment:
            p.add(FIELD["left_at"].label, "これから先の時刻は記録できません。実際に退室した時刻にしてください。")
        if entered is not None and left < entered:
            p.add(FIELD["left_at"].label, f"入室時刻（{entered:%H:%M}）より後の時刻にしてください。")


def _reason(reason: str, what: str) -> str:
    text = clean_text(reason)
    if not text:
        raise ValidationError.single("理由", f"{what}の理由を入力してください（例: 氏名の誤字を本人の申し出により訂正）。")
    if len(text) > 500:
        raise ValidationError.single("理由", f"500文字以内にしてください（いまは{len(text)}文字です）。")
    return text


def _shown(key: str, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    return "" if value is None else str(value)


def correct_entry(ws: Workspace, entry_id: int, changes: Mapping[str, Any], reason: str) -> VisitorEntry:
    """Correct an entry; the changed fields and `reason` are kept (訂正の履歴) and audited."""
    actor = ws.require(ADMIN)
    reason = _reason(reason, "訂正")
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError.single("項目", f"訂正できない項目です: {'、'.join(sorted(unknown))}")
    values = {k: (clean_text(v) if isinstance(v, str) and k != "notes" else v) for k, v in changes.items()}
    if isinstance(values.get("notes"), str):
        values["notes"] = values["notes"].strip()
    p = Problems()
    p.items += check_in_problems(values, tuple(k for k in values if k not in ("entered_at", "left_at")))
    with ws.write() as s:
        entry = s.get(VisitorEntry, entry_id)
        if entry is None:
            raise NotFound("その記録は見つかりません。一覧を更新してください。")
        entered = values.get("entered_at", entry.entered_at)
        left = values.get("left_at", entry.left_at)
        if entered is None:
            p.add(FIELD["entered_at"].label, "入室時刻は空にできません。")
        _check_times(p, entered, left)
        p.raise_if_any()
        diff = {k: [_shown(k, getattr(entry, k)), _shown(k, v)] for k, v in values.items() if getattr(entry, k) != v}
        if not diff:
            raise ValidationError.single("訂正", "変わった項目がありません。直す内容を入力してください。")
        for key, value in values.items():
            setattr(entry, key, value)
        if "name" in values:
            entry.name_key = name_key(entry.name)
        if "left_at" in diff and entry.left_at is not None and not entry.checkout_method:
            entry.checkout_method, entry.checkout_by = BY_HAND, actor.name
        entry.corrections += 1
        entry.updated_at = now()
        s.add(VisitorCorrection(entry_id=entry.id, at=now(), by_name=actor.name, by_id=actor.user_id,
                                reason=reason, changes=diff))
    return entry


def close_by_hand(ws: Workspace, entry_id: int, left_at: dt.datetime, pass_returned: bool = True,
                  reason: str = "") -> VisitorEntry:
    """A forgotten check-out, recorded with the real time the visitor left."""
    actor = ws.require(ADMIN)
    with ws.write() as s:
        entry = s.get(VisitorEntry, entry_id)
        if entry is None:
            raise NotFound("その記録は見つかりません。一覧を更新してください。")
        if entry.left_at is not None:
            raise ValidationError.single(FIELD["left_at"].label, f"退室はすでに {entry.left_at:%H:%M} で記録されています。"
                                                              "時刻を直すときは「訂正…」を使ってください。")
        p = Problems()
        _check_times(p, entry.entered_at, left_at)
        p.raise_if_any()
        entry.left_at = left_at.replace(second=0, microsecond=0)
        entry.checkout_method, entry.checkout_by = BY_HAND, actor.name
        if pass_returned:
            entry.held_pass = None
        note = clean_text(reason)
        if note:
            entry.notes = "\n".join(filter(None, [entry.notes, f"退室を後から記録: {note}"]))
        entry.updated_at = now()
    return entry


def record_pass_returned(ws: Workspace, entry_id: int) -> None:
    ws.require(ADMIN)
    with ws.write() as s:
        entry = s.get(VisitorEntry, entry_id)
        if entry is None or entry.held_pass is None:
            raise ValidationError.single(FIELD["pass_number"].label, "この記録に未返却の入館証はありません。")
        entry.held_pass = None
        entry.updated_at = now()


def register_by_hand(ws: Workspace, values: Mapping[str, Any]) -> VisitorEntry:
    """A visit written on the paper sheet (外来者入退室記録票), entered afterwards with its own times.
    The host is typed as written; no pass is held (the paper sheet's pass was handed back)."""
    actor = ws.require(ADMIN)
    v = {k: (clean_text(x) if isinstance(x, str) and k != "notes" else x) for k, x in values.items()}
    p = Problems()
    p.items += check_in_problems(v, ("name", "company", "party_size", "purpose", "host_name", "areas",
                                     "pass_number", "received_by", "notes"))
    if v.get("entered_at") is None:
        p.add(FIELD["entered_at"].label, "入室した日時を入力してください。")
    _check_times(p, v.get("entered_at"), v.get("left_at"))
    p.raise_if_any()
    moment = now()
    with ws.write() as s:
        entry = VisitorEntry(
            entered_at=v["entered_at"], left_at=v.get("left_at"), name=v["name"], name_key=name_key(v["name"]),
            company=v.get("company") or "", party_size=v["party_size"], purpose=v["purpose"],
            host_name=v["host_name"], host_key="", host_department="", areas=v.get("areas") or "",
            pass_number=v.get("pass_number") or "", held_pass=None, received_by=v.get("received_by") or actor.name,
            checkout_method=BY_HAND if v.get("left_at") else "", checkout_by=actor.name if v.get("left_at") else "",
            notes=(v.get("notes") or "").strip() or "記録票（紙）から入力", created_at=moment, updated_at=moment)
        s.add(entry)
        s.flush()
    return entry


def import_entries(ws: Workspace, rows: Sequence[Mapping[str, Any]], summary: str) -> int:
    """Add many finished entries at once (the demo's years of visits), as one audit event with
    the count: the trail is not the place for a copy of every visitor's name."""
    ws.require(ADMIN)
    moment = now()
    keys = [c.key for c in VisitorEntry.__table__.columns if c.key != "id"]
    defaults = {"left_at": None, "company": "", "host_key": "", "host_department": "", "areas": "",
                "pass_number": "", "held_pass": None, "received_by": "", "checkout_by": "", "checkout_method": "",
                "notes": "", "corrections": 0, "created_at": moment, "updated_at": moment}
    prepared = [{k: row.get(k, defaults.get(k)) for k in keys} for row in rows]
    for row in prepared:
        row["name_key"] = name_key(row["name"])
    with ws.write() as s:
        with bulk_rows(s, VisitorEntry):  # the rows stay bound to the trail (pcdesk check)
            for start in range(0, len(prepared), 5000):
                s.execute(insert(VisitorEntry.__table__), prepared[start:start + 5000])
        record_event(s, "create", "visitor_entry", "", f"{summary}: {len(prepared):,} 件", {"count": len(prepared)})
    return len(prepared)


# -- the end of the day ---------------------------------------------------------------------

def reconciliation(ws: Workspace) -> Reconciliation:
    """Passes not returned and visitors still inside (today's, and earlier days' forgotten ones)."""
    ws.require(ADMIN)
    start = _day_start(today())
    with ws.read() as s:
        open_ = select(func.count()).select_from(VisitorEntry).where(VisitorEntry.left_at.is_(None))
        inside_today = s.scalar(open_.where(VisitorEntry.entered_at >= start)) or 0
        inside_earlier = s.scalar(open_.where(VisitorEntry.entered_at < start)) or 0
        out = passes_out(s)
    closing = is_closing(now(), int(feature_setting(ws, CLOSING_HOUR_KEY)))
    return Reconciliation(inside_today, inside_earlier, tuple(out), closing)


def attention(ws: Workspace) -> list[Attention]:
    """The home page's lines: forgotten check-outs, and after the closing hour the day's reconciliation."""
    if ws.actor is None or not ws.actor.has(ADMIN):
        return []
    from pcdesk.visitors.retention import expired_summary

    r = reconciliation(ws)
    items = []
    if r.inside_earlier:
        items.append(Attention(f"前日以前の来訪者 {r.inside_earlier} 名の退室が記録されていません。"
                               "実際の退室時刻を記録してください。", "warning", PAGE, r.inside_earlier, "inside_earlier"))
    if r.closing and (r.inside_today or r.passes_out):
        parts = []
        if r.inside_today:
            parts.append(f"館内の来訪者 {r.inside_today} 名")
        if r.passes_out:
            parts.append(f"未返却の入館証 {len(r.passes_out)} 枚（{passes_text(r.passes_out)}）")
        items.append(Attention(f"本日の入館証の照合: {'、'.join(parts)}。", "warning", PAGE,
                               max(r.inside_today, len(r.passes_out)), "reconcile"))
    elif r.inside_today:
        items.append(Attention(f"いま館内にいる来訪者は {r.inside_today} 名です。", "info", PAGE, r.inside_today, "inside"))
    expired = expired_summary(ws)
    if expired.count:
        items.append(Attention(f"保存期間（{expired.years}年）を過ぎた外来者入退室記録が {expired.count:,} 件あります。"
                               "確かめてから削除してください。", "info", PAGE, expired.count, "retention"))
    return items


def date_style(ws: Workspace) -> str:
    return load_settings(ws).date_style
