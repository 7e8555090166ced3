"""Unfinished output files (.part): each is registered while it exists, so one left by a
killed or failed export is removed at the next start-up, wherever it was saved.

An export writes ``.<name>.<id>.part`` beside the chosen file, records the export in the
audit trail, and only then renames it (pcdesk.output.export): a complete ledger is never
visible without its audit entry.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from pathlib import Path

from pcdesk.store.paths import data_dir

STALE_AFTER = 120  # seconds; a .part is written at the very end of an export and renamed at once


def _folder() -> Path:
    folder = data_dir() / "pending-parts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def register(part: Path) -> Path:
    """Note `part` before it is written; returns the note to `release`."""
    note = _folder() / f"{uuid.uuid4().hex}.json"
    try:
        note.write_text(json.dumps({"path": str(part), "pid": os.getpid(), "at": time.time()}, ensure_ascii=False),
                        encoding="utf-8")
    except OSError:
        pass  # the export still removes its own .part; only a kill would leave one
    return note


def release(note: Path) -> None:
    note.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):
        return True  # no cheap, safe probe on Windows: age alone decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_parts(older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the .part files of exports that will never finish; returns what was removed."""
    removed: list[Path] = []
    folder = data_dir() / "pending-parts"
    if not folder.is_dir():
        return removed
    try:
        notes = list(folder.glob("*.json"))
    except OSError:
        return removed
    for note in notes:
        try:
            info = json.loads(note.read_text(encoding="utf-8"))
            part, pid, at = Path(info["path"]), int(info.get("pid", 0)), float(info.get("at", 0))
        except (OSError, ValueError, KeyError, TypeError):
            note.unlink(missing_ok=True)
            continue
        if _alive(pid) and time.time() - at < older_than:
            continue
        try:
            if part.exists() and part.name.endswith(".part"):
                part.unlink()
                removed.append(part)
            note.unlink(missing_ok=True)
        except OSError:
            continue
    return removed
