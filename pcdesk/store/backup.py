"""Consistent online backups of the SQLite file, restore with verification, daily rotation.

SQLite's backup API copies a consistent snapshot even while other windows write (WAL),
which a plain file copy of a live database does not.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pcdesk import clock
from pcdesk.errors import PcdeskError
from pcdesk.store.engine import Database

REQUIRED_TABLES = {"alembic_version", "audit_entry", "audit_head", "company_profile", "user_account"}
AUTO_PREFIX = "auto-"
Progress = Callable[[int, int], None]  # (pages done, pages total)


class BackupError(PcdeskError):
    pass


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise BackupError("この操作は SQLite ファイルのデータベースでのみ使えます。"
                          "PostgreSQL ではサーバーの pg_dump / pg_restore を使ってください。")
    return db.path


def backups_dir(db: Database) -> Path:
    folder = _sqlite_path(db).parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stamp() -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def _copy(src: Path, dst: Path, progress: Progress | None = None) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(str(src), timeout=30)
    target = sqlite3.connect(str(tmp))
    try:
        def _step(_status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)
        source.backup(target, pages=256, progress=_step)
        target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        target.close()
        source.close()
    tmp.replace(dst)  # never leave a half-written file under the final name


def backup_to(db: Database, out: Path, progress: Progress | None = None) -> Path:
    out = Path(out).expanduser().resolve()
    if out == _sqlite_path(db).resolve():
        raise BackupError("保存先が使用中のデータベースと同じです。別のファイル名を指定してください。")
    _copy(_sqlite_path(db), out, progress)
    return out


def backup_before_migration(db: Database, revision: str | None) -> Path | None:
    path = db.path
    if path is None or not path.exists():
        return None
    return backup_to(db, backups_dir(db) / f"pre-migrate-{revision or 'empty'}-{_stamp()}.sqlite3")


@dataclass
class BackupCheck:
    ok: bool
    message: str


def verify_backup_file(path: Path) -> BackupCheck:
    path = Path(path)
    if not path.is_file():
        return BackupCheck(False, f"ファイルが見つかりません: {path}")
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return BackupCheck(False, "pcdesk のバックアップファイルではありません（SQLite 形式でない）。")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return BackupCheck(False, f"ファイルが壊れています（{result}）。別のバックアップを選んでください。")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return BackupCheck(False, f"ファイルを読めません（{exc}）。別のバックアップを選んでください。")
    missing = REQUIRED_TABLES - tables
    if missing:
        return BackupCheck(False, "pcdesk のバックアップではありません（必要な表がありません: "
                                  + "、".join(sorted(missing)) + "）。")
    if not _has_administrator(path):
        return BackupCheck(False, "このバックアップには有効な管理者アカウントがありません（初期設定の前に作られた"
                                  "ものです）。復元すると誰もログインできなくなるため、別のバックアップを選んでください。")
    chain = _verify_chain_of(path)
    if not chain.ok:
        return BackupCheck(False, f"このバックアップの監査証跡が改ざんされています（{chain.describe()}）。"
                                  "別のバックアップを選び、個人情報保護管理者に報告してください。")
    return BackupCheck(True, f"整合性チェック: 正常、{chain.describe()}")


def _has_administrator(path: Path) -> bool:
    conn = sqlite3.connect(str(path), timeout=30)  # read-write: a live WAL file may need its -shm made
    try:
        return bool(conn.execute(
            "SELECT COUNT(*) FROM user_account u JOIN user_role r ON r.user_id = u.id "
            "WHERE r.role = 'admin' AND u.active").fetchone()[0])
    finally:
        conn.close()


def _verify_chain_of(path: Path):  # -> ChainReport
    """The backup's own audit chain, read-only (a plain engine: no pragmas that would write)."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from pcdesk.audit.trail import verify_chain

    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            return verify_chain(session)
    finally:
        engine.dispose()


def restore_from(db: Database, backup_file: Path, progress: Progress | None = None) -> Path:
    """Replace the live database with `backup_file`; returns where the replaced one was kept."""
    check = verify_backup_file(backup_file)
    if not check.ok:
        raise BackupError(check.message)
    live = _sqlite_path(db)
    live.parent.mkdir(parents=True, exist_ok=True)
    kept = backups_dir(db) / f"replaced-{_stamp()}.sqlite3"
    if live.exists():
        _copy(live, kept)
    db.dispose()  # close our pooled connections before overwriting the file
    source = sqlite3.connect(str(backup_file), timeout=30)
    target = sqlite3.connect(str(live), timeout=30)
    try:
        source.backup(target, progress=(lambda _s, r, t: progress(t - r, t)) if progress else None)
    finally:
        target.close()
        source.close()
    return kept


def auto_backup_if_due(db: Database, keep: int = 14, today: dt.date | None = None) -> Path | None:
    """One backup per day on first start; the oldest beyond `keep` are removed."""
    if db.path is None or not db.path.exists() or not _has_administrator(db.path):
        return None  # nothing worth keeping before the first-run set-up
    day = today or clock.today()
    folder = backups_dir(db)
    target = folder / f"{AUTO_PREFIX}{day:%Y%m%d}.sqlite3"
    made = None
    if not target.exists():
        made = backup_to(db, target)
    autos = sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite3"))
    for old in autos[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


def integrity_ok(db: Database) -> tuple[bool, str]:
    if not db.is_sqlite:
        return True, "サーバーデータベース（整合性チェックはサーバー側で実施）"
    with db.engine.connect() as conn:
        from sqlalchemy import text
        result = conn.execute(text("PRAGMA integrity_check")).scalar()
        fk = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if result != "ok":
        return False, f"データベースの整合性: 異常（{result}）"
    if fk:
        return False, f"参照整合性: 異常（{len(fk)} 件）"
    return True, "データベースの整合性: 正常"
