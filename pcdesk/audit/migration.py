"""A migration and the row check: rows a migration rewrites are sealed again at once.

A migration that adds, drops or converts a column changes the rows it touches without a
create/update entry, so the digests the trail holds no longer describe them. Left alone,
`pcdesk check` would call every such row changed outside the trail until the next write
sealed them again — and that seal would also cover a row someone had edited straight in
the database before the migration. So, around the migration and in its transaction:

1. before it runs, the rows of every table the migration finds as the models describe it
   are compared with the trail, exactly as `pcdesk check` does;
2. after it, one 移行 entry names the revisions, and a seal of every row follows (the
   trail's usual seal after a schema change, pcdesk.audit.trail.append_on) carrying what
   step 1 found, so those rows stay reported by every later check.

Tables whose columns differ from the models before the migration (the ones it rewrites)
cannot be compared in step 1; the entry says which. A chain without a key (older
databases) or a shared database whose key this PC lacks is left to the seal at the next
write, as before.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import inspect, select

from pcdesk.audit import keys
from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.audit.rows import Audited, audited_models, row_problems
from pcdesk.audit.trail import SYSTEM_NAME, AuditError, _schema, append_on, canonical
from pcdesk.errors import PcdeskError

log = logging.getLogger(__name__)


def _columns(inspector, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {c["name"] for c in inspector.get_columns(table)}


def comparable_models(conn) -> tuple[list[Audited], list[str]] | None:  # type: ignore[no-untyped-def]
    """(models whose tables are as the code describes them, labels of those that are not), or
    None when the trail's own table is not yet as the code reads it."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    if "audit_entry" not in present or _columns(inspector, "audit_entry") != {c.name for c in AuditEntry.__table__.columns}:
        return None
    same, changed = [], []
    for model in audited_models(conn):
        (same if _columns(inspector, model.table.name) == {c.name for c in model.table.columns} else changed).append(model)
    return same, [m.label for m in changed]


def _keyed_head(conn):  # type: ignore[no-untyped-def]
    inspector = inspect(conn)
    if not inspector.has_table("audit_head") or not {"last_seq", "key_id"} <= _columns(inspector, "audit_head"):
        return None  # no trail yet, or one from before the key (sealed at its first keyed write)
    head = conn.execute(select(AuditHead.last_seq, AuditHead.key_id).where(AuditHead.id == 1)).first()
    return head if head is not None and head.last_seq > 0 and head.key_id else None


@contextmanager
def watch(conn, applied: frozenset[str]) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Around `alembic upgrade` on `conn` (pcdesk.store.migrate.WATCHERS)."""
    found: list[str] = []
    unchecked: list[str] = []
    ready = bool(applied) and _keyed_head(conn) is not None
    if ready:
        models = comparable_models(conn)
        if models is None:
            unchecked = ["監査ログ"]
        else:
            same, unchecked = models
            found = [p.describe() for p in row_problems(conn, keys.get_key, same)]
    yield
    if not ready:
        return
    before, after = ",".join(sorted(applied)), _schema(conn)
    note = f"（移行前に照合できなかった表: {'、'.join(unchecked)}）" if unchecked else ""
    entry = {"actor_id": None, "actor_name": SYSTEM_NAME, "action": "migrate", "record_type": "database",
             "record_id": "", "summary": f"データベースを移行しました（{before} → {after}）。"
                                         f"照合の基準を記録し直します{note}",
             "changes": canonical({"_before": before, "_after": after, "_unchecked": unchecked})}
    try:
        with conn.begin_nested():  # a seal that cannot be written never undoes the migration
            append_on(conn, [entry], earlier_problems=found, reseal=True)
    except (AuditError, PcdeskError):  # e.g. a shared database whose key this PC lacks
        log.warning("the rows were not sealed after the migration (sealed at the next write)", exc_info=True)
