"""Progress reports and cancelling, shared by every writer (the dialog shows and stops them)."""

from __future__ import annotations

from typing import Callable

from pcdesk.errors import PcdeskError

CHECK_EVERY = 500  # records between progress reports and cancel checks

ProgressFn = Callable[[int, "int | None"], None]  # (records written, total if known)
CancelFn = Callable[[], bool]  # True when the person pressed 中止


class ExportCancelled(PcdeskError):
    """The person cancelled; no file is left behind."""

    def __init__(self) -> None:
        super().__init__("出力を中止しました。ファイルは作成していません。")


class Ticker:
    """Counts records; every CHECK_EVERY reports progress and honours a cancel."""

    def __init__(self, total: int | None, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.total, self.progress, self.cancel = total, progress, cancel
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count % CHECK_EVERY == 0:
            self.check()

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled()
        if self.progress is not None:
            self.progress(self.count, self.total)

    def done(self) -> None:
        if self.progress is not None:
            self.progress(self.count, self.total)
