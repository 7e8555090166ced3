"""Take-out applications: drafts, every transition of the workflow, and the take-out and return.

Roles: 管理者・担当者・承認者 read every application and may apply for themselves; 管理者 and
担当者 may also enter an application for another person (a worker without an account).
Who may move an application is decided by rules.check_transition; every move writes a
TakeoutEvent (who, when, from, to, why) in the same transaction as the change, so the
audit trail holds both.

    save_draft(ws, values, application_id=None) -> TakeoutApplication
    apply(ws, values, application_id=None)        save and submit (the wizard's 申請する)
    submit / approve / send_back / reject / withdraw / close (ws, application_id, reason="")
    take_out(ws, application_id, due=None)        a trip starts; its assets are 持出中
    confirm_return(ws, application_id, values)    condition, virus check, copies deleted
    act(ws, application_id, action, by, ...)      the one door to the state machine
    facts_of(application) / allowed(ws, application)

Reading (lists, overdue, the home page, compliance) is in pcdesk.takeout.queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcdesk import registry
from pcdesk.capabilities import HELD_RECORDS, PEOPLE, HeldRecord, Person
from pcdesk.dates import now, today
from pcdesk.errors import FieldProblem, NotFound, PermissionDenied, ValidationError
from pcdesk.fields import check
from pcdesk.services import ADMIN, APPROVER, STAFF, Actor, Workspace
from pcdesk.settings import feature_setting
from pcdesk.takeout import rules
from pcdesk.takeout.assets import asset_facts
from pcdesk.takeout.fields import (APPLICATION, APPLICATION_FIELDS, DRAFT, IN_OFFICE, LOST, MEASURES, OUT, PER_TRIP,
                                   RETURN_FIELDS, SENT_BACK, STANDING, TAKEN_OUT)
from pcdesk.takeout.model import ApplicationAsset, TakeoutApplication, TakeoutAsset, TakeoutEvent, TakeoutTrip
from pcdesk.takeout.texts import pledge_text
from pcdesk.text import clean

READERS = (ADMIN, STAFF, APPROVER)
ON_BEHALF = (ADMIN, STAFF)  # may enter an application for someone else
EDITABLE_STATES = (DRAFT, SENT_BACK)
TEXT_KEYS = ("applicant_name", "applicant_key", "applicant_department", "destination")
LONG_KEYS = ("information", "purpose", "notes")
NUMBER_PREFIX = "TO"


# -- choices offered by other features -----------------------------------------------------------

def people(ws: Workspace) -> list[Person]:
    """Everyone who can be an applicant: every PEOPLE provider, each person once."""
    seen: dict[str, Person] = {}
    for provide in registry.provided(PEOPLE):
        for person in provide(ws):
            seen.setdefault(person.key or person.name, person)
    return sorted((p for p in seen.values() if p.current), key=lambda p: (p.department, p.kana or p.name))


def held_records(ws: Workspace) -> list[HeldRecord]:
    """The personal information the company holds (the 個人情報管理台帳), to link to an application."""
    return [r for provide in registry.provided(HELD_RECORDS) for r in provide(ws)]


def standing_max_months(ws: Workspace) -> int:
    return int(feature_setting(ws, "takeout.standing_max_months"))


def actor_person_key(actor: Actor | None) -> str:
    return f"account:{actor.user_id}" if actor is not None and actor.user_id is not None else ""


# -- reading one ------------------------------------------------------------------------------------

def _load(s: Session, application_id: int) -> TakeoutApplication:
    app = s.get(TakeoutApplication, application_id)
    if app is None:
        raise NotFound("持出し申請が見つかりません。画面を更新してください。")
    return app


def get_application(ws: Workspace, application_id: int) -> TakeoutApplication:
    ws.require(*READERS)
    with ws.read() as s:
        return _load(s, application_id)


def events(ws: Workspace, application_id: int) -> list[TakeoutEvent]:
    ws.require(*READERS)
    with ws.read() as s:
        return list(s.scalars(select(TakeoutEvent).where(TakeoutEvent.application_id == application_id)
                              .order_by(TakeoutEvent.at, TakeoutEvent.id)))


def facts_of(app: TakeoutApplication) -> rules.Facts:
    return rules.Facts(state=app.state, applicant_name=app.applicant_name, applicant_key=app.applicant_key,
                       created_by_id=app.created_by_id, approval_kind=app.approval_kind,
                       out_on=app.out_at.date() if app.out_at else None, return_due=app.return_due,
                       trips=len(app.trips))


def allowed(ws: Workspace, app: TakeoutApplication) -> list[str]:
    """The actions the logged-in person may take on `app` today."""
    if ws.actor is None:
        return []
    return rules.available_actions(facts_of(app), ws.actor, today())


def values_of(app: TakeoutApplication) -> dict[str, Any]:
    """The application as the wizard and save_draft take it."""
    out = {spec.key: getattr(app, spec.key) for spec in APPLICATION_FIELDS
           if spec.key not in ("asset_ids", "held_records", "number", "applied_on")}
    out.update(applicant_key=app.applicant_key, asset_ids=[a.id for a in app.assets],
               held_records=[int(h["id"]) for h in app.held_records], measures=list(app.measures))
    return out


# -- drafts ------------------------------------------------------------------------------------------

def _next_number(s: Session, year: int) -> str:
    prefix = f"{NUMBER_PREFIX}-{year}-"
    numbers = s.scalars(select(TakeoutApplication.number).where(TakeoutApplication.number.like(f"{prefix}%")))
    highest = max((int(n[len(prefix):]) for n in numbers if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


def _cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed and tidied values; a value of the wrong type is refused with the field named."""
    out: dict[str, Any] = {}
    p: list[FieldProblem] = []
    for key, value in values.items():
        if key in TEXT_KEYS:
            out[key] = clean(value if isinstance(value, str) else "")
        elif key in LONG_KEYS:
            out[key] = (value or "").strip() if isinstance(value, str) else ""
        elif key in ("asset_ids", "held_records"):
            ids = list(dict.fromkeys(value or []))
            if not all(isinstance(i, int) for i in ids):
                p.append(FieldProblem(APPLICATION[key].label, "一覧から選んでください。"))
            out[key] = ids
        elif key == "measures":
            known = {k for k, _ in MEASURES}
            out[key] = [m for m in dict.fromkeys(value or []) if m in known]
        elif key in ("contains_personal",):
            out[key] = None if value is None else bool(value)
        elif key == "pledge_accepted":
            out[key] = value is True
        elif key == "personal_count":
            if value in (None, ""):
                out[key] = 0
            elif isinstance(value, int) and not isinstance(value, bool):
                out[key] = value
            else:
                p.append(FieldProblem(APPLICATION[key].label, "数字で入力してください（例: 120）。"))
        elif key == "out_at":
            if value is not None and not isinstance(value, dt.datetime):
                p.append(FieldProblem(APPLICATION[key].label, "日時を選んでください。"))
            out[key] = value.replace(second=0, microsecond=0) if isinstance(value, dt.datetime) else None
        elif key == "return_due":
            if isinstance(value, dt.datetime):
                value = value.date()
            if value is not None and not isinstance(value, dt.date):
                p.append(FieldProblem(APPLICATION[key].label, "日付を選んでください。"))
            out[key] = value if isinstance(value, dt.date) else None
        elif key in ("purpose_kind", "approval_kind"):
            out[key] = value or ""
    if p:
        raise ValidationError(p)
    if not out.get("contains_personal", True) and "personal_count" in out:
        out["personal_count"] = 0
    return out


