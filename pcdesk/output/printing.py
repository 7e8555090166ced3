"""The PDFs 「印刷」 makes only to hand to the PDF viewer.

They hold personal information, so they go to a folder of the person's own (under the
per-user data folder, readable by them only), never to a shared temporary folder, and are
removed again: at the next print once the viewer has had time to print them, and when
pcdesk ends (a file a viewer still holds open is removed at the next start).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pcdesk.clock import now

FOLDER = "print"
KEEP_SECONDS = 30 * 60  # a viewer opened from 印刷 is done with its file well within this


def print_folder() -> Path:
    from pcdesk.store.paths import data_dir

    folder = data_dir() / FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)  # also when it was made before, or under a lax umask
    return folder


def discard_print_files(older_than: float = 0.0) -> int:
    """Remove the PDFs made for printing (those older than `older_than` seconds); returns how many.
    A file still open in a viewer (Windows locks it) is left for the next time."""
    folder = print_folder()
    limit = time.time() - older_than
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime <= limit:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def print_path(name: str, suffix: str = ".pdf") -> Path:
    """A fresh private file for 「印刷」: `name` (e.g. 個人情報管理台帳_20261122) and the time."""
    discard_print_files(KEEP_SECONDS)
    folder = print_folder()
    stem = f"{name}_{now():%H%M%S}"
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():  # two prints in one second: never write over a file a viewer is reading
        n += 1
        path = folder / f"{stem}_{n}{suffix}"
    return path
