"""SIGKILL a writing process again and again: no committed record is lost, the chain, the
anchors and the rows stay consistent (bounded: a few kills, a few seconds each)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import select

from pcdesk.company.model import Department
from pcdesk.integrity import check_database
from pcdesk.store.opening import open_database

WRITER = textwrap.dedent("""
    import sys
    from pcdesk.company.service import add_department
    from pcdesk.services import SETUP, Workspace
    from pcdesk.store.opening import open_database
    db = open_database(sys.argv[1])
    ws = Workspace(db, SETUP)
    tag = sys.argv[2]
    for i in range(100000):
        dept = add_department(ws, f"{tag}-{i:05d}")
        print(dept.name, flush=True)  # printed only after the commit returned
""")
KILLS = 4
COMMITS_BEFORE_KILL = 15


def test_repeated_kills_lose_no_committed_record(db):
    path = db.path
    db.dispose()
    committed: list[str] = []
    for round_ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"K{round_}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = 0
        for line in proc.stdout:
            committed.append(line.strip())
            seen += 1
            if seen >= COMMITS_BEFORE_KILL + round_ * 3:  # a different moment each round
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        committed.extend(line.strip() for line in proc.stdout.read().splitlines() if line.strip())
        proc.stdout.close()
        proc.stderr.close()
    db = open_database(path)
    with db.new_read_session() as s:
        names = set(s.scalars(select(Department.name)))
    assert len(committed) >= KILLS * COMMITS_BEFORE_KILL
    assert set(committed) <= names, "a committed record was lost"
    report = check_database(db)
    assert report.ok, report.lines()
    db.dispose()
