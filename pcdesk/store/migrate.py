"""Bring a database to the newest schema at start-up, backing the file up first."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pcdesk.store.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision()


def upgrade(db: Database, revision: str = "head") -> Path | None:
    """Migrate to `revision`; returns the pre-migration backup file if one was made."""
    from pcdesk.store.backup import backup_before_migration

    current = current_revision(db)
    if current == head_revision() and revision == "head":
        return None
    backup = backup_before_migration(db, current) if current is not None else None
    # Foreign keys off while batch mode rebuilds tables: dropping a referenced table with
    # them on would cascade-delete rows. They are checked again right after.
    migrator = Database(db.url, foreign_keys=False) if db.is_sqlite else db
    try:
        with migrator.engine.begin() as conn:
            cfg = _config()
            cfg.attributes["connection"] = conn
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
    migrator = Database(db.url, foreign_keys=False) if db.is_sqlite else db
    with migrator.engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    if migrator is not db:
        migrator.dispose()
