"""Reading the audit trail for the viewer: filters, keyset paging, Japanese labels.

The viewer keeps only the pages it has fetched; each page continues below the last
sequence number seen (newest first), so a long trail never loads whole.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from pcdesk.audit.model import ACTION_LABELS, AuditEntry
from pcdesk.audit.trail import ChainReport, verify_chain
from pcdesk.dates import SEIREKI, format_datetime
from pcdesk.services import ADMIN, COMMAND_LINE, ROLE_LABELS, SETUP, SYSTEM, Workspace

PAGE_SIZE = 500

# Record types written by record_event() that are not tables.
EVENT_RECORD_TYPES = {"database": "データベース", "ledger": "台帳", "form": "帳票", "audit_trail": "監査証跡"}

# Field labels for the foundation tables; feature models may instead give a column
# info={"label": "…"} (or a comment), which wins over this list.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "user_account": {"login_id": "ログインID", "display_name": "氏名", "email": "メールアドレス",
                     "department_id": "部門", "password_hash": "パスワード",
                     "must_change_password": "次回パスワード変更", "active": "有効",
                     "created_at": "作成日時"},
    "user_role": {"user_id": "アカウント", "role": "権限"},
    "department": {"name": "部門名", "sort_order": "表示順", "active": "有効"},
    "app_setting": {"key": "設定項目", "value": "値"},
}

SYSTEM_ACTORS = (SETUP.name, SYSTEM.name, COMMAND_LINE.name)


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    actor_name: str | None = None  # only for actors without an account (初期設定, コマンドライン)
    record_type: str | None = None
    action: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive


@dataclass(frozen=True)
class AuditPerson:
    actor_id: int | None
    name: str


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor_name: str
    action: str
    record_type: str
    record_id: str
    summary: str
    changes: str

    def cells(self, date_style: str = SEIREKI) -> list[str]:
        """番号, 日時, 操作者, 操作, 対象, 記録ID, 内容, 変更内容 as the viewer shows them."""
        return [str(self.seq), format_datetime(self.at, date_style), self.actor_name,
                action_label(self.action), record_type_label(self.record_type), self.record_id,
                self.summary, describe_changes(self.record_type, self.changes)]


COLUMNS = ["番号", "日時", "操作者", "操作", "対象", "記録ID", "内容", "変更内容"]


@functools.cache
def _tables() -> dict[str, Any]:
    import pcdesk.store.models  # noqa: F401  (every feature's mappers registered)
    from pcdesk.store.base import Base

    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers
            if getattr(m.class_, "__tablename__", None)}


def record_type_labels() -> dict[str, str]:
    """Table name → Japanese record-type name, for every audited model and event type."""
    labels = {name: cls.__audit_label__ for name, cls in _tables().items()
              if cls.__audited__ and cls.__audit_label__}
    labels.update(EVENT_RECORD_TYPES)
    return labels


def record_type_label(record_type: str) -> str:
    return record_type_labels().get(record_type, record_type)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def field_labels(record_type: str) -> dict[str, str]:
    labels = dict(FIELD_LABELS.get(record_type, {}))
    if record_type == "company_profile":
        from pcdesk.company.model import COMPANY_FIELDS

        labels.update(COMPANY_FIELDS)
    cls = _tables().get(record_type)
    if cls is not None:
        labels.update(cls.__field_labels__)
        for col in cls.__table__.columns:
            label = col.info.get("label") or col.comment
            if label:
                labels[col.key] = label
    return labels


def _value_text(field: str, value: Any) -> str:
    if value is None or value == "":
        return "（なし）"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if field == "role" and value in ROLE_LABELS:
        return ROLE_LABELS[value]
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


def describe_changes(record_type: str, changes: str) -> str:
    """{"display_name": ["山田", "佐藤"]} → 「氏名: 山田 → 佐藤」, one field per line."""
    if not changes:
        return ""
    try:
        data = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(data, dict):
        return str(data)
    labels = field_labels(record_type)
    if record_type == "app_setting":
        from pcdesk.settings import Settings

        labels.update(Settings.LABELS)
    lines = []
    for key, value in data.items():
        if key == "id" or key.startswith("_"):
            continue  # 記録ID is its own column; "_…" keys are for machines (digests of a seal)
        label = labels.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            if before is None:
                lines.append(f"{label}: {_value_text(key, after)}")
            elif after is None:
                lines.append(f"{label}: {_value_text(key, before)} → （削除）")
            else:
                lines.append(f"{label}: {_value_text(key, before)} → {_value_text(key, after)}")
        else:
            lines.append(f"{label}: {_value_text(key, value)}")
    return "\n".join(lines)


def conditions(f: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.actor_id is not None:
        where.append(AuditEntry.actor_id == f.actor_id)
    elif f.actor_name:
        where += [AuditEntry.actor_id.is_(None), AuditEntry.actor_name == f.actor_name]
    if f.record_type:
        where.append(AuditEntry.record_type == f.record_type)
    if f.action:
        where.append(AuditEntry.action == f.action)
    if f.since:
        where.append(AuditEntry.at >= dt.datetime.combine(f.since, dt.time()))
    if f.until:
        where.append(AuditEntry.at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time()))
    return where


def count_entries(ws: Workspace, f: AuditFilter) -> int:
    ws.require(ADMIN)
    q = select(func.count()).select_from(AuditEntry).where(*conditions(f))
    with ws.read() as s:
        return s.scalar(q) or 0


def fetch_page(ws: Workspace, f: AuditFilter, before_seq: int | None = None,
               limit: int = PAGE_SIZE) -> list[AuditRow]:
    """Up to `limit` entries, newest first, with sequence numbers below `before_seq`."""
    ws.require(ADMIN)
    q = select(AuditEntry).where(*conditions(f))
    if before_seq is not None:
        q = q.where(AuditEntry.seq < before_seq)
    q = q.order_by(AuditEntry.seq.desc()).limit(limit)
    with ws.read() as s:
        return [AuditRow(e.seq, e.at, e.actor_name, e.action, e.record_type, e.record_id,
                         e.summary, e.changes) for e in s.scalars(q)]


def audit_people(ws: Workspace) -> list[AuditPerson]:
    """Everyone who appears in the trail: accounts by their current name, then set-up actors.

    Failed logins with unknown IDs are left out: they are not people of the company.
    """
    from pcdesk.accounts.model import User

    ws.require(ADMIN)
    with ws.read() as s:
        ids = s.execute(select(AuditEntry.actor_id, AuditEntry.actor_name, func.max(AuditEntry.seq))
                        .where(AuditEntry.actor_id.is_not(None))
                        .group_by(AuditEntry.actor_id, AuditEntry.actor_name)).all()
        current = dict(s.execute(select(User.id, User.display_name)).all())
        system = set(s.scalars(select(AuditEntry.actor_name).distinct()
                               .where(AuditEntry.actor_id.is_(None),
                                      AuditEntry.actor_name.in_(SYSTEM_ACTORS))))
    latest: dict[int, tuple[int, str]] = {}
    for actor_id, name, seq in ids:
        if actor_id not in latest or seq > latest[actor_id][0]:
            latest[actor_id] = (seq, name)
    people = [AuditPerson(i, current.get(i, name)) for i, (_seq, name) in latest.items()]
    people.sort(key=lambda p: p.name)
    people += [AuditPerson(None, n) for n in SYSTEM_ACTORS if n in system]
    return people


def verify_trail(ws: Workspace) -> ChainReport:
    ws.require(ADMIN)
    with ws.read() as s:
        return verify_chain(s)
