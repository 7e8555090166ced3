"""Backup and restore as services: the GUI and `pcdesk backup` / `pcdesk restore` call these.

The store copies files (pcdesk.store.backup); this layer decides what a backup means:
its schema must be exactly what the migrations create, its audit trail must verify, it
must have an administrator, and a newer pcdesk's backup is refused before anything is
replaced. The audit events are written here, never by the caller.

A restore runs in this order, so a process killed at any step leaves either the old
database whole or the restored one *with* its 復元 entry:

1. verify the file; 2. copy it beside the live file as ``<live>.restoring`` and migrate
the copy; 3. record the 復元 event in the copy (with the entries of the live chain it
sets aside); 4. copy the live file to ``backups/replaced-…`` (``damaged-…`` when it
cannot be read); 5. copy the staged file over the live one in one transaction; 6. note
the new head outside the database. Leftovers of an interrupted restore are removed at
start-up (`remove_leftovers`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from pcdesk.accounts.service import count_admins
from pcdesk.audit import anchors
from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.audit.rows import row_problems
from pcdesk.audit.trail import ChainReport, record_event, verify_chain
from pcdesk.audit import keys
from pcdesk.errors import PcdeskError
from pcdesk.services import ADMIN, SYSTEM, Workspace
from pcdesk.store import backup as files
from pcdesk.store.backup import AUTO_PREFIX, BackupError, Progress, backups_dir
from pcdesk.store.engine import Database, resolve_url
from pcdesk.store.migrate import reference_schema, unknown_revisions, upgrade

STAGED_SUFFIX = ".restoring"
STALE_AFTER = 10 * 60  # seconds: a leftover this old belongs to no running restore
Step = Callable[[str], None]  # test hook: called after each step of a restore


@dataclass
class BackupCheck:
    ok: bool
    message: str
    missing_key: bool = False  # the only problem is a key this PC lacks (pcdesk key import)
    chain: ChainReport | None = None


def _file_checks(path: Path) -> str | None:
    """Checks on the file as it is, before any copy is migrated: format, version, schema."""
    problem = files.file_problem(path)
    if problem:
        return problem
    applied = files.file_revisions(path)
    unknown = unknown_revisions(applied)
    if unknown:
        return ("このバックアップは、より新しい版の pcdesk で作られています（形式: " + "、".join(unknown) + "）。"
                "この版では復元できません。pcdesk を最新版に更新してから復元してください。今のデータはそのままです。")
    differences = files.schema_differences(files.file_schema(path), reference_schema(applied))
    if differences:
        return ("このバックアップの構造が、pcdesk の作るものと違います（" + "。".join(differences[:5]) + "）。"
                "書き加えられたトリガーなどは、復元後に監査証跡を通さずにデータを変えるおそれがあるため、復元できません。"
                "別のバックアップを選び、個人情報保護管理者に報告してください。")
    return None


def _content_checks(db: Database, allow_missing_key: bool) -> BackupCheck:
    """Checks on a migrated copy: administrator, audit chain, rows bound to the trail."""
    ws = Workspace(db, SYSTEM)
    if not count_admins(ws):
        return BackupCheck(False, "このバックアップには有効な管理者アカウントがありません（初期設定の前に作られた"
                                  "ものです）。復元すると誰もログインできなくなるため、別のバックアップを選んでください。")
    with db.new_read_session() as s:
        chain = verify_chain(s)
        rows = row_problems(s.connection(), keys.get_key) if chain.ok or chain.unverifiable else []
    if chain.unverifiable:
        if not allow_missing_key:
            return BackupCheck(False, "このバックアップの監査証跡の鍵（" + "・".join(chain.missing_keys) + "）がこの PC に"
                                      "ありません。元の PC で pcdesk key export --out 鍵ファイル を実行し、この PC で "
                                      "pcdesk key import 鍵ファイル で登録してから復元してください。元の PC が使えないときは、"
                                      "検証せずに復元することもできます（pcdesk restore --without-key）。",
                               missing_key=True, chain=chain)
    elif not chain.ok:
        return BackupCheck(False, f"このバックアップの監査証跡が改ざんされています（{chain.describe()}）。"
                                  "別のバックアップを選び、個人情報保護管理者に報告してください。", chain=chain)
    if rows:
        return BackupCheck(False, "このバックアップには、監査証跡を通さずに変えられたデータがあります（"
                                  + rows[0].describe() + (f" ほか {len(rows) - 1} 件" if len(rows) > 1 else "")
                                  + "）。別のバックアップを選び、個人情報保護管理者に報告してください。", chain=chain)
    return BackupCheck(True, f"整合性チェック: 正常、{chain.describe()}", chain=chain)


def _stage(backup_file: Path, staged: Path, progress: Progress | None = None) -> Database:
    files.copy_database(backup_file, staged, progress, what="復元の準備")
    db = Database(resolve_url(staged))
    upgrade(db, keep_copy=False)
    return db


def verify_backup(path: Path, allow_missing_key: bool = False) -> BackupCheck:
    """Whether `path` can be restored, and why not in Japanese. Nothing live is touched:
    the content is checked on a scratch copy brought to this version's schema."""
    path = Path(path)
    problem = _file_checks(path)
    if problem:
        return BackupCheck(False, problem)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pcdesk-verify-") as folder:
        db = _stage(path, Path(folder) / "check.sqlite3")
        try:
            return _content_checks(db, allow_missing_key)
        finally:
            db.dispose()


