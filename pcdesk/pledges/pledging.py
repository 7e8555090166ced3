"""Signed pledges: recording them, scanned copies, and where every worker stands.

Roles: reading needs 管理者 or 担当者; recording, voiding and attaching scans need 管理者.

    record_pledge(ws, worker_id, values, template_id=None, scan=None) -> PledgeRecord
    void_record(ws, record_id, reason)
    records_of(ws, worker_id) -> list[PledgeRecord]            (newest first, voided too)
    attach_scan(ws, record_id, ScanFile) / save_scan_copy(ws, record_id, out) -> Path (checksum verified)
    standings(ws, WorkerFilter(...), state=None) -> list[WorkerStanding]
    due_for_signing(ws, worker_ids=None) -> list[WorkerStanding]   (who needs a pledge printed)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import select

from pcdesk.audit.trail import record_event
from pcdesk.dates import format_date, now, today as today_
from pcdesk.errors import FieldProblem, NotFound, ValidationError
from pcdesk.fields import check
from pcdesk.pledges.fields import RECORD_FIELDS, RENEWAL_MONTHS
from pcdesk.pledges.model import (EMPLOYMENTS, LEAVING, TEMPLATE_KINDS, PledgeRecord, PledgeScan, PledgeTemplate,
                                  Worker)
from pcdesk.pledges.rules import (NEEDS_ACTION, NEEDS_LEAVING_PLEDGE, VALID_KINDS, Standing, has_left, standing)
from pcdesk.pledges.service import READERS, WorkerFilter, department_names, list_workers
from pcdesk.pledges.versions import current_versions, stored_current
from pcdesk.services import ADMIN, Workspace
from pcdesk.settings import feature_setting, load_settings
from pcdesk.text import clean

MAX_SCAN_BYTES = 10 * 1024 * 1024  # a few scanned A4 pages; larger files belong on the file server
# The formats a scanner produces, told by their first bytes (the file name can lie).
SCAN_TYPES = ((b"%PDF-", "application/pdf", "PDF"), (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
              (b"\xff\xd8\xff", "image/jpeg", "JPEG"), (b"II*\x00", "image/tiff", "TIFF"),
              (b"MM\x00*", "image/tiff", "TIFF"))
EARLY_SIGNING_DAYS = 90  # a pledge may be signed before the first day (with the offer papers)


@dataclass(frozen=True)
class ScanFile:
    name: str
    data: bytes

    @classmethod
    def read(cls, path: Path | str) -> "ScanFile":
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError:
            raise ValidationError.single("写し（スキャン）", f"「{path}」を開けません。ファイルの場所を確かめてください。") from None
        if size > MAX_SCAN_BYTES:
            raise ValidationError.single("写し（スキャン）", _too_big(size))
        return cls(path.name, path.read_bytes())


def _too_big(size: int) -> str:
    return (f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB）。{MAX_SCAN_BYTES // 1024 // 1024} MB 以下にしてください"
            "（スキャンの解像度を 200dpi 程度に下げるか、白黒で保存すると小さくなります）。")


@dataclass(frozen=True)
class WorkerStanding:
    """A worker, their department and where they stand: a row of the status list and the ledger."""

    worker: Worker
    department: str
    standing: Standing
    has_scan: bool = False

    @property
    def state(self) -> str:
        return self.standing.state


def renewal_months(ws: Workspace) -> int:
    try:
        return int(feature_setting(ws, RENEWAL_MONTHS))
    except (TypeError, ValueError):
        return 12


def _records(ws: Workspace, worker_ids: Iterable[int] | None = None) -> dict[int, list[PledgeRecord]]:
    q = select(PledgeRecord).order_by(PledgeRecord.signed_on.desc(), PledgeRecord.id.desc())
    if worker_ids is not None:
        q = q.where(PledgeRecord.worker_id.in_(list(worker_ids)))
    grouped: dict[int, list[PledgeRecord]] = {}
    with ws.read() as s:
        for r in s.scalars(q).unique():
            grouped.setdefault(r.worker_id, []).append(r)
    return grouped


def _scanned(ws: Workspace) -> set[int]:
    with ws.read() as s:
        return set(s.scalars(select(PledgeScan.record_id)))


def standings(ws: Workspace, filt: WorkerFilter | None = None, state: str | Iterable[str] | None = None,
              today: dt.date | None = None) -> list[WorkerStanding]:
    """Every worker the filter lists with their state on `today`; `state` keeps only those."""
    ws.require(*READERS)
    day = today or today_()
    workers = list_workers(ws, filt, today=day)
    records = _records(ws, [w.id for w in workers]) if len(workers) < 500 else _records(ws)
    versions = current_versions(ws)
    months = renewal_months(ws)
    style = load_settings(ws).date_style
    names = department_names(ws)
    scanned = _scanned(ws)
    wanted = {state} if isinstance(state, str) else set(state) if state is not None else None
    out = []
    for w in workers:
        found = standing(w, records.get(w.id, []), versions, day, months, lambda d: format_date(d, style))
        if wanted is not None and found.state not in wanted:
            continue
        has_scan = found.record is not None and found.record.id in scanned
        out.append(WorkerStanding(w, names.get(w.department_id, ""), found, has_scan))
    return out


def due_for_signing(ws: Workspace, worker_ids: Iterable[int] | None = None) -> list[WorkerStanding]:
    """Who needs a pledge now (未取得, 要再取得, 退職時誓約 未取得), or the chosen workers whatever
    their state: each with the kind to print in `standing.needs`."""
    everyone = standings(ws, WorkerFilter(include_left=True))
    if worker_ids is None:
        return [w for w in everyone if w.standing.needs_action]
    wanted = set(worker_ids)
    return [w for w in everyone if w.worker.id in wanted]


def records_of(ws: Workspace, worker_id: int) -> list[PledgeRecord]:
    ws.require(*READERS)
    return _records(ws, [worker_id]).get(worker_id, [])


def last_location(ws: Workspace) -> str:
    """Where the latest pledge's original went: the usual answer for the next one."""
    with ws.read() as s:
        return s.scalar(select(PledgeRecord.original_location).where(PledgeRecord.voided.is_(False))
                        .order_by(PledgeRecord.created_at.desc(), PledgeRecord.id.desc()).limit(1)) or ""


