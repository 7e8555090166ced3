"""Pledge templates and their versions (版): the shipped first version, edits as new versions.

A kind with nothing stored yet reads as pcdesk's shipped text, 第1版; it is stored the
first time it is used (a pledge recorded or printed, or the text revised), so the history
always starts from the exact wording people signed.

    current_template(ws, kind) -> TemplateText        current_versions(ws) -> {kind: version}
    template_versions(ws, kind) -> list[TemplateText]  (newest first)
    get_template(ws, template_id) -> TemplateText
    save_template_version(ws, kind, values, clauses) -> TemplateText   (管理者; a new version)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcdesk.dates import format_date, now, today as today_
from pcdesk.errors import NotFound, ValidationError
from pcdesk.pledges.model import TEMPLATE_KINDS, PledgeTemplate
from pcdesk.pledges.templates import Clause, TemplateText, clean_clauses, raise_if_bad, shipped_template
from pcdesk.services import ADMIN, STAFF, Workspace
from pcdesk.text import clean

READERS = (ADMIN, STAFF)


def _text(row: PledgeTemplate) -> TemplateText:
    return TemplateText(kind=row.kind, version=row.version, title=row.title, preamble=row.preamble,
                        clauses=tuple(Clause(c.get("heading", ""), c.get("text", "")) for c in row.clauses),
                        closing=row.closing, effective_on=row.effective_on, note=row.note, id=row.id,
                        created_by=row.created_by, created_at=row.created_at)


def _check_kind(kind: str) -> None:
    if kind not in TEMPLATE_KINDS:
        raise ValidationError.single("誓約書の種類", f"「{kind}」は選べません。次から選んでください: "
                                                     f"{'、'.join(TEMPLATE_KINDS.values())}")


def _newest(s: Session, kind: str) -> PledgeTemplate | None:
    return s.scalar(select(PledgeTemplate).where(PledgeTemplate.kind == kind)
                    .order_by(PledgeTemplate.version.desc()).limit(1))


def current_template(ws: Workspace, kind: str) -> TemplateText:
    _check_kind(kind)
    with ws.read() as s:
        row = _newest(s, kind)
    return _text(row) if row is not None else shipped_template(kind)


def current_versions(ws: Workspace) -> dict[str, int]:
    """Kind → its newest version (1 for a kind still on the shipped text)."""
    with ws.read() as s:
        stored = dict(s.execute(select(PledgeTemplate.kind, func.max(PledgeTemplate.version))
                                .group_by(PledgeTemplate.kind)).all())
    return {kind: int(stored.get(kind) or 1) for kind in TEMPLATE_KINDS}


def template_versions(ws: Workspace, kind: str) -> list[TemplateText]:
    ws.require(*READERS)
    _check_kind(kind)
    with ws.read() as s:
        rows = list(s.scalars(select(PledgeTemplate).where(PledgeTemplate.kind == kind)
                              .order_by(PledgeTemplate.version.desc())))
    return [_text(r) for r in rows] or [shipped_template(kind)]


def get_template(ws: Workspace, template_id: int) -> TemplateText:
    with ws.read() as s:
        row = s.get(PledgeTemplate, template_id)
    if row is None:
        raise NotFound("誓約書のひな形が見つかりません。画面を更新してください。")
    return _text(row)


def stored_current(s: Session, ws: Workspace, kind: str, effective_on: dt.date | None = None) -> PledgeTemplate:
    """The newest stored version of `kind`, storing the shipped 第1版 first if none is (inside a write)."""
    row = _newest(s, kind)
    if row is not None:
        return row
    shipped = shipped_template(kind)
    actor = ws.require()
    row = PledgeTemplate(kind=kind, version=1, title=shipped.title, preamble=shipped.preamble,
                         clauses=[{"heading": c.heading, "text": c.text} for c in shipped.clauses],
                         closing=shipped.closing, effective_on=effective_on or today_(), note=shipped.note,
                         created_at=now(), created_by=actor.name)
    s.add(row)
    s.flush()
    return row


def save_template_version(ws: Workspace, kind: str, values: dict[str, Any],
                          clauses: Sequence[Clause | dict[str, str]]) -> TemplateText:
    """Store an edited text as the next version of `kind`. `values`: title, preamble, closing,
    effective_on (改訂日, default today), note (改訂の理由). Workers who signed an older
    version become 要再取得."""
    actor = ws.require(ADMIN)
    _check_kind(kind)
    cleaned = clean_clauses(clauses)
    fields = {"title": clean(values.get("title")), "preamble": (values.get("preamble") or "").strip(),
              "closing": (values.get("closing") or "").strip(), "note": clean(values.get("note")),
              "effective_on": values.get("effective_on") or today_()}
    raise_if_bad(fields, cleaned)
    with ws.write() as s:
        previous = _newest(s, kind)
        base = _text(previous) if previous is not None else shipped_template(kind)
        same = (base.title, base.preamble, base.closing, tuple(base.clauses)) == \
               (fields["title"], fields["preamble"], fields["closing"], tuple(cleaned))
        if same:
            raise ValidationError.single("内容", f"第{base.version}版から何も変わっていません。文面を直してから保存してください。")
        if previous is None:
            # The shipped text is stored as 第1版 first, so the history shows what changed.
            previous = stored_current(s, ws, kind, fields["effective_on"])
        if fields["effective_on"] < previous.effective_on:
            raise ValidationError.single("改訂日", f"第{previous.version}版の日付（{format_date(previous.effective_on)}）"
                                                   "より前にはできません。")
        row = PledgeTemplate(kind=kind, version=previous.version + 1, title=fields["title"],
                             preamble=fields["preamble"], clauses=[{"heading": c.heading, "text": c.text} for c in cleaned],
                             closing=fields["closing"], effective_on=fields["effective_on"], note=fields["note"],
                             created_at=now(), created_by=actor.name)
        s.add(row)
        s.flush()
        return _text(row)
