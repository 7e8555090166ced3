"""The feature contract: a feature plugs in through its manifest alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pcdesk import registry
from pcdesk.feature import load
from pcdesk.installed import FEATURES
from pcdesk.services import Workspace

WITH_FAKE = (*FEATURES, "tests.fake_feature")


@pytest.fixture
def with_fake_feature():
    with registry.installed(WITH_FAKE):
        from pcdesk.store.models import load_all_models

        from pcdesk.store.base import Base

        load_all_models()
        from tests.fake_feature.model import FakeThing

        table = FakeThing.__table__
        if table.key not in Base.metadata.tables:  # a second test: the module is imported already
            Base.metadata._add_table(table.name, table.schema, table)
        yield
        Base.metadata.remove(Base.metadata.tables["fake_thing"])  # the real schema has no such table


def test_every_manifest_head_is_what_alembic_finds():
    from pcdesk.store.migrate import script_heads

    assert registry.schema_heads() == script_heads(), "update Migrations(head=...) in the manifest"


def test_every_import_string_in_every_manifest_resolves():
    for feature in registry.features():
        refs = [feature.commands, feature.demo, feature.attention, feature.checks,
                *[ledger.rows for ledger in feature.ledgers], *[ledger.filters for ledger in feature.ledgers],
                *[form.values for form in feature.forms], *feature.provides.values()]
        for ref in filter(None, refs):
            assert callable(load(ref)), ref
        for page in feature.pages:  # pages are Qt: only check that the module file is there
            import importlib.util

            module, _, _name = page.factory.partition(":")
            assert importlib.util.find_spec(module) is not None, page.factory


def test_a_throwaway_feature_appears_in_schema_demo_ledgers_cli_and_home(with_fake_feature, tmp_path, capsys):
    from pcdesk.cli import run
    from pcdesk.demo import create_demo
    from pcdesk.home import attention_items
    from pcdesk.output.export import export_ledger, list_ledgers
    from pcdesk.store.migrate import script_heads
    from pcdesk.store.opening import open_database

    assert "f001_fake" in registry.schema_heads() == script_heads()
    db = open_database(tmp_path / "fake.sqlite3")  # migrates the fake branch too
    ws = Workspace(db)
    info = create_demo(ws, seed=1)
    from pcdesk.services import ADMIN, Actor

    admin = Workspace(db, Actor(info.users["admin"], "admin", frozenset({ADMIN})))
    assert any(item.feature == "fake" and item.count == 1 for item in attention_items(admin))
    assert "fake_ledger" in [entry.id for entry in list_ledgers()]
    out = export_ledger(admin, "fake_ledger", "xlsx", tmp_path / "fake.xlsx")
    assert out.records == 1
    db.dispose()
    assert run(["--db", str(tmp_path / "fake.sqlite3"), "export", "--list"]) == 0
    assert "fake_ledger" in capsys.readouterr().out
    assert run(["fake"]) == 0
    assert "試験用のコマンドです" in capsys.readouterr().out


def test_two_branches_upgrade_to_all_heads_from_an_older_database(with_fake_feature, tmp_path):
    """A database made before the fake feature existed gains its branch at start-up."""
    from pcdesk.store.engine import Database, resolve_url
    from pcdesk.store.migrate import applied_revisions, needs_upgrade, upgrade

    db = Database(resolve_url(tmp_path / "old.sqlite3"))
    with registry.installed(FEATURES):
        upgrade(db)
        assert not needs_upgrade(db)
    assert needs_upgrade(db)
    upgrade(db)
    assert applied_revisions(db) == registry.schema_heads()
    db.dispose()


def test_start_up_does_not_import_alembic_when_the_schema_is_current(tmp_path):
    from pcdesk.store.opening import open_database

    open_database(tmp_path / "current.sqlite3").dispose()
    code = ("import sys; from pcdesk.store.opening import open_database; "
            f"open_database({str(tmp_path / 'current.sqlite3')!r}).dispose(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_capabilities_reach_other_features_through_the_registry(demo):
    from pcdesk.capabilities import HELD_RECORDS, PEOPLE

    ws, _info = demo
    people = [p for provide in registry.provided(PEOPLE) for p in provide(ws)]
    assert any(p.kind == "アカウント" for p in people)
    held = [r for provide in registry.provided(HELD_RECORDS) for r in provide(ws)]
    assert held and all(r.number and r.category_label for r in held)
    assert any(r.category == "retained" and r.purpose for r in held)
    assert any(r.measures for r in held)


def test_a_nested_write_by_another_actor_is_refused_not_ignored(setup_ws):
    from pcdesk.services import COMMAND_LINE

    with setup_ws.write():
        with setup_ws.write():  # the same actor joins the unit
            pass
        with pytest.raises(RuntimeError, match="inside a unit of work"):
            with setup_ws.write(COMMAND_LINE):
                pass


def test_a_worker_thread_never_gets_the_gui_threads_open_session(setup_ws):
    import threading

    seen = {}
    with setup_ws.write() as outer:
        def work():
            with setup_ws.read() as s:
                seen["session"] = s

        t = threading.Thread(target=work)
        t.start()
        t.join()
    assert seen["session"] is not outer


def test_a_feature_setting_reads_its_default_until_an_administrator_saves_it(setup_ws, monkeypatch):
    from pcdesk.errors import ValidationError
    from pcdesk.fields import NUMBER, FieldSpec
    from pcdesk.settings import feature_setting, save_feature_settings

    spec = FieldSpec("fake.keep_years", "保存年数", NUMBER, minimum=2, maximum=10, default=3)
    monkeypatch.setattr(registry, "feature_settings", lambda: [(registry.features()[0], spec)])
    assert feature_setting(setup_ws, "fake.keep_years") == 3
    with pytest.raises(ValidationError, match="保存年数: 2以上"):
        save_feature_settings(setup_ws, {"fake.keep_years": 1})
    save_feature_settings(setup_ws, {"fake.keep_years": 5})
    assert feature_setting(setup_ws, "fake.keep_years") == 5


def test_the_home_page_says_how_old_the_last_backup_is_and_whether_the_trail_is_intact(demo):
    import datetime as dt
    import os

    from pcdesk import clock
    from pcdesk.home import backup_attention, audit_chain_attention
    from pcdesk.store.backup import backup_to, backups_dir

    ws, _info = demo
    assert backup_attention(ws).severity == "warning"  # none yet
    made = backup_to(ws.db, backups_dir(ws.db) / "manual.sqlite3")
    moment = (clock.now() - dt.timedelta(days=10)).timestamp()
    os.utime(made, (moment, moment))
    item = backup_attention(ws)
    assert item.severity == "warning" and "10 日前" in item.text
    os.utime(made, (clock.now().timestamp(),) * 2)
    assert backup_attention(ws).severity == "ok"
    assert audit_chain_attention(ws).severity == "ok"


def test_reading_the_manifests_imports_no_feature_model():
    """Every start reads every manifest: that must not map a feature's tables (start-up time)."""
    code = ("import sys; import pcdesk.registry as r; r.features(); "
            "print(sorted(m for m in sys.modules if m.endswith('.model') and not m.startswith('pcdesk.audit')"
            " and not m.startswith('pcdesk.accounts') and not m.startswith('pcdesk.company')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
