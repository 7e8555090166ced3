"""Shared fixtures: a fresh migrated SQLite database per test, and workspaces as each role."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Audit keys go to key files in the test's data folder, never the machine's credential store.
os.environ["PCDESK_KEYRING"] = "off"

import pytest  # noqa: E402

from pcdesk.services import SETUP, Workspace  # noqa: E402
from pcdesk.store.engine import Database  # noqa: E402
from pcdesk.store.opening import open_database  # noqa: E402


# Every test runs at one pinned moment, whatever the machine's date (see pcdesk.clock).
# PCDESK_TEST_NOW moves it, e.g. to a leap day at 23:59: PCDESK_TEST_NOW=2028-02-29T23:59:00.
TEST_NOW = dt.datetime.fromisoformat(os.environ.get("PCDESK_TEST_NOW", "2026-11-22T10:00:00"))


@pytest.fixture(scope="session", autouse=True)
def _pinned_session_clock():
    """Session-wide, so session fixtures (the demo template) are built at that moment too."""
    from pcdesk import clock

    os.environ[clock.ENV] = TEST_NOW.isoformat()  # and every process a test starts
    clock.pin(TEST_NOW)
    yield
    clock.pin(None)


@pytest.fixture(autouse=True)
def _pinned_clock():
    """Each test starts at TEST_NOW again, whatever an earlier test advanced it to."""
    from pcdesk import clock

    clock.pin(TEST_NOW)
    yield
    clock.pin(TEST_NOW)


@pytest.fixture(scope="session", autouse=True)
def _session_data_dir(tmp_path_factory):
    """Session fixtures (the demo template) keep their keys and anchors out of the real profile."""
    before = {k: os.environ.get(k) for k in ("PCDESK_DATA_DIR", "PCDESK_KEY_DIR")}
    os.environ["PCDESK_DATA_DIR"] = str(tmp_path_factory.mktemp("session-data"))
    # One key folder for the run, as on one PC: a test's copy of a template database (the demo,
    # a feature's office) finds the key the template was signed with. Tests of "another PC"
    # point PCDESK_KEY_DIR elsewhere.
    os.environ["PCDESK_KEY_DIR"] = str(tmp_path_factory.mktemp("session-keys"))
    yield
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test touches the real per-user data directory or the environment's database."""
    monkeypatch.setenv("PCDESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("PCDESK_DATABASE_URL", raising=False)


@pytest.fixture
def db(tmp_path) -> Database:
    database = open_database(tmp_path / "pcdesk.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def setup_ws(db) -> Workspace:
    return Workspace(db, SETUP)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The full demo company built once per run; tests get their own copy of the file."""
    from pcdesk.demo import create_demo

    database = open_database(tmp_path_factory.mktemp("demo-template") / "demo.sqlite3")
    info = create_demo(Workspace(database), seed=1)
    database.dispose()
    return database.path, info


@pytest.fixture
def demo(db, demo_template):
    """The demo company (seed 1) in this test's database; returns (workspace as the admin,
    DemoCompany)."""
    import sqlite3

    from pcdesk.services import ADMIN, STAFF, Actor

    template, info = demo_template
    db.dispose()  # nothing may hold the file while it is replaced
    source, target = sqlite3.connect(template), sqlite3.connect(db.path)
    source.backup(target)
    source.close()
    target.close()
    admin = Actor(info.users["admin"], "admin", frozenset({ADMIN, STAFF}))
    return Workspace(db, admin), info
