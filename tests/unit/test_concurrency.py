"""Two processes on one SQLite file, and a writer killed mid-work."""

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from pcdesk.audit.trail import verify_chain
from pcdesk.company.model import Department
from pcdesk.store.backup import integrity_ok
from pcdesk.store.opening import open_database

WRITER = textwrap.dedent("""
    import sys
    from pcdesk.company.service import add_department
    from pcdesk.services import SETUP, Workspace
    from pcdesk.store.opening import open_database
    db = open_database(sys.argv[1])
    ws = Workspace(db, SETUP)
    tag, count = sys.argv[2], int(sys.argv[3])
    for i in range(count):
        dept = add_department(ws, f"{tag}-{i:05d}")
        print(dept.name, flush=True)  # printed only after the commit returned
""")


def _writer(db_path, tag, count):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), tag, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_writing_at_once_never_see_database_is_locked(db):
    path = db.path
    db.dispose()
    a, b = _writer(path, "A", 60), _writer(path, "B", 60)
    out_a, err_a = a.communicate(timeout=240)
    out_b, err_b = b.communicate(timeout=240)
    assert a.returncode == 0 and b.returncode == 0, err_a + err_b
    assert "locked" not in err_a + err_b
    db = open_database(path)
    with db.new_read_session() as s:
        assert s.scalar(select(func.count()).select_from(Department)) == 120
        report = verify_chain(s)
    assert report.ok and report.count == 120


def test_a_killed_writer_leaves_every_committed_record(db):
    path = db.path
    db.dispose()
    proc = _writer(path, "K", 100000)
    committed = []
    for line in proc.stdout:
        committed.append(line.strip())
        if len(committed) >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    committed.extend(line.strip() for line in proc.stdout.read().splitlines() if line.strip())

    db = open_database(path)
    ok, message = integrity_ok(db)
    assert ok, message
    with db.new_read_session() as s:
        names = set(s.scalars(select(Department.name)))
        assert set(committed) <= names
        assert verify_chain(s).ok
