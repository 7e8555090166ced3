"""Japanese date formatting: 西暦 (2026年11月22日) or 和暦 (令和8年11月22日)."""

from __future__ import annotations

import datetime as dt

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


def parse_date(text: str) -> dt.date:
    """Accepts 2026-11-22, 2026/11/22, 2026/1/2, 2026年11月22日 and 全角 digits."""
    s = text.strip().translate(str.maketrans("０１２３４５６７８９／－", "0123456789/-"))
    for sep in ("年", "月"):
        s = s.replace(sep, "-")
    s = s.replace("日", "").replace("/", "-").replace(".", "-")
    parts = [p for p in s.split("-") if p]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"日付として読めません: {text}")
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))

