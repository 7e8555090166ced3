"""Row providers of the inventory ledgers (forms/inventory_*.toml, forms/risk_analysis.toml)
and the one place that turns a stored value into the text a person reads.

    inventory_survey_rows(ws, query)   個人情報調査表   filters: department_id (required for a per-department sheet)
    inventory_ledger_rows(ws, query)   個人情報管理台帳 filters: department_id, category, sensitive, specific,
                                                       review_overdue, status ("active" | "retired"; default both)
    risk_analysis_rows(ws, query)      リスク分析表     filters: department_id, entry_id
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from pcdesk.dates import format_date
from pcdesk.inventory.choices import MEASURE_GROUPS, MEDIA, STAGES, STATUSES
from pcdesk.inventory.model import BOOL_FIELDS, InventoryEntry
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import Workspace

YES_NO_FIELDS = {"consigned", "third_party", "joint_use", "taken_out"}


def display_value(key: str, value: Any) -> str:
    """A field value as shown on screens and in the revision history."""
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
        return format_date(value)
    if isinstance(value, str) and key.endswith("_on") and len(value) == 10:
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def with_detail(flag: bool, detail: str) -> str:
    """「あり（株式会社○○）」 / 「なし」 for 委託・第三者提供・共同利用."""
    if not flag:
        return "なし"
    return f"あり（{detail}）" if detail else "あり"


def _filters(query: LedgerQuery):
    from pcdesk.inventory.service import EntryFilter

    f = query.filters
    return EntryFilter(department_id=f.get("department_id"), category=f.get("category"),
                       sensitive=f.get("sensitive"), specific=f.get("specific"),
                       review_overdue=f.get("review_overdue"), status=f.get("status"))


def _entry_row(e: InventoryEntry, departments: dict[int, str]) -> dict[str, Any]:
    return {
        "number": e.number,
        "department": departments.get(e.department_id, ""),
        "business_process": e.business_process,
        "name": e.name,
        "subject_kinds": "、".join(e.subject_kinds),
        "items": "、".join(e.items),
        "record_count": e.record_count,
        "acquisition": "、".join(e.acquisition),
        "purpose": e.purpose,
        "media": e.media,
        "storage_location": e.storage_location,
        "protection": "、".join(e.protection),
        "access_holders": e.access_holders,
        "use_period": e.use_period,
        "retention": e.retention,
        "disposal": "、".join(e.disposal),
        "consignment": with_detail(e.consigned, e.consignee),
        "third_party": with_detail(e.third_party, e.third_party_recipient),
        "joint_use": with_detail(e.joint_use, e.joint_use_details),
        "taken_out": e.taken_out,
        "manager": e.manager,
        "last_reviewed_on": e.last_reviewed_on,
        "category": e.category,
        "sensitive": e.is_sensitive,
        "specific": e.is_specific,
        "sensitive_items": "、".join(e.sensitive_items),
        "status": e.status,
        "retired_on": e.retired_on,
        "notes": e.notes,
    }


def inventory_ledger_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    from pcdesk.inventory.service import department_names, list_entries

    names = department_names(ws)
    for e in list_entries(ws, _filters(query)):
        yield _entry_row(e, names)


def inventory_survey_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    """The survey sheet of one department: its entries in use, as answered."""
    from pcdesk.inventory.choices import ACTIVE
    from pcdesk.inventory.service import EntryFilter, department_names, list_entries

    names = department_names(ws)
    filt = EntryFilter(department_id=query.filters.get("department_id"), status=ACTIVE)
    for e in list_entries(ws, filt):
        yield _entry_row(e, names)


def measures_text(keys: list[str], labels: dict[str, str], groups: dict[str, str]) -> str:
    """Measures grouped 「組織的: …／物理的: …」 in the group order of the guideline."""
    parts = []
    for group, group_label in MEASURE_GROUPS.items():
        chosen = [labels.get(k, k) for k in keys if groups.get(k) == group]
        if chosen:
            parts.append(f"【{group_label}】" + "、".join(chosen))
    other = [labels.get(k, k) for k in keys if groups.get(k) not in MEASURE_GROUPS]
    if other:
        parts.append("、".join(other))
    return "\n".join(parts)


def risk_analysis_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    from pcdesk.inventory.analysis import list_risks, measure_catalogue
    from pcdesk.inventory.service import department_names, list_entries, EntryFilter

    names = department_names(ws)
    catalogue = measure_catalogue(ws, include_hidden=True)
    labels = {m.key: m.label for m in catalogue}
    groups = {m.key: m.group for m in catalogue}
    dept = query.filters.get("department_id")
    entries = {e.id: e for e in list_entries(ws, EntryFilter(department_id=dept))}
    for r in list_risks(ws, entry_id=query.filters.get("entry_id"), department_id=dept):
        e = entries.get(r.entry_id)
        if e is None:
            continue
        flags = "・".join(f for f, on in (("要配慮", e.is_sensitive), ("特定", e.is_specific)) if on)
        yield {
            "number": e.number,
            "name": e.name,
            "department": names.get(e.department_id, ""),
            "category": e.category,
            "flags": flags,
            "record_count": e.record_count,
            "stage": STAGES.get(r.stage, r.stage),
            "threat": r.threat,
            "risk": r.label,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.score,
            "level": r.level,
            "measures": measures_text(list(r.measures), labels, groups) + (f"\n{r.measure_notes}" if r.measure_notes else ""),
            "residual_likelihood": r.residual_likelihood,
            "residual_impact": r.residual_impact,
            "residual_score": r.residual_score,
            "residual_level": r.residual_level,
            "accepted_by": r.accepted_by,
            "accepted_at": r.accepted_at.date() if r.accepted_at else None,
        }
