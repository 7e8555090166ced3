"""Anchors: where the chain stood (sequence number + hash), kept where a rewriter of the
database does not reach.

A consistent truncation or wipe of the trail leaves a chain that verifies; only a note
kept elsewhere shows that entry 120 once existed with this hash. Anchors are

- the anchor file ``<data dir>/audit-anchors.jsonl``: one line after every commit that
  wrote audit entries (and after every backup, export and restore);
- every backup file (its own audit_head);
- every exported ledger (a token in the document properties, the number on paper);
- anything named with ``pcdesk check --anchor``.

`verify` names the first anchor the database no longer contains. Each anchor also names
its chain by the hash of entry 1, so the backups of another database in the same folder
(the demo beside the real one) are not mistaken for this one's.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import URL

from pcdesk import clock
from pcdesk.audit.model import AuditEntry
from pcdesk.dates import format_datetime
from pcdesk.store.paths import data_dir

FILE_NAME = "audit-anchors.jsonl"
TOKEN_RE = re.compile(rb"pcdesk-anchor:v1:([0-9a-f]{0,64}):([0-9]{1,12}):([0-9a-f]{16,64})")
PAPER_RE = re.compile(r"(?:No\.?\s*)?([0-9]{1,12})[-\s/]+([0-9a-fA-F]{16,64})")
KEEP_PER_DATABASE = 400  # lines kept per database when the file is tidied
TIDY_BYTES = 2_000_000


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str  # full, or at least 16 hex digits (from paper)
    chain: str = ""  # hash of entry 1 (or its first 16 hex digits); "" = unknown
    source: str = ""  # where it was found, for the message
    at: str = ""


def identity(url: URL | str) -> str:
    """One name per database: the SQLite file's full path, or the server URL without password."""
    from sqlalchemy.engine import make_url

    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        return str(Path(url.database or "").expanduser().resolve()) if url.database else ":memory:"
    return url.render_as_string(hide_password=True)


def anchor_file() -> Path:
    return data_dir() / FILE_NAME


def note(url: URL | str, *, seq: int, hash: str, chain: str, why: str) -> None:
    """Append where the chain of `url` stands now to the anchor file."""
    if seq <= 0:
        return
    db = identity(url)
    if db == ":memory:":
        return
    line = json.dumps({"db": db, "seq": seq, "hash": hash, "chain": chain, "why": why,
                       "at": clock.now().isoformat()}, ensure_ascii=False)
    path = anchor_file()
    # One write() of the whole line with O_APPEND: a process killed mid-note leaves no half line.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
    finally:
        os.close(fd)
    if path.stat().st_size > TIDY_BYTES:
        _tidy(path)


def _tidy(path: Path) -> None:
    """Keep the first anchor and the newest ones of every database (the file stays small)."""
    by_db: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            by_db.setdefault(json.loads(line)["db"], []).append(line)
        except (ValueError, KeyError, TypeError):
            continue
    kept = [ln for lines in by_db.values() for ln in lines[:1] + lines[1:][-KEEP_PER_DATABASE:]]
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(kept) + "\n", encoding="utf-8")
    tmp.replace(path)


def file_anchors(url: URL | str) -> list[Anchor]:
    db = identity(url)
    path = anchor_file()
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
            if item["db"] != db:
                continue
            at = str(item.get("at", ""))
            found.append(Anchor(int(item["seq"]), str(item["hash"]), str(item.get("chain", "")),
                                f"監査証跡の控え（{_when(at)}、{item.get('why', '')}）", at))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _when(iso: str) -> str:
    try:
        import datetime as dt

        return format_datetime(dt.datetime.fromisoformat(iso))
    except ValueError:
        return iso


def sqlite_head(path: Path) -> Anchor | None:
    """The head of a pcdesk SQLite file (a backup), read-only; None if it is not one."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        head = conn.execute("SELECT last_seq, last_hash FROM audit_head WHERE id = 1").fetchone()
        first = conn.execute("SELECT hash FROM audit_entry WHERE seq = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if not head or not head[0]:
        return None
    return Anchor(int(head[0]), str(head[1]), str(first[0]) if first else "", f"バックアップ「{path.name}」")


def backup_anchors(folder: Path, chain: str) -> list[Anchor]:
    """The heads of the backups in `folder` that belong to chain `chain`."""
    if not folder.is_dir() or not chain:
        return []
    found = []
    for path in sorted(folder.glob("*.sqlite3")):
        head = sqlite_head(path)
        if head is not None and head.chain == chain:
            found.append(head)
    return found


def token(seq: int, hash: str, chain: str) -> str:
    """Machine-readable anchor written into an exported file's properties."""
    return f"pcdesk-anchor:v1:{chain[:16]}:{seq}:{hash}"


def paper_text(seq: int, hash: str) -> str:
    """What a printed ledger shows in its footer; `pcdesk check --anchor "120-1a2b…"` reads it back."""
    return f"監査証跡 No.{seq}-{hash[:16]}"


