"""The one clock: every "today" and "now" in pcdesk comes from here.

Nothing else reads the system clock, so tests (and the demo) pin one moment and give the
same result on any day: a year ahead, on a leap day, at 23:59. A process started by a test
(the command line, the frozen bundle) is pinned through the environment variable
``PCDESK_NOW`` (ISO 8601, e.g. ``2026-11-22T10:00:00``).
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from typing import Iterator

ENV = "PCDESK_NOW"

_pinned: dt.datetime | None = None


def now() -> dt.datetime:
    """Local wall-clock time, second precision; stored naive (the office's local time)."""
    if _pinned is not None:
        return _pinned
    env = os.environ.get(ENV)
    if env:
        return _parse(env)
    return dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def pin(moment: dt.datetime | None) -> None:
    """Fix the clock at `moment` (None releases it)."""
    global _pinned
    _pinned = None if moment is None else moment.replace(microsecond=0)


@contextmanager
def pinned(moment: dt.datetime) -> Iterator[None]:
    before = _pinned
    pin(moment)
    try:
        yield
    finally:
        pin(before)


def advance(delta: dt.timedelta) -> dt.datetime:
    """Move a pinned clock forward (tests of overdue, lockout, expiry)."""
    if _pinned is None:
        raise RuntimeError("advance() needs a pinned clock")
    pin(_pinned + delta)
    return now()


def _parse(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.strip()).replace(microsecond=0, tzinfo=None)
    except ValueError:
        raise SystemExit(f"環境変数 {ENV} の日時が読めません: {text!r}（例: 2026-11-22T10:00:00）") from None
