"""What every page of a ledger says (header block) and how a value reads as text.

The PDF prints text, so dates follow the date style (西暦/和暦); the workbook keeps real
dates and numbers and only borrows the choice labels from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

from pcdesk.dates import SEIREKI, format_date
from pcdesk.output.spec import Column


@dataclass(frozen=True)
class HeaderInfo:
    """The header block of one export."""

    title: str
    company: str = ""
    period: str = ""  # e.g. 2026年11月1日〜2026年11月30日; empty when the ledger has no period
    output_at: dt.datetime | None = None
    date_style: str = SEIREKI
    conditions: tuple[str, ...] = ()  # the active filters, e.g. ("部門: 営業部",)
    # Where the audit trail stood when this was made (pcdesk.audit.anchors): printed in the
    # footer ("監査証跡 No.120-1a2b…") and written into the file's properties as a token.
    anchor: str = ""
    anchor_token: str = ""

    @property
    def titled(self) -> str:
        """The title with its filters, for the running header of every page: 個人情報調査表（部門: 営業部）"""
        return f"{self.title}（{'、'.join(self.conditions)}）" if self.conditions else self.title

    @property
    def output_date_text(self) -> str:
        return format_date(self.output_at, self.date_style) if self.output_at else ""


def period_text(date_from: dt.date | None, date_to: dt.date | None, style: str = SEIREKI) -> str:
    if date_from and date_to:
        return f"{format_date(date_from, style)}〜{format_date(date_to, style)}"
    if date_from:
        return f"{format_date(date_from, style)}以降"
    if date_to:
        return f"{format_date(date_to, style)}まで"
    return "全期間"


def as_date(value: Any) -> dt.date | dt.datetime | None:
    """A date or datetime from what a provider gave (objects or ISO text)."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value) if "T" in value or " " in value.strip() else \
                dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=4096)
def _date_text(day: dt.date, style: str) -> str:
    return format_date(day, style)


def number_text(value: Any, fmt: str = "") -> str:
    """Numbers as the workbook's number format shows them: "#,##0" → 1,234; "0.0" → 3.5."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    decimals = len(fmt.split(".", 1)[1].rstrip("%")) if "." in fmt else None
    comma = "," if "," in fmt else ""
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            return f"{int(value):{comma}d}"
        return f"{value:{comma}}"
    return f"{value:{comma}.{decimals}f}"


def text_converter(column: Column, date_style: str) -> Callable[[Any], str]:
    """A function turning one column's values into the text the PDF prints."""
    kind = column.type
    if kind == "date":
        def date_cell(value: Any) -> str:
            day = as_date(value)
            if day is None:
                return "" if value is None else str(value)
            if isinstance(day, dt.datetime):
                day = day.date()
            return _date_text(day, date_style)
        return date_cell
    if kind == "datetime":
        def datetime_cell(value: Any) -> str:
            moment = as_date(value)
            if moment is None:
                return "" if value is None else str(value)
            if not isinstance(moment, dt.datetime):
                return _date_text(moment, date_style)
            return f"{_date_text(moment.date(), date_style)} {moment.hour:02d}:{moment.minute:02d}"
        return datetime_cell
    if kind == "number":
        fmt = column.number_format
        return lambda value: number_text(value, fmt)
    if kind == "choice":
        return column.choice_label

    def plain(value: Any) -> str:
        if value.__class__ is str:
            return value
        return "" if value is None else str(value)
    return plain
