"""How an entry reads in the administration list and the printed log (texts only, no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pcdesk.dates import format_date
from pcdesk.visitors.model import CHECKOUT_METHODS, VisitorEntry

# (key the service sorts by, heading, sample text for the column width)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("entered_at", "日付", "2026年12月31日"),
    ("entered_at", "入室", "00:00"),
    ("left_at", "退室", "00:00"),
    ("name", "氏名", "佐々木 真由美"),
    ("company", "会社名", "株式会社さくら"),  # takes the width left over (admin page); the tooltip has it whole
    ("party_size", "人数", "人数"),
    ("purpose", "用件", "保守・点検"),
    ("host_name", "面会者", "佐々木 真由美"),
    ("pass_number", "入館証", "入館証"),
    ("", "状態", "入館証未返却"),  # the rare 「…・訂正あり」 is cut, its tooltip says it
    ("areas", "立入区域", "受付・応接室"),
    ("received_by", "受付者", "佐々木 真由美"),
)
HEADINGS = tuple(c[1] for c in COLUMNS)
INSIDE, NOT_RECORDED, PASS_OUT, CORRECTED = "館内", "退室未記録", "入館証未返却", "訂正あり"


def state_text(e: VisitorEntry, day: dt.date) -> str:
    parts = []
    if e.left_at is None:
        parts.append(INSIDE if e.entered_at.date() >= day else NOT_RECORDED)
    elif e.held_pass:
        parts.append(PASS_OUT)
    if e.corrections:
        parts.append(CORRECTED)
    return "・".join(parts)


def left_text(e: VisitorEntry) -> str:
    if e.left_at is None:
        return ""
    if e.left_at.date() != e.entered_at.date():  # left on another day: say which
        return f"{e.left_at:%m/%d %H:%M}"
    return f"{e.left_at:%H:%M}"


@dataclass(frozen=True)
class EntryRow:
    entry_id: int
    cells: tuple[str, ...]
    inside: bool  # no check-out yet
    overdue: bool  # no check-out, entered on an earlier day
    pass_out: bool
    corrected: bool
    detail: str  # the tooltip: areas, who received them (columns hidden at first), checkout method, notes


def entry_row(e: VisitorEntry, day: dt.date, style: str) -> EntryRow:
    cells = (format_date(e.entered_at, style), f"{e.entered_at:%H:%M}", left_text(e), e.name, e.company,
             str(e.party_size), e.purpose, e.host_name, e.pass_number, state_text(e, day), e.areas, e.received_by)
    detail = "\n".join(filter(None, [
        f"立入区域: {e.areas}" if e.areas else "",
        f"受付者: {e.received_by}" if e.received_by else "",
        f"面会者の部署: {e.host_department}" if e.host_department else "",
        f"退室の記録: {CHECKOUT_METHODS.get(e.checkout_method, '')}（{e.checkout_by}）" if e.checkout_method else "",
        f"訂正: {e.corrections} 回" if e.corrections else "",
        e.notes]))
    return EntryRow(e.id, cells, e.left_at is None, e.left_at is None and e.entered_at.date() < day,
                    bool(e.held_pass), bool(e.corrections), detail)
