"""Writing and verifying the keyed, hash-chained audit trail.

Every ORM write made in a session opened by `Workspace.write()` is recorded here by a
flush hook, inside the same transaction, so a change and its audit entry commit or
roll back together.

Each entry is signed with HMAC-SHA-256 under the installation's key (pcdesk.audit.keys),
which is not in the database: whoever holds only the file cannot recompute a consistent
chain after an edit. Entries written before the key existed (key_id "") keep verifying as
plain SHA-256; the switch-over is itself an entry. A row change also carries a keyed
digest of the row as written (pcdesk.audit.rows), so an edit made later straight in the
database is noticed. After each commit the new head is noted outside the database
(pcdesk.audit.anchors), so a consistent truncation or wipe is noticed too.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import hmac
import json
import weakref
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import event, inspect, select, text, update
from sqlalchemy.orm import Session

from pcdesk.audit import keys
from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.dates import now
from pcdesk.errors import PcdeskError
from pcdesk.store import migrate as _migrate
from pcdesk.store.base import Base

GENESIS = "0" * 64
MASK = "＊＊＊"  # shown in place of secrets such as password hashes
KEYED_FORMAT = 2  # first element of a keyed entry's signed payload
SYSTEM_NAME = "システム"  # who writes the key switch-over and the seals
# Column sizes of audit_entry: longer text is cut rather than failing the whole write
# (a 100-character login ID on PostgreSQL must become a login_failed entry, not a DataError).
_LIMITS = {"actor_name": 100, "action": 20, "record_type": 60, "record_id": 60}

KeyLookup = Callable[[str], "bytes | None"]


class AuditError(RuntimeError):
    pass


class AuditKeyMissing(PcdeskError):
    """A shared database's key is not registered on this PC."""


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
    key_id: str = "", row_digest: str = "", key: bytes | None = None,
) -> str:
    """The entry's hash: plain SHA-256 for entries before the key (key_id ""), else HMAC."""
    if not key_id:
        payload = canonical([seq, at.isoformat(), actor_id, actor_name, action, record_type,
                             record_id, summary, changes, prev_hash])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
    if key is None:
        raise AuditError(f"key {key_id} is needed to sign or verify this entry")
    payload = canonical([KEYED_FORMAT, seq, at.isoformat(), actor_id, actor_name, action, record_type,
                         record_id, summary, changes, prev_hash, key_id, row_digest])
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _fit(row: dict[str, Any]) -> dict[str, Any]:
    for name, size in _LIMITS.items():
        value = row.get(name)
        if isinstance(value, str) and len(value) > size:
            row[name] = value[: size - 1] + "…"
    return row


def database_name(conn) -> str:  # type: ignore[no-untyped-def]
    from pcdesk.audit.anchors import identity

    return identity(conn.engine.url)


_versioned: "weakref.WeakSet" = weakref.WeakSet()  # engines known to have alembic_version


def _schema(conn) -> str:  # type: ignore[no-untyped-def]
    """The schema as alembic_version says ("" for a database made without migrations)."""
    if conn.engine not in _versioned:
        if not inspect(conn).has_table("alembic_version"):
            return ""
        _versioned.add(conn.engine)
    return ",".join(sorted(r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))))


