"""Row providers of the inventory ledgers (forms/inventory_*.toml, forms/risk_analysis.toml)
(the text of each value comes from pcdesk.inventory.display).

    inventory_survey_rows(ws, query)   個人情報調査表   filters: department_id (required for a per-department sheet)
    inventory_ledger_rows(ws, query)   個人情報管理台帳 filters: department_id, category, sensitive, specific,
                                                       review_overdue, status ("active" | "retired"; default both)
    risk_analysis_rows(ws, query)      リスク分析表     filters: department_id, entry_id
    describe_*_filters(ws, query)      the filters each honours, as printed in its header: {"department_id": "部門: 営業部"}
"""

from __future__ import annotations

from typing import Any, Iterator

from pcdesk.inventory.analysis import list_risks, measure_catalogue
from pcdesk.inventory.choices import ACTIVE, MEASURE_GROUPS, STAGES, STATUSES
from pcdesk.inventory.classification import CATEGORIES
from pcdesk.inventory.display import with_detail
from pcdesk.inventory.model import InventoryEntry
from pcdesk.inventory.service import EntryFilter, department_names, list_entries
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import Workspace

def _filters(query: LedgerQuery):
    f = query.filters
    return EntryFilter(department_id=f.get("department_id"), category=f.get("category"),
                       sensitive=f.get("sensitive"), specific=f.get("specific"),
                       review_overdue=f.get("review_overdue"), needs_review=f.get("needs_review"),
                       status=f.get("status"))


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
    names = department_names(ws)
    for e in list_entries(ws, _filters(query)):
        yield _entry_row(e, names)


def inventory_survey_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    """The survey sheet of one department: its entries in use, as answered."""
    names = department_names(ws)
    filt = EntryFilter(department_id=query.filters.get("department_id"), status=ACTIVE)
    for e in list_entries(ws, filt):
        yield _entry_row(e, names)


def _department(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    dept = query.filters.get("department_id")
    if dept is None:
        return {}
    return {"department_id": f"部門: {department_names(ws).get(dept, '（削除された部門）')}"}


def describe_survey_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    return _department(ws, query)


def describe_ledger_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f = query.filters
    out = _department(ws, query)
    if f.get("category"):
        out["category"] = f"区分: {CATEGORIES.get(f['category'], f['category'])}"
    for key, label in (("sensitive", "要配慮個人情報"), ("specific", "特定個人情報")):
        if f.get(key) is not None:
            out[key] = f"{label}{'を含むもの' if f[key] else 'を含まないもの'}"
    if f.get("review_overdue") is not None:
        out["review_overdue"] = "見直し期限を過ぎたもの" if f["review_overdue"] else "見直し期限内のもの"
    if f.get("needs_review") is not None:
        out["needs_review"] = "要確認（入力が足りない）もの" if f["needs_review"] else "入力のそろったもの"
    if f.get("status"):
        out["status"] = f"状態: {STATUSES.get(f['status'], f['status'])}"
    return out


def describe_risk_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    out = _department(ws, query)
    entry_id = query.filters.get("entry_id")
    if entry_id is not None:
        entry = next((e for e in list_entries(ws, EntryFilter(status=None)) if e.id == entry_id), None)
        out["entry_id"] = f"台帳の項目: {entry.number} {entry.name}" if entry else "台帳の項目: （削除された項目）"
    return out


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
