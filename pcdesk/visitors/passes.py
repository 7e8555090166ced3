"""The company's numbered 入館証: registering them, handing out a free one, taking them back.

A free pass is chosen inside the check-in's own write unit, which holds the writer lock
(BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so two kiosks queue; the UNIQUE
`visitor_entry.held_pass` refuses a second holder even if a writer ever skipped the lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcdesk.dates import now
from pcdesk.errors import NotFound, Problems, ValidationError
from pcdesk.services import ADMIN, Workspace
from pcdesk.visitors.model import VisitorEntry, VisitorPass
from pcdesk.visitors.rules import clean_pass_number, clean_text, pass_sort_key

MAX_PASSES = 500


@dataclass(frozen=True)
class PassState:
    """One pass as the administrator sees it: who holds it (entry id) and since when."""

    id: int
    number: str
    active: bool
    note: str
    held_by: int | None = None  # the entry holding it
    held_since: dt.datetime | None = None
    holder_left: bool = False  # the holder checked out without returning it

    @property
    def state(self) -> str:
        if not self.active:
            return "使用中止"
        if self.held_by is None:
            return "返却済み"
        return "未返却（退室済み）" if self.holder_left else "貸出中"


def take_free_pass(s: Session) -> str | None:
    """The first free pass in the company's order, or None when every pass is out.
    Call inside the write unit that records who holds it."""
    held = select(VisitorEntry.held_pass).where(VisitorEntry.held_pass.is_not(None))
    rows = s.execute(select(VisitorPass.number, VisitorPass.sort_order)
                     .where(VisitorPass.active.is_(True), VisitorPass.number.not_in(held))).all()
    if not rows:
        return None
    return min(rows, key=lambda r: (r.sort_order, pass_sort_key(r.number))).number


def count_active_passes(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(VisitorPass).where(VisitorPass.active.is_(True))) or 0


def list_passes(ws: Workspace) -> list[PassState]:
    ws.require(ADMIN)
    with ws.read() as s:
        passes = list(s.scalars(select(VisitorPass)))
        holders = {e.held_pass: e for e in s.scalars(select(VisitorEntry).where(VisitorEntry.held_pass.is_not(None)))}
    passes.sort(key=lambda p: (p.sort_order, pass_sort_key(p.number)))
    out = []
    for p in passes:
        holder = holders.get(p.number)
        out.append(PassState(p.id, p.number, p.active, p.note, holder.id if holder else None,
                             holder.entered_at if holder else None, bool(holder and holder.left_at)))
    return out


def passes_out(s: Session) -> list[str]:
    """Numbers of the passes not returned, in pass order."""
    numbers = list(s.scalars(select(VisitorEntry.held_pass).where(VisitorEntry.held_pass.is_not(None))))
    return sorted(numbers, key=pass_sort_key)


def add_passes(ws: Workspace, numbers: list[str], note: str = "") -> list[VisitorPass]:
    """Register passes; a number already registered, empty or too long is refused with the reason."""
    ws.require(ADMIN)
    cleaned = [clean_pass_number(n) for n in numbers]
    p = Problems()
    if not cleaned or not all(cleaned):
        p.add("入館証番号", "番号を入力してください（例: 1 または V-01）。")
    if any(len(n) > 20 for n in cleaned):
        p.add("入館証番号", "20文字以内にしてください。")
    if len(set(cleaned)) != len(cleaned):
        p.add("入館証番号", "同じ番号が2回入っています。")
    p.raise_if_any()
    with ws.write() as s:
        existing = set(s.scalars(select(VisitorPass.number)))
        taken = [n for n in cleaned if n in existing]
        if taken:
            raise ValidationError.single("入館証番号", f"すでに登録されています: {'・'.join(taken[:10])}。"
                                                    "ほかの番号にしてください。")
        if len(existing) + len(cleaned) > MAX_PASSES:
            raise ValidationError.single("入館証", f"登録できるのは{MAX_PASSES}枚までです。")
        last = s.scalar(select(func.max(VisitorPass.sort_order))) or 0
        made = [VisitorPass(number=n, sort_order=last + i, active=True, note=clean_text(note)[:200], created_at=now())
                for i, n in enumerate(cleaned, 1)]
        s.add_all(made)
        s.flush()
    return made


def retire_pass(ws: Workspace, pass_id: int, note: str) -> None:
    """Stop handing a pass out (lost, broken). A pass still held is released from its entry,
    with the note in the entry's 備考, so the reconciliation no longer waits for it."""
    actor = ws.require(ADMIN)
    note = clean_text(note)
    if not note:
        raise ValidationError.single("理由", "使用を止める理由を入力してください（例: 紛失、破損）。")
    with ws.write() as s:
        found = s.get(VisitorPass, pass_id)
        if found is None:
            raise NotFound("その入館証は見つかりません。一覧を更新してください。")
        found.active = False
        found.note = note[:200]
        holder = s.scalar(select(VisitorEntry).where(VisitorEntry.held_pass == found.number))
        if holder is not None:
            holder.held_pass = None
            holder.notes = "\n".join(filter(None, [holder.notes, f"入館証 {found.number} は返却されず使用中止（{note}、{actor.name}）"]))
            holder.updated_at = now()


def reactivate_pass(ws: Workspace, pass_id: int) -> None:
    ws.require(ADMIN)
    with ws.write() as s:
        found = s.get(VisitorPass, pass_id)
        if found is None:
            raise NotFound("その入館証は見つかりません。一覧を更新してください。")
        found.active = True
        found.note = ""
