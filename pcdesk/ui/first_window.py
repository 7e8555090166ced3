"""Start-up check: with PCDESK_FIRST_WINDOW=<file>, note the first window and close it again.

The frozen-bundle test, the start-up benchmark and installer/build.ps1 start the real
application and need to know that it reached its first window (login, start choice, or
an error box) without anyone clicking. A login shown while the database still opens adds
the moment it became usable (`note_ready`). The report is one JSON line — the window's class
and title, the wall-clock moment it was shown and the CPU time the process had used by
then — written to a file because a windowed Windows executable has no console. Every
window shown after that is closed too, so the process always ends by itself.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

ENV = "PCDESK_FIRST_WINDOW"


def window_report(window: QWidget) -> dict:
    """What a start-up check learns about the window that was shown."""
    from PySide6.QtCore import QLibraryInfo

    translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    app = QApplication.instance()
    return {
        "class": type(window).__name__,
        "title": window.windowTitle(),
        "shown_at": time.time(),  # epoch seconds, compared with the moment the process was started
        "cpu": time.process_time(),  # CPU seconds the process used until now, interpreter start included
        "frozen": bool(getattr(sys, "frozen", False)),
        # Qt's own Japanese (OK → キャンセル, the file dialog) travels with a frozen bundle too.
        "qt_japanese": (translations / "qtbase_ja.qm").is_file(),
        "translators": len(getattr(app, "_pcdesk_translators", ())),
        "style": bool(app.styleSheet()) if app is not None else False,
        # Top-level packages imported by then: what start-up paid for (Alembic, reportlab… should not be here).
        "modules": sorted({name.partition(".")[0] for name in list(sys.modules)}),
        "pcdesk_modules": sorted(name for name in list(sys.modules) if name.startswith("pcdesk.")),
    }


class FirstWindowProbe(QObject):
    def __init__(self, app: QApplication, report: Path) -> None:
        super().__init__(app)
        self.report = report
        self.seen = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and not isinstance(watched, QProgressDialog)):  # the backup's progress is not a window to act in
            if not self.seen:
                self.seen = True
                self.report.write_text(json.dumps(window_report(watched), ensure_ascii=False) + "\n",
                                       encoding="utf-8")
            QTimer.singleShot(0, lambda w=watched: _close(w))
        return False


    def note_ready(self) -> None:
        """The login shown before the database was open has become usable: when, and what
        had been imported by then (added to the report of the first window)."""
        if not self.report.is_file():
            return
        data = json.loads(self.report.read_text(encoding="utf-8"))
        data.update(ready_at=time.time(), ready_cpu=time.process_time(),
                    ready_modules=sorted({name.partition(".")[0] for name in list(sys.modules)}))
        self.report.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def _close(window: QWidget) -> None:
    if isinstance(window, QDialog):
        window.reject()  # a modal exec() returns as if the user pressed キャンセル / 終了
    else:
        window.close()
        QApplication.quit()


def install_if_asked(app: QApplication) -> FirstWindowProbe | None:
    target = os.environ.get(ENV)
    return FirstWindowProbe(app, Path(target)) if target else None
