"""Reading the audit trail for the viewer and the exported log: filters, keyset paging, and
every change told in Japanese (describe_changes).

The viewer keeps only the pages it has fetched; each page continues below the last
sequence number seen (newest first), so a long trail never loads whole. A model that names
its fields table (`__audit_fields__ = "pcdesk.<feature>.fields:FIELDS"`) is described with
it — labels in the table's order, choice labels, names for ids, dates in the date style —
so every feature gets a readable trail by describing its fields once.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select

from pcdesk.audit.model import ACTION_LABELS, AuditEntry
from pcdesk.audit.trail import ChainReport, verify_chain
from pcdesk.dates import SEIREKI, WAREKI, format_date, format_datetime
from pcdesk.feature import load
from pcdesk.fields import REFERENCE, FieldSpec
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

# What an export or print event records beside its summary.
EVENT_DETAIL_LABELS = {"format": "形式", "records": "件数", "file": "ファイル", "from": "期間の初め", "to": "期間の終わり",
                       "filters": "絞り込み", "pages": "ページ数", "fields": "記入した項目", "anchor": "監査証跡の控え"}
FORMATS = {"xlsx": "Excel", "pdf": "PDF", "csv": "CSV", "html": "HTML", "txt": "テキスト"}


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
    names: "References | None" = field(default=None, compare=False, repr=False)

    def cells(self, date_style: str = SEIREKI) -> list[str]:
        """番号, 日時, 操作者, 操作, 対象, 記録ID, 内容, 変更内容 as the viewer shows them."""
        return [str(self.seq), format_datetime(self.at, date_style), self.actor_name,
                action_label(self.action), record_type_label(self.record_type),
                record_id_text(self.record_type, self.record_id), summary_text(self.record_type, self.summary),
                describe_changes(self.record_type, self.changes, date_style, self.names, self.record_id)]


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


def record_id_text(record_type: str, record_id: str) -> str:
    """The 記録ID column: a setting is named (日付の表記), a role by its name (3・承認者), other
    records keep their number."""
    if record_type == "app_setting":
        return setting_labels().get(record_id, record_id)
    if record_type == "user_role" and "," in record_id:
        user, _, role = record_id.partition(",")
        return f"{user}・{ROLE_LABELS.get(role, role)}"
    if record_type in ("ledger", "form") and record_id:
        return _document_title(record_type, record_id) or record_id
    return record_id


def _document_title(kind: str, doc_id: str) -> str | None:
    """The title of a ledger or a form by its id (監査ログ for audit_log)."""
    try:
        if kind == "ledger":
            from pcdesk.output.spec import load_ledger_spec

            return load_ledger_spec(doc_id).title
        from pcdesk.output.form_spec import load_form_spec

        return load_form_spec(doc_id).title
    except Exception:  # an id no longer installed: shown as it was recorded
        return None


def summary_text(record_type: str, summary: str) -> str:
    if record_type == "user_role":
        return ROLE_LABELS.get(summary, summary)
    return summary


def setting_labels() -> dict[str, str]:
    from pcdesk.registry import feature_settings
    from pcdesk.settings import Settings

    labels = dict(Settings.LABELS)
    labels.update({spec.key: spec.label for _f, spec in feature_settings()})
    return labels


@functools.cache
def audit_fields(record_type: str) -> dict[str, FieldSpec] | None:
    """The fields table a model names in __audit_fields__ ("module:FIELDS"), in its order."""
    cls = _tables().get(record_type)
    ref = getattr(cls, "__audit_fields__", "") if cls is not None else ""
    return {spec.key: spec for spec in load(ref)} if ref else None


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
    labels.update({key: spec.label for key, spec in (audit_fields(record_type) or {}).items()})
    return labels


def value_labels(record_type: str) -> dict[str, dict[str, str]]:
    """Column → {stored value: label} of a model's coded columns (its __value_labels__)."""
    cls = _tables().get(record_type)
    return dict(getattr(cls, "__value_labels__", {}) or {}) if cls is not None else {}


