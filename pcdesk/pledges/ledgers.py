"""Row providers of the feature's ledgers and the values of the printed pledge.

    pledge_register_rows(ws, query)   誓約書管理台帳 (forms/pledge_register.toml)
        filters: department_id, employment, state (a rules.STATUSES key), include_left (all leavers)
    worker_status_rows(ws, query)     従業者の状況 (forms/worker_status.toml): counts by 雇用区分
    pledge_values(ws, key)            the pledge form (forms/pledge.toml) for 社員番号 `key`
                                      ("0012", or "0012:leaving" for a given kind)
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from pcdesk.errors import ValidationError
from pcdesk.output.registry import LedgerQuery
from pcdesk.output.rows import CountedRows
from pcdesk.pledges.model import EMPLOYMENTS, TEMPLATE_KINDS, Worker
from pcdesk.pledges.pledging import WorkerStanding, standings
from pcdesk.pledges.rules import LEAVING_MISSING, MISSING, RENEW, SIGNED, STATUSES, has_left, kind_to_sign
from pcdesk.pledges.service import WorkerFilter, department_names, find_worker
from pcdesk.pledges.templates import TemplateText, numbered_text
from pcdesk.pledges.versions import current_template
from pcdesk.services import Workspace
from pcdesk.dates import format_date, today
from pcdesk.settings import load_settings


def _filter(query: LedgerQuery) -> WorkerFilter:
    f = query.filters
    return WorkerFilter(department_id=f.get("department_id"), employment=f.get("employment"), include_left=True)


def _register_row(row: WorkerStanding) -> dict[str, Any]:
    w, st = row.worker, row.standing
    record = st.record
    return {
        "number": w.number, "name": w.name, "kana": w.kana, "department": row.department,
        "employment": EMPLOYMENTS.get(w.employment, w.employment), "agency": w.agency,
        "joined_on": w.joined_on, "left_on": w.left_on,
        "kind": TEMPLATE_KINDS.get(record.kind, record.kind) if record is not None else "",
        "version": record.version if record is not None else None,
        "signed_on": record.signed_on if record is not None else None,
        "collected_by": record.collected_by if record is not None else "",
        "original_location": record.original_location if record is not None else "",
        "scan": row.has_scan, "status": st.label, "state": st.state, "reason": st.reason,
    }


def register_standings(ws: Workspace, query: LedgerQuery) -> list[WorkerStanding]:
    """Current workers, and leavers still owing the 退職時 pledge (every leaver with include_left)."""
    rows = standings(ws, _filter(query), state=query.filters.get("state"))
    if not query.filters.get("include_left"):
        day = today()
        rows = [r for r in rows if not has_left(r.worker, day) or r.state == LEAVING_MISSING]
    return rows


def pledge_register_rows(ws: Workspace, query: LedgerQuery) -> CountedRows:
    rows = register_standings(ws, query)
    return CountedRows(len(rows), (_register_row(r) for r in rows))


def describe_register_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f = query.filters
    out = {}
    if f.get("department_id") is not None:
        out["department_id"] = f"所属: {department_names(ws).get(f['department_id'], '（削除された部門）')}"
    if f.get("employment"):
        out["employment"] = f"雇用区分: {EMPLOYMENTS.get(f['employment'], f['employment'])}"
    if f.get("state"):
        out["state"] = f"状況: {STATUSES.get(f['state'], f['state'])}"
    if f.get("include_left"):
        out["include_left"] = "退職者をすべて含む"
    return out


def worker_status_rows(ws: Workspace, query: LedgerQuery) -> Iterator[dict[str, Any]]:
    """One row per 雇用区分 (every one, zeros included: the application asks for each), then 合計."""
    rows = standings(ws, _filter(query))
    day = today()
    total: Counter[str] = Counter()
    for key, label in EMPLOYMENTS.items():
        mine = [r for r in rows if r.worker.employment == key]
        current = [r for r in mine if not has_left(r.worker, day)]
        counts = Counter(r.state for r in mine)
        agencies = Counter(r.worker.agency for r in current if r.worker.agency)
        line = {"employment": label, "headcount": len(current), "signed": counts[SIGNED],
                "missing": counts[MISSING], "renew": counts[RENEW], "left_missing": counts[LEAVING_MISSING],
                "note": "、".join(f"{name}（{n}人）" for name, n in sorted(agencies.items()))}
        total.update({k: v for k, v in line.items() if isinstance(v, int)})
        yield line
    yield {"employment": "合計", **{k: total[k] for k in ("headcount", "signed", "missing", "renew", "left_missing")},
           "note": ""}


def describe_status_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f = query.filters
    if f.get("department_id") is None:
        return {}
    return {"department_id": f"所属: {department_names(ws).get(f['department_id'], '（削除された部門）')}"}


# -- the printed pledge --------------------------------------------------------------------

def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def pledge_form_values(worker: Worker, department: str, template: TemplateText, date_text=None) -> dict[str, Any]:
    """What forms/pledge.toml prints for one worker: the template's wording with the worker's
    派遣元・所属会社 and name filled in, its version, and the worker's 所属, 社員番号 and 氏名."""
    personal = {"agency": worker.agency or "　　　　　　　　　　", "name": worker.name}  # blank: written by hand
    version = template.version_text(date_text) if date_text else template.version_text()
    return {
        "title": _fill(template.title, personal),
        "template_code": f"誓約書 {template.kind_label} {version}",
        "preamble": _fill(template.preamble, personal),
        "clauses": _fill(numbered_text(template.clauses), personal),
        "closing": _fill(template.closing, personal),
        "department": department, "number": worker.number, "name": worker.name,
        "employment": EMPLOYMENTS.get(worker.employment, worker.employment), "agency": worker.agency,
    }


def pledge_values(ws: Workspace, key: str) -> dict[str, Any]:
    """The pledge of the worker whose 社員番号 is `key` ("0012"), in the template they should sign
    now, or in a given kind ("0012:leaving" or "0012:退職時")."""
    number, _, kind = str(key).partition(":")
    worker = find_worker(ws, number)
    if kind:
        by_label = {label: k for k, label in TEMPLATE_KINDS.items()}
        kind = by_label.get(kind, kind)
        if kind not in TEMPLATE_KINDS:
            raise ValidationError.single("誓約書の種類", f"「{kind}」は選べません。次から選んでください: "
                                                         f"{'、'.join(TEMPLATE_KINDS)}（{'、'.join(TEMPLATE_KINDS.values())}）")
    else:
        from pcdesk.pledges.pledging import records_of

        kind = kind_to_sign(worker, records_of(ws, worker.id), today())
    style = load_settings(ws).date_style
    return pledge_form_values(worker, department_names(ws).get(worker.department_id, ""), current_template(ws, kind),
                              lambda d: format_date(d, style))

