"""What the take-out screens show, decided without Qt: the rows of the application list and of
the asset register, one application's details and history, and the buttons' wording.

    APPLICATION_COLUMNS, application_rows(apps, today, style) -> list[ApplicationRow]
    ASSET_COLUMNS, asset_rows(assets, departments, open_numbers) -> list[AssetRow]
    detail_rows(app, style) -> [(label, text)]       history_lines(events, style) -> [str]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from pcdesk.dates import SEIREKI, format_date, format_datetime
from pcdesk.takeout import rules
from pcdesk.takeout.assets import describe_encryption
from pcdesk.takeout.fields import (APPROVAL_SHORT, ASSET_KINDS, ASSET_STATUSES, ELECTRONIC, MEASURES, OUT,
                                   PURPOSE_SHORT, RETURN_CONDITIONS, STANDING, STATE_LABELS, label)
from pcdesk.takeout.model import TakeoutApplication, TakeoutAsset, TakeoutEvent

# The buttons, and how each action is named in a confirmation.
ACTION_LABELS = {rules.SUBMIT: "申請する", rules.APPROVE: "承認", rules.SEND_BACK: "差戻し", rules.REJECT: "却下",
                 rules.WITHDRAW: "取下げ", rules.TAKE_OUT: "持出し", rules.CONFIRM_RETURN: "返却確認",
                 rules.CLOSE: "包括承認の終了"}

APPLICATION_COLUMNS = ["申請番号", "状態", "申請者", "所属", "持出し物", "持出し先", "持出し日時", "返却予定日", "承認者"]


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]
    overdue: bool
    closed: bool  # 返却済・却下・取下げ: greyed
    personal: bool
    note: str  # tooltip


def application_rows(apps: Iterable[TakeoutApplication], today: dt.date, style: str = SEIREKI) -> list[ApplicationRow]:
    rows = []
    for app in apps:
        trip = app.open_trip
        due = trip.due if trip is not None else app.return_due
        late = rules.days_overdue(due, today) if trip is not None else 0
        state = app.state_label + (f"（{late}日超過）" if late else "")
        if app.approval_kind == STANDING:
            out = f"{format_date(app.out_at, style)}〜（包括）" if app.out_at else ""
        else:
            out = format_datetime(trip.out_at if trip else app.out_at, style)
        note = ""
        if late:
            note = f"返却予定日（{format_date(due, style)}）を{late}日過ぎています。督促状を作って連絡してください。"
        elif app.decision_reason and app.state in ("sent_back", "rejected"):
            note = f"{app.state_label}の理由: {app.decision_reason}"
        cells = (app.number, state, app.applicant_name, app.applicant_department, "、".join(a.number for a in app.assets),
                 app.destination, out, format_date(due, style), app.approver if app.approved_at else "")
        keys = (app.number, state, app.applicant_name, app.applicant_department, cells[4], app.destination,
                (trip.out_at if trip else app.out_at) or dt.datetime.min, due or dt.date.min, cells[8])
        rows.append(ApplicationRow(app.id, cells, keys, late > 0, app.state in ("returned", "rejected", "withdrawn"),
                                   bool(app.contains_personal), note))
    return rows


ASSET_COLUMNS = ["資産番号", "種類", "機種・名称", "暗号化", "状態", "管理部門", "使用者", "製造番号"]


@dataclass(frozen=True)
class AssetRow:
    id: int
    cells: tuple[str, ...]
    unencrypted: bool  # an electronic medium without encryption: marked, never for personal data
    gone: bool  # 紛失 or 廃棄
    note: str


def asset_rows(assets: Iterable[TakeoutAsset], departments: Mapping[int, str],
               out_with: Mapping[int, str] | None = None) -> list[AssetRow]:
    rows = []
    for a in assets:
        bare = a.kind in ELECTRONIC and not a.encrypted
        status = label(ASSET_STATUSES, a.status)
        if a.status == OUT and out_with and a.id in out_with:
            status += f"（{out_with[a.id]}）"
        note = "暗号化されていません。個人情報を含む持出しには選べません。" if bare else ""
        cells = (a.number, label(ASSET_KINDS, a.kind), a.model, describe_encryption(a) + ("　⚠ 個人情報不可" if bare else ""),
                 status, departments.get(a.department_id or 0, ""), a.owner, a.serial)
        rows.append(AssetRow(a.id, cells, bare, a.status in ("lost", "disposed"), note or a.notes))
    return rows


def detail_rows(app: TakeoutApplication, style: str = SEIREKI) -> list[tuple[str, str]]:
    """Everything about one application, for its detail dialog."""
    standing = app.approval_kind == STANDING
    personal = {None: "", True: f"含む（{app.personal_count:,}件）", False: "含まない"}[app.contains_personal]
    rows = [
        ("申請番号", f"{app.number}（{app.state_label}）"),
        ("申請日", format_date(app.applied_on, style) or "（未申請）"),
        ("申請者", f"{app.applicant_name}（{app.applicant_department}）" if app.applicant_department else app.applicant_name),
        ("入力者", app.created_by),
        ("持出し情報", app.information),
        ("台帳の個人情報", "、".join(f"{h['number']} {h['name']}" for h in app.held_records)),
        ("個人情報", personal),
        ("持出し物", "\n".join(f"{a.number}　{label(ASSET_KINDS, a.kind)}　{a.model}（暗号化: {describe_encryption(a)}）"
                             for a in app.assets)),
        ("目的", f"{PURPOSE_SHORT.get(app.purpose_kind, '')}: {app.purpose}" if app.purpose_kind else app.purpose),
        ("持出し先", app.destination),
        ("承認の種類", APPROVAL_SHORT.get(app.approval_kind, "") + "承認"),
        ("期間" if standing else "持出し日時",
         f"{format_date(app.out_at, style)}〜{format_date(app.return_due, style)}" if standing
         else format_datetime(app.out_at, style)),
        ("返却予定日", "" if standing else format_date(app.return_due, style)),
        ("セキュリティ対策", "、".join(label(MEASURES, m) for m in app.measures)),
        ("誓約", f"{format_datetime(app.pledge_accepted_at, style)} に誓約" if app.pledge_accepted_at else "（未誓約）"),
        ("承認", f"{app.approver}（{format_datetime(app.approved_at, style)}）" if app.approved_at else ""),
        ("差戻し・却下の理由", app.decision_reason),
        ("備考", app.notes),
    ]
    for trip in app.trips:
        back = (f"{format_datetime(trip.returned_at, style)} 返却（確認: {trip.return_checker}、"
                f"{label(RETURN_CONDITIONS, trip.condition)}"
                + (f"「{trip.condition_note}」" if trip.condition_note else "") + "）") if trip.returned_at else "持出中"
        rows.append((f"持出し 第{trip.seq}回" if standing else "持出し",
                     f"{format_datetime(trip.out_at, style)} 〜 返却予定 {format_date(trip.due, style)}　{back}"))
    return [(k, v) for k, v in rows if v]


def history_lines(events: Iterable[TakeoutEvent], style: str = SEIREKI) -> list[str]:
    """「2026年11月22日 10:05　田中 真由美　申請（下書き → 申請中）　理由」 for each move."""
    lines = []
    for e in events:
        move = f"{STATE_LABELS.get(e.from_state, e.from_state)} → {STATE_LABELS.get(e.to_state, e.to_state)}"
        reason = f"　理由: {e.reason}" if e.reason else ""
        lines.append(f"{format_datetime(e.at, style)}　{e.actor}　{rules.ACTIONS[e.action].label}（{move}）{reason}")
    return lines
