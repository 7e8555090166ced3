"""The one place that turns a stored inventory value into the text a person reads
(screens, the survey's confirmation page, the revision history)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pcdesk.dates import SEIREKI, format_date
from pcdesk.inventory.choices import MEDIA, STATUSES
from pcdesk.inventory.model import BOOL_FIELDS

YES_NO_FIELDS = {"consigned", "third_party", "joint_use", "taken_out"}


def display_value(key: str, value: Any, date_style: str = SEIREKI) -> str:
    """A field value as shown on screens and in the revision history (dates in the shared 西暦/和暦 setting)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if key == "media":
        return MEDIA.get(value, str(value))
    if key == "status":
        return STATUSES.get(value, str(value))
    if key in BOOL_FIELDS or isinstance(value, bool):
        if key in YES_NO_FIELDS:
            return "あり" if value else "なし"
        return "はい" if value else "いいえ"
    if key == "record_count" and isinstance(value, int):
        return f"約{value:,}件"
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, date_style)
    if isinstance(value, str) and key.endswith("_on") and len(value) == 10:
        try:
            return format_date(dt.date.fromisoformat(value), date_style)
        except ValueError:
            return value
    return str(value)


def with_detail(flag: bool, detail: str) -> str:
    """「あり（株式会社○○）」 / 「なし」 for 委託・第三者提供・共同利用."""
    if not flag:
        return "なし"
    return f"あり（{detail}）" if detail else "あり"
