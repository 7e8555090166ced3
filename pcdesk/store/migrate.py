"""Bring a database to the newest schema at start-up, backing the file up first.

Every feature owns an Alembic branch (its manifest's `Migrations`; revision files in
``<feature>/migrations/``); start-up upgrades all heads. Whether anything is to be done is
decided from the manifests and the ``alembic_version`` table alone, so Alembic is imported
only when a database really needs upgrading (it is most of the start-up import time).
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlalchemy import inspect, text

from pcdesk import registry
from pcdesk.errors import PcdeskError
from pcdesk.store.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

ENVIRONMENT = Path(__file__).with_name("migrations")  # env.py and the revision template
VERSION_TABLE = "alembic_version"


class SchemaTooNew(PcdeskError):
    """The database was migrated by a newer pcdesk than this one."""


def _config() -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(ENVIRONMENT))
    cfg.set_main_option("path_separator", "os")  # folders may contain spaces (C:\Users\山田 太郎\…)
    cfg.set_main_option("version_path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in registry.migration_folders()))
    return cfg


def script_heads() -> set[str]:
    """The heads Alembic finds in the revision files (tests compare with the manifests)."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(_config()).get_heads())


def head_revision() -> str:
    """The expected schema, written as the database's alembic_version would hold it."""
    return ",".join(sorted(registry.schema_heads()))


def applied_revisions(db: Database) -> set[str]:
    """What alembic_version says, read without Alembic (empty for a new database)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return set()
        return {row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}


def current_revision(db: Database) -> str | None:
    applied = applied_revisions(db)
    return ",".join(sorted(applied)) if applied else None


def needs_upgrade(db: Database) -> bool:
    return applied_revisions(db) != registry.schema_heads()


def unknown_revisions(applied: set[str]) -> list[str]:
    """Revisions this pcdesk does not know (written by a newer version)."""
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    return sorted(applied - known)


def _refuse_unknown(applied: set[str]) -> None:
    unknown = unknown_revisions(applied)
    if unknown:
        raise SchemaTooNew(
            "このデータベースは、より新しい版の pcdesk で更新されています（形式: " + "、".join(unknown) + "）。"
            "この版では開けません。pcdesk を最新版に更新してから開いてください。データはそのまま残っています。")


_references: dict[frozenset[str], dict] = {}


def reference_schema(revisions: set[str]) -> dict:
    """The SQLite schema the migrations create up to `revisions` (pcdesk.store.backup.sqlite_schema
    form): a backup or a live file must have exactly this, no planted trigger, view or table."""
    from alembic import command

    from pcdesk.store.backup import sqlite_schema

    wanted = frozenset(revisions)
    if wanted not in _references:
        scratch = Database("sqlite+pysqlite:///:memory:", foreign_keys=False)
        try:
            with scratch.engine.begin() as conn:
                cfg = _config()
                cfg.attributes["connection"] = conn
                for rev in sorted(wanted):
                    command.upgrade(cfg, rev)
                _references[wanted] = sqlite_schema(conn.connection.driver_connection)
        finally:
            scratch.dispose()
    return _references[wanted]


# Context managers the layers above add, entered around every upgrade of an existing database
# on the migration's connection and in its transaction: (connection, revisions applied
# before). The audit trail seals the rows a migration rewrote (pcdesk.audit.migration).
WATCHERS: list[Callable[[Connection, frozenset[str]], AbstractContextManager[None]]] = []


def upgrade(db: Database, revision: str = "heads", keep_copy: bool = True) -> Path | None:
    """Migrate every branch to its head (or to `revision`); returns the pre-migration backup
    file if one was made (`keep_copy` False: a scratch copy being restored needs none)."""
    applied = applied_revisions(db)
    if revision == "heads" and applied == registry.schema_heads():
        return None
    from alembic import command

    from pcdesk.store.backup import backup_before_migration

    _refuse_unknown(applied)
    backup = backup_before_migration(db, ",".join(sorted(applied))) if applied and keep_copy else None
    # Foreign keys off while batch mode rebuilds tables: dropping a referenced table with
    # them on would cascade-delete rows. They are checked again right after.
    migrator = Database(db.url, foreign_keys=False) if db.is_sqlite else db
    try:
        with migrator.engine.begin() as conn, ExitStack() as watching:
            cfg = _config()
            cfg.attributes["connection"] = conn
            for watcher in WATCHERS:
                watching.enter_context(watcher(conn, frozenset(applied)))
            command.upgrade(cfg, revision)
        if db.is_sqlite:
            with migrator.engine.connect() as conn:
                bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if bad:
                    raise RuntimeError(f"移行後の参照整合性に問題があります: {bad[:5]}。"
                                       f"バックアップ {backup} から復元してください。")
    finally:
        if migrator is not db:
            migrator.dispose()
    return backup


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    migrator = Database(db.url, foreign_keys=False) if db.is_sqlite else db
    with migrator.engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    if migrator is not db:
        migrator.dispose()


def new_revision(feature_name: str, message: str, autogenerate: bool = True) -> Path:
    """Write a new revision at the head of one feature's branch (scripts/new_migration.py).

    Afterwards set the manifest's ``Migrations(head=...)`` to the new revision id."""
    from alembic import command

    from pcdesk.store.engine import Database as _Db

    f = registry.feature(feature_name)
    if f.migrations is None:
        raise PcdeskError(f"{feature_name} has no Migrations in its manifest")
    folder = registry.package_dir(f) / f.migrations.folder
    folder.mkdir(exist_ok=True)
    cfg = _config()
    scratch = _Db("sqlite+pysqlite:///:memory:")
    with scratch.engine.begin() as conn:  # autogenerate compares against an up-to-date schema
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
        first = not any(folder.glob("*.py"))  # a new branch grows from its base
        script = command.revision(cfg, message=message, autogenerate=autogenerate,
                                  head=(f.migrations.base or "base") if first else f"{f.name}@head",
                                  splice=first, version_path=str(folder),
                                  branch_label=f.name if first else None)
    scratch.dispose()
    scripts = script if isinstance(script, list) else [script]
    return Path(scripts[0].path)  # type: ignore[union-attr]