def _check_applicant(actor: Actor, values: Mapping[str, Any]) -> None:
    key, name = values.get("applicant_key", ""), values.get("applicant_name", "")
    mine = rules.is_applicant(actor, rules.Facts(DRAFT, name, key))
    if not mine and not any(actor.has(r) for r in ON_BEHALF):
        raise PermissionDenied("ほかの人の持出し申請を入力できるのは、管理者・担当者です。申請者本人が入力してください。")


def _held_snapshots(ws: Workspace, ids: list[int], kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    current = {r.id: r for r in held_records(ws)} if ids else {}
    before = {int(h["id"]): h for h in kept}
    out, missing = [], []
    for i in ids:
        if i in current:
            r = current[i]
            out.append({"id": r.id, "number": r.number, "name": r.name, "record_count": r.record_count})
        elif i in before:
            out.append(before[i])  # no longer in the ledger: keep what was chosen
        else:
            missing.append(str(i))
    if missing:
        raise ValidationError.single(APPLICATION["held_records"].label, "個人情報管理台帳に見つからない項目があります。選び直してください。")
    return out


def _assets(s: Session, ids: list[int]) -> list[TakeoutAsset]:
    found = {a.id: a for a in s.scalars(select(TakeoutAsset).where(TakeoutAsset.id.in_(ids)))} if ids else {}
    if len(found) != len(ids):
        raise ValidationError.single(APPLICATION["asset_ids"].label, "資産台帳に見つからない資産があります。選び直してください。")
    return [found[i] for i in ids]


def save_draft(ws: Workspace, values: Mapping[str, Any], application_id: int | None = None) -> TakeoutApplication:
    """Keep an application unfinished (下書き, or a 差戻し being corrected); only what is typed is checked."""
    actor = ws.require(*READERS)
    cleaned = _cleaned(values)
    # A draft may be incomplete: only what is filled in is checked, and who it is for.
    present = [k for k, v in cleaned.items() if v not in (None, "", [])]
    if application_id is None or "applicant_name" in cleaned:
        present.append("applicant_name")
    problems = check(APPLICATION_FIELDS, cleaned, only=present)
    if problems:
        raise ValidationError(problems)
    with ws.write() as s:
        app = None if application_id is None else _load(s, application_id)
        if app is None:
            _check_applicant(actor, cleaned)
        else:
            if app.state not in EDITABLE_STATES:
                raise ValidationError.single("状態", f"「{app.state_label}」の申請は直せません。直せるのは「下書き」と「差戻し」の申請です。")
            if not rules.is_applicant(actor, facts_of(app)) and not actor.has(ADMIN) and actor.user_id != app.created_by_id:
                raise PermissionDenied("この申請を直せるのは、申請者本人・申請を入力した人・管理者です。")
            if {"applicant_name", "applicant_key"} & set(cleaned):
                _check_applicant(actor, {"applicant_name": cleaned.get("applicant_name", app.applicant_name),
                                         "applicant_key": cleaned.get("applicant_key", app.applicant_key)})
        # Everything looked up before the row is touched, so the trail records one complete change.
        if "held_records" in cleaned:
            cleaned["held_records"] = _held_snapshots(ws, cleaned["held_records"], app.held_records if app else [])
        chosen = _assets(s, cleaned.pop("asset_ids")) if "asset_ids" in cleaned else None
        pledge = pledge_text(ws) if cleaned.get("pledge_accepted") and not (app and app.pledge_accepted) else None
        stamp = now()
        if app is None:
            app = TakeoutApplication(number=_next_number(s, stamp.year), state=DRAFT, created_by=actor.name,
                                     created_by_id=actor.user_id, created_at=stamp, applicant_name="",
                                     approval_kind=PER_TRIP, measures=[], held_records=[])
            s.add(app)
        with s.no_autoflush:
            if chosen is not None:
                app.items = [ApplicationAsset(asset=a, position=i) for i, a in enumerate(chosen)]
            if pledge is not None:
                app.pledge_text, app.pledge_accepted_at = pledge, stamp
            if cleaned.get("pledge_accepted") is False:
                app.pledge_text, app.pledge_accepted_at = "", None
            for key, value in cleaned.items():
                if getattr(app, key) != value:
                    setattr(app, key, value)
            app.updated_at = stamp
        s.flush()
    return app


def apply(ws: Workspace, values: Mapping[str, Any], application_id: int | None = None) -> TakeoutApplication:
    """Save the application and submit it, as one unit: a refused submission leaves nothing new."""
    with ws.atomic():
        app = save_draft(ws, values, application_id)
        return submit(ws, app.id)


# -- the state machine ----------------------------------------------------------------------------

def submission_problems(ws: Workspace, app: TakeoutApplication) -> list[FieldProblem]:
    values = values_of(app)
    facts = [asset_facts(a) for a in app.assets]
    return rules.application_problems(values, facts, today(), standing_max_months(ws))


def act(ws: Workspace, application_id: int, action: str, by: Actor, reason: str = "",
        **details: Any) -> TakeoutApplication:
    """Move the application by `action` as person `by`, or raise why not. `by` is the logged-in
    person; only a system actor (command line, the demo) may act for a named person."""
    writer = ws.require()
    if by != writer and writer.user_id is not None:
        raise PermissionDenied("ほかの人として操作することはできません。")
    with ws.write() as s:
        app = _load(s, application_id)
        before = app.state
        target = rules.check_transition(action, facts_of(app), by, today(), reason)
        moment = now()
        if action == rules.SUBMIT:
            problems = submission_problems(ws, app)
            if problems:
                raise ValidationError(problems)
            app.applied_on = moment.date()
            app.decision_reason = ""
        elif action == rules.APPROVE:
            problems = rules.asset_problems([asset_facts(a) for a in app.assets], bool(app.contains_personal))
            if problems:
                raise ValidationError(problems)
            app.approver, app.approver_id, app.approved_at = by.name, by.user_id, moment
        elif action in (rules.SEND_BACK, rules.REJECT):
            app.decision_reason = reason.strip()
            app.approver, app.approver_id, app.approved_at = by.name, by.user_id, None
        elif action == rules.TAKE_OUT:
            _start_trip(s, app, by, moment, details.get("due"))
        elif action == rules.CONFIRM_RETURN:
            _record_return(app, by, moment, details.get("values") or {})
        app.state = target
        app.updated_at = moment
        s.add(TakeoutEvent(application_id=app.id, at=moment, action=action, from_state=before, to_state=target,
                           actor=by.name, actor_id=by.user_id, reason=(reason or "").strip()))
        s.flush()
    return app


def _out_with(s: Session, asset_ids: list[int], app_id: int) -> dict[int, str]:
    """Which application each of these assets is out with now."""
    rows = s.execute(select(ApplicationAsset.asset_id, TakeoutApplication.number).join(TakeoutApplication)
                     .where(ApplicationAsset.asset_id.in_(asset_ids), TakeoutApplication.state == TAKEN_OUT,
                            TakeoutApplication.id != app_id))
    return {asset_id: number for asset_id, number in rows}


def _start_trip(s: Session, app: TakeoutApplication, by: Actor, moment: dt.datetime, due: dt.date | None) -> None:
    assets = app.assets
    out_with = _out_with(s, [a.id for a in assets], app.id)
    problems = rules.asset_problems([asset_facts(a, out_with.get(a.id, "")) for a in assets],
                                    bool(app.contains_personal), taking_out=True)
    if app.approval_kind == STANDING:
        due = due or rules.default_trip_due(moment.date(), app.return_due)
        if due < moment.date() or (app.return_due and due > app.return_due):
            problems.append(FieldProblem("今回の返却予定日", "今日から包括承認の期間の末日までの日付にしてください。"))
    else:
        due = app.return_due
    if problems:
        raise ValidationError(problems)
    for asset in assets:
        asset.status, asset.updated_at = OUT, moment
    app.trips.append(TakeoutTrip(seq=len(app.trips) + 1, out_at=moment, due=due, taken_out_by=by.name))


def _record_return(app: TakeoutApplication, by: Actor, moment: dt.datetime, values: Mapping[str, Any]) -> None:
    trip = app.open_trip
    assert trip is not None  # 持出中 always has an open trip
    cleaned = {"condition": values.get("condition") or "", "condition_note": (values.get("condition_note") or "").strip(),
               "virus_checked": values.get("virus_checked") is True, "copies_deleted": values.get("copies_deleted") is True,
               "lost_asset_ids": [i for i in values.get("lost_asset_ids") or [] if isinstance(i, int)]}
    problems = rules.return_problems(cleaned, [asset_facts(a) for a in app.assets])
    problems += check([f for f in RETURN_FIELDS if f.key == "condition_note"], cleaned)
    if problems:
        raise ValidationError(problems)
    trip.returned_at, trip.return_checker, trip.return_checker_id = moment, by.name, by.user_id
    for key, value in cleaned.items():
        setattr(trip, key, value)
    lost = set(cleaned["lost_asset_ids"])
    for asset in app.assets:
        asset.status, asset.updated_at = (LOST if asset.id in lost else IN_OFFICE), moment


def submit(ws: Workspace, application_id: int) -> TakeoutApplication:
    return act(ws, application_id, rules.SUBMIT, ws.require(*READERS))


def approve(ws: Workspace, application_id: int, reason: str = "") -> TakeoutApplication:
    return act(ws, application_id, rules.APPROVE, ws.require(), reason)


def send_back(ws: Workspace, application_id: int, reason: str) -> TakeoutApplication:
    return act(ws, application_id, rules.SEND_BACK, ws.require(), reason)


def reject(ws: Workspace, application_id: int, reason: str) -> TakeoutApplication:
    return act(ws, application_id, rules.REJECT, ws.require(), reason)


def withdraw(ws: Workspace, application_id: int, reason: str = "") -> TakeoutApplication:
    return act(ws, application_id, rules.WITHDRAW, ws.require(*READERS), reason)


def close(ws: Workspace, application_id: int, reason: str = "") -> TakeoutApplication:
    """End a standing approval before (or after) its last day, with nothing out."""
    return act(ws, application_id, rules.CLOSE, ws.require(*READERS), reason)


def take_out(ws: Workspace, application_id: int, due: dt.date | None = None) -> TakeoutApplication:
    """The approved take-out starts now. Under a standing approval `due` is this trip's return
    (default: the next day, never after the period)."""
    return act(ws, application_id, rules.TAKE_OUT, ws.require(*READERS), due=due)


def confirm_return(ws: Workspace, application_id: int, values: Mapping[str, Any]) -> TakeoutApplication:
    """返却確認 by someone other than the applicant: condition (異常なし / 紛失・破損 + note), virus
    check after return, copies deleted; lost assets are marked 紛失, the rest are back 社内."""
    return act(ws, application_id, rules.CONFIRM_RETURN, ws.require(), values=dict(values))



def find_application(ws: Workspace, number: str) -> TakeoutApplication:
    """The application with this 申請番号 (TO-2026-0001), as typed on the command line."""
    ws.require(*READERS)
    wanted = clean(number).upper()
    with ws.read() as s:
        app = s.scalar(select(TakeoutApplication).where(TakeoutApplication.number == wanted))
    if app is None:
        raise NotFound(f"申請番号「{number}」の持出し申請はありません（例: TO-2026-0001）。")
    return app
