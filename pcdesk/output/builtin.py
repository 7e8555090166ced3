"""Row providers for the foundation's own ledgers: the audit log and the account list."""

from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import func, select

from pcdesk.accounts.model import User
from pcdesk.audit.model import ACTION_LABELS, AuditEntry
from pcdesk.audit.query import (AuditFilter, References, conditions, describe_changes, record_id_text,
                                record_type_labels, summary_text)
from pcdesk.company.model import Department
from pcdesk.dates import now
from pcdesk.output.registry import LedgerQuery
from pcdesk.output.rows import CountedRows
from pcdesk.services import ADMIN, ROLE_LABELS, Workspace
from pcdesk.settings import load_settings

# Record types of events written by this package (record_event), not tables.
OUTPUT_RECORD_TYPES = {"ledger": "台帳", "form": "帳票"}


def _audit_filter(query: LedgerQuery) -> AuditFilter:
    f = query.filters
    return AuditFilter(actor_id=f.get("actor_id"), actor_name=f.get("actor_name"),
                       record_type=f.get("record_type"), action=f.get("action"),
                       since=query.date_from, until=query.date_to)


def audit_log_rows(ws: Workspace, query: LedgerQuery) -> CountedRows:
    """Oldest first: 番号, 日時, 操作者, 操作, 対象, 記録ID, 内容, 変更内容 (before → after)."""
    ws.require(ADMIN)
    where = conditions(_audit_filter(query))
    with ws.read() as s:
        count = s.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0
    labels = {**record_type_labels(), **OUTPUT_RECORD_TYPES}
    names, style = References(ws), load_settings(ws).date_style  # ids named, dates as the database writes them

    def rows() -> Iterator[dict[str, Any]]:
        cols = (AuditEntry.seq, AuditEntry.at, AuditEntry.actor_name, AuditEntry.action,
                AuditEntry.record_type, AuditEntry.record_id, AuditEntry.summary, AuditEntry.changes)
        q = select(*cols).where(*where).order_by(AuditEntry.seq).execution_options(yield_per=2000)
        with ws.read() as s:
            for seq, at, actor, action, rtype, rid, summary, changes in s.execute(q):
                yield {"seq": seq, "at": at, "actor": actor, "action": ACTION_LABELS.get(action, action),
                       "target": labels.get(rtype, rtype), "record_id": record_id_text(rtype, rid),
                       "summary": summary_text(rtype, summary),
                       "changes": describe_changes(rtype, changes, style, names, rid)}

    return CountedRows(count, rows())


def describe_audit_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    f = query.filters
    out: dict[str, str] = {}
    if f.get("actor_id") is not None:
        with ws.read() as s:
            name = s.scalar(select(User.display_name).where(User.id == f["actor_id"]))
        out["actor_id"] = f"操作者: {name or '（削除された利用者）'}"
    if f.get("actor_name"):
        out["actor_name"] = f"操作者: {f['actor_name']}"
    if f.get("record_type"):
        labels = {**record_type_labels(), **OUTPUT_RECORD_TYPES}
        out["record_type"] = f"対象: {labels.get(f['record_type'], f['record_type'])}"
    if f.get("action"):
        out["action"] = f"操作: {ACTION_LABELS.get(f['action'], f['action'])}"
    return out


def describe_account_filters(ws: Workspace, query: LedgerQuery) -> dict[str, str]:
    return {"active_only": "有効なアカウントのみ"} if query.filters.get("active_only") else {}


def account_rows(ws: Workspace, query: LedgerQuery) -> list[dict[str, Any]]:
    """Every account, by login ID; inactive ones too (the list shows who could log in when)."""
    from pcdesk.accounts.service import list_users

    ws.require(ADMIN)
    moment = now()
    users = list_users(ws)
    with ws.read() as s:
        departments = dict(s.execute(select(Department.id, Department.name)).all())
        rows = []
        for u in users:
            if query.filters.get("active_only") and not u.active:
                continue
            held = u.role_names
            roles = "・".join([label for role, label in ROLE_LABELS.items() if role in held]
                             + sorted(held - set(ROLE_LABELS)))
            rows.append({
                "login_id": u.login_id, "display_name": u.display_name,
                "department": departments.get(u.department_id, ""), "roles": roles, "email": u.email,
                "active": u.active, "locked": bool(u.wait_until and u.wait_until > moment),
                "created_at": u.created_at, "last_login_at": u.last_login_at,
            })
    return rows
