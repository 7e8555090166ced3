"""The reception kiosk's only door to the data: check in, check out by pass or by one's own name.

Nothing here returns more than the visitor in front of the kiosk may see: a check-in gives back
that visitor's receipt; a check-out by pass number gives back the number and the time only (a
guessed number must not reveal whose it is); a check-out by name looks for today's open entry
of exactly that name and answers with that one entry, or with nothing when the name is not
found or is shared (no list, no partial match). The kiosk's screens import this module and no
other service of the feature (tests/gui/test_visitors_kiosk.py checks it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pcdesk import registry, shipped
from pcdesk.capabilities import PEOPLE, Person
from pcdesk.company.service import get_company
from pcdesk.dates import now, today
from pcdesk.errors import FieldProblem, PcdeskError, ValidationError
from pcdesk.services import ADMIN, RECEPTION, Workspace
from pcdesk.settings import feature_setting
from pcdesk.visitors.fields import DEFAULT_AREA_KEY, FIELD, RETENTION_KEY
from pcdesk.visitors.model import KIOSK_NAME, KIOSK_PASS, VisitorEntry, VisitorPass
from pcdesk.visitors.passes import count_active_passes, take_free_pass
from pcdesk.visitors.rules import check_in_problems, clean_pass_number, kiosk_values, name_key

KIOSK = (RECEPTION, ADMIN)
RETRIES = 3  # a check-in refused by the pass constraint is tried again with the next free pass


class SeeReception(PcdeskError):
    """The kiosk cannot finish this on its own: the visitor is asked to see a member of staff."""


@dataclass(frozen=True)
class CheckInReceipt:
    """What the kiosk shows the visitor who just checked in, and nothing else."""

    name: str
    entered_at: dt.datetime
    pass_number: str  # "" when none was free or none are registered
    host_name: str
    passes_short: bool  # the company uses passes, but every one is out


@dataclass(frozen=True)
class OwnEntry:
    """The visitor's own open entry, found by their full name, to confirm before check-out."""

    entry_id: int
    name: str
    company: str
    entered_at: dt.datetime
    pass_number: str


@dataclass(frozen=True)
class CheckOutReceipt:
    left_at: dt.datetime
    pass_number: str  # the pass to drop in the return box ("" when none was lent)


def notice_text(ws: Workspace, short: bool = False) -> str:
    """The company's notice of purpose for what the kiosk collects (resources/visitors/)."""
    from pcdesk.output.forms import fill_placeholders

    name = "kiosk_notice_short.txt" if short else "kiosk_notice.txt"
    text = (shipped.resources_dir() / "visitors" / name).read_text(encoding="utf-8").strip()
    company = get_company(ws)
    return fill_placeholders(text, {
        "company": company.name if company else "当社", "retention_years": feature_setting(ws, RETENTION_KEY),
        "contact_name": (company.contact_name if company else "") or "受付",
        "contact_phone": (company.contact_phone if company else "") or "受付にお尋ねください"})


def company_name(ws: Workspace) -> str:
    company = get_company(ws)
    return company.name if company else ""


def host_choices(ws: Workspace) -> list[Person]:
    """People a visitor may ask for (accounts, and workers once the pledges feature provides them),
    current ones only, each person once, in name order."""
    ws.require(*KIOSK)
    seen: dict[tuple[str, str], Person] = {}
    for provide in registry.provided(PEOPLE):
        for person in provide(ws):
            if not person.current:
                continue
            # One person may be both an account and a worker: listed once, with the フリガナ if any.
            same = (name_key(person.name), person.department)
            if same not in seen or (person.kana and not seen[same].kana):
                seen[same] = person
    return sorted(seen.values(), key=lambda p: (p.kana or p.name, p.department))


def _host(ws: Workspace, key: str) -> Person:
    for person in host_choices(ws):
        if person.key == key or (not person.key and person.name == key):
            return person
    raise ValidationError.single(FIELD["host_name"].label, "一覧からお選びください。見つからないときは受付の担当者にお声がけください。")


def _start_of_today() -> dt.datetime:
    return dt.datetime.combine(today(), dt.time())


