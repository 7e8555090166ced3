"""Japanese dates: 西暦 (2026年11月22日) or 和暦 (令和8年11月22日), written and read (R8.4.1, H31/4/30, 平成元年…)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# The product's one clock; re-exported because many callers read "today" with dates.
from pcdesk.clock import now, today  # noqa: F401

# (era name, first day) newest first; 元年 is written for year 1.
_ERAS = [
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
    ("大正", dt.date(1912, 7, 30)),
    ("明治", dt.date(1868, 1, 25)),
]

SEIREKI = "seireki"
WAREKI = "wareki"


def wareki_year(day: dt.date) -> tuple[str, int]:
    for name, start in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    return "", day.year


def format_date(day: dt.date | dt.datetime | None, style: str = SEIREKI) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    if style == WAREKI:
        era, year = wareki_year(day)
        if era:
            y = "元" if year == 1 else str(year)
            return f"{era}{y}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def format_datetime(moment: dt.datetime | None, style: str = SEIREKI) -> str:
    if moment is None:
        return ""
    return f"{format_date(moment, style)} {moment:%H:%M}"


# Letters and marks an era is written with besides its name: R8.4.1, H31/4/30, Ｓ６４.１.７.
_ERA_ALIASES = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治", "㋿": "令和",
                "令": "令和", "平": "平成", "昭": "昭和", "大": "大正", "明": "明治"}
_DATE_PATTERN = re.compile(
    r"^(?:(?P<era>令和|平成|昭和|大正|明治|[RHSTM令平昭大明㋿])\.?\s*)?"
    r"(?P<year>元|\d{1,4})\s*[年./\-]\s*(?P<month>\d{1,2})\s*[月./\-]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*[(（][^)）]*[)）])?"  # 2026/4/1(水)
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$",  # a time written after it is not part of the day
    re.IGNORECASE)


def era_start(era: str) -> dt.date | None:
    """The first day of an era named in full (令和) or by its letter (R); None when unknown."""
    name = _ERA_ALIASES.get(era.upper() if era.isascii() else era, era)
    return next((start for n, start in _ERAS if n == name), None)


def parse_date(text: str) -> dt.date:
    """A day from text as people type it: 2026-11-22, 2026/11/22, 2026.4.1, 2026年11月22日,
    和暦 令和8年4月1日, R8.4.1, H31/4/30, 平成元年1月8日, 昭和64年1月7日, 全角 digits, a weekday
    or a time after it. ValueError with a Japanese reason otherwise."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _DATE_PATTERN.match(s)
    if not m:
        raise ValueError(f"日付として読めません: {text}（例: 2026/4/1、令和8年4月1日、R8.4.1）")
    year = 1 if m["year"] == "元" else int(m["year"])
    if m["era"]:
        start = era_start(m["era"])
        if start is None or year < 1 or year > 99:
            raise ValueError(f"和暦の年として読めません: {text}（例: 令和8年4月1日、H31.4.30）")
        year = start.year + year - 1
    elif m["year"] == "元" or year < 100:
        raise ValueError(f"年が読めません: {text}（西暦は4桁で、和暦は元号を付けてください。例: 2026/4/1、R8.4.1）")
    try:
        return dt.date(year, int(m["month"]), int(m["day"]))
    except ValueError:
        raise ValueError(f"ない日付です: {text}（月と日を確かめてください）") from None
