"""Alembic environment for the newsledger store.

``Store.open`` hands Alembic an open connection in ``config.attributes``; the
``alembic`` command line (for writing new revisions) connects to the URL in
``alembic.ini`` instead. Batch mode is on so that later revisions can alter
columns on SQLite, which has no full ``ALTER TABLE``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsledger.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Print the SQL for a database administrator instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as own_connection:
            _run_on(own_connection)
    finally:
        engine.dispose()


def _run_on(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