def _signing_key(conn, head) -> tuple[str, bytes, list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    """(key id, key, entries announcing a new key) for the next entries of this chain."""
    secret = keys.get_key(head.key_id) if head.key_id else None
    if secret is not None:
        return head.key_id, secret, []
    if head.key_id and conn.dialect.name != "sqlite":
        raise AuditKeyMissing(
            "この PC には、共有データベースの監査証跡の鍵が登録されていません。管理者が鍵を登録するまで"
            "記録できないため、操作を保存しませんでした。管理者は、登録済みの PC で pcdesk key export --out 鍵ファイル"
            "を実行し、この PC で pcdesk key import 鍵ファイル を実行してください。")
    new = keys.new_key(database_name(conn))
    announce: list[dict[str, Any]] = []
    if head.last_seq > 0:
        if head.key_id:
            summary = (f"監査証跡の鍵を {new.id} に切り替えました（以前の鍵 {head.key_id} がこの PC にないため。"
                       f"記録番号 {head.last_seq} までは以前の鍵を持つ PC で照合できます）")
        else:
            summary = (f"監査証跡に鍵 {new.id} を設定しました（記録番号 {head.last_seq} までは"
                       "鍵のない SHA-256 で照合します）")
        announce.append({"actor_id": None, "actor_name": SYSTEM_NAME, "action": "key",
                         "record_type": "audit_trail", "record_id": new.id, "summary": summary,
                         "changes": canonical({"_previous_key": head.key_id, "_plain_until": head.last_seq})})
    return new.id, new.secret, announce


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append entries to the chain using the session's own connection (same transaction)."""
    if not rows:
        return
    head = append_on(session.connection(), rows)
    if head is not None:
        session.info["pcdesk_head"] = head


def append_on(conn, rows: list[dict[str, Any]], earlier_problems: Iterable[str] = (),  # type: ignore[no-untyped-def]
              reseal: bool = False) -> tuple[int, str, str] | None:
    """Append entries on `conn`, in its transaction; returns (last seq, last hash, first hash).

    When the schema changed since the rows were last sealed (or `reseal`: a migration just
    ran, whatever the schema was when last sealed), a seal of every row comes first;
    `earlier_problems` are rows found out of line before (by a migration's check), kept in
    that seal so that every later check still names them."""
    from pcdesk.audit import rows as row_digests

    head = conn.execute(
        select(AuditHead.last_seq, AuditHead.last_hash, AuditHead.key_id, AuditHead.sealed_schema)
        .where(AuditHead.id == 1).with_for_update()
    ).first()
    if head is None:
        raise AuditError("監査証跡の管理行がありません。データベースの移行が完了していません。")
    key_id, key, prefix = _signing_key(conn, head)
    schema = _schema(conn)
    if reseal or schema != head.sealed_schema:
        pending = {(r["record_type"], str(r.get("record_id", ""))) for r in rows}
        legacy = not head.key_id
        prefix += row_digests.seal_entries(conn, key, pending, SYSTEM_NAME, find_problems=legacy,
                                           earlier=earlier_problems)
    row_digests.digest_rows(conn, key, rows)
    rows = [entry for row in rows for entry in _expand_bulk(conn, key, row)]
    seq, prev = head.last_seq, head.last_hash or GENESIS
    at = now()
    out = []
    for row in prefix + rows:
        seq += 1
        full = _fit({
            "seq": seq, "at": at, "actor_id": row["actor_id"], "actor_name": row["actor_name"],
            "action": row["action"], "record_type": row["record_type"],
            "record_id": str(row.get("record_id", "")), "summary": row.get("summary", ""),
            "changes": row.get("changes", ""), "prev_hash": prev, "key_id": key_id,
            "row_digest": row.get("row_digest", ""),
        })
        full["hash"] = entry_hash(**full, key=key)
        prev = full["hash"]
        out.append(full)
    if not out:
        return None  # a bulk statement that changed nothing
    conn.execute(AuditEntry.__table__.insert(), out)
    conn.execute(update(AuditHead).where(AuditHead.id == 1)
                 .values(last_seq=seq, last_hash=prev, key_id=key_id, sealed_schema=schema))
    first = out[0]["hash"] if head.last_seq == 0 else \
        conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == 1)).scalar() or ""
    return seq, prev, first


def _expand_bulk(conn, key: bytes, row: dict[str, Any]) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    bulk = row.get("_bulk")
    if bulk is None:
        return [row]
    from pcdesk.audit import rows as row_digests

    table, before, label = bulk
    return row_digests.bulk_seal_rows(conn, key, table, before, label, row["actor_name"])


@contextmanager
def bulk_rows(session: Session, *models: type) -> Iterator[None]:
    """Around INSERT/DELETE statements that bypass the ORM (and so the audit hook): afterwards
    the rows they added are sealed with their digests and the rows they removed are marked
    gone, so `pcdesk check` still binds every row to the trail. The service records its own
    event saying what it did (a count, not a copy of every row)."""
    from pcdesk.audit import rows as row_digests

    conn = session.connection()
    before = [(m.__table__, row_digests._ids(conn, m.__table__), m.__audit_label__ or m.__tablename__)
              for m in models]
    yield
    session.flush()
    actor_id, actor_name = _actor(session)
    _append(session, [{"actor_id": actor_id, "actor_name": SYSTEM_NAME, "action": "seal", "record_type": t.name,
                       "_bulk": (t, ids, label)} for t, ids, label in before])


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


def _identity(obj: Base) -> tuple[Any, ...] | None:
    state = inspect(obj)
    ident = state.identity
    if ident is None:  # a row inserted by this flush: its key is set, its identity not yet
        ident = state.mapper.primary_key_from_instance(obj)
    if ident is None or all(v is None for v in ident):
        return None
    return tuple(ident)


def _record_id(obj: Base) -> str:
    ident = _identity(obj)
    return "" if ident is None else ",".join(str(v) for v in ident)


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
            row = {
                "actor_id": actor_id, "actor_name": actor_name, "action": action,
                "record_type": type(obj).__tablename__, "record_id": _record_id(obj),
                "summary": _describe(obj), "changes": canonical(changes),
            }
            if action != "delete":
                row["_row"] = (inspect(obj).mapper.local_table, _identity(obj))
            rows.append(row)
    _append(session, rows)


