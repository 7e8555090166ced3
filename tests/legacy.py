"""A database written by pcdesk before the keyed audit chain (tests/data/README.md)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

LEGACY = Path(__file__).parent / "data" / "legacy-0002-demo.sqlite3.gz"
LEGACY_PASSWORD = "demo-pass-2026"
LEGACY_ENTRIES = 352  # demo (350) + a login + a failed login


def legacy_copy(folder: Path, name: str = "old.sqlite3") -> Path:
    path = folder / name
    with gzip.open(LEGACY, "rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return path
