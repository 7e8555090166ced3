"""Rows of the printed 外来者入退室記録簿 (forms/visitor_log.toml), in the order visits happened.

    visitor_log_rows(ws, query)        filters: company (part of the name), host (exact), inside (True/False)
    describe_visitor_filters(ws, query) the filters it honours, as printed in its header
A day, a month or any period is the query's date_from/date_to (both inclusive).
"""

from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import func, select

from pcdesk.output.registry import LedgerQuery
from pcdesk.output.rows import CountedRows
from pcdesk.services import ADMIN, Workspace
from pcdesk.visitors.display import left_text
from pcdesk.visitors.model import BY_HAND, CHECKOUT_METHODS, VisitorEntry
from pcdesk.visitors.service import EntryFilter, filtered

BATCH = 1000


def _filter(query: LedgerQuery) -> EntryFilter:
    f = query.filters
    inside = f.get("inside")
    return EntryFilter(date_from=query.date_from, date_to=query.date_to, company=str(f.get("company") or ""),
                       host=str(f.get("host") or ""), inside=inside if isinstance(inside, bool) else None)


def remarks(e: VisitorEntry) -> str:
    parts = []
    if e.left_at is None:
        parts.append("退室未記録")
    elif e.held_pass:
        parts.append("入館証未返却")
    if e.checkout_method == BY_HAND and e.left_at is not None:
        parts.append(f"退室は{CHECKOUT_METHODS[BY_HAND]}（{e.checkout_by}）")
    if e.corrections:
        parts.append(f"訂正あり（{e.corrections}回）")
    if e.notes:
        parts.append(e.notes)
    return "。".join(parts)


def log_row(e: VisitorEntry) -> dict[str, Any]:
    return {
        "visit_date": e.entered_at.date(),
        "entered": f"{e.entered_at:%H:%M}",
        "left": left_text(e),
        "name": e.name,
        "company": e.company,
        "party_size": e.party_size,
        "purpose": e.purpose,
        "host": e.host_name + (f"（{e.host_department}）" if e.host_department else ""),
        "pass_number": e.pass_number,
        "areas": e.areas,
        "received_by": e.received_by,
        "remarks": remarks(e),
    }


def visitor_log_rows(ws: Workspace, query: LedgerQuery) -> CountedRows:
    ws.require(ADMIN)
    f = _filter(query)
    with ws.read() as s:
        count = s.scalar(filtered(select(func.count()).select_from(VisitorEntry), f)) or 0

    def rows() -> Iterator[dict[str, Any]]:
        # Keyset pages of BATCH rows: a ten-year export never holds all entries at once.
        last: tuple | None = None
        while True:
            q = filtered(select(VisitorEntry), f).order_by(VisitorEntry.entered_at, VisitorEntry.id).limit(BATCH)
            if last is not None:
                q = q.where((VisitorEntry.entered_at > last[0]) |
                            ((VisitorEntry.entered_at == last[0]) & (VisitorEntry.id > last[1])))
            with ws.read() as s:
                batch = list(s.scalars(q))
            if not batch:
                return
            for e in batch:
                yield log_row(e)
            last = (batch[-1].entered_at, batch[-1].id)

    return CountedRows(count, rows())


def describe_visitor_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f = query.filters
    out = {}
    if f.get("company"):
        out["company"] = f"会社名: 「{f['company']}」を含む"
    if f.get("host"):
        out["host"] = f"面会者: {f['host']}"
    if f.get("inside") is True:
        out["inside"] = "退室が記録されていない来訪者"
    elif f.get("inside") is False:
        out["inside"] = "退室済みの来訪者"
    return out
