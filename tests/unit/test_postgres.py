"""The same services on PostgreSQL: migrations, audited writes, the chain, concurrent writers."""

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from pcdesk.accounts.service import login
from pcdesk.audit.trail import verify_chain
from pcdesk.company.model import Department
from pcdesk.company.service import add_department
from pcdesk.demo import DEMO_PASSWORD, create_demo
from pcdesk.services import SETUP, Workspace
from pcdesk.store.opening import open_database
from pcdesk.store.migrate import current_revision, head_revision
from pcdesk.store.models import metadata
from tests.postgres_cluster import Cluster

pytest.importorskip("psycopg", reason="psycopg がありません（pip install -e '.[postgres]'）")


@pytest.fixture(scope="module")
def cluster():
    c = Cluster()
    if not c.available:
        pytest.skip(c.reason)
    yield c
    c.stop()


@pytest.fixture
def pg(cluster):
    db = open_database(cluster.new_database())
    yield db
    db.dispose()


def test_migrates_to_head_and_matches_the_models(pg):
    assert not pg.is_sqlite
    assert current_revision(pg) == head_revision()
    with pg.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []


def test_demo_company_runs_on_postgresql_with_an_intact_chain(pg):
    create_demo(Workspace(pg), seed=1)
    assert login(Workspace(pg), "admin", DEMO_PASSWORD).ok
    with pg.new_read_session() as s:
        report = verify_chain(s)
    assert report.ok and report.count > 10


def test_concurrent_writers_keep_the_chain_gapless(pg):
    errors = []

    def writer(tag):
        ws = Workspace(pg, SETUP)
        try:
            for i in range(25):
                add_department(ws, f"{tag}-{i}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ABC"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with pg.new_read_session() as s:
        assert s.scalar(select(func.count()).select_from(Department)) == 75
        report = verify_chain(s)
    assert report.ok and report.count == 75


def test_ledger_numbers_do_not_race_between_writers_on_a_server(pg):
    """Writers are serialised by an advisory lock, so PI-nnnn stays unique under load."""
    from pcdesk.inventory.model import InventoryEntry
    from tests.unit.test_inventory_ledger import values

    dept = add_department(Workspace(pg, SETUP), "営業部").id
    errors = []

    def writer():
        from pcdesk.inventory.service import create_entry

        try:
            for _ in range(5):
                create_entry(Workspace(pg, SETUP), values(dept))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with pg.new_read_session() as s:
        numbers = list(s.scalars(select(InventoryEntry.number)))
    assert len(numbers) == 15 and len(set(numbers)) == 15