def make_backup(ws: Workspace, out: Path, progress: Progress | None = None) -> Path:
    """A backup chosen by an administrator, recorded in the trail; its head is an anchor."""
    ws.require(ADMIN)
    made = files.backup_to(ws.db, Path(out), progress)
    with ws.write() as s:
        record_event(s, "backup", "database", "", f"バックアップを作成: {made.name}", {"ファイル": str(made)})
    _note_file(ws.db, made, f"バックアップ {made.name}")
    return made


def daily_backup(ws: Workspace, keep: int, today: dt.date | None = None) -> Path | None:
    """The automatic backup of the day (none before the first-run set-up: nothing to keep)."""
    ws.require(ADMIN)
    if ws.db.path is None or not ws.db.path.exists() or not count_admins(ws):
        return None
    made = files.auto_backup_if_due(ws.db, keep, today)
    if made is not None:
        with ws.write() as s:
            record_event(s, "backup", "database", "", f"自動バックアップを作成: {made.name}", {"ファイル": str(made)})
        _note_file(ws.db, made, f"自動バックアップ {made.name}")
    return made


def _note_file(db: Database, path: Path, why: str) -> None:
    head = anchors.sqlite_head(path)
    if head is not None:
        try:
            anchors.note(db.url, seq=head.seq, hash=head.hash, chain=head.chain, why=why)
        except OSError:
            pass  # the backup itself carries the anchor


@dataclass
class RestoreResult:
    kept: Path | None  # the replaced database (None: there was none)
    kept_readable: bool = True
    set_aside: tuple[int, int] | None = None  # entries of the replaced chain not in the backup
    messages: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(self.messages)


def _head(db: Database) -> tuple[int, str]:
    with db.new_read_session() as s:
        row = s.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    return (row.last_seq, row.last_hash) if row else (0, "")


def _hash_at(db: Database, seq: int) -> str | None:
    with db.new_read_session() as s:
        return s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))


def common_prefix(a: Database, b: Database, limit: int) -> int:
    """The last entry both chains share (a chained hash equal at n means equal up to n)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _hash_at(a, mid) is not None and _hash_at(a, mid) == _hash_at(b, mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _live_state(db: Database) -> tuple[int, str] | None:
    """The live chain's head, or None when the live file is missing or unreadable."""
    if db.path is None or not db.path.exists() or files.file_problem(db.path):
        return None
    try:
        return _head(db)
    except Exception:  # noqa: BLE001 - a damaged live file: restored over, kept as damaged-…
        return None


