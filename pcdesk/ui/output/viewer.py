"""Opening a made file in the program the PC associates with it, and saying so when none opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from pcdesk.ui import messages


def not_opened_text(path: Path, printing: bool) -> str:
    """Where the file is, so the person can open (and print) it by hand."""
    if printing:
        return ("PDF を作りましたが、PDF ビューアーで開けませんでした"
                "（PDF を開くアプリが設定されていない可能性があります）。\n\n"
                f"PDF の場所:\n{path}\n\nエクスプローラーでこのファイルを開いて印刷してください。")
    return ("ファイルを保存しましたが、開けませんでした"
            "（このファイルを開くアプリが設定されていない可能性があります）。\n\n"
            f"保存した場所:\n{path}\n\nエクスプローラーでこのファイルを開いてください。")


def open_in_viewer(parent: QWidget | None, path: Path, printing: bool = False) -> bool:
    """True when a viewer took the file; otherwise the person is told where it is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    messages.warn(parent, not_opened_text(path, printing), "ファイルを開けません")
    return False
