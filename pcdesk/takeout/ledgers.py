"""Row providers of the take-out ledgers and the values of its printed forms.

    takeout_ledger_rows(ws, query)     持出し管理台帳 (forms/takeout_ledger.toml): one row per take-out,
                                       and one per application not (yet) taken out; drafts left out.
                                       Period: the day out (actual, else planned). Filters: state, overdue
    asset_rows(ws, query)              持出し資産台帳 (forms/takeout_assets.toml). Filters: kind, status, unencrypted
    describe_*_filters(ws, query)      the filters each honours, printed in its header
    application_form_values(ws, key)   情報・PC社外持出し申請書兼誓約書 (forms/takeout_application.toml)
    reminder_form_values(ws, key)      返却のお願い (forms/takeout_reminder.toml)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from pcdesk.output.registry import LedgerQuery
from pcdesk.services import Workspace
from pcdesk.takeout import rules
from pcdesk.takeout.assets import AssetFilter, department_names, describe_encryption, list_assets
from pcdesk.takeout.fields import (APPROVAL_SHORT, ASSET_KINDS, ASSET_STATUSES, DRAFT, ELECTRONIC,
                                   PURPOSE_SHORT, REJECTED, RETURN_CONDITIONS, RETURN_PROBLEM, SENT_BACK, STANDING, STATE_LABELS,
                                   TAKEN_OUT, label)
from pcdesk.takeout.model import TakeoutApplication, TakeoutTrip
from pcdesk.takeout.queries import ApplicationFilter, list_applications, reminder
from pcdesk.takeout.service import find_application, get_application
from pcdesk.dates import format_date, today
from pcdesk.settings import load_settings

TICK, BLANK = "■", "□"


def _personal(app: TakeoutApplication) -> str:
    if app.contains_personal is None:
        return ""
    return f"あり（{app.personal_count:,}件）" if app.contains_personal else "なし"


def _information(app: TakeoutApplication) -> str:
    held = "、".join(f"{h['number']} {h['name']}" for h in app.held_records)
    return app.information + (f"（台帳: {held}）" if held else "")


def _approval(app: TakeoutApplication) -> str:
    return APPROVAL_SHORT.get(app.approval_kind, "")


def _row(app: TakeoutApplication, trip: TakeoutTrip | None, day: dt.date) -> dict[str, Any]:
    late = rules.days_overdue(trip.due, day) if trip is not None and trip.returned_at is None else 0
    decided = f"{STATE_LABELS[app.state]}（{app.approver}）: {app.decision_reason}" \
        if app.state in (SENT_BACK, REJECTED) and app.decision_reason else ""
    notes = [n for n in (f"返却予定日を{late}日超過" if late else "",
                         trip.condition_note if trip is not None else "", decided, app.notes) if n]
    return {
        "number": app.number + (f"-{trip.seq}" if trip is not None and app.approval_kind == STANDING else ""),
        "applied_on": app.applied_on,
        "applicant": f"{app.applicant_name}（{app.applicant_department}）" if app.applicant_department
                     else app.applicant_name,
        "department": app.applicant_department,
        "assets": "、".join(a.number for a in app.assets),
        "information": _information(app),
        "personal": _personal(app),
        "purpose": f"{PURPOSE_SHORT.get(app.purpose_kind, '')}: {app.purpose}" if app.purpose_kind else app.purpose,
        "destination": app.destination,
        "out_at": trip.out_at if trip is not None else app.out_at,
        "due": trip.due if trip is not None else app.return_due,
        "returned_on": trip.returned_at.date() if trip is not None and trip.returned_at else None,
        "return_checker": trip.return_checker if trip is not None else "",
        "condition": label(RETURN_CONDITIONS, trip.condition) if trip is not None else "",
        "approval": f"{app.approver}（{_approval(app)}）" if app.approved_at else f"（{_approval(app)}）",
        "approver": app.approver if app.approved_at else "",
        "approved_on": app.approved_at.date() if app.approved_at else None,
        "state": "持出中" if trip is not None and trip.returned_at is None else
                 ("返却済" if trip is not None else STATE_LABELS.get(app.state, app.state)),
        "notes": "。".join(notes),
    }


def _state_filter(query: LedgerQuery) -> ApplicationFilter:
    f = query.filters
    return ApplicationFilter(state=f.get("state"), overdue=bool(f.get("overdue")))


def takeout_ledger_rows(ws: Workspace, query: LedgerQuery) -> list[dict[str, Any]]:
    day = today()
    rows = []
    for app in list_applications(ws, _state_filter(query)):
        if app.state == DRAFT:
            continue
        trips = app.trips or [None]
        for trip in trips:
            if query.filters.get("overdue") and (trip is None or trip.returned_at is not None
                                                 or not rules.is_overdue(trip.due, day)):
                continue
            row = _row(app, trip, day)
            when = row["out_at"].date() if row["out_at"] else app.created_at.date()
            if (query.date_from and when < query.date_from) or (query.date_to and when > query.date_to):
                continue
            rows.append((when, app.number, trip.seq if trip else 0, row))
    return [r for *_, r in sorted(rows, key=lambda x: x[:3])]


def describe_ledger_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f, out = query.filters, {}
    if f.get("state"):
        out["state"] = f"状態: {STATE_LABELS.get(f['state'], f['state'])}"
    if f.get("overdue"):
        out["overdue"] = "返却予定日を過ぎたものだけ"
    return out


def asset_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    f = query.filters
    names = department_names(ws)
    filt = AssetFilter(kind=f.get("kind"), status=f.get("status"), include_disposed=True,
                       unencrypted=bool(f.get("unencrypted")))
    for a in list_assets(ws, filt):
        yield {"number": a.number, "kind": label(ASSET_KINDS, a.kind), "model": a.model, "serial": a.serial,
               "encryption": describe_encryption(a), "department": names.get(a.department_id or 0, ""),
               "owner": a.owner, "status": label(ASSET_STATUSES, a.status),
               "personal_ok": "可" if rules.may_carry_personal_data(rules.AssetFacts(a.id, a.number, a.kind,
                                                                                      a.encrypted, a.status))
               else "不可（暗号化なし）", "notes": a.notes}


def describe_asset_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f, out = query.filters, {}
    if f.get("kind"):
        out["kind"] = f"種類: {label(ASSET_KINDS, f['kind'])}"
    if f.get("status"):
        out["status"] = f"状態: {label(ASSET_STATUSES, f['status'])}"
    if f.get("unencrypted"):
        out["unencrypted"] = "暗号化されていない電子媒体だけ"
    return out


# -- printed forms ----------------------------------------------------------------------------------

def _application(ws: Workspace, key: Any) -> TakeoutApplication:
    """`key` is the application's id, or its 申請番号 as typed on the command line."""
    if isinstance(key, str) and not key.strip().isdigit():
        return find_application(ws, key)
    return get_application(ws, int(key))


