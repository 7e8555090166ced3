"""The store: engine and sessions, ORM base, migrations and backups.

Everything SQLite-specific lives in this package; the rest of pcdesk only uses
SQLAlchemy constructs that run on SQLite and PostgreSQL alike. The package itself imports
nothing: `pcdesk.store.paths` is read before SQLAlchemy is loaded (the GUI's login window
comes first), so each module is imported by name (pcdesk.store.engine, .base, .opening…).
"""
