"""The register's queries on PostgreSQL: search, states, the ledger rows and a scan's bytes."""

from __future__ import annotations

import datetime as dt

import pytest

from pcdesk.demo import create_demo
from pcdesk.output.registry import LedgerQuery
from pcdesk.pledges.ledgers import pledge_register_rows, worker_status_rows
from pcdesk.pledges.model import JOINING
from pcdesk.pledges.pledging import ScanFile, record_pledge, save_scan_copy, standings
from pcdesk.pledges.service import WorkerFilter, find_worker, list_workers
from pcdesk.services import COMMAND_LINE, Workspace
from pcdesk.store.opening import open_database
from tests.postgres_cluster import Cluster

pytest.importorskip("psycopg", reason="psycopg がありません（pip install -e '.[postgres]'）")


@pytest.fixture(scope="module")
def pg_demo():
    cluster = Cluster()
    if not cluster.available:
        pytest.skip(cluster.reason)
    db = open_database(cluster.new_database())
    create_demo(Workspace(db), seed=1)
    yield Workspace(db, COMMAND_LINE)
    db.dispose()
    cluster.stop()


def test_the_register_reads_the_same_on_postgresql(pg_demo, tmp_path):
    ws = pg_demo
    everyone = standings(ws, WorkerFilter(include_left=True))
    assert len(everyone) >= 28 and {r.state for r in everyone} >= {"signed", "missing", "renew", "leaving_missing"}
    someone = everyone[3].worker
    surname = someone.name.split(" ")[0]
    assert someone.id in {w.id for w in list_workers(ws, WorkerFilter(text=someone.name.replace(" ", "")))}
    assert someone.id in {w.id for w in list_workers(ws, WorkerFilter(text=surname))}
    rows = list(pledge_register_rows(ws, LedgerQuery(filters={"state": "missing"})))
    assert rows and {r["status"] for r in rows} == {"未取得"}
    assert list(worker_status_rows(ws, LedgerQuery()))[-1]["employment"] == "合計"
    newcomer = next(r.worker for r in everyone if r.state == "missing" and r.worker.employment == "contract")
    data = b"%PDF-1.4\n" + bytes(range(256)) * 4
    record = record_pledge(ws, newcomer.id, {"kind": JOINING, "signed_on": dt.date(2026, 11, 20),
                                             "collected_by": "伊藤", "original_location": "キャビネットA"},
                           scan=ScanFile("scan.pdf", data))
    assert save_scan_copy(ws, record.id, tmp_path / "copy.pdf").read_bytes() == data
    assert find_worker(ws, newcomer.number).id == newcomer.id
