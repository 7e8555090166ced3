"""Migrations: empty to head, data survives an upgrade, the schema matches the models."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from pcdesk.accounts.service import create_user, login
from pcdesk.company.model import CompanyProfile, Department
from pcdesk.company.service import add_department, save_company
from pcdesk.services import ADMIN, SETUP, Workspace
from pcdesk.store.engine import Database, resolve_url
from pcdesk.store.opening import open_database
from pcdesk.store.migrate import current_revision, head_revision, upgrade
from pcdesk.store.models import metadata


def test_an_empty_database_migrates_to_head(tmp_path):
    db = Database(resolve_url(tmp_path / "empty.sqlite3"))
    assert current_revision(db) is None
    assert upgrade(db) is None  # nothing to back up in a brand-new file
    assert current_revision(db) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"audit_entry", "audit_head", "user_account", "company_profile", "department"} <= tables


def test_models_and_migrations_agree(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == [], f"a model changed without a migration: {diff}"


def test_data_survives_an_upgrade_and_a_backup_is_made_first(tmp_path):
    """A database written by the previous pcdesk (schema 0001 + 0002, unkeyed chain)."""
    from tests.legacy import LEGACY_PASSWORD, legacy_copy

    path = legacy_copy(tmp_path)
    db = open_database(path)  # start-up: migrates to head
    assert current_revision(db) == head_revision()
    with db.new_read_session() as s:
        assert s.get(CompanyProfile, 1).name == "株式会社みなとソリューションズ"
        assert "総務部" in set(s.scalars(select(Department.name)))
    assert login(Workspace(db), "admin", LEGACY_PASSWORD).ok
    backups = list((tmp_path / "backups").glob("pre-migrate-0002_inventory-*.sqlite3"))
    assert backups, "a pre-migration backup must be written before upgrading"
