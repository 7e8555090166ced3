"""Printing pledges: one worker's, or one PDF with a page for everyone who needs one.

The version printed is stored first (a kind still on the shipped text becomes 第1版 in the
database), so the number on the paper is one a record can later point at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pcdesk.dates import format_date
from pcdesk.errors import ValidationError
from pcdesk.output.export import ExportResult, render_forms
from pcdesk.pledges.ledgers import pledge_form_values
from pcdesk.pledges.model import TEMPLATE_KINDS
from pcdesk.pledges.pledging import WorkerStanding, due_for_signing, records_of
from pcdesk.pledges.rules import kind_to_sign
from pcdesk.pledges.service import READERS
from pcdesk.pledges.versions import current_template, stored_current
from pcdesk.services import Workspace
from pcdesk.settings import load_settings
from pcdesk.dates import today

FORM_ID = "pledge"


def _kind_for(ws: Workspace, row: WorkerStanding, kind: str | None) -> str:
    if kind:
        return kind
    return row.standing.needs or kind_to_sign(row.worker, records_of(ws, row.worker.id), today())


def print_pledges(ws: Workspace, out: Path | str, worker_ids: Iterable[int] | None = None,
                  kind: str | None = None) -> ExportResult:
    """A PDF at `out` with one pledge per worker: everyone who needs one when `worker_ids` is
    None, else the chosen workers. Each gets the kind they should sign now unless `kind` is given."""
    ws.require(*READERS)
    if kind is not None and kind not in TEMPLATE_KINDS:
        raise ValidationError.single("誓約書の種類", f"「{kind}」は選べません。")
    rows = due_for_signing(ws, worker_ids)
    if not rows:
        raise ValidationError.single("誓約書", "誓約書が必要な従業者はいません（全員が取得済みです）。"
                                               if worker_ids is None else "従業者を選んでください。")
    kinds = [_kind_for(ws, row, kind) for row in rows]
    with ws.write() as s:
        for k in set(kinds):
            stored_current(s, ws, k)  # the printed version exists before any record points at it
    style = load_settings(ws).date_style
    templates = {k: current_template(ws, k) for k in set(kinds)}
    records = [pledge_form_values(row.worker, row.department, templates[k], lambda d: format_date(d, style))
               for row, k in zip(rows, kinds)]
    names = "、".join(r.worker.name for r in rows[:3]) + (f" ほか{len(rows) - 3}人" if len(rows) > 3 else "")
    return render_forms(ws, FORM_ID, records, out,
                        summary=f"誓約書を印刷用に出力: {names}（{len(rows)}人） → {Path(out).name}",
                        details={"workers": [r.worker.number for r in rows], "kinds": sorted(set(kinds))})


def print_sample(ws: Workspace, kind: str, out: Path | str) -> ExportResult:
    """The current text of `kind` as printed, with the worker's boxes left blank (to check a
    revision before anyone signs it, or to hand to someone not yet registered)."""
    from types import SimpleNamespace

    ws.require(*READERS)
    if kind not in TEMPLATE_KINDS:
        raise ValidationError.single("誓約書の種類", f"「{kind}」は選べません。")
    with ws.write() as s:
        stored_current(s, ws, kind)
    style = load_settings(ws).date_style
    blank = SimpleNamespace(agency="", name="", number="", employment="")
    values = pledge_form_values(blank, "", current_template(ws, kind), lambda d: format_date(d, style))  # type: ignore[arg-type]
    return render_forms(ws, FORM_ID, [values], out, summary=f"誓約書（{TEMPLATE_KINDS[kind]}）の見本を印刷用に出力: {Path(out).name}",
                        details={"kind": kind})