def read_anchor(source: str) -> Anchor | None:
    """An anchor from an exported ledger (xlsx, pdf) or as typed from paper ("120-1a2b3c4d5e6f7a8b")."""
    path = Path(source)
    if path.is_file():
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as zf:
                    data = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("docProps/"))
            else:
                data = path.read_bytes()
        except (OSError, zipfile.BadZipFile, KeyError):
            return None
        found = TOKEN_RE.search(data)
        if found is None:
            head = sqlite_head(path) if data[:16] == b"SQLite format 3\x00" else None
            return head
        chain, seq, hash_ = (g.decode("ascii") for g in found.groups())
        return Anchor(int(seq), hash_, chain, f"出力した台帳「{path.name}」")
    typed = PAPER_RE.search(source)
    if typed is None:
        return None
    return Anchor(int(typed.group(1)), typed.group(2).lower(), "", f"入力された控え「{source.strip()}」")


# -- checking ----------------------------------------------------------------------------

@dataclass
class AnchorReport:
    ok: bool = True
    checked: int = 0
    problem: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.checked == 0:
            return "アンカー照合: 照合できる控えがありません"
        if self.ok:
            return f"アンカー照合: 正常（{self.checked} か所の控えと一致）"
        return f"アンカー照合: 異常 — {self.problem}"


@dataclass(frozen=True)
class SetAside:
    """A restore recorded in the chain: entries `common_seq`+1 … `replaced_seq` of the
    replaced chain were set aside (they remain in the replaced file, `kept`)."""

    common_seq: int
    replaced_seq: int
    replaced_chain: str
    kept: str

    def covers(self, anchor: Anchor) -> bool:
        return self.common_seq < anchor.seq <= self.replaced_seq and _same_chain(anchor.chain, self.replaced_chain)


def set_asides(session) -> list[SetAside]:  # type: ignore[no-untyped-def]
    out = []
    q = select(AuditEntry.changes).where(AuditEntry.action == "restore")
    for (changes,) in session.execute(q):
        try:
            data: dict[str, Any] = json.loads(changes)
            out.append(SetAside(int(data["_common_seq"]), int(data.get("_replaced_seq", 0)),
                                str(data.get("_replaced_chain", "")), str(data.get("置き換え前のファイル", ""))))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def _kept_hash(folder: Path | None, kept: str, seq: int) -> str | None:
    """The hash of entry `seq` in a replaced file kept by a restore ("" when the file is gone)."""
    path = folder / kept if folder is not None and kept else None
    if path is None or not path.is_file():
        return ""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT hash FROM audit_entry WHERE seq = ?", (seq,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _same_chain(a: str, b: str) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def verify(session, anchors: list[Anchor], chain: str, count: int,  # type: ignore[no-untyped-def]
           trusted_restores: bool = True, kept_folder: Path | None = None) -> AnchorReport:
    """Compare the chain with every anchor; the first anchor it no longer contains is named.

    `chain` is this database's entry-1 hash and `count` its number of entries (from
    verify_chain). An anchor of entries a restore set aside is checked against the replaced
    file it names (in `kept_folder`). Restores are only trusted when the chain verified.
    """
    report = AnchorReport()
    anchors = sorted({(a.seq, a.hash, a.chain): a for a in anchors if a.seq > 0}.values(),
                     key=lambda a: (a.seq, a.source))
    if not anchors:
        return report
    seqs = sorted({a.seq for a in anchors})
    hashes: dict[int, str] = {}
    for i in range(0, len(seqs), 500):
        part = seqs[i:i + 500]
        hashes.update((seq, h) for seq, h in session.execute(select(AuditEntry.seq, AuditEntry.hash)
                                                             .where(AuditEntry.seq.in_(part))))
    asides = set_asides(session) if trusted_restores else []
    for anchor in anchors:
        report.checked += 1
        here = hashes.get(anchor.seq)
        if here is not None and here.startswith(anchor.hash) and _same_chain(anchor.chain, chain):
            continue
        aside = next((r for r in asides if r.covers(anchor)), None)
        kept_hash = _kept_hash(kept_folder, aside.kept, anchor.seq) if aside is not None else None
        if aside is not None and kept_hash is not None and (kept_hash == "" or kept_hash.startswith(anchor.hash)):
            where = (f"置き換え前のファイル {aside.kept} に残っています" if kept_hash else
                     f"置き換え前のファイル {aside.kept} がないため、中身は照合していません")
            report.notes.append(f"{anchor.source}の記録番号 {anchor.seq} は、復元のときに取り除かれた記録です（{where}）。")
            continue
        report.ok = False
        if here is None:
            tail = f"記録は {count} 件までしかありません" if count else "記録が1件もありません"
            report.problem = (f"{anchor.source}にある記録番号 {anchor.seq} が、今のデータベースにありません（{tail}）。"
                              "記録が削除されたか、データベースが置き換えられています。")
        elif not _same_chain(anchor.chain, chain):
            report.problem = (f"{anchor.source}と今のデータベースでは、監査証跡が記録番号 1 から違います"
                              "（別のデータベースに置き換えられたか、証跡が作り直されています）。")
        else:
            report.problem = (f"{anchor.source}にある記録番号 {anchor.seq} の内容が、今のデータベースと一致しません"
                              f"（記録番号 {anchor.seq} までのどこかが書き換えられています）。")
        break
    return report