# Shorter than the screens' labels, so the four fit on one line of the A4 form.
FORM_MEASURES = (("encryption", "暗号化"), ("password", "パスワード設定"), ("privacy_filter", "のぞき見防止"),
                 ("virus_check", "持出し前のウイルスチェック"))


def _ticks(chosen: list[str]) -> str:
    return "　".join(f"{TICK if key in chosen else BLANK}{text}" for key, text in FORM_MEASURES)


def application_form_values(ws: Workspace, key: Any) -> dict[str, Any]:
    """One application on the 申請書兼誓約書: what was applied for, approved and returned."""
    app = _application(ws, key)
    trip = app.trips[-1] if app.trips else None
    electronic = any(a.kind in ELECTRONIC for a in app.assets)
    returned = trip is not None and trip.returned_at is not None
    if returned:
        checks = [f"{TICK if trip.virus_checked else BLANK}返却後のウイルスチェック" if electronic else "",
                  f"{TICK if trip.copies_deleted else BLANK}複製・一時ファイルの消去"]
        condition = label(RETURN_CONDITIONS, trip.condition)
        if trip.condition == RETURN_PROBLEM and trip.condition_note:
            condition += f"（{trip.condition_note}）"
    else:
        checks, condition = [], ""
    standing = app.approval_kind == STANDING
    style = load_settings(ws).date_style
    out_at: Any = app.out_at
    due: Any = app.return_due
    if standing:  # the period, in whole days
        out_at = f"{format_date(app.out_at, style)}から" if app.out_at else None
        due = f"{format_date(app.return_due, style)}まで" if app.return_due else None
        if returned and len(app.trips) > 1:
            condition += f"（全{len(app.trips)}回のうち第{trip.seq}回）"
    return {
        "number": app.number, "applied_on": app.applied_on, "applicant": app.applicant_name,
        "department": app.applicant_department,
        "purpose_kind": PURPOSE_SHORT.get(app.purpose_kind, ""), "destination": app.destination,
        "purpose": app.purpose,
        "out_at": out_at, "return_due": due,
        "approval": "包括承認（期間内）" if standing else "都度承認（今回の1回）",
        "items": [{"number": a.number, "kind": label(ASSET_KINDS, a.kind),
                   "model": " / ".join(v for v in (a.model, a.serial) if v), "encryption": describe_encryption(a)}
                  for a in app.assets],
        "information": app.information,
        "held": "、".join(f"{h['number']} {h['name']}" for h in app.held_records),
        "personal": _personal(app),
        "measures": _ticks(app.measures),
        "approver": app.approver if app.approved_at else "",
        "approved_on": app.approved_at.date() if app.approved_at else None,
        "state": STATE_LABELS.get(app.state, app.state) + (f"（第{len(app.trips)}回まで）" if standing and app.trips else ""),
        "returned_on": trip.returned_at.date() if returned else None,
        "return_checker": trip.return_checker if returned else "",
        "condition": condition,
        "return_checks": "　".join(c for c in checks if c),
        "notes": app.notes,
        # names under the seal boxes
        "stamp_applicant": app.applicant_name, "stamp_approver": app.approver if app.approved_at else "",
        "stamp_checker": trip.return_checker if returned else "",
    }


def reminder_form_values(ws: Workspace, key: Any) -> dict[str, Any]:
    """The reminder for an overdue take-out, ready to print (its text is `body`)."""
    app = _application(ws, key)
    return {"number": app.number, "body": reminder(ws, app.id),
            "state": "持出中" if app.state == TAKEN_OUT else STATE_LABELS.get(app.state, "")}