def restore(ws: Workspace, backup_file: Path, progress: Progress | None = None,
            allow_missing_key: bool = False, step: Step | None = None) -> RestoreResult:
    """Replace the live database with `backup_file`; see the module docstring for the order."""
    actor = ws.require(ADMIN)
    backup_file = Path(backup_file)
    live_db = ws.db
    live = files._sqlite_path(live_db)
    done = step or (lambda _name: None)
    problem = _file_checks(backup_file)
    if problem:
        raise BackupError(problem)
    done("verified")
    live.parent.mkdir(parents=True, exist_ok=True)
    staged_path = live.with_name(live.name + STAGED_SUFFIX)
    staged = _stage(backup_file, staged_path, progress)
    try:
        check = _content_checks(staged, allow_missing_key)
        if not check.ok:
            raise BackupError(check.message)
        done("staged")
        state = _live_state(live_db)
        stamp = files.stamp()
        kept_name = f"{'replaced' if state is not None else 'damaged'}-{stamp}.sqlite3"
        result = RestoreResult(None, state is not None)
        details: dict = {"復元元": backup_file.name, "_common_seq": 0, "_replaced_chain": ""}
        summary = f"{backup_file.name} から復元"
        if live.exists():
            details["置き換え前のファイル"] = kept_name
            summary += f"（置換前: {kept_name}）"
        if state is not None and state[0] > 0:
            staged_seq, _ = _head(staged)
            common = common_prefix(staged, live_db, min(staged_seq, state[0]))
            details["_common_seq"] = common
            details["_replaced_seq"] = state[0]
            details["_replaced_chain"] = _hash_at(live_db, 1) or ""
            if state[0] > common:
                result.set_aside = (common + 1, state[0])
                details["取り除かれた記録"] = f"記録番号 {common + 1}〜{state[0]}（{state[0] - common}件）"
                summary += f"。置き換え前の記録番号 {common + 1}〜{state[0]} は置き換え前のファイルに残しました"
        with Workspace(staged, actor).write() as s:
            record_event(s, "restore", "database", "", summary, details)
        done("recorded")
        if live.exists():
            kept = backups_dir(live_db) / kept_name
            if state is not None:
                files.copy_database(live, kept, what="置き換える前のデータベースの保存")
            else:
                shutil.copy2(live, kept)  # unreadable: kept byte for byte, never offered as a source
            result.kept = kept
        done("kept")
        if state is None and live.exists():
            staged.dispose()  # its WAL folded back into the file before it is renamed
            files.replace_damaged(live_db, staged_path)
        else:
            files.replace_live(live_db, staged_path, progress)
        done("replaced")
    finally:
        staged.dispose()
    staged_path.unlink(missing_ok=True)
    head = anchors.sqlite_head(live)
    if head is not None:
        try:
            anchors.note(live_db.url, seq=head.seq, hash=head.hash, chain=head.chain, why=f"復元 {backup_file.name}")
        except OSError:
            pass
    result.messages = _restore_messages(backup_file, result)
    return result


def _restore_messages(backup_file: Path, result: RestoreResult) -> list[str]:
    lines = [f"{backup_file.name} から復元しました。"]
    if result.kept is not None and result.kept_readable:
        lines.append(f"置き換える前のデータベースは保存してあります: {result.kept}")
    elif result.kept is not None:
        # Never offered as a file to restore from: it is the broken copy.
        lines.append(f"置き換える前のファイルは読めない状態だったため、調査用に保存しました（復元には使えません）: {result.kept}")
    if result.set_aside:
        a, b = result.set_aside
        lines.append(f"バックアップより後の記録番号 {a}〜{b}（{b - a + 1}件）は、今のデータベースから取り除かれました。"
                     + (f"置き換える前のファイル {result.kept.name} に残っています。" if result.kept else ""))
    lines.append("もう一度ログインしてください。")
    return lines


def remove_leftovers(db: Database, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove what an interrupted restore or backup left: <live>.restoring, backups/*.part."""
    if db.path is None:
        return []
    candidates = [db.path.with_name(db.path.name + STAGED_SUFFIX + ext) for ext in ("", "-wal", "-shm", "-journal")]
    folder = db.path.parent / "backups"
    if folder.is_dir():
        candidates += list(folder.glob("*.part"))
    candidates += [db.path.with_name(db.path.name + STAGED_SUFFIX + ".part")]
    removed = []
    limit = time.time() - older_than
    for path in candidates:
        try:
            if path.exists() and path.stat().st_mtime <= limit:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def automatic_backups(db: Database) -> list[Path]:
    """The daily automatic backups, newest first (empty for a server database)."""
    if db.path is None:
        return []
    return sorted(backups_dir(db).glob(f"{AUTO_PREFIX}*.sqlite3"), reverse=True)


__all__ = ["BackupCheck", "BackupError", "PcdeskError", "RestoreResult", "automatic_backups", "daily_backup",
           "make_backup", "remove_leftovers", "restore", "verify_backup"]
