"""The trust rules on a shared PostgreSQL database: over-long input, the key every PC must
register, pcdesk check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcdesk.accounts.service import login
from pcdesk.audit import keys
from pcdesk.audit.model import AuditEntry
from pcdesk.audit.trail import AuditKeyMissing
from pcdesk.company.service import add_department
from pcdesk.demo import create_demo
from pcdesk.integrity import check_database
from pcdesk.services import SETUP, Workspace
from pcdesk.store.opening import open_database
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
    create_demo(Workspace(db), seed=1)
    yield db
    db.dispose()


def test_a_100_character_login_id_is_refused_in_japanese_and_audited(pg):
    result = login(Workspace(pg), "x" * 130, "whatever")
    assert not result.ok and "ログインIDは50文字以内" in result.message
    with pg.new_read_session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert last.action == "login_failed" and "130文字" in last.summary


def test_every_pc_must_register_the_shared_key(pg, tmp_path, monkeypatch):
    exported = tmp_path / "key.json"
    with pg.new_read_session() as s:
        used = sorted({k for k in s.scalars(select(AuditEntry.key_id)) if k})
    keys.export_keys(used, exported)
    monkeypatch.setenv("PCDESK_DATA_DIR", str(tmp_path / "second-pc"))
    monkeypatch.setenv("PCDESK_KEY_DIR", str(tmp_path / "second-pc" / "keys"))
    keys.forget_cache()
    with pytest.raises(AuditKeyMissing, match="pcdesk key import"):
        add_department(Workspace(pg, SETUP), "二台目の部門")
    assert not check_database(pg).ok
    keys.import_keys(exported)
    add_department(Workspace(pg, SETUP), "二台目の部門")
    report = check_database(pg)
    assert report.ok, report.lines()
