"""Consistent online copies of the SQLite file, the file checks, daily rotation.

SQLite's backup API copies a consistent snapshot even while other windows write (WAL),
which a plain file copy of a live database does not. Copying *into* the live file goes
through the same API inside one write transaction, so a process killed mid-copy leaves
the old database whole. What a backup means for the audit trail and the accounts (is it
tampered with, does it have an administrator) is decided above the store, in
pcdesk.backups.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import sqlite3
from pathlib import Path
from typing import Any, Callable

from pcdesk import clock
from pcdesk.errors import PcdeskError
from pcdesk.store.engine import Database

REQUIRED_TABLES = {"alembic_version", "audit_entry", "audit_head", "company_profile", "user_account"}
AUTO_PREFIX = "auto-"
SQLITE_MAGIC = b"SQLite format 3\x00"
STEP_PAGES = 256  # pages per backup step (the progress bar moves between steps)
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


def stamp() -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def disk_problem(exc: BaseException, target: Path, what: str) -> BackupError:
    """A full disk, a read-only folder, a busy file: what happened and what to do, in Japanese."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return BackupError(f"{what}: 保存先のディスクがいっぱいです（{target.parent}）。不要なファイルを消して空きを作るか、"
                           "別の保存先（USB メモリなど）を選んで、もう一度お試しください。途中まで書いたファイルは消しました。")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "read-only" in text \
            or "unable to open" in text or isinstance(exc, PermissionError):
        return BackupError(f"{what}: 保存先のフォルダに書き込めません（{target.parent}）。書き込みできるフォルダを選ぶか、"
                           "フォルダの権限を確かめてください。読み取り専用の USB メモリや CD には保存できません。")
    if "locked" in text or "busy" in text:
        return BackupError(f"{what}: ファイルがほかのプログラムに長い間使われています（{target}）。"
                           "ほかの pcdesk やバックアップソフトが終わるのを待って、もう一度お試しください。")
    return BackupError(f"{what}: ファイルを書けませんでした（{target}）: {exc}。保存先とディスクの空きを確かめてください。")


def copy_database(src: Path, dst: Path, progress: Progress | None = None, what: str = "バックアップ") -> Path:
    """A consistent copy of `src` at `dst`, written beside it as .part and renamed at the end."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(str(src), timeout=30)
        target = sqlite3.connect(str(tmp))
        try:
            def _step(_status: int, remaining: int, total: int) -> None:
                if progress:
                    progress(total - remaining, total)
            source.backup(target, pages=STEP_PAGES, progress=_step)
            target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            target.close()
            source.close()
        tmp.replace(dst)  # never leave a half-written file under the final name
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise disk_problem(exc, dst, what) from exc
    return dst


def backup_to(db: Database, out: Path, progress: Progress | None = None) -> Path:
    out = Path(out).expanduser().resolve()
    if out == _sqlite_path(db).resolve():
        raise BackupError("保存先が使用中のデータベースと同じです。別のファイル名を指定してください。")
    if out.is_dir():
        raise BackupError(f"「{out}」はフォルダです。ファイル名を指定してください。")
    return copy_database(_sqlite_path(db), out, progress)


def backup_before_migration(db: Database, revision: str | None) -> Path | None:
    path = db.path
    if path is None or not path.exists():
        return None
    return backup_to(db, backups_dir(db) / f"pre-migrate-{revision or 'empty'}-{stamp()}.sqlite3")


def replace_live(db: Database, staged: Path, progress: Progress | None = None) -> None:
    """Copy `staged` over the live database in one transaction (all of it, or nothing)."""
    live = _sqlite_path(db)
    db.dispose()  # close our pooled connections before overwriting the file
    try:
        source = sqlite3.connect(str(staged), timeout=30)
        target = sqlite3.connect(str(live), timeout=30)
        try:
            source.backup(target, pages=-1 if progress is None else STEP_PAGES,
                          progress=(lambda _s, r, t: progress(t - r, t)) if progress else None)
        finally:
            target.close()
            source.close()
    except (sqlite3.Error, OSError) as exc:
        raise disk_problem(exc, live, "復元") from exc


def replace_damaged(db: Database, staged: Path) -> None:
    """A live file SQLite cannot open cannot be written page by page: the staged file takes
    its place by rename (the damaged one was kept first), its stale -wal/-shm removed."""
    live = _sqlite_path(db)
    db.dispose()
    try:
        for extra in ("-wal", "-shm", "-journal"):
            live.with_name(live.name + extra).unlink(missing_ok=True)
        staged.replace(live)
    except OSError as exc:
        raise disk_problem(exc, live, "復元") from exc


def file_problem(path: Path) -> str | None:
    """Why `path` is not a readable pcdesk database file (store-level checks only), or None."""
    path = Path(path)
    if not path.is_file():
        return f"ファイルが見つかりません: {path}"
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                return "pcdesk のバックアップファイルではありません（SQLite 形式でない）。"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return f"ファイルが壊れています（{result}）。別のバックアップを選んでください。"
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except (sqlite3.DatabaseError, OSError) as exc:
        return f"ファイルを読めません（{exc}）。別のバックアップを選んでください。"
    missing = REQUIRED_TABLES - tables
    if missing:
        return "pcdesk のバックアップではありません（必要な表がありません: " + "、".join(sorted(missing)) + "）。"
    return None


def file_revisions(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()


def _norm_type(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().upper())


def sqlite_schema(conn: sqlite3.Connection) -> dict[tuple[str, str], Any]:
    """Every table (columns, keys), index, trigger and view, comparable between two files."""
    found: dict[tuple[str, str], Any] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if name.startswith("sqlite_"):
            continue
        if kind == "table":
            cols = [(c[1], _norm_type(c[2]), c[3], c[4], c[5]) for c in conn.execute(f'PRAGMA table_info("{name}")')]
            fks = sorted((f[2], f[3], f[4], f[5], f[6]) for f in conn.execute(f'PRAGMA foreign_key_list("{name}")'))
            found[(kind, name)] = {"columns": cols, "foreign_keys": fks}
        elif kind == "index":
            info = [c[2] for c in conn.execute(f'PRAGMA index_info("{name}")')]
            found[(kind, name)] = {"table": table, "columns": info, "sql": _norm_type(sql)}
        else:  # trigger, view: what they do is in their SQL
            found[(kind, name)] = {"table": table, "sql": _norm_type(sql)}
    return found


def file_schema(path: Path) -> dict[tuple[str, str], Any]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sqlite_schema(conn)
    finally:
        conn.close()


KIND_LABELS = {"table": "表", "index": "索引", "trigger": "トリガー", "view": "ビュー"}


def schema_differences(found: dict, expected: dict) -> list[str]:
    """What `found` has that the migrations do not create, or lacks, in Japanese."""
    out = []
    for kind, name in sorted(set(found) - set(expected)):
        out.append(f"pcdesk が作らない{KIND_LABELS.get(kind, kind)}「{name}」があります")
    for kind, name in sorted(set(expected) - set(found)):
        out.append(f"{KIND_LABELS.get(kind, kind)}「{name}」がありません")
    for key in sorted(set(found) & set(expected)):
        if found[key] != expected[key]:
            out.append(f"{KIND_LABELS.get(key[0], key[0])}「{key[1]}」の定義が pcdesk の作るものと違います")
    return out


def auto_backup_if_due(db: Database, keep: int = 14, today: dt.date | None = None) -> Path | None:
    """One backup per day; the oldest beyond `keep` are removed. (pcdesk.backups decides
    whether the database is worth keeping yet.)"""
    if db.path is None or not db.path.exists():
        return None
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
