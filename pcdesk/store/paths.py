"""Where pcdesk keeps its files: %LOCALAPPDATA%\\pcdesk on Windows, platformdirs elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    override = os.environ.get("PCDESK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        # appauthor=False keeps the Windows path at %LOCALAPPDATA%\pcdesk, not ...\pcdesk\pcdesk.
        path = Path(platformdirs.user_data_dir("pcdesk", appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


ENV_URL = "PCDESK_DATABASE_URL"


def default_database_path() -> Path:
    return data_dir() / "pcdesk.sqlite3"


def chosen_database(db: str | os.PathLike[str] | None = None) -> str:
    """--db beats PCDESK_DATABASE_URL beats the per-user default file: a URL or a file path."""
    return str(db) if db else os.environ.get(ENV_URL) or str(default_database_path())


def existing_database_file(db: str | os.PathLike[str] | None = None) -> Path | None:
    """The chosen SQLite file when it is there and not empty, else None (also for a URL).

    Read before anything heavy is imported: the GUI shows its login window at once when the
    database has been used before, and opens it behind the window (pcdesk.ui.application).
    """
    raw = chosen_database(db)
    if "://" in raw:
        return None
    path = Path(raw).expanduser().resolve()
    try:
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None
