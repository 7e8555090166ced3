"""Alembic environment: run against the connection pcdesk hands over (see store.migrate)."""

from alembic import context

from pcdesk.store.models import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("pcdesk migrations run online only (pcdesk migrate).")
run_migrations_online()
