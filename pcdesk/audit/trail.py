"""Writing and verifying the hash-chained audit trail.

Every ORM write made in a session opened by `Workspace.write()` is recorded here by a
flush hook, inside the same transaction, so a change and its audit entry commit or
roll back together.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.dates import now
from pcdesk.store.base import Base

GENESIS = "0" * 64
MASK = "＊＊＊"  # shown in place of secrets such as password hashes


class AuditError(RuntimeError):
    pass


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    return str(value)


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    *, seq: int, at: dt.datetime, actor_id: int | None, actor_name: str, action: str,
    record_type: str, record_id: str, summary: str, changes: str, prev_hash: str,
) -> str:
    payload = canonical([seq, at.isoformat(), actor_id, actor_name, action, record_type,
                         record_id, summary, changes, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append entries to the chain using the session's own connection (same transaction)."""
    if not rows:
        return
    conn = session.connection()
    head = conn.execute(
        select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1).with_for_update()
    ).first()
    if head is None:
        raise AuditError("監査証跡の管理行がありません。データベースの移行が完了していません。")
    seq, prev = head.last_seq, head.last_hash or GENESIS
    at = now()
    out = []
    for row in rows:
        seq += 1
        full = {
            "seq": seq, "at": at, "actor_id": row["actor_id"], "actor_name": row["actor_name"],
            "action": row["action"], "record_type": row["record_type"],
            "record_id": str(row.get("record_id", "")), "summary": row.get("summary", ""),
            "changes": row.get("changes", ""), "prev_hash": prev,
        }
        full["hash"] = entry_hash(**full)
        prev = full["hash"]
        out.append(full)
    conn.execute(AuditEntry.__table__.insert(), out)
    conn.execute(update(AuditHead).where(AuditHead.id == 1).values(last_seq=seq, last_hash=prev))


def _actor(session: Session) -> tuple[int | None, str]:
    actor = session.info.get("actor")
    if actor is None:
        raise AuditError("書き込みは Workspace.write() から行ってください（監査証跡の記録者が不明です）。")
    return actor.user_id, actor.name


def _column_changes(obj: Base, mode: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        col = attr.columns[0]
        policy = col.info.get("audit")
        hist = state.attrs[attr.key].history
        if mode == "create":
            before, after = None, state.attrs[attr.key].value
            if after is None:
                continue
        elif mode == "delete":
            before, after = state.attrs[attr.key].value, None
        else:
            if not hist.has_changes():
                continue
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if before == after:
                continue
        if policy == "skip":
            continue
        if policy == "mask":
            before = MASK if before is not None else None
            after = MASK if after is not None else None
        changes[attr.key] = [_jsonable(before), _jsonable(after)]
    return changes


def _record_id(obj: Base) -> str:
    state = inspect(obj)
    ident = state.identity
    if ident is None:  # a row inserted by this flush: its key is set, its identity not yet
        ident = state.mapper.primary_key_from_instance(obj)
    if ident is None or all(v is None for v in ident):
        return ""
    return ",".join(str(v) for v in ident)


def _describe(obj: Base) -> str:
    label = getattr(obj, "audit_title", None)
    return label() if callable(label) else ""


@event.listens_for(Session, "after_flush")
def _audit_flush(session: Session, _ctx) -> None:  # type: ignore[no-untyped-def]
    rows: list[dict[str, Any]] = []
    groups: Iterable[tuple[str, Iterable[Any]]] = (
        ("create", session.new), ("update", session.dirty), ("delete", session.deleted))
    for action, objs in groups:
        for obj in objs:
            if not isinstance(obj, Base) or not type(obj).__audited__:
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _column_changes(obj, action)
            if action == "update" and not changes:
                continue  # only bookkeeping fields (audit="skip") changed
            actor_id, actor_name = _actor(session)
            rows.append({
                "actor_id": actor_id, "actor_name": actor_name, "action": action,
                "record_type": type(obj).__tablename__, "record_id": _record_id(obj),
                "summary": _describe(obj), "changes": canonical(changes),
            })
    _append(session, rows)


def record_event(
    session: Session, action: str, record_type: str, record_id: str | int = "",
    summary: str = "", details: dict[str, Any] | None = None,
    actor: tuple[int | None, str] | None = None,
) -> None:
    """Record something that is not a row change: a login, an export, a print."""
    actor_id, actor_name = actor if actor is not None else _actor(session)
    _append(session, [{
        "actor_id": actor_id, "actor_name": actor_name, "action": action,
        "record_type": record_type, "record_id": str(record_id), "summary": summary,
        "changes": canonical(details or {}),
    }])


@dataclass
class ChainReport:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"監査証跡: 正常（{self.count} 件）"
        return f"監査証跡: 異常 — 記録番号 {self.first_bad_seq}: {self.reason}"


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain in order; report the first entry that was edited, removed or added."""
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    expected_seq, prev, count = 1, GENESIS, 0
    cols = [AuditEntry.seq, AuditEntry.at, AuditEntry.actor_id, AuditEntry.actor_name,
            AuditEntry.action, AuditEntry.record_type, AuditEntry.record_id, AuditEntry.summary,
            AuditEntry.changes, AuditEntry.prev_hash, AuditEntry.hash]
    result = session.execute(select(*cols).order_by(AuditEntry.seq).execution_options(yield_per=2000))
    for row in result:
        if row.seq != expected_seq:
            return ChainReport(False, count, expected_seq, "この記録が削除されています。")
        if row.prev_hash != prev:
            return ChainReport(False, count, row.seq, "直前の記録とのつながりが壊れています。")
        computed = entry_hash(seq=row.seq, at=row.at, actor_id=row.actor_id, actor_name=row.actor_name,
                              action=row.action, record_type=row.record_type, record_id=row.record_id,
                              summary=row.summary, changes=row.changes, prev_hash=row.prev_hash)
        if computed != row.hash:
            return ChainReport(False, count, row.seq, "記録の内容が書き換えられています。")
        prev, expected_seq, count = row.hash, expected_seq + 1, count + 1
    last_seq, last_hash = (head.last_seq, head.last_hash or GENESIS) if head else (0, GENESIS)
    if count != last_seq or prev != last_hash:
        return ChainReport(False, count, count + 1, "末尾の記録が削除されています。")
    return ChainReport(True, count)
