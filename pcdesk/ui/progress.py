"""Long work (backups, restores, exports) off the GUI thread, behind a progress dialog.

Like Anki's CollectionOp: the caller writes plain code `result = run_task(...)`; the
window keeps repainting and the user may cancel between steps.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from pcdesk.errors import PcdeskError

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total)


class TaskCancelled(PcdeskError):
    def __init__(self) -> None:
        super().__init__("キャンセルしました。")


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], object]) -> None:
        super().__init__()
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        try:
            self.result = self.work(self.report)
        except BaseException as exc:  # handed back to the GUI thread and raised there
            self.error = exc
        self.finished.emit()

    def report(self, done: int, total: int) -> None:
        if self.cancelled:
            raise TaskCancelled()
        self.progressed.emit(done, total)


class _Relay(QObject):
    """Lives on the GUI thread, so the worker's progress reaches the dialog queued: a plain
    function connected to the worker's signal would run on the worker thread."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))


def run_task(parent: QWidget | None, label: str, work: Callable[[Progress], T],
             cancellable: bool = True) -> T:
    """Run `work(progress)` on a worker thread; returns its result or raises its error."""
    dialog = QProgressDialog(label, "キャンセル" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("pcdesk")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    loop = QEventLoop()
    thread.started.connect(worker.run)
    worker.finished.connect(loop.quit)

    relay = _Relay(dialog)
    worker.progressed.connect(relay.show)
    dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    worker.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
