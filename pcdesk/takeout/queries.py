"""Reading take-outs: the list with its filters, overdue take-outs, the home page's items, the
reminder for one overdue take-out, and the compliance check.

    list_applications(ws, ApplicationFilter(...)) -> list[TakeoutApplication]
    overdue_takeouts(ws, on=None) -> list[Overdue]        (oldest due first)
    reminder(ws, application_id) -> str                   (resources/takeout/reminder.txt)
    takeout_attention(ws) -> list[Attention]              (manifest: attention)
    compliance_findings(ws) -> list[Finding]              (manifest: checks)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from pcdesk.dates import today
from pcdesk.feature import Attention, Finding
from pcdesk.errors import ValidationError
from pcdesk.services import ADMIN, APPROVER, Workspace
from pcdesk.settings import load_settings
from pcdesk.takeout import rules
from pcdesk.takeout.assets import READERS
from pcdesk.takeout.fields import (APPROVED, DISPOSED, DRAFT, ELECTRONIC, LOST, REJECTED, RETURNED, SENT_BACK,
                                   STATE_LABELS, SUBMITTED, TAKEN_OUT, USB, WITHDRAWN)
from pcdesk.takeout.model import TakeoutApplication, TakeoutAsset, TakeoutTrip
from pcdesk.takeout.service import get_application, held_records
from pcdesk.takeout.texts import reminder_text

ATTENTION_LIMIT = 5  # overdue take-outs named one by one on the home page; more are counted


@dataclass
class ApplicationFilter:
    state: str | None = None
    overdue: bool = False  # only take-outs past their return day
    mine: bool = False  # only the logged-in person's own applications
    include_closed: bool = True  # 返却済・却下・取下げ
    since: dt.date | None = None  # planned or actual day out, inclusive
    until: dt.date | None = None
    text: str = ""  # part of 申請番号, 申請者, 持出し先, 情報 or 資産番号


def _mine(ws: Workspace, app: TakeoutApplication) -> bool:
    return ws.actor is not None and rules.is_applicant(ws.actor, rules.Facts(app.state, app.applicant_name,
                                                                             app.applicant_key))


def list_applications(ws: Workspace, filt: ApplicationFilter | None = None) -> list[TakeoutApplication]:
    ws.require(*READERS)
    f = filt or ApplicationFilter()
    q = select(TakeoutApplication).order_by(TakeoutApplication.number.desc())
    if f.state:
        q = q.where(TakeoutApplication.state == f.state)
    elif not f.include_closed:
        q = q.where(TakeoutApplication.state.not_in((RETURNED, REJECTED, WITHDRAWN)))
    if f.overdue:
        q = q.where(TakeoutApplication.state == TAKEN_OUT)
    with ws.read() as s:
        found = list(s.scalars(q))
    day = today()
    if f.overdue:
        found = [a for a in found if a.open_trip and rules.is_overdue(a.open_trip.due, day)]
    if f.mine:
        found = [a for a in found if _mine(ws, a)]
    if f.since or f.until:
        found = [a for a in found if _in_period(a, f.since, f.until)]
    text = f.text.strip().lower()
    if text:
        found = [a for a in found if any(text in v.lower() for v in (
            a.number, a.applicant_name, a.destination, a.information, a.purpose, *[x.number for x in a.assets]))]
    return found


def _in_period(app: TakeoutApplication, since: dt.date | None, until: dt.date | None) -> bool:
    """The application's span (planned, or the trips' actual days) meets the period."""
    start = min([t.out_at.date() for t in app.trips] + ([app.out_at.date()] if app.out_at else []), default=None)
    end = max([t.due for t in app.trips] + ([app.return_due] if app.return_due else []), default=start)
    if start is None:
        start = end = app.created_at.date()
    return (since is None or (end or start) >= since) and (until is None or start <= until)


@dataclass(frozen=True)
class Overdue:
    application: TakeoutApplication
    trip: TakeoutTrip
    days: int

    @property
    def assets(self) -> str:
        return "、".join(a.number for a in self.application.assets)


def overdue_takeouts(ws: Workspace, on: dt.date | None = None) -> list[Overdue]:
    """Trips out past their return day (the due day itself is still on time), oldest first."""
    ws.require(*READERS)
    day = on or today()
    with ws.read() as s:
        trips = list(s.scalars(select(TakeoutTrip).where(TakeoutTrip.returned_at.is_(None), TakeoutTrip.due < day)
                               .order_by(TakeoutTrip.due, TakeoutTrip.id)))
        found = [Overdue(t.application, t, rules.days_overdue(t.due, day)) for t in trips]
    return [o for o in found if o.days > 0]


def reminder_facts(app: TakeoutApplication, trip: TakeoutTrip, day: dt.date) -> dict:
    assets = app.assets
    names = "、".join(f"{a.number}（{a.model}）" if a.model else a.number for a in assets)
    short = assets[0].model or assets[0].number if assets else "資産"
    if len(assets) > 1:
        short += f" ほか{len(assets) - 1}点"
    return {"number": app.number, "applicant": app.applicant_name, "assets": names, "assets_short": short,
            "information": app.information.replace("\n", " "), "destination": app.destination,
            "out_at": trip.out_at, "due": trip.due, "days": rules.days_overdue(trip.due, day)}


def reminder(ws: Workspace, application_id: int) -> str:
    """The reminder to send the applicant of an overdue take-out (to print, or to paste into e-mail)."""
    ws.require(*READERS)
    app = get_application(ws, application_id)
    trip = app.open_trip
    day = today()
    if trip is None or not rules.is_overdue(trip.due, day):
        raise ValidationError.single("状態", f"{app.number} は返却予定日を過ぎた持出しではありません。督促状は作れません。")
    sender = ws.actor.name if ws.actor and ws.actor.user_id is not None else "持出し管理担当"
    return reminder_text(ws, reminder_facts(app, trip, day), day, sender, load_settings(ws).date_style)


def takeout_attention(ws: Workspace) -> list[Attention]:
    """Overdue take-outs, each with its applicant; applications waiting for a decision; one's own sent back."""
    actor = ws.actor
    if actor is None or not any(actor.has(r) for r in READERS):
        return []  # the reception kiosk hears nothing of take-outs
    items = []
    overdue = overdue_takeouts(ws)
    for o in overdue[:ATTENTION_LIMIT]:
        app = o.application
        who = f"{app.applicant_name}（{app.applicant_department}）" if app.applicant_department else app.applicant_name
        numbers = [a.number for a in app.assets]
        things = "、".join(numbers[:2]) + (f" ほか{len(numbers) - 2}点" if len(numbers) > 2 else "")
        items.append(Attention(f"{who}の持出し {app.number}（{things}）が、返却予定日を{o.days}日過ぎています。",
                               "danger", "takeout", 1, focus="overdue"))
    if len(overdue) > ATTENTION_LIMIT:
        items.append(Attention(f"返却予定日を過ぎた持出しが、ほかに {len(overdue) - ATTENTION_LIMIT} 件あります。",
                               "danger", "takeout", len(overdue) - ATTENTION_LIMIT, focus="overdue"))
    with ws.read() as s:
        waiting = list(s.scalars(select(TakeoutApplication).where(TakeoutApplication.state == SUBMITTED)))
        sent_back = list(s.scalars(select(TakeoutApplication).where(TakeoutApplication.state == SENT_BACK)))
    if actor.has(APPROVER) or actor.has(ADMIN):
        others = [a for a in waiting if not _mine(ws, a)]
        if others:
            items.append(Attention(f"承認待ちの持出し申請が {len(others)} 件あります。", "info", "takeout", len(others),
                                   focus="submitted"))
    for app in (a for a in sent_back if _mine(ws, a)):
        items.append(Attention(f"持出し申請 {app.number} が差し戻されました（理由: {app.decision_reason}）。直して申請し直してください。",
                               "warning", "takeout", 1, focus="mine"))
    return items


