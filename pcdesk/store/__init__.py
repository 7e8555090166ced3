"""The store: engine and sessions, ORM base, migrations and backups.

Everything SQLite-specific lives in this package; the rest of pcdesk only uses
SQLAlchemy constructs that run on SQLite and PostgreSQL alike.
"""

from pcdesk.store.base import Base
from pcdesk.store.engine import Database, resolve_url
from pcdesk.store.opening import open_database

__all__ = ["Base", "Database", "open_database", "resolve_url"]