def scanned_records(ws: Workspace, record_ids: Iterable[int]) -> set[int]:
    with ws.read() as s:
        return set(s.scalars(select(PledgeScan.record_id).where(PledgeScan.record_id.in_(list(record_ids)))))


def allowed_kinds(worker: Worker) -> list[str]:
    """The templates this worker may sign: their own kind, and 退職時 for those who sign it."""
    kinds = list(VALID_KINDS.get(worker.employment, ()))
    if worker.employment in NEEDS_LEAVING_PLEDGE:
        kinds.append(LEAVING)
    return kinds


def _check_record(worker: Worker, template: PledgeTemplate, values: dict[str, Any], day: dt.date) -> list[FieldProblem]:
    problems = check(RECORD_FIELDS, values)
    kind = values.get("kind")
    if kind in TEMPLATE_KINDS and kind not in allowed_kinds(worker):
        usable = "・".join(TEMPLATE_KINDS[k] for k in allowed_kinds(worker))
        problems.append(FieldProblem("誓約書の種類", f"{EMPLOYMENTS.get(worker.employment, '')}の{worker.name}さんには"
                                                   f"「{TEMPLATE_KINDS[kind]}」は使いません。次から選んでください: {usable}"))
    signed = values.get("signed_on")
    if isinstance(signed, dt.date):
        if signed > day:
            problems.append(FieldProblem("署名日", "今日より後の日付です。誓約書に書かれた日付を入れてください。"))
        if signed < worker.joined_on - dt.timedelta(days=EARLY_SIGNING_DAYS):
            problems.append(FieldProblem("署名日", f"入社日（{format_date(worker.joined_on)}）より{EARLY_SIGNING_DAYS}日以上前です。"
                                                  "日付を確かめてください。"))
        if signed < template.effective_on and template.version > 1:  # 第1版 also stands for the papers signed before pcdesk
            problems.append(FieldProblem("署名日", f"第{template.version}版の日付（{format_date(template.effective_on)}）"
                                                  "より前です。署名した版を選び直すか、日付を確かめてください。"))
        if kind == LEAVING and worker.left_on is None:
            problems.append(FieldProblem("誓約書の種類", "退職日がまだ登録されていません。先に退職日を登録してください。"))
    elif signed is not None:
        problems.append(FieldProblem("署名日", "日付を選んでください。"))
    return problems


def record_pledge(ws: Workspace, worker_id: int, values: dict[str, Any], template_id: int | None = None,
                  scan: ScanFile | None = None) -> PledgeRecord:
    """Record that worker `worker_id` signed a pledge. `values`: kind, signed_on, collected_by,
    original_location, note. The version is the current one of that kind unless `template_id`
    names an older one (a paper signed before the text was revised)."""
    actor = ws.require(ADMIN)
    values = {**values, "collected_by": clean(values.get("collected_by")),
              "original_location": clean(values.get("original_location")), "note": (values.get("note") or "").strip()}
    day = today_()
    with ws.write() as s:
        worker = s.get(Worker, worker_id)
        if worker is None:
            raise NotFound("従業者が見つかりません。画面を更新してください。")
        kind = values.get("kind")
        if kind not in TEMPLATE_KINDS:
            raise ValidationError(check(RECORD_FIELDS, values) or
                                  [FieldProblem("誓約書の種類", "選んでください。")])
        if template_id is None:
            template = stored_current(s, ws, kind, min(values.get("signed_on") or day, day))
        else:
            template = s.get(PledgeTemplate, template_id)
            if template is None or template.kind != kind:
                raise ValidationError.single("版", "選んだ版が見つからないか、種類が違います。選び直してください。")
        problems = _check_record(worker, template, values, day)
        if scan is not None:
            problems += _scan_problems(scan)
        if problems:
            raise ValidationError(problems)
        record = PledgeRecord(worker=worker, worker_id=worker.id, template_id=template.id, kind=kind,
                              version=template.version, signed_on=values["signed_on"],
                              collected_by=values["collected_by"], original_location=values["original_location"],
                              note=values["note"], voided=False, void_reason="", created_at=now(),
                              created_by=actor.name)
        s.add(record)
        s.flush()
        if scan is not None:
            s.add(_scan_row(record.id, scan))
    return record


