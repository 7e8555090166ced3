"""What the register screens show, decided without Qt: the rows of the worker table, the
rows of one worker's pledge history, and the label of the 派遣元・所属会社 field.

    REGISTER_COLUMNS, register_rows(standings, date_style) -> list[RegisterRow]
    RECORD_COLUMNS, record_rows(records, scanned, date_style) -> list[RecordRow]
    agency_label(employment) -> 「派遣元」 / 「出向元」 / 「所属会社」 / 「派遣元・所属会社」
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from pcdesk.dates import SEIREKI, format_date
from pcdesk.pledges.model import EMPLOYMENTS, TEMPLATE_KINDS, WORKER_LABELS, PledgeRecord
from pcdesk.pledges.pledging import WorkerStanding
from pcdesk.pledges.rules import (ENDED, LEAVING_MISSING, LEFT_SIGNED, MISSING, NEEDS_AGENCY, RENEW, SIGNED,
                                  STATUSES)

REGISTER_COLUMNS = ["社員番号", "氏名", "所属", "雇用区分", "状況", "誓約書", "署名日", "次回の更新・理由"]
STATUS_COLUMN = REGISTER_COLUMNS.index("状況")
# Severity of each state, for the row's colour: the ones the examiner would ask about stand out.
TONES = {SIGNED: "ok", MISSING: "danger", RENEW: "warning", LEAVING_MISSING: "danger", LEFT_SIGNED: "left",
         ENDED: "left"}
STATE_CHOICES = [(STATUSES[k], k) for k in (SIGNED, MISSING, RENEW, LEAVING_MISSING, LEFT_SIGNED, ENDED)]
# The kinds as a narrow table column shows them (the ledgers print the full names).
SHORT_KINDS = {"joining": "入社時", "annual": "在職者", "leaving": "退職時", "dispatched": "派遣社員用",
               "contractor": "常駐委託先用"}


@dataclass(frozen=True)
class RegisterRow:
    worker_id: int
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]
    state: str
    tone: str  # ok | warning | danger | left
    left: bool
    note: str  # tooltip


def register_rows(rows: Iterable[WorkerStanding], date_style: str = SEIREKI) -> list[RegisterRow]:
    out = []
    for r in rows:
        w, st = r.worker, r.standing
        record = st.record
        pledge = f"{SHORT_KINDS.get(record.kind, record.kind)} 第{record.version}版" if record is not None else ""
        if record is not None and r.has_scan:
            pledge += "・写し"
        signed = format_date(record.signed_on, date_style) if record is not None else ""
        left = w.left_on is not None and st.state in (LEAVING_MISSING, LEFT_SIGNED, ENDED)
        employment = EMPLOYMENTS.get(w.employment, w.employment)
        if w.agency:
            employment_note = f"{employment}（{w.agency}）"
        else:
            employment_note = employment
        kind = f"{TEMPLATE_KINDS.get(record.kind, record.kind)} 第{record.version}版" if record is not None else ""
        note = "\n".join(x for x in (f"{w.name}（{w.kana}）" if w.kana else w.name, employment_note, kind, st.reason,
                                     f"退職日 {format_date(w.left_on, date_style)}" if w.left_on else "") if x)
        cells = (w.number, w.name, r.department, employment, st.label, pledge, signed, st.reason)
        keys = (w.number, w.kana or w.name, r.department, list(EMPLOYMENTS).index(w.employment)
                if w.employment in EMPLOYMENTS else 99, st.label, pledge,
                record.signed_on.toordinal() if record is not None else 0, st.reason)
        out.append(RegisterRow(w.id, cells, keys, st.state, TONES.get(st.state, "ok"), left, note))
    return out


RECORD_COLUMNS = ["種類", "版", "署名日", "回収者", "原本の保管場所", "写し", "登録", "備考"]


@dataclass(frozen=True)
class RecordRow:
    record_id: int
    cells: tuple[str, ...]
    voided: bool
    has_scan: bool


def record_rows(records: Iterable[PledgeRecord], scanned: set[int], date_style: str = SEIREKI) -> list[RecordRow]:
    out = []
    for r in records:
        note = f"取消: {r.void_reason}" if r.voided else r.note
        cells = (TEMPLATE_KINDS.get(r.kind, r.kind), f"第{r.version}版", format_date(r.signed_on, date_style),
                 r.collected_by, r.original_location, "あり" if r.id in scanned else "",
                 f"{format_date(r.created_at, date_style)} {r.created_by}", note)
        out.append(RecordRow(r.id, cells, r.voided, r.id in scanned))
    return out


def agency_label(employment: str | None) -> str:
    """The 派遣元・所属会社 field names what it asks for the chosen 雇用区分."""
    what = NEEDS_AGENCY.get(employment or "")
    return f"{what}（必須）" if what else WORKER_LABELS["agency"]