def compliance_findings(ws: Workspace) -> list[Finding]:
    """Every take-out of personal data on encrypted media; the 台帳 agreeing that it is taken out;
    no unencrypted USB memory in use."""
    if ws.actor is None or not any(ws.actor.has(r) for r in READERS):
        return []
    fix_app = "持出し申請 → 申請を選ぶ → 持出し物（暗号化された資産に替える）"
    found = []
    with ws.read() as s:
        apps = list(s.scalars(select(TakeoutApplication).where(TakeoutApplication.state.not_in((DRAFT, WITHDRAWN, REJECTED)))))
        usb = list(s.scalars(select(TakeoutAsset).where(TakeoutAsset.kind == USB, TakeoutAsset.encrypted.is_(False),
                                                        TakeoutAsset.status.not_in((DISPOSED, LOST)))))
    for app in apps:
        if not app.contains_personal:
            continue
        bare = [a for a in app.assets if a.kind in ELECTRONIC and not a.encrypted]
        if bare:
            names = "、".join(a.number for a in bare)
            state = STATE_LABELS.get(app.state, app.state)
            found.append(Finding(f"{app.number}（{app.applicant_name}・{state}）は個人情報を含むのに、暗号化されていない "
                                 f"{names} で持ち出す（持ち出した）ことになっています。",
                                 fix_app if app.state in (SUBMITTED, APPROVED) else
                                 "持出し資産 → 暗号化を確かめる（返却済みなら、紛失・漏えいがないか確認して記録する）",
                                 "takeout"))
    ledger = {r.id: r for r in held_records(ws)}
    for app in apps:
        for held in app.held_records:
            record = ledger.get(int(held["id"]))
            if record is not None and not record.taken_out:
                found.append(Finding(f"{app.number} は台帳の {record.number}「{record.name}」を持ち出しますが、個人情報管理台帳では"
                                     "「社外持出し なし」になっています。",
                                     "個人情報管理台帳 → 編集 → 媒体と保管 → 社外持出し", "inventory"))
    for asset in usb:
        found.append(Finding(f"暗号化されていないUSBメモリ {asset.number} が資産台帳に登録されています（個人情報の持出しには使えません）。",
                             "持出し資産 → 暗号化のあるUSBメモリに替えるか、廃棄を記録する", "takeout_assets"))
    return found

