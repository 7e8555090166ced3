"""Pure decisions about visits: cleaning what a visitor types, matching a name at check-out,
numbering passes, the retention cut-off and the end-of-day reconciliation. No database, no Qt."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

from pcdesk.errors import FieldProblem
from pcdesk.fields import check
from pcdesk.text import clean
from pcdesk.visitors.fields import FIELD, FIELDS, KIOSK_FIELDS, MIN_RETENTION_YEARS

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


def clean_text(text: Any) -> str:
    """One line as typed: 全角英数→半角, 半角カナ→全角, control and invisible characters dropped,
    runs of spaces (全角 too) made one."""
    s = _CONTROL.sub("", clean(str(text or "")))
    return _SPACES.sub(" ", s).strip()


def name_key(name: str) -> str:
    """What two spellings of one name share: 「山田　太郎」, 「山田太郎」 and 「ﾔﾏﾀﾞ ﾀﾛｳ」 → one key."""
    folded = unicodedata.normalize("NFKC", clean_text(name)).casefold()
    return _SPACES.sub("", folded)


def kiosk_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The kiosk's answers cleaned: texts on one line, 人数 as a whole number (None if unreadable)."""
    values: dict[str, Any] = {}
    for key in KIOSK_FIELDS:
        value = raw.get(key)
        if key == "party_size":
            try:
                values[key] = int(unicodedata.normalize("NFKC", str(value)).strip()) if value not in (None, "") else None
            except ValueError:
                values[key] = None
        else:
            values[key] = clean_text(value)
    return values


def check_in_problems(values: Mapping[str, Any], only: tuple[str, ...] = KIOSK_FIELDS) -> list[FieldProblem]:
    """Everything wrong with a check-in, each naming the field and the fix (before anything is saved)."""
    problems = check(FIELDS, values, only)
    name = values.get("name") or ""
    if "name" in only and name and not any(ch.isalpha() for ch in name):
        problems.append(FieldProblem(FIELD["name"].label, "文字でお名前を入力してください（例: 山田 太郎）。"))
    return problems


# -- passes -----------------------------------------------------------------------------

def pass_sort_key(number: str) -> tuple:
    """「2」 before 「10」, 「A-2」 before 「A-10」: digits compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", number) if part)


def pass_numbers(first: int, count: int, prefix: str = "", width: int = 0) -> list[str]:
    """A run of pass numbers: (1, 3) → 1, 2, 3; (1, 3, "V-", 2) → V-01, V-02, V-03."""
    return [f"{prefix}{n:0{width}d}" if width else f"{prefix}{n}" for n in range(first, first + count)]


def clean_pass_number(text: str) -> str:
    return unicodedata.normalize("NFKC", clean_text(text)).replace(" ", "")


# -- retention --------------------------------------------------------------------------

def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """The first day still kept: a visit entered before this day is past the retention period.
    Visits of exactly `years` ago today are kept until tomorrow."""
    return years_before(today, max(int(years), MIN_RETENTION_YEARS))


# -- the end of the day -----------------------------------------------------------------

@dataclass(frozen=True)
class Reconciliation:
    """What the end-of-day pass check found (DOMAIN.md §5, 入退館管理規程)."""

    inside_today: int  # visitors of today without a check-out
    inside_earlier: int  # visitors of earlier days never checked out (forgotten check-outs)
    passes_out: tuple[str, ...]  # pass numbers not returned, in pass order
    closing: bool  # the reconciliation hour has passed

    @property
    def clean(self) -> bool:
        return not (self.inside_today or self.inside_earlier or self.passes_out)


def is_closing(moment: dt.datetime, closing_hour: int) -> bool:
    return moment.hour >= int(closing_hour)


def passes_text(numbers: tuple[str, ...], limit: int = 8) -> str:
    shown = "・".join(numbers[:limit])
    return shown + (f" ほか{len(numbers) - limit}枚" if len(numbers) > limit else "")
