"""Binding business rows to the trail: what each audited row looked like when last recorded.

Every create/update entry carries a keyed digest of the row as it was written (every
column except bookkeeping ones marked ``info={"audit": "skip"}``, password hashes
included). A *seal* entry holds the digests of every row at once: written when the key
is first set on an older database and after a migration. `row_problems` compares each
audited row of every feature's tables with the last digest the trail holds for it, so
a row edited, added or deleted straight in the database (a role, a password hash, a
ledger entry) is named by ``pcdesk check``. Generic over every model: nothing here names
a table.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Table, and_, inspect, select, tuple_

from pcdesk.audit.model import AuditEntry

CHUNK = 500  # rows per IN (...) query and per seal entry
DIGEST_CHARS = 32  # 128 bits of HMAC-SHA-256
ROW_ACTIONS = ("create", "update", "delete")


def _value(value: Any) -> Any:
    """A column value as an exact, typed JSON value (a date and its text never collide)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, dt.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, dt.time):
        return ["h", value.isoformat()]
    if isinstance(value, decimal.Decimal):
        return ["n", str(value)]
    if isinstance(value, enum.Enum):
        return ["e", _value(value.value)]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return ["b", bytes(value).hex()]
    if isinstance(value, (dict, list, tuple)):
        return ["j", json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)]
    return ["s", str(value)]


def _state_columns(table: Table) -> list:
    return [c for c in table.columns if c.info.get("audit") != "skip"]


def row_state(table: Table, row: Any) -> dict[str, Any]:
    return {c.name: _value(row._mapping[c]) for c in _state_columns(table)}


def record_id_of(table: Table, row: Any) -> str:
    return ",".join(str(row._mapping[c]) for c in table.primary_key.columns)


