"""One export run off the GUI thread, with its own Workspace (a Workspace's open write unit
is not shared across threads); it reports through signals and stops when asked."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from pcdesk.output.export import export_ledger
from pcdesk.output.registry import LedgerQuery
from pcdesk.services import Workspace


class ExportWorker(QObject):
    """Runs one export off the GUI thread and reports through signals."""

    progressed = Signal(int, int)  # records written, total (-1 when unknown)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(object)  # the exception; ExportCancelled after 中止

    def __init__(self, ws: Workspace, ledger_id: str, fmt: str, out: Path, query: LedgerQuery,
                 action: str, paper: str | None = None) -> None:
        super().__init__()
        self.ws = Workspace(ws.db, ws.actor)  # its own unit of work, never the GUI thread's
        self.args = (ledger_id, fmt, out, query)
        self.action = action
        self.paper = paper
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        ledger_id, fmt, out, query = self.args
        try:
            result = export_ledger(self.ws, ledger_id, fmt, out, query, progress=self._report,
                                   cancel=self.stop.is_set, action=self.action, paper=self.paper)
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    def _report(self, done: int, total: int | None) -> None:
        self.progressed.emit(done, -1 if total is None else total)
