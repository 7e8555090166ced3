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


def default_database_path() -> Path:
    return data_dir() / "pcdesk.sqlite3"
