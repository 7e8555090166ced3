"""Rows of the pack's own documents: 個人情報を取扱う業務の概要 (JIPDEC 様式4, drawn from
the held records any feature provides) and the consistency report."""

from __future__ import annotations

from typing import Any

from pcdesk import registry
from pcdesk.capabilities import HELD_RECORDS
from pcdesk.compliance import check_compliance
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import ADMIN, STAFF, Workspace


def business_outline_rows(ws: Workspace, query: LedgerQuery) -> list[dict[str, Any]]:
    """One row per 業務: what personal information it handles, for whom, how much, why."""
    ws.require(ADMIN, STAFF)
    records = [r for provide in registry.provided(HELD_RECORDS) for r in provide(ws)
               if r.category != "not_personal"]  # statistics identifying no one are not listed
    by_process: dict[tuple[str, str], list] = {}
    for r in records:
        by_process.setdefault((r.department, r.business_process or r.name), []).append(r)
    rows = []
    for (department, process), held in sorted(by_process.items()):
        kinds = list(dict.fromkeys(k for r in held for k in r.subject_kinds))
        purposes = list(dict.fromkeys(r.purpose for r in held if r.purpose))
        flags = [label for label, on in (("要配慮個人情報を含む", any(r.sensitive for r in held)),
                                         ("特定個人情報を含む", any(r.specific for r in held))) if on]
        rows.append({
            "department": department, "business_process": process,
            "information": "、".join(r.name for r in held),
            "subject_kinds": "、".join(kinds),
            "record_count": sum(r.record_count for r in held),
            "purpose": "／".join(purposes),
            "categories": "、".join(dict.fromkeys(r.category_label for r in held)),
            "consigned": "あり" if any(r.consigned for r in held) else "なし",
            "provided": "あり" if any(r.third_party or r.joint_use for r in held) else "なし",
            "notes": "、".join(flags),
        })
    return rows


def compliance_rows(ws: Workspace, query: LedgerQuery) -> list[dict[str, Any]]:
    ws.require(ADMIN)
    report = check_compliance(ws)
    labels = {f.name: f.label for f in registry.features()}
    return [{"number": n, "feature": labels.get(f.feature, f.feature), "text": f.text, "fix": f.fix}
            for n, f in enumerate(report.findings, 1)]
