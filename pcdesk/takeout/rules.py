"""The take-out rules as pure decisions: the workflow's states and transitions, who may move
an application, which assets may carry personal data, and when a take-out is overdue.

No database and no Qt: the service gathers the facts, asks here, and writes what was
decided. Every refusal is a Japanese sentence naming what to do instead.

    下書き ─申請→ 申請中 ─承認→ 承認 ─持出し→ 持出中 ─返却確認→ 返却済
      │            ├─差戻し→ 差戻し ─申請→ 申請中       （包括承認は期間内なら 承認 に戻る）
      │            └─却下→ 却下
      └─（下書き・申請中・差戻し・承認）─取下げ→ 取下げ       包括承認 ─終了→ 返却済
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from pcdesk.dates import format_date
from pcdesk.errors import FieldProblem, PermissionDenied, ValidationError
from pcdesk.fields import check
from pcdesk.services import ADMIN, APPROVER, STAFF, Actor
from pcdesk.takeout.fields import (ACTION_NAMES, APPLICATION, APPLICATION_FIELDS, APPROVED, ASSET_KINDS,
                                   ASSET_STATUSES, DISPOSED, DRAFT, ELECTRONIC, ENCRYPTION, LOST, OUT, PER_TRIP, REJECTED,
                                   RETURN, RETURN_OK, RETURN_PROBLEM, RETURNED, SENT_BACK, STANDING, STATE_LABELS,
                                   SUBMITTED, TAKEN_OUT, WITHDRAWN, label)

SUBMIT, APPROVE, SEND_BACK, REJECT, WITHDRAW, TAKE_OUT, CONFIRM_RETURN, CLOSE = (
    "submit", "approve", "send_back", "reject", "withdraw", "take_out", "confirm_return", "close")

PER_TRIP_MAX_DAYS = 31  # a longer take-out is a standing approval, with its own period
REASON_MAX = 500


@dataclass(frozen=True)
class Action:
    key: str
    label: str  # 承認 — 「承認できません」「承認の理由」
    sources: tuple[str, ...]  # states it leaves from
    target: str  # the state it leads to (a standing return may lead back to 承認)
    needs_reason: bool = False
    reason_example: str = ""


ACTIONS: dict[str, Action] = {a.key: a for a in (
    Action(SUBMIT, ACTION_NAMES[SUBMIT], (DRAFT, SENT_BACK), SUBMITTED),
    Action(APPROVE, ACTION_NAMES[APPROVE], (SUBMITTED,), APPROVED),
    Action(SEND_BACK, ACTION_NAMES[SEND_BACK], (SUBMITTED,), SENT_BACK, True, "例: 持出し先の住所を書いてください"),
    Action(REJECT, ACTION_NAMES[REJECT], (SUBMITTED,), REJECTED, True, "例: 個人情報を持ち出す必要がないため"),
    Action(WITHDRAW, ACTION_NAMES[WITHDRAW], (DRAFT, SUBMITTED, SENT_BACK, APPROVED), WITHDRAWN),
    Action(TAKE_OUT, ACTION_NAMES[TAKE_OUT], (APPROVED,), TAKEN_OUT),
    Action(CONFIRM_RETURN, ACTION_NAMES[CONFIRM_RETURN], (TAKEN_OUT,), RETURNED),
    Action(CLOSE, ACTION_NAMES[CLOSE], (APPROVED,), RETURNED),
)}
DECIDERS = (APPROVER, ADMIN)  # 承認・差戻し・却下
RETURN_CHECKERS = (ADMIN, STAFF, APPROVER)  # anyone in the office but reception, never the applicant


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one application."""

    state: str
    applicant_name: str
    applicant_key: str = ""  # the people provider's key, e.g. "account:3"
    created_by_id: int | None = None  # the account that entered it (総務 may enter for a worker)
    approval_kind: str = PER_TRIP
    out_on: dt.date | None = None  # planned day out; the first day of a standing approval
    return_due: dt.date | None = None  # planned return; the last day of a standing approval
    trips: int = 0  # take-outs made so far


