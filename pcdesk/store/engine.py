"""Opening the database: SQLite (default, WAL) or PostgreSQL through a URL."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from pcdesk.errors import PcdeskError
from pcdesk.store.paths import chosen_database

BUSY_TIMEOUT_MS = 30_000
WRITER_LOCK_KEY = 0x7064_6B31  # "pdk1": the advisory lock all pcdesk writers share


def resolve_url(db: str | os.PathLike[str] | None = None) -> URL:
    """--db beats PCDESK_DATABASE_URL beats the per-user default file."""
    raw = chosen_database(db)
    if "://" in raw:
        return make_url(raw)
    path = Path(raw).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def _install_sqlite_pragmas(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # We emit BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed record survives a crash or power cut, not only a killed process.
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # A deferred transaction that reads and then writes fails at once with
        # "database is locked" if another writer committed meanwhile; IMMEDIATE waits
        # for the lock (busy_timeout) instead, so two windows on one file just queue.
        if conn.get_execution_options().get("pcdesk_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """One open database. Sessions come from `read()`/`write()`; see pcdesk.services."""

    def __init__(self, url: URL | str, *, foreign_keys: bool = True) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        kwargs: dict = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine, foreign_keys=foreign_keys)
        self._write_engine = self.engine.execution_options(pcdesk_write=True)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    def new_read_session(self) -> Session:
        return self._read_sessions()

    def new_write_session(self) -> Session:
        return self._write_sessions()

    @contextmanager
    def connect(self) -> Iterator:
        with self.engine.connect() as conn:
            yield conn

    def serialize_writers(self, session: Session) -> None:
        """Let one writer at a time through, on every engine.

        SQLite does this with BEGIN IMMEDIATE (see _on_begin). On a server, a transaction-
        scoped advisory lock gives the same guarantee, so "next number" reads such as the
        ledger's 管理番号 cannot race between two PCs.
        """
        if self.url.get_backend_name() == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})

    def dispose(self) -> None:
        self.engine.dispose()


class DatabaseUnavailable(PcdeskError):
    """The database cannot be opened; the message says where, why and what to do."""


def _healthy(candidate: Path, broken: Path) -> bool:
    """A backup worth naming: a readable pcdesk file that is not a copy of the broken one."""
    import sqlite3

    try:
        if candidate.stat().st_size == 0 or (broken.exists() and candidate.read_bytes() == broken.read_bytes()):
            return False
        conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            return conn.execute("SELECT last_seq FROM audit_head").fetchone() is not None
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def latest_good_backup(path: Path) -> Path | None:
    """The newest backup beside `path` that is itself whole, never the broken copy (an
    automatic backup made from a damaged file, an empty file, the replaced file)."""
    folder = path.parent / "backups"
    if not folder.is_dir():
        return None
    found = [p for pattern in ("pre-migrate-*.sqlite3", "auto-*.sqlite3") for p in folder.glob(pattern)]
    found.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return next((p for p in found if _healthy(p, path)), None)


def explain_failure(url: URL, exc: BaseException) -> str:
    """Japanese: what failed opening `url`, and the way out."""
    if url.get_backend_name() != "sqlite":
        return (f"データベースサーバーに接続できません: {url.render_as_string(hide_password=True)}\n"
                "サーバーが起動しているか、URL・ユーザー名・パスワードが正しいかを確かめてください。")
    path = Path(url.database or "")
    text = str(getattr(exc, "orig", exc)).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        lines = [f"このファイルは pcdesk のデータベースではないか、壊れています: {path}"]
        latest = latest_good_backup(path)
        if latest is not None:
            lines += ["バックアップから復元してください（置き換える前のファイルは保存されます）:",
                      f'  pcdesk restore "{latest}" --db "{path}"']
        else:
            lines.append("別のファイルを --db で指定するか、バックアップから pcdesk restore で復元してください。")
        return "\n".join(lines)
    if "locked" in text or "busy" in text:
        return (f"データベースが長い間ほかのプログラムに使われています: {path}\n"
                "ほかの pcdesk やバックアップソフトが終わるのを待って、もう一度お試しください。")
    return (f"データベースを開けません: {path}\n"
            "保存先のフォルダに書き込めるか、ディスクの空きがあるかを確かめてください。")