def void_record(ws: Workspace, record_id: int, reason: str) -> PledgeRecord:
    """Mark a record entered by mistake as 取消 (it stays, with the reason)."""
    ws.require(ADMIN)
    reason = clean(reason)
    if not reason:
        raise ValidationError.single("取消の理由", "入力してください（例: 別の人の誓約書を登録したため）。")
    with ws.write() as s:
        record = s.get(PledgeRecord, record_id)
        if record is None:
            raise NotFound("誓約書の記録が見つかりません。画面を更新してください。")
        if record.voided:
            raise ValidationError.single("取消", "この記録はすでに取り消されています。")
        record.voided = True
        record.void_reason = reason
    return record


# -- scanned copies ----------------------------------------------------------------------

def scan_kind(data: bytes) -> tuple[str, str] | None:
    """(media type, name) of a scan told by its first bytes, or None for anything else."""
    for magic, media, name in SCAN_TYPES:
        if data.startswith(magic):
            return media, name
    return None


def _scan_problems(scan: ScanFile) -> list[FieldProblem]:
    label = "写し（スキャン）"
    if not scan.data:
        return [FieldProblem(label, "ファイルが空です。スキャンし直してください。")]
    if len(scan.data) > MAX_SCAN_BYTES:
        return [FieldProblem(label, _too_big(len(scan.data)))]
    if scan_kind(scan.data) is None:
        return [FieldProblem(label, f"「{scan.name}」は PDF・PNG・JPEG・TIFF のどれでもありません。"
                                    "スキャナーで PDF か画像として保存したファイルを選んでください。")]
    return []


def _scan_row(record_id: int, scan: ScanFile) -> PledgeScan:
    media, _name = scan_kind(scan.data)  # type: ignore[misc]
    name = Path(scan.name).name[-200:] or "scan"
    return PledgeScan(record_id=record_id, file_name=name, media_type=media, size=len(scan.data),
                      sha256=hashlib.sha256(scan.data).hexdigest(), data=scan.data, added_at=now())


def attach_scan(ws: Workspace, record_id: int, scan: ScanFile) -> PledgeScan:
    """Store (or replace) the scanned copy of a record, with its SHA-256."""
    ws.require(ADMIN)
    problems = _scan_problems(scan)
    if problems:
        raise ValidationError(problems)
    with ws.write() as s:
        record = s.get(PledgeRecord, record_id)
        if record is None:
            raise NotFound("誓約書の記録が見つかりません。画面を更新してください。")
        old = s.scalar(select(PledgeScan).where(PledgeScan.record_id == record_id))
        if old is not None:
            s.delete(old)
            s.flush()
        row = _scan_row(record_id, scan)
        s.add(row)
        s.flush()
    return row


@dataclass(frozen=True)
class ScanInfo:
    record_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: dt.datetime


def scan_info(ws: Workspace, record_id: int) -> ScanInfo | None:
    ws.require(*READERS)
    with ws.read() as s:
        row = s.execute(select(PledgeScan.record_id, PledgeScan.file_name, PledgeScan.media_type, PledgeScan.size,
                               PledgeScan.sha256, PledgeScan.added_at).where(PledgeScan.record_id == record_id)).first()
    return ScanInfo(*row) if row is not None else None


def save_scan_copy(ws: Workspace, record_id: int, out: Path | str) -> Path:
    """Write the stored scan to `out` after checking it still matches its SHA-256 (recorded as 出力)."""
    ws.require(*READERS)
    out = Path(out)
    with ws.read() as s:
        row = s.scalar(select(PledgeScan).where(PledgeScan.record_id == record_id))
        if row is None:
            raise NotFound("この記録には写し（スキャン）がありません。")
        data, expected, name = bytes(row.data), row.sha256, row.file_name
    if hashlib.sha256(data).hexdigest() != expected:
        raise ValidationError.single("写し（スキャン）", "保存されている写しが登録時と一致しません（SHA-256 が違います）。"
                                                         "データベースが壊れているか、書き換えられています。管理者に連絡してください。")
    if not out.parent.is_dir():
        raise ValidationError.single("保存先", f"フォルダ「{out.parent}」がありません。別の場所を選んでください。")
    out.write_bytes(data)
    with ws.write() as s:
        record_event(s, "export", "pledge_scan", record_id, f"誓約書の写し「{name}」を保存: {out.name}",
                     {"file": str(out), "sha256": expected})
    return out


__all__ = ["NEEDS_ACTION", "ScanFile", "WorkerStanding", "attach_scan", "due_for_signing", "record_pledge",
           "records_of", "save_scan_copy", "scan_info", "standings", "void_record"]