def _name(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def is_applicant(actor: Actor, facts: Facts) -> bool:
    """The acting person is the applicant: their account is the applicant, or the names match
    (a worker chosen from another list is still the same person)."""
    if actor.user_id is not None and facts.applicant_key == f"account:{actor.user_id}":
        return True
    return bool(_name(actor.name)) and _name(actor.name) == _name(facts.applicant_name)


def _may_handle(actor: Actor, facts: Facts) -> bool:
    """申請・取下げ・持出し: the applicant, whoever entered the application, or a 管理者."""
    return (is_applicant(actor, facts) or actor.has(ADMIN)
            or (actor.user_id is not None and actor.user_id == facts.created_by_id))


def _states(states: Iterable[str]) -> str:
    return "または".join(f"「{STATE_LABELS[s]}」" for s in states)


def _day(day: dt.date | None) -> str:
    return format_date(day) if day else "（未定）"


def check_transition(action_key: str, facts: Facts, actor: Actor, today: dt.date, reason: str = "") -> str:
    """The state `action_key` leads `facts` to when `actor` does it today; raises
    PermissionDenied or ValidationError (Japanese, with what to do instead) when it may not."""
    action = ACTIONS[action_key]
    if facts.state not in action.sources:
        raise ValidationError.single("状態", f"「{STATE_LABELS.get(facts.state, facts.state)}」の申請は{action.label}"
                                           f"できません。{action.label}できるのは{_states(action.sources)}の申請だけです。")
    text = (reason or "").strip()
    if action.needs_reason and not text:
        raise ValidationError.single(f"{action.label}の理由", f"入力してください（{action.reason_example}）。")
    if len(text) > REASON_MAX:
        raise ValidationError.single(f"{action.label}の理由", f"{REASON_MAX:,}文字以内にしてください（いまは{len(text):,}文字です）。")
    if action_key in (APPROVE, SEND_BACK, REJECT):
        if not any(actor.has(r) for r in DECIDERS):
            raise PermissionDenied(f"申請を{action.label}するには「承認者」または「管理者」の権限が必要です。"
                                   "承認者に依頼してください。")
        if is_applicant(actor, facts):
            raise PermissionDenied(f"自分の申請は{action.label}できません。ほかの承認者（または管理者）に依頼してください。")
        return action.target
    if action_key == CONFIRM_RETURN:
        if not any(actor.has(r) for r in RETURN_CHECKERS):
            raise PermissionDenied("返却の確認には「管理者」「担当者」または「承認者」の権限が必要です。")
        if is_applicant(actor, facts):
            raise PermissionDenied("自分の持出しの返却は確認できません。申請者以外の人（上長・総務の担当者など）に"
                                   "確認してもらってください。")
        if facts.approval_kind == STANDING and facts.return_due and today <= facts.return_due:
            return APPROVED  # the standing approval goes on until its last day
        return RETURNED
    if not _may_handle(actor, facts):
        raise PermissionDenied(f"この申請を{action.label}できるのは、申請者本人・申請を入力した人・管理者です。")
    if action_key == WITHDRAW and facts.state == APPROVED and facts.trips:
        raise ValidationError.single("状態", "すでに持ち出したことのある包括承認は取り下げられません。"
                                           "持出しをやめるときは「終了」にしてください。")
    if action_key == CLOSE and facts.approval_kind != STANDING:
        raise ValidationError.single("承認の種類", "「終了」は包括承認の申請だけです。都度承認の申請は返却の確認で終わります。")
    if action_key == TAKE_OUT:
        _check_take_out_day(facts, today)
    return action.target


def _check_take_out_day(facts: Facts, today: dt.date) -> None:
    if facts.approval_kind == STANDING:
        if facts.out_on and facts.return_due and not facts.out_on <= today <= facts.return_due:
            raise ValidationError.single("包括承認の期間", f"今日は包括承認の期間（{_day(facts.out_on)}〜{_day(facts.return_due)}）"
                                                      "の外です。期間内に持ち出すか、新しく申請してください。")
        return
    if facts.out_on and today < facts.out_on:
        raise ValidationError.single("持出し日時", f"持出し予定日（{_day(facts.out_on)}）より前です。予定日に持ち出すか、"
                                              "申請を取り下げて日付を直して出し直してください。")
    if facts.return_due and today > facts.return_due:
        raise ValidationError.single("返却予定日", f"返却予定日（{_day(facts.return_due)}）を過ぎています。"
                                              "この申請は取り下げ、新しく申請してください。")


def available_actions(facts: Facts, actor: Actor, today: dt.date) -> list[str]:
    """The actions `actor` may take now (the page enables exactly these buttons)."""
    found = []
    for key, action in ACTIONS.items():
        try:
            check_transition(key, facts, actor, today, reason="（確認）" if action.needs_reason else "")
        except (PermissionDenied, ValidationError):
            continue
        found.append(key)
    return found


# -- what is taken out ------------------------------------------------------------------------

@dataclass(frozen=True)
class AssetFacts:
    id: int
    number: str
    kind: str
    encrypted: bool
    status: str
    out_with: str = ""  # 申請番号 of the take-out it is out with


def asset_name(asset: AssetFacts) -> str:
    return f"{asset.number}（{label(ASSET_KINDS, asset.kind)}）"


def may_carry_personal_data(asset: AssetFacts) -> bool:
    """Only encrypted electronic media (or paper, which cannot be encrypted) carry personal data."""
    return asset.kind not in ELECTRONIC or asset.encrypted


def asset_problems(assets: Sequence[AssetFacts], contains_personal: bool, *, taking_out: bool = False) -> list[FieldProblem]:
    field = APPLICATION["asset_ids"].label
    problems = []
    for a in assets:
        if a.status in (LOST, DISPOSED):
            problems.append(FieldProblem(field, f"{asset_name(a)}は「{label(ASSET_STATUSES, a.status)}」です。"
                                                "別の資産を選んでください。"))
        elif taking_out and a.status == OUT:
            problems.append(FieldProblem(field, f"{asset_name(a)}は持出中です" + (f"（{a.out_with}）" if a.out_with else "")
                                         + "。返却の確認が済んでから持ち出してください。"))
        if contains_personal and not may_carry_personal_data(a):
            problems.append(FieldProblem(field, f"{asset_name(a)}は暗号化されていないため、個人情報を含む情報の持出しには"
                                                "使えません。暗号化された資産を選ぶか、個人情報を含めないでください。"))
    return problems


# -- the application as a whole ----------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (1月31日 + 1か月 = 2月28日)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _as_day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def schedule_problems(values: Mapping[str, Any], today: dt.date, standing_max_months: int) -> list[FieldProblem]:
    out_on, due = _as_day(values.get("out_at")), _as_day(values.get("return_due"))
    standing = values.get("approval_kind") == STANDING
    problems = []
    if out_on and out_on < today:
        problems.append(FieldProblem(APPLICATION["out_at"].label, f"過去の日付です（{format_date(out_on)}）。"
                                                                   "今日以降の日時にしてください。"))
    if out_on and due:
        if due < out_on:
            problems.append(FieldProblem(APPLICATION["return_due"].label, "持出し日より前になっています。"
                                                                           "持出し日以降の日付にしてください。"))
        elif standing and due > add_months(out_on, standing_max_months):
            problems.append(FieldProblem("包括承認の期間", f"{standing_max_months}か月以内にしてください"
                                                       f"（最長 {format_date(add_months(out_on, standing_max_months))} まで）。"))
        elif not standing and (due - out_on).days > PER_TRIP_MAX_DAYS:
            problems.append(FieldProblem(APPLICATION["return_due"].label,
                                         f"都度承認の持出しは{PER_TRIP_MAX_DAYS}日までです。長く持ち出すときは"
                                         "「包括承認」を選び、期間を決めてください。"))
    return problems


def information_problems(values: Mapping[str, Any]) -> list[FieldProblem]:
    problems = []
    personal = values.get("contains_personal")
    if personal is None:
        problems.append(FieldProblem(APPLICATION["contains_personal"].label, "含まれるか含まれないかを選んでください。"))
    if values.get("held_records") and personal is False:
        problems.append(FieldProblem(APPLICATION["contains_personal"].label,
                                     "個人情報管理台帳の情報を選んでいます。「含まれる」にしてください。"))
    if personal and not values.get("personal_count"):
        problems.append(FieldProblem(APPLICATION["personal_count"].label,
                                     "個人情報を含むときは、おおよその件数を入力してください（例: 120）。"))
    return problems


def measure_problems(values: Mapping[str, Any], assets: Sequence[AssetFacts]) -> list[FieldProblem]:
    electronic = any(a.kind in ELECTRONIC for a in assets)
    if values.get("contains_personal") and electronic and ENCRYPTION not in (values.get("measures") or []):
        return [FieldProblem(APPLICATION["measures"].label, "個人情報を電子媒体で持ち出すときは「暗号化」が必要です。"
                                                             "暗号化した資産を選び、「暗号化」に印を付けてください。")]
    return []


def pledge_problems(values: Mapping[str, Any]) -> list[FieldProblem]:
    if values.get("pledge_accepted") is not True:
        return [FieldProblem(APPLICATION["pledge_accepted"].label, "誓約事項を読み、「誓約します」に印を付けてください。")]
    return []


def application_problems(values: Mapping[str, Any], assets: Sequence[AssetFacts], today: dt.date,
                         standing_max_months: int) -> list[FieldProblem]:
    """Everything that keeps an application from being submitted (or approved)."""
    problems = check(APPLICATION_FIELDS, values)
    problems += asset_problems(assets, bool(values.get("contains_personal")))
    problems += information_problems(values)
    problems += schedule_problems(values, today, standing_max_months)
    problems += measure_problems(values, assets)
    problems += pledge_problems(values)
    return problems


# -- the return -------------------------------------------------------------------------------

def return_problems(values: Mapping[str, Any], assets: Sequence[AssetFacts]) -> list[FieldProblem]:
    """返却確認: the condition; a note for 紛失・破損; the virus check (electronic media) and the
    deletion of copies ticked when everything came back."""
    problems = check([RETURN["condition"], RETURN["condition_note"]], values)
    condition = values.get("condition")
    if condition == RETURN_PROBLEM and not (values.get("condition_note") or "").strip():
        problems.append(FieldProblem(RETURN["condition_note"].label,
                                     f"紛失・破損のときは、何がどうなったかを書いてください（{RETURN['condition_note'].example}）。"))
    if condition == RETURN_OK:
        if any(a.kind in ELECTRONIC for a in assets) and values.get("virus_checked") is not True:
            problems.append(FieldProblem(RETURN["virus_checked"].label, "返却された媒体のウイルスチェックをして、印を付けてください。"))
        if values.get("copies_deleted") is not True:
            problems.append(FieldProblem(RETURN["copies_deleted"].label,
                                         "持ち出した情報の複製・一時ファイルを消去（紙は廃棄）して、印を付けてください。"))
    lost = set(values.get("lost_asset_ids") or [])
    if lost and condition != RETURN_PROBLEM:
        problems.append(FieldProblem(RETURN["condition"].label, "紛失した資産があるときは「紛失・破損」を選んでください。"))
    unknown = lost - {a.id for a in assets}
    if unknown:
        problems.append(FieldProblem(RETURN["lost_asset_ids"].label, "この持出しの資産から選んでください。"))
    return problems


# -- overdue ----------------------------------------------------------------------------------

def days_overdue(due: dt.date | None, today: dt.date) -> int:
    """Whole days past the planned return: returning on the due day itself is on time."""
    if due is None:
        return 0
    return max(0, (today - due).days)


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    return days_overdue(due, today) > 0


def default_trip_due(out_on: dt.date, period_end: dt.date | None) -> dt.date:
    """One trip under a standing approval: back the next day, never after the period."""
    nxt = out_on + dt.timedelta(days=1)
    return min(nxt, period_end) if period_end else nxt