def digest(key: bytes, table: str, record_id: str, state: dict[str, Any]) -> str:
    payload = json.dumps(["row", table, record_id, state], ensure_ascii=False, sort_keys=True,
                         separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()[:DIGEST_CHARS]


def _fetch(conn, table: Table, idents: list[tuple]) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    pk = list(table.primary_key.columns)
    for i in range(0, len(idents), CHUNK):
        chunk = idents[i:i + CHUNK]
        if len(chunk) == 1:  # the common case: one row written, read back by its key
            where = and_(*[c == v for c, v in zip(pk, chunk[0])])
        elif len(pk) == 1:
            where = pk[0].in_([ident[0] for ident in chunk])
        else:
            where = tuple_(*pk).in_(chunk)
        yield from conn.execute(select(table).where(where))


def digest_rows(conn, key: bytes, rows: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    """Give every create/update entry in `rows` the digest of its row as now in the database."""
    wanted: dict[Table, dict[str, tuple[tuple, list[dict[str, Any]]]]] = {}
    for row in rows:
        target = row.pop("_row", None)
        if target is None or target[1] is None:
            continue
        table, ident = target
        slot = wanted.setdefault(table, {}).setdefault(",".join(str(v) for v in ident), (ident, []))
        slot[1].append(row)
    for table, by_id in wanted.items():
        for found in _fetch(conn, table, [ident for ident, _entries in by_id.values()]):
            rid = record_id_of(table, found)
            value = digest(key, table.name, rid, row_state(table, found))
            for entry in by_id.get(rid, ((), []))[1]:
                entry["row_digest"] = value


# -- the audited models, from every installed feature ---------------------------------

@dataclass(frozen=True)
class Audited:
    table: Table
    label: str
    attrs: tuple[tuple[str, Any], ...]  # (attribute key in the trail's changes, column)
    masked: tuple[str, ...]  # column names whose values the trail never shows


def audited_models(conn=None) -> list[Audited]:  # type: ignore[no-untyped-def]
    """The audited models of the installed features (whose tables `conn`'s database has)."""
    import pcdesk.store.models  # noqa: F401  every feature's mappers registered
    from pcdesk import registry
    from pcdesk.store.base import Base

    modules = set(registry.model_modules())
    present = set(inspect(conn).get_table_names()) if conn is not None else None
    found = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        table = mapper.local_table
        if not getattr(cls, "__audited__", False) or not isinstance(table, Table) or mapper.inherits is not None:
            continue
        if cls.__module__ not in modules or (present is not None and table.name not in present):
            continue
        attrs = tuple((attr.key, attr.columns[0]) for attr in mapper.column_attrs
                      if attr.columns[0].table is table and attr.columns[0].info.get("audit") != "skip")
        masked = tuple(c.name for _k, c in attrs if c.info.get("audit") == "mask")
        found.append(Audited(table, cls.__audit_label__ or table.name, attrs, masked))
    return sorted(found, key=lambda a: a.table.name)


# -- what the trail last recorded --------------------------------------------------------

@dataclass
class Recorded:
    seq: int = 0
    action: str = ""
    digest: str = ""
    key_id: str = ""
    summary: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # replayed from the changes (no masked values)


def recorded_rows(conn, tables: Iterable[str]) -> dict[str, dict[str, Recorded]]:  # type: ignore[no-untyped-def]
    """table → record id → what the trail last said about that row."""
    names = set(tables)
    out: dict[str, dict[str, Recorded]] = {n: {} for n in names}
    q = (select(AuditEntry.seq, AuditEntry.action, AuditEntry.record_type, AuditEntry.record_id,
                AuditEntry.changes, AuditEntry.row_digest, AuditEntry.key_id, AuditEntry.summary)
         .where(AuditEntry.action.in_((*ROW_ACTIONS, "seal")), AuditEntry.record_type.in_(names))
         .order_by(AuditEntry.seq).execution_options(yield_per=2000))
    for seq, action, rtype, rid, changes, row_digest, key_id, summary in conn.execute(q):
        table = out[rtype]
        try:
            data = json.loads(changes) if changes else {}
        except ValueError:
            data = {}
        if action == "seal":
            for sealed_id, value in (data.get("_digests") or {}).items():
                rec = table.setdefault(sealed_id, Recorded())
                rec.seq, rec.action, rec.digest, rec.key_id = seq, "seal", value, key_id
            for removed in data.get("_removed") or ():  # rows a bulk statement deleted
                rec = table.setdefault(str(removed), Recorded())
                rec.seq, rec.action, rec.digest = seq, "delete", ""
            continue
        if not rid:
            continue  # an event about the table (a bulk import's count), not about one row
        rec = table.setdefault(rid, Recorded())
        if action == "create":
            rec.values = {}
        rec.seq, rec.action, rec.digest, rec.key_id = seq, action, row_digest, key_id
        rec.summary = summary or rec.summary
        if action != "delete" and isinstance(data, dict):
            for attr, pair in data.items():
                if isinstance(pair, list) and len(pair) == 2:
                    rec.values[attr] = pair[1]
    return out


# -- comparing ----------------------------------------------------------------------------

@dataclass
class RowProblem:
    kind: str  # edited | added | deleted
    label: str  # 「アカウント」
    record_id: str
    title: str = ""
    seq: int = 0  # the entry that last recorded the row (0: never recorded)
    fields: tuple[str, ...] = ()

    def describe(self) -> str:
        what = f"{self.label}「{self.title}」（記録ID {self.record_id}）" if self.title else \
            f"{self.label}（記録ID {self.record_id}）"
        if self.kind == "added":
            return f"{what}: 監査証跡に記録のない行です（データベースに直接追加された疑い）。"
        if self.kind == "deleted":
            return f"{what}: 記録番号 {self.seq} の後、監査証跡を通さずに削除されています。"
        fields = f"（{'、'.join(self.fields)}）" if self.fields else ""
        return f"{what}: 記録番号 {self.seq} で記録された後、監査証跡を通さずに書き換えられています{fields}。"


def _labels(table: str) -> dict[str, str]:
    from pcdesk.audit.query import field_labels

    try:
        return field_labels(table)
    except Exception:  # noqa: BLE001 - labels only make the message nicer
        return {}


def _changed_fields(model: Audited, row: Any, rec: Recorded) -> tuple[str, ...]:
    from pcdesk.audit.trail import _jsonable

    labels = _labels(model.table.name)
    changed = []
    for attr, col in model.attrs:
        if col.name in model.masked or attr not in rec.values:
            continue
        if _jsonable(row._mapping[col]) != rec.values[attr]:
            changed.append(labels.get(attr, attr))
    if not changed and model.masked:
        changed = [f"{labels.get(name, name)}（表示されない項目）" for name in model.masked]
    return tuple(changed)


def row_problems(conn, key_lookup: Callable[[str], bytes | None],  # type: ignore[no-untyped-def]
                 models: list[Audited] | None = None, skip: set[tuple[str, str]] = frozenset()) -> list[RowProblem]:
    """Every audited row whose current state is not what the trail last recorded."""
    models = audited_models(conn) if models is None else models
    recorded = recorded_rows(conn, [m.table.name for m in models])
    problems: list[RowProblem] = []
    for model in models:
        name = model.table.name
        seen = recorded[name]
        present: set[str] = set()
        for row in conn.execute(select(model.table)).fetchall():
            rid = record_id_of(model.table, row)
            present.add(rid)
            if (name, rid) in skip:
                continue
            rec = seen.get(rid)
            if rec is None or rec.action == "delete":
                problems.append(RowProblem("added", model.label, rid, seq=rec.seq if rec else 0))
                continue
            if rec.digest:
                key = key_lookup(rec.key_id)
                if key is None:
                    continue  # the chain report already names the missing key
                if hmac.compare_digest(digest(key, name, rid, row_state(model.table, row)), rec.digest):
                    continue
                problems.append(RowProblem("edited", model.label, rid, rec.summary, rec.seq,
                                           _changed_fields(model, row, rec)))
            else:  # recorded before digests existed: compare what the changes show
                fields = _changed_fields(model, row, rec)
                if fields and not fields[0].endswith("（表示されない項目）"):
                    problems.append(RowProblem("edited", model.label, rid, rec.summary, rec.seq, fields))
        for rid, rec in seen.items():
            if rid not in present and rec.action != "delete" and (name, rid) not in skip:
                problems.append(RowProblem("deleted", model.label, rid, rec.summary, rec.seq))
    problems.sort(key=lambda p: (p.seq or 10**12, p.label, p.record_id))
    return problems


def seal_entries(conn, key: bytes, pending: set[tuple[str, str]], actor_name: str,  # type: ignore[no-untyped-def]
                 find_problems: bool, earlier: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Entries holding the digest of every audited row (rows being written now excepted).

    `find_problems`: when the key is first set on an older database, rows that already
    disagree with the trail are named in the seal, so the seal does not hide them.
    `earlier`: the same for rows a migration's check found out of line before it ran.
    """
    from pcdesk.audit.trail import canonical

    models = audited_models(conn)
    problems = row_problems(conn, lambda _k: None, models, pending) if find_problems else []
    described = [p.describe() for p in problems] + list(earlier)
    entries = []
    for model in models:
        digests: dict[str, str] = {}
        for row in conn.execute(select(model.table)).fetchall():
            rid = record_id_of(model.table, row)
            if (model.table.name, rid) not in pending:
                digests[rid] = digest(key, model.table.name, rid, row_state(model.table, row))
        ids = sorted(digests)
        for i in range(0, len(ids), CHUNK):
            part = {rid: digests[rid] for rid in ids[i:i + CHUNK]}
            entries.append({"actor_id": None, "actor_name": actor_name, "action": "seal",
                            "record_type": model.table.name, "record_id": "",
                            "summary": f"照合の基準を記録: {model.label} {len(part)}件",
                            "changes": canonical({"_digests": part})})
    if described:
        entries.append({"actor_id": None, "actor_name": actor_name, "action": "seal",
                        "record_type": "audit_trail", "record_id": "",
                        "summary": f"照合の基準を記録する前から、監査証跡と合わない行が {len(described)} 件ありました",
                        "changes": canonical({"_problems": described})})
    return entries


# -- rows written by bulk statements (INSERT … / DELETE … bypassing the ORM) -----------------

def _ids(conn, table: Table) -> set[str]:  # type: ignore[no-untyped-def]
    pk = list(table.primary_key.columns)
    return {",".join(str(v) for v in row) for row in conn.execute(select(*pk))}


def bulk_seal_rows(conn, key: bytes, table: Table, before: set[str], label: str,  # type: ignore[no-untyped-def]
                   actor_name: str) -> list[dict[str, Any]]:
    """Seal entries for what bulk statements changed in `table` since `before` (its ids then):
    the digests of the rows added and the ids of the rows removed. Rows that were there before
    keep what the trail last said about them, so nothing done earlier is laundered."""
    from pcdesk.audit.trail import canonical

    after = _ids(conn, table)
    added, removed = sorted(after - before), sorted(before - after)
    entries = []
    digests: dict[str, str] = {}
    if added:
        wanted = set(added)
        for row in conn.execute(select(table)):
            rid = record_id_of(table, row)
            if rid in wanted:
                digests[rid] = digest(key, table.name, rid, row_state(table, row))
    ids = sorted(digests)
    parts = [ids[i:i + CHUNK * 4] for i in range(0, len(ids), CHUNK * 4)] or [[]]
    for i, part in enumerate(parts):
        gone = removed if i == 0 else []
        if not part and not gone:
            continue
        entries.append({"actor_id": None, "actor_name": actor_name, "action": "seal", "record_type": table.name,
                        "record_id": "", "summary": f"照合の基準を記録: {label} 追加 {len(part)}件・削除 {len(gone)}件",
                        "changes": canonical({"_digests": {rid: digests[rid] for rid in part}, "_removed": gone})})
    return entries


def sealed_problems(conn) -> list[str]:  # type: ignore[no-untyped-def]
    """What seals found out of line when they were made (reported by every later check)."""
    q = select(AuditEntry.changes).where(AuditEntry.action == "seal", AuditEntry.record_type == "audit_trail")
    found: list[str] = []
    for (changes,) in conn.execute(q):
        try:
            found += list(json.loads(changes).get("_problems") or [])
        except (ValueError, AttributeError):
            continue
    return found