def check_in(ws: Workspace, answers: Mapping[str, Any]) -> CheckInReceipt:
    """Record a visitor: the time now, the next free pass, 受付者 = the kiosk's account.

    `answers` holds name, company, party_size, purpose and host_key (the chosen person's key).
    """
    actor = ws.require(*KIOSK)
    values = kiosk_values({**answers, "host_name": answers.get("host_key") or ""})
    problems: list[FieldProblem] = check_in_problems(values)
    if problems:
        raise ValidationError(problems)
    host = _host(ws, str(answers.get("host_key") or ""))
    area = str(feature_setting(ws, DEFAULT_AREA_KEY) or "")
    for attempt in range(RETRIES):
        try:
            with ws.write() as s:
                number = take_free_pass(s)
                short = number is None and count_active_passes(s) > 0
                moment = now()
                entry = VisitorEntry(
                    entered_at=moment, name=values["name"], name_key=name_key(values["name"]),
                    company=values["company"], party_size=values["party_size"], purpose=values["purpose"],
                    host_name=host.name, host_key=host.key, host_department=host.department, areas=area,
                    pass_number=number or "", held_pass=number, received_by=actor.name,
                    created_at=moment, updated_at=moment)
                s.add(entry)
                s.flush()
            return CheckInReceipt(entry.name, moment, number or "", host.name, short)
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise SeeReception("入館証を割り当てられませんでした。受付の担当者にお声がけください。") from None
    raise AssertionError("unreachable")


def check_out_by_pass(ws: Workspace, number: str) -> CheckOutReceipt:
    """Check out whoever holds pass `number` today; answers with the number and the time only."""
    ws.require(*KIOSK)
    number = clean_pass_number(number)
    if not number:
        raise ValidationError.single(FIELD["pass_number"].label, "入館証に書かれた番号を入力してください。")
    with ws.write() as s:
        entry = s.scalar(select(VisitorEntry).where(VisitorEntry.held_pass == number).limit(1))
        if entry is None:
            known = s.scalar(select(VisitorPass.id).where(VisitorPass.number == number))
            raise ValidationError.single(FIELD["pass_number"].label,
                                         f"入館証 {number} は貸し出されていません。番号をお確かめください。" if known else
                                         f"入館証 {number} という番号はありません。番号をお確かめください。")
        if entry.entered_at < _start_of_today():
            raise SeeReception("この入館証は前日以前に貸し出されたものです。受付の担当者にお声がけください。")
        moment = now()
        if entry.left_at is None:  # else: checked out before, now returning the pass
            entry.left_at = moment
            entry.checkout_method = KIOSK_PASS
            entry.checkout_by = ws.actor.name if ws.actor else ""
        entry.held_pass = None
        entry.updated_at = moment
    return CheckOutReceipt(entry.left_at or moment, number)


def find_own_entry(ws: Workspace, name: str) -> OwnEntry | None:
    """Today's open entry of exactly this full name, or None (not found, or the name is shared
    with another visitor inside: then the visitor is asked for the pass number instead)."""
    ws.require(*KIOSK)
    key = name_key(name)
    if not key:
        raise ValidationError.single(FIELD["name"].label, "受付のときと同じお名前（フルネーム）を入力してください。")
    with ws.read() as s:
        found = list(s.scalars(select(VisitorEntry).where(
            VisitorEntry.name_key == key, VisitorEntry.left_at.is_(None),
            VisitorEntry.entered_at >= _start_of_today()).limit(2)))
    if len(found) != 1:
        return None
    e = found[0]
    return OwnEntry(e.id, e.name, e.company, e.entered_at, e.pass_number)


def check_out(ws: Workspace, own: OwnEntry) -> CheckOutReceipt:
    """Check out the entry `find_own_entry` found (still open and still today's)."""
    ws.require(*KIOSK)
    with ws.write() as s:
        entry = s.get(VisitorEntry, own.entry_id)
        if entry is None or entry.left_at is not None or entry.name_key != name_key(own.name) \
                or entry.entered_at < _start_of_today():
            raise SeeReception("退室はすでに記録されています。わからないときは受付の担当者にお声がけください。")
        moment = now()
        entry.left_at = moment
        entry.checkout_method = KIOSK_NAME
        entry.checkout_by = ws.actor.name if ws.actor else ""
        number, entry.held_pass = entry.held_pass or "", None
        entry.updated_at = moment
    return CheckOutReceipt(moment, number)
