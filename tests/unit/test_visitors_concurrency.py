"""Two kiosks on one database never hand out the same pass: two processes on one SQLite file,
threads on one engine, and threads on PostgreSQL. There are fewer passes than visitors, so the
kiosks compete for the last ones."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from sqlalchemy import func, select

from pcdesk.audit.trail import verify_chain
from pcdesk.services import RECEPTION, Actor, Workspace
from pcdesk.visitors.model import VisitorEntry
from pcdesk.visitors.passes import add_passes
from pcdesk.visitors.reception import check_in
from pcdesk.visitors.rules import pass_numbers
from tests.visitors_support import desk, host_key, office_ws  # noqa: F401  (fixtures)

KIOSK = textwrap.dedent("""
    import sys
    from pcdesk.services import RECEPTION, Actor, Workspace
    from pcdesk.store.opening import open_database
    from pcdesk.visitors.reception import check_in
    db = open_database(sys.argv[1])
    ws = Workspace(db, Actor(int(sys.argv[2]), "受付端末 " + sys.argv[3], frozenset({RECEPTION})))
    for i in range(int(sys.argv[4])):
        receipt = check_in(ws, {"name": f"来訪 {sys.argv[3]}{i}", "company": "", "party_size": 1,
                                "purpose": "打合せ", "host_key": sys.argv[5]})
        print(receipt.pass_number or "-", flush=True)
""")


def held_and_given(db) -> tuple[list[str], list[str]]:
    with db.new_read_session() as s:
        held = [n for n in s.scalars(select(VisitorEntry.held_pass)) if n]
        given = [n for n in s.scalars(select(VisitorEntry.pass_number)) if n]
    return held, given


def test_two_kiosk_processes_on_one_file_never_share_a_pass(desk):
    kiosk, admin = desk
    add_passes(admin, pass_numbers(6, 3))  # passes 1–8 for 20 visitors
    path, user, key = kiosk.db.path, kiosk.actor.user_id, host_key(kiosk)
    kiosk.db.dispose()
    procs = [subprocess.Popen([sys.executable, "-c", KIOSK, str(path), str(user), tag, "10", key],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in "AB"]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outs]
    printed = [line for out, _err in outs for line in out.split()]
    handed = [n for n in printed if n != "-"]
    assert len(printed) == 20 and sorted(handed, key=int) == [str(n) for n in range(1, 9)]
    held, given = held_and_given(kiosk.db)
    assert sorted(held) == sorted(given) == sorted(handed)
    with kiosk.db.new_read_session() as s:
        assert s.scalar(select(func.count()).select_from(VisitorEntry)) == 20
        assert verify_chain(s).ok


def _race(ws_for, key: str, threads: int = 4, each: int = 5) -> list[str]:
    barrier = threading.Barrier(threads)
    got: list[str] = []
    errors: list[BaseException] = []

    def kiosk(tag: int) -> None:
        ws = ws_for(tag)
        barrier.wait()
        try:
            for i in range(each):
                got.append(check_in(ws, {"name": f"来訪 {tag}-{i}", "company": "", "party_size": 1,
                                         "purpose": "打合せ", "host_key": key}).pass_number)
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=kiosk, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=300)
    assert not errors, errors
    return got


def test_kiosk_threads_on_one_engine_never_share_a_pass(desk):
    kiosk, _admin = desk  # passes 1–5 for 20 visitors
    got = _race(lambda tag: Workspace(kiosk.db, Actor(kiosk.actor.user_id, f"受付端末 {tag}", frozenset({RECEPTION}))),
                host_key(kiosk))
    handed = [n for n in got if n]
    assert len(got) == 20 and sorted(handed) == ["1", "2", "3", "4", "5"]
    held, _given = held_and_given(kiosk.db)
    assert sorted(held) == sorted(handed)


def test_kiosk_threads_on_postgresql_never_share_a_pass():
    pytest.importorskip("psycopg", reason="psycopg がありません（pip install -e '.[postgres]'）")
    from pcdesk.accounts.service import create_user
    from pcdesk.services import SETUP
    from pcdesk.store.opening import open_database
    from tests.postgres_cluster import Cluster

    cluster = Cluster()
    if not cluster.available:
        pytest.skip(cluster.reason)
    db = open_database(cluster.new_database())
    try:
        setup = Workspace(db, SETUP)
        user = create_user(setup, "reception", "受付 花子", "kiosk-pass-2026", {RECEPTION})
        add_passes(setup, pass_numbers(1, 5))
        from pcdesk.visitors.reception import host_choices

        key = host_choices(Workspace(db, Actor(user.id, "受付", frozenset({RECEPTION}))))[0].key
        got = _race(lambda tag: Workspace(db, Actor(user.id, f"受付端末 {tag}", frozenset({RECEPTION}))), key)
        handed = [n for n in got if n]
        assert sorted(handed) == ["1", "2", "3", "4", "5"] and len(got) == 20
        held, _given = held_and_given(db)
        assert sorted(held) == sorted(handed)
    finally:
        db.dispose()
        cluster.stop()
