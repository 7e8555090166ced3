"""Speed of the 従業者 register at a large company's size (prints a table, asserts nothing).

    python tests/bench/bench_pledges.py [WORKERS ...]   (default: 1000 5000)

For each size: importing a CSV of that many new workers (read, check, save), importing it
again (every row an unchanged update), the status list (standings), and the batch PDF of
everyone who needs a pledge. Figures are CPU seconds of this process, so other work on a
shared machine does not decide them.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PCDESK_NOW", "2026-11-22T10:00:00")

from pcdesk.company.service import add_department  # noqa: E402
from pcdesk.pledges.importer import commit, preview_file  # noqa: E402
from pcdesk.pledges.pledging import standings  # noqa: E402
from pcdesk.pledges.printing import print_pledges  # noqa: E402
from pcdesk.pledges.service import WorkerFilter  # noqa: E402
from pcdesk.services import SETUP, Workspace  # noqa: E402
from pcdesk.store.opening import open_database  # noqa: E402

DEPARTMENTS = ["総務部", "営業部", "開発部", "人事部"]
KINDS = ["正社員", "契約社員", "パート", "役員"]


def cpu(work):
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def run(size: int, folder: Path) -> list[str]:
    db = open_database(folder / f"bench-{size}.sqlite3")
    ws = Workspace(db, SETUP)
    for name in DEPARTMENTS:
        add_department(ws, name)
    csv = folder / f"workers-{size}.csv"
    lines = ["従業員番号,氏名（漢字）,フリガナ,部署,雇用形態,入社年月日"]
    lines += [f"{i:05d},社員 {i},シャイン {i},{DEPARTMENTS[i % 4]},{KINDS[i % 4]},{dt.date(2015 + i % 10, 4, 1):%Y/%m/%d}"
              for i in range(1, size + 1)]
    csv.write_bytes("\r\n".join(lines).encode("cp932"))
    first, saved = cpu(lambda: commit(ws, preview_file(ws, csv)))
    again, _ = cpu(lambda: commit(ws, preview_file(ws, csv)))
    listing, rows = cpu(lambda: standings(ws, WorkerFilter(include_left=True)))
    batch = min(size, 200)
    printing, result = cpu(lambda: print_pledges(ws, folder / "batch.pdf", [r.worker.id for r in rows[:batch]]))
    db.dispose()
    return [f"{size:>7,}", f"{first:8.2f}", f"{again:8.2f}", f"{listing:8.2f}",
            f"{printing:8.2f} ({result.pages} ページ)", f"created {saved.created}"]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    print(f"{'workers':>7} {'import':>8} {'again':>8} {'status':>8} {'print ≤200':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            print(" ".join(run(size, Path(tmp))))


if __name__ == "__main__":
    main()
