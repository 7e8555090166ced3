"""ORM base shared by every feature's models."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints so Alembic's SQLite batch mode can alter them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    # Japanese name of the record type, shown in the audit viewer (e.g. 「アカウント」).
    __audit_label__: str = ""
    # False for tables that must not audit themselves (the audit trail).
    __audited__: bool = True
    # Column → Japanese label for the audit viewer's 変更内容 (column info={"label"} also works).
    __field_labels__: dict[str, str] = {}
    # Column → {stored value: Japanese label} for coded columns (状態: draft → 下書き) in 変更内容,
    # for a model without a fields table.
    __value_labels__: dict[str, dict[str, str]] = {}
    # "module:FIELDS" naming the model's fields table (pcdesk.fields.FieldSpec): the audit trail
    # then lists its columns in that order, with those labels, and values as the table reads them
    # (choice labels, names for REFERENCE ids, dates in the date style). Wins over __field_labels__.
    __audit_fields__: str = ""
