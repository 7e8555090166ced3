"""Per-PC window preferences (sizes, last page); shared settings live in the database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "pcdesk"
APPLICATION = "pcdesk"


def ui_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)