@event.listens_for(Session, "after_commit")
def _note_anchor(session: Session) -> None:
    """After the commit: the new head is written outside the database (pcdesk.audit.anchors)."""
    head = session.info.pop("pcdesk_head", None)
    if head is None:
        return
    from pcdesk.audit import anchors

    try:
        anchors.note(session.get_bind().url, seq=head[0], hash=head[1], chain=head[2], why="記録")
    except Exception:  # noqa: BLE001 - the write is committed; a missing note only weakens check
        pass


@event.listens_for(Session, "after_rollback")
def _forget_head(session: Session) -> None:
    session.info.pop("pcdesk_head", None)


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
    last_hash: str = GENESIS
    first_hash: str = ""  # entry 1: names the chain (pcdesk.audit.anchors)
    keys_used: list[str] = field(default_factory=list)
    missing_keys: list[str] = field(default_factory=list)
    plain_until: int = 0  # entries up to here are plain SHA-256 (before the key)
    unverifiable: bool = False  # nothing wrong was found, but a key this PC lacks hides part of it

    def describe(self) -> str:
        if self.ok:
            keyed = f"、鍵 {'・'.join(self.keys_used)} で署名" if self.keys_used else "、鍵なし（SHA-256）"
            return f"監査証跡: 正常（{self.count} 件{keyed}）"
        return f"監査証跡: 異常 — 記録番号 {self.first_bad_seq}: {self.reason}"


_COLUMNS = [AuditEntry.seq, AuditEntry.at, AuditEntry.actor_id, AuditEntry.actor_name, AuditEntry.action,
            AuditEntry.record_type, AuditEntry.record_id, AuditEntry.summary, AuditEntry.changes,
            AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.key_id, AuditEntry.row_digest]


def verify_chain(session: Session, key_lookup: KeyLookup | None = None) -> ChainReport:
    """Walk the chain in order; report the first entry that was edited, removed or added.

    An entry signed with a key this PC does not hold cannot be checked for content; the
    report then names the key and is not ok (the key can be imported: pcdesk key import).
    """
    lookup = key_lookup or keys.get_key
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    expected_seq, prev, count = 1, GENESIS, 0
    report = ChainReport(True, 0)
    secrets_: dict[str, bytes | None] = {}
    keyed_seen = False
    missing_from: int | None = None
    result = session.execute(select(*_COLUMNS).order_by(AuditEntry.seq).execution_options(yield_per=2000))
    for row in result:
        if row.seq != expected_seq:
            return _bad(report, count, expected_seq, "この記録が削除されています。")
        if row.prev_hash != prev:
            return _bad(report, count, row.seq, "直前の記録とのつながりが壊れています。")
        if row.key_id:
            keyed_seen = True
            if row.key_id not in secrets_:
                secrets_[row.key_id] = lookup(row.key_id)
                report.keys_used.append(row.key_id)
            key = secrets_[row.key_id]
        elif keyed_seen:
            return _bad(report, count, row.seq, "鍵で署名された記録の後に、鍵のない記録が入っています"
                                                "（書き換えか差し込みの疑い）。")
        else:
            key = None
            report.plain_until = row.seq
        if row.key_id and key is None:
            if row.key_id not in report.missing_keys:
                report.missing_keys.append(row.key_id)
            missing_from = missing_from or row.seq
        else:
            computed = entry_hash(seq=row.seq, at=row.at, actor_id=row.actor_id, actor_name=row.actor_name,
                                  action=row.action, record_type=row.record_type, record_id=row.record_id,
                                  summary=row.summary, changes=row.changes, prev_hash=row.prev_hash,
                                  key_id=row.key_id, row_digest=row.row_digest, key=key)
            if not hmac.compare_digest(computed, row.hash):
                return _bad(report, count, row.seq, "記録の内容が書き換えられています。")
        if row.seq == 1:
            report.first_hash = row.hash
        prev, expected_seq, count = row.hash, expected_seq + 1, count + 1
    report.count, report.last_hash = count, prev
    last_seq, last_hash = (head.last_seq, head.last_hash or GENESIS) if head else (0, GENESIS)
    if count != last_seq or prev != last_hash:
        return _bad(report, count, count + 1, "末尾の記録が削除されています。")
    if report.missing_keys:
        report.ok, report.unverifiable = False, True
        report.first_bad_seq = missing_from
        report.reason = (f"鍵 {'・'.join(report.missing_keys)} がこの PC にないため、記録番号 {missing_from} 以降の"
                         "内容を照合できません。鍵を持つ PC で pcdesk key export を実行し、この PC で "
                         "pcdesk key import で登録してください。")
    return report


def _bad(report: ChainReport, count: int, seq: int, reason: str) -> ChainReport:
    report.ok, report.count, report.first_bad_seq, report.reason = False, count, seq, reason
    return report


def _watch_migration(conn, applied: frozenset[str]):  # type: ignore[no-untyped-def]
    from pcdesk.audit.migration import watch

    return watch(conn, applied)


# Rows a migration rewrites are sealed again in its transaction (pcdesk.audit.migration).
_migrate.WATCHERS.append(_watch_migration)
