"""The visitor log at the size of ten busy years (prints figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_visitors.py [ENTRIES] [--repeat N]
    (default: 100000 entries, N = 3)

  seeding      `pcdesk demo --visitors N` into a fresh SQLite file (the whole demo company),
               run as the command, in its own process
  open         the 外来者入退室記録 page built and shown, its first screenful of rows drawn
  filter       each filter applied from the page: company text, host, 館内, a one-month period
  last row     scrolled to the bottom (every id offered to the view, the last rows built)
  peak memory  this process's maximum resident size (Qt, Python and SQLite together)
Goal: open and each filter under 0.3 s, under 200 MB. Each time is the best of N runs, as
wall-clock seconds and as CPU seconds of this process: on a shared machine (the load average
is printed) the CPU figure is the one that says what the code costs.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pcdesk import clock  # noqa: E402

clock.pin(dt.datetime(2026, 11, 22, 10, 0))
os.environ[clock.ENV] = "2026-11-22T10:00:00"

from PySide6.QtCore import QDate  # noqa: E402

from sqlalchemy import text  # noqa: E402

from pcdesk.services import ADMIN, STAFF, Actor, Workspace  # noqa: E402
from pcdesk.store.opening import open_database  # noqa: E402
from pcdesk.ui.application import make_app  # noqa: E402


class Timer:
    """Wall and CPU seconds of one block, kept for best-of-N."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float]] = []

    def __enter__(self) -> "Timer":
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.runs.append((time.perf_counter() - self._wall, time.process_time() - self._cpu))

    def best(self) -> str:
        wall, cpu = min(w for w, _c in self.runs), min(c for _w, c in self.runs)
        return f"{wall:6.3f} s wall {cpu:6.3f} s CPU"


def shown_rows(page) -> int:
    """Draw the table and read every visible cell, as the view does."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    view = page.table
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    last = page.model.rowCount() - 1 if last < 0 else last
    for row in range(max(first, 0), last + 1):
        for col in range(page.model.columnCount()):
            page.model.index(row, col).data()
    return last - max(first, 0) + 1


def main(argv: list[str]) -> None:
    count = next((int(a) for a in argv if a.isdigit()), 100_000)
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    app = make_app()
    folder = Path(tempfile.mkdtemp(prefix="pcdesk-bench-visitors-"))
    os.environ["PCDESK_DATA_DIR"] = str(folder / "data")

    path = folder / "bench.sqlite3"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pcdesk", "demo", "--db", str(path), "--visitors", str(count)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seeding = time.perf_counter() - start
    size_mb = path.stat().st_size / 1e6
    db = open_database(path)
    admin = db.new_read_session().execute(text("SELECT id FROM user_account WHERE login_id = 'admin'")).scalar()
    ws = Workspace(db, Actor(admin, "admin", frozenset({ADMIN, STAFF})))

    from pcdesk.visitors.ui.admin_page import VisitorsPage

    opens, rows_seen, page = Timer(), 0, None
    for _ in range(repeat):
        if page is not None:
            page.deleteLater()
            app.processEvents()
        with opens:
            page = VisitorsPage(ws)
            page.resize(1100, 700)
            page.show()
            rows_seen = shown_rows(page)
    assert page is not None

    host = page.host.itemText(1)
    filters = {
        "会社名「ひかり」": lambda: page.company.setText("ひかり"),
        f"面会者「{host}」": lambda: page.host.setCurrentIndex(1),
        "館内の来訪者": lambda: page.state.setCurrentIndex(page.state.findData("inside")),
        "期間 2025年4月": lambda: (page.date_from.setDate(QDate(2025, 4, 1)), page.date_to.setDate(QDate(2025, 4, 30)),
                                 page.use_period.setChecked(True)),
    }
    times = {name: Timer() for name in filters}
    totals: dict[str, int] = {}
    for _ in range(repeat):
        for name, apply in filters.items():
            page._loading = True
            page.company.clear()
            page.host.setCurrentIndex(0)
            page.state.setCurrentIndex(0)
            page.use_period.setChecked(False)
            page._loading = False
            page.apply_filter()
            with times[name]:
                page._loading = True
                apply()
                page._loading = False
                page.apply_filter()
                shown_rows(page)
            totals[name] = page.model.total()

    page._loading = True
    page.company.clear()
    page.host.setCurrentIndex(0)
    page.state.setCurrentIndex(0)
    page.use_period.setChecked(False)
    page._loading = False
    page.apply_filter()
    to_bottom = Timer()
    with to_bottom:
        while page.model.canFetchMore():
            page.model.fetchMore()
        page.table.scrollToBottom()
        shown_rows(page)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"外来者入退室記録: {count:,} 件（{size_mb:.0f} MB の SQLite）、各 {repeat} 回の最良値"
          f"（load average {load}, {os.cpu_count()} CPUs）")
    print(f"  seeding: pcdesk demo --visitors {count:<7}  {seeding:6.2f} s wall")
    print(f"  open the list, first {rows_seen} rows drawn     {opens.best()}   (goal < 0.3 s)")
    for name in filters:
        print(f"  filter {name:<14} {totals[name]:>7,} 件  {times[name].best()}   (goal < 0.3 s)")
    print(f"  scroll to the last of {page.model.rowCount():,} rows   {to_bottom.best()}")
    print(f"  peak memory (max RSS)                {peak_mb:6.0f} MB   (goal < 200 MB)")
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