class References:
    """Names for the ids the trail holds (部門 3 → 営業部, 台帳 12 → PI-0012 顧客名簿), each
    table read once, as it is now (a deleted record keeps its number)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._names: dict[str, dict[Any, str]] = {}

    def names(self, table: str) -> dict[Any, str]:
        if table not in self._names:
            cls = _tables().get(table)
            found: dict[Any, str] = {}
            if cls is not None and "id" in cls.__table__.columns:
                with self.ws.read() as s:
                    for obj in s.scalars(select(cls).limit(REFERENCE_LIMIT)):
                        found[obj.id] = _title(obj)
            self._names[table] = found
        return self._names[table]


REFERENCE_LIMIT = 50_000
# Foundation columns that hold another table's id (features say so in their fields tables).
FOUNDATION_REFERENCES = {"department_id": "department", "user_id": "user_account"}


def _title(obj: Any) -> str:
    title = getattr(obj, "audit_title", None)
    if callable(title):
        return title()
    return str(getattr(obj, "name", None) or getattr(obj, "display_name", None) or obj.id)


def _stored(value: Any) -> Any:
    """A list or dict as the trail keeps it: JSON, or (entries written before lists were kept
    as JSON) its Python text 「['顧客']」, read back as a literal, never evaluated as code."""
    if isinstance(value, str) and value[:1] in ("[", "{") and value[-1:] in ("]", "}") and len(value) <= 200_000:
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return value
    return value


def _iso_date(value: str, date_style: str) -> str | None:
    if len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) >= 16 and value[10:11] in ("T", " "):
                return format_datetime(dt.datetime.fromisoformat(value), date_style)
            if len(value) == 10:
                return format_date(dt.date.fromisoformat(value), date_style)
        except ValueError:
            return None
    return None


def _value_text(field: str, value: Any, date_style: str = SEIREKI, names: References | None = None,
                labels: dict[str, str] | None = None) -> str:
    """A value of a table without a fields table, read as a person would."""
    value = _stored(value)
    if value is None or value == "" or value == []:
        return "（なし）"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if field == "role" and value in ROLE_LABELS:
        return ROLE_LABELS[value]
    if field in FOUNDATION_REFERENCES and names is not None and isinstance(value, int):
        return names.names(FOUNDATION_REFERENCES[field]).get(value, str(value))
    if isinstance(value, list):
        return "、".join(_value_text(field, v, date_style, names, labels) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{(labels or {}).get(k, k)}: {_value_text(k, v, date_style, names, labels)}"
                        for k, v in value.items())
    if isinstance(value, str):
        return _iso_date(value, date_style) or value
    return str(value)


def _spec_text(spec: FieldSpec, value: Any, date_style: str, names: References | None) -> str:
    value = _stored(value)
    nested = spec.extra.get("fields")
    if nested and isinstance(value, dict):
        inner = {s.key: s for s in load(nested)}
        lines = [f"　{inner[k].label}: {_spec_text(inner[k], value[k], date_style, names)}"
                 for k in inner if k in value and inner[k].audited and not _empty(value[k])]
        return "\n" + "\n".join(lines) if lines else "（なし）"
    table = spec.extra.get("table")
    known = names.names(table) if (table and names is not None) else None
    if spec.kind == REFERENCE and known is not None and value not in (None, "") and value not in known:
        return f"{value}（削除済み）"
    text = spec.format(value, date_style, known)
    return text if text else "（なし）"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _setting_value(key: str, value: Any) -> str:
    try:
        decoded = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        decoded = value
    if key == "date_style":
        return {SEIREKI: "西暦", WAREKI: "和暦"}.get(decoded, str(decoded))
    return _value_text(key, decoded)


def describe_changes(record_type: str, changes: str, date_style: str = SEIREKI,
                     names: References | None = None, record_id: str = "") -> str:
    """The 変更内容 as a person reads it, one field per line: a new record as 「項目: 値」 (empty
    ones left out), a change as 「項目: 前 → 後」 for the fields that changed, a removal as
    「項目: 値 → （削除）」. A model with a fields table (__audit_fields__) is listed in its
    order with its labels and value texts; others by their labels with plain texts."""
    if not changes:
        return ""
    try:
        data = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(data, dict):
        return str(data)
    specs = audit_fields(record_type) or {}
    labels = field_labels(record_type)
    if record_type in ("ledger", "form"):
        return _event_details(record_type, record_id, data, date_style, names)
    if record_type == "app_setting":
        labels.update(setting_labels())
    order = {key: i for i, key in enumerate(specs)}
    keys = sorted(data, key=lambda k: (order.get(k, len(order)), list(data).index(k)))

    coded = value_labels(record_type)

    def text(key: str, value: Any) -> str:
        if record_type == "app_setting" and key == "value":
            return _setting_value(record_id, value)
        if key in coded and key not in specs:  # a coded column of a model without a fields table
            stored = _stored(value)
            if isinstance(stored, list):
                return "、".join(coded[key].get(str(v), str(v)) for v in stored) or "（なし）"
            if stored not in (None, ""):
                return coded[key].get(str(stored), str(stored))
        spec = specs.get(key)
        return _spec_text(spec, value, date_style, names) if spec else _value_text(key, value, date_style, names, labels)

    if record_type == "app_setting" and record_id:
        keys = [k for k in keys if k != "key"]  # the setting is named by 記録ID and labels its value
        labels["value"] = setting_labels().get(record_id, labels.get("value", "値"))
    lines = []
    for key in keys:
        value = data[key]
        spec = specs.get(key)
        if key == "id" or key.startswith("_") or (spec is not None and not spec.audited):
            continue  # the id is shown as 記録ID; bookkeeping and "_…" keys (a seal's digests) are for machines
        label = labels.get(key, key)
        # A table's record is always {field: [before, after]}; an event's details are plain values.
        pair = isinstance(value, list) and len(value) == 2 and (record_type in _tables() or spec is None)
        if pair:
            before, after = _stored(value[0]), _stored(value[1])
            if before is None:
                if not _empty(after):
                    lines.append(_line(label, text(key, after)))
            elif after is None:
                lines.append(f"{label}: {text(key, before)} → （削除）")
            else:
                was, now = text(key, before), text(key, after)
                if was != now:
                    lines.append(f"{label}: {was} → {now}")
        else:
            lines.append(_line(label, text(key, value)))
    return "\n".join(lines)


def _event_details(kind: str, doc_id: str, data: dict[str, Any], date_style: str, names: References | None) -> str:
    lines = []
    for key, value in data.items():
        label = EVENT_DETAIL_LABELS.get(key, key)
        if value is None or value == "":
            continue
        if key == "format":
            text = FORMATS.get(value, str(value))
        elif key == "filters" and isinstance(value, dict):
            text = _filters_text(doc_id, value, names) if kind == "ledger" else ""
        elif key == "fields" and isinstance(value, list):
            text = f"{len(value)}項目"
        else:
            text = _value_text(key, value, date_style, names)
        if text:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


def _filters_text(ledger_id: str, filters: dict[str, Any], names: References | None) -> str:
    """The filters as the exported ledger printed them (部門: 営業部), by the ledger's own describer."""
    from pcdesk.registry import ledgers

    declared = ledgers().get(ledger_id)
    if declared is None or not declared.filters or names is None:
        return "あり"
    try:
        from pcdesk.output.registry import LedgerQuery

        described = load(declared.filters)(names.ws, LedgerQuery(filters=dict(filters)))
    except Exception:  # a describer that cannot read the old filters: say that there were some
        return "あり"
    return "、".join(described.values()) or "あり"


def _line(label: str, text: str) -> str:
    return f"{label}:{text}" if text.startswith("\n") else f"{label}: {text}"


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
    names = References(ws)
    with ws.read() as s:
        return [AuditRow(e.seq, e.at, e.actor_name, e.action, e.record_type, e.record_id,
                         e.summary, e.changes, names) for e in s.scalars(q)]


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
