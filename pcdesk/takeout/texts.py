"""The fixed wording of the feature, kept in resources/takeout/ so it is changed without code:
the pledge the applicant accepts (also printed on the 申請書兼誓約書) and the reminder for a
take-out that is overdue (printed or copied into an e-mail)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

from pcdesk.company.service import get_company
from pcdesk.dates import SEIREKI, format_date, format_datetime
from pcdesk.errors import PcdeskError
from pcdesk.services import Workspace
from pcdesk.shipped import resources_dir

PLEDGE = "takeout/pledge.txt"
REMINDER = "takeout/reminder.txt"
# {company} → value; {{ and }} stay as they are (the same rule as the printed forms).
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def fill(text: str, values: Mapping[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), text)


def template(name: str) -> str:
    path = resources_dir() / name
    if not path.is_file():
        raise PcdeskError(f"文面のファイル「resources/{name}」がありません。pcdesk を入れ直してください。")
    return path.read_text(encoding="utf-8").strip("\n")


def company_values(ws: Workspace) -> dict[str, str]:
    company = get_company(ws)
    return {"company": company.name if company else "当社",
            "pms_manager": (company.pms_manager if company and company.pms_manager else "個人情報保護管理者")}


def pledge_text(ws: Workspace) -> str:
    """The pledge as the applicant reads and accepts it (company names filled in)."""
    return fill(template(PLEDGE), company_values(ws))


def reminder_text(ws: Workspace, facts: Mapping[str, Any], today: dt.date, sender: str,
                  style: str = SEIREKI) -> str:
    """The reminder for one overdue take-out. `facts`: number, applicant, assets, assets_short,
    information, destination, out_at (datetime), due (date), days."""
    values = {**company_values(ws), **facts, "sender": sender, "today": format_date(today, style)}
    values["out_at"] = format_datetime(facts.get("out_at"), style)
    values["due"] = format_date(facts.get("due"), style)
    return fill(template(REMINDER), values)
