"""Throttling login attempts with growing delays (NIST SP 800-63B §5.2.2), not a hard lock.

Failures are counted for the typed login ID on this source (PC and OS user), for the ID
from any source and for the source with any ID. A few failures are free; after that each
failure doubles the wait before the next attempt, up to a ceiling. The ID's own
counter (all sources) has a low ceiling, so someone typing wrong passwords elsewhere
slows an administrator down by a minute at most and can never lock them out; the
recovery code is the last way in. Counters are kept by the hash of what was typed, so
unknown IDs are throttled exactly like real ones and the answer reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import math
import socket
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pcdesk.accounts.model import LoginThrottle

FORGET_AFTER = dt.timedelta(hours=24)  # failures older than this no longer count
ID_WAIT_CEILING = 60  # seconds: the most anyone can slow down a given ID from elsewhere
SPREAD = 4  # the ID-wide and source-wide counters allow this many times more free failures


@dataclass(frozen=True)
class Rules:
    free: int = 5  # failures before the first wait (settings: lockout_threshold)
    ceiling: int = 900  # longest wait in seconds (settings: lockout_minutes × 60)


def default_source() -> str:
    """This PC and OS user: on a shared server each PC is throttled on its own."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service contexts
        user = "?"
    return f"{socket.gethostname()}/{user}"


def _subject(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode("utf-8")).hexdigest()


def _pair_prefix(who: str) -> str:
    return _subject("pair", who)[:32]


def _subjects(login_id: str, source: str, rules: Rules) -> list[tuple[str, int, int]]:
    """(subject, free failures, ceiling) for the three counters of an attempt."""
    who = login_id.lower()
    pair = _pair_prefix(who) + _subject("from", source)[:32]  # all of an ID's pairs share a prefix
    return [(pair, rules.free, rules.ceiling),
            (_subject("id", who), rules.free * SPREAD, min(ID_WAIT_CEILING, rules.ceiling)),
            (_subject("source", source), rules.free * SPREAD, rules.ceiling)]


def _wait_for(failures: int, free: int, ceiling: int) -> int:
    if failures < free:
        return 0
    return min(ceiling, 2 ** min(failures - free, 30))


def wait_seconds(session: Session, login_id: str, source: str, moment: dt.datetime, rules: Rules) -> int:
    """How long this attempt must still wait (0 = it may go ahead)."""
    keys = [s for s, _f, _c in _subjects(login_id, source, rules)]
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.subject.in_(keys)))
    wait = 0.0
    for row in rows:
        if row.wait_until is not None and row.wait_until > moment:
            wait = max(wait, (row.wait_until - moment).total_seconds())
    return math.ceil(wait)


def record_failure(session: Session, login_id: str, source: str, moment: dt.datetime, rules: Rules) -> int:
    """Count a failure on every counter; returns the wait it sets for the next attempt."""
    longest = 0
    for subject, free, ceiling in _subjects(login_id, source, rules):
        row = session.get(LoginThrottle, subject)
        if row is None:
            row = LoginThrottle(subject=subject, failures=0)
            session.add(row)
        if row.last_failure_at is not None and moment - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures = (row.failures or 0) + 1
        row.last_failure_at = moment
        wait = _wait_for(row.failures, free, ceiling)
        row.wait_until = moment + dt.timedelta(seconds=wait) if wait else None
        longest = max(longest, wait)
    return longest


def record_success(session: Session, login_id: str, source: str, rules: Rules) -> None:
    """The right password: this ID's counters start again (the source's keeps counting)."""
    pair, ident, _source = (s for s, _f, _c in _subjects(login_id, source, rules))
    session.execute(delete(LoginThrottle).where(LoginThrottle.subject.in_([pair, ident])))


def clear_id(session: Session, login_id: str) -> None:
    """An administrator lifts the waits of an ID, from every source."""
    session.execute(delete(LoginThrottle).where(_of_id(login_id)))


def _of_id(login_id: str):  # type: ignore[no-untyped-def]
    who = login_id.lower()
    return (LoginThrottle.subject == _subject("id", who)) | LoginThrottle.subject.startswith(_pair_prefix(who))


def id_wait_until(session: Session, login_id: str) -> dt.datetime | None:
    """Until when attempts for this ID wait, from any source (None: no wait)."""
    return session.scalar(select(func.max(LoginThrottle.wait_until)).where(_of_id(login_id)))


def id_failures(session: Session, login_id: str, moment: dt.datetime) -> int:
    row = session.get(LoginThrottle, _subject("id", login_id.lower()))
    if row is None or row.last_failure_at is None or moment - row.last_failure_at > FORGET_AFTER:
        return 0
    return row.failures or 0


def wait_message(seconds: int) -> str:
    if seconds >= 120:
        amount = f"{math.ceil(seconds / 60)}分"
    else:
        amount = f"{seconds}秒"
    return f"ログインの失敗が続いたため、しばらく受け付けません。{amount}待ってから、もう一度お試しください。"
