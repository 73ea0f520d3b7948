"""Opening a store: Alembic migrations on open, clear errors, PostgreSQL-ready DDL."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from newsledger.errors import MissingExtraError, StoreError
from newsledger.store import Store, database_url
from newsledger.store.models import TABLE_NAMES, Base
from newsledger.store.store import MIGRATIONS_DIR

ALL_TABLES = {"articles", "extraction_runs", "entities", "times", "places", "extraction_errors", "ingest_failures"}


def alembic_config(**options: str) -> Config:
    config = Config(output_buffer=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    for key, value in options.items():
        config.set_main_option(key, value)
    return config


def test_fresh_file_gets_every_table_at_head(tmp_path):
    path = tmp_path / "fresh.db"
    Store.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        head = MigrationContext.configure(connection).get_current_revision()
        columns = {c["name"] for c in inspect(connection).get_columns("places")}
    engine.dispose()
    assert tables == ALL_TABLES | {"alembic_version"}
    assert set(TABLE_NAMES) == ALL_TABLES
    assert head == "0001"
    assert {"article_id", "run_id", "start_char", "end_char", "geonameid", "lat", "lon"} <= columns


def test_migrated_schema_matches_the_models(tmp_path):
    # A model change without a migration shows up here as a difference.
    path = tmp_path / "compare.db"
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_older_database_is_migrated_on_open(tmp_path, result):
    path = tmp_path / "old.db"
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    engine.dispose()
    with Store.open(path) as store:
        store.save(result)
        assert store.counts()["articles"] == 1


def test_opening_a_file_twice_is_fine(tmp_path, result):
    path = tmp_path / "twice.db"
    first = Store.open(path)
    second = Store.open(path)
    first.save(result)
    assert second.has_article(result.article.id)
    first.close()
    second.close()
    with Store.open(path) as third:
        assert third.counts()["runs"] == 1


def _not_a_database(tmp_path: Path) -> str:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are meeting notes, not an SQLite database.\n" * 200)
    return str(path)


def _newer_database(tmp_path: Path) -> str:
    path = tmp_path / "newer.db"
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    return str(path)


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda tmp: str(tmp / "missing-folder" / "ledger.db"), "does not exist"),
        (lambda tmp: str(tmp), "is a folder"),
        (_not_a_database, "not a database"),
        (_newer_database, "newer newsledger"),
        (lambda tmp: "nosuchdb://somewhere/ledger", "cannot open the store"),
    ],
    ids=["missing-folder", "folder", "not-a-database", "newer-revision", "unknown-dialect"],
)
def test_open_errors_are_store_errors_with_a_reason(tmp_path, make_target, message):
    with pytest.raises(StoreError, match=message):
        Store.open(make_target(tmp_path))


@pytest.mark.skipif(importlib.util.find_spec("psycopg") is not None, reason="psycopg is installed here")
def test_postgresql_without_its_driver_names_the_extra():
    with pytest.raises(MissingExtraError, match=r"newsledger\[postgres\]"):
        Store.open("postgresql+psycopg://ledger:secret@localhost/ledger")


def test_password_is_not_shown_in_errors():
    with pytest.raises(StoreError) as caught:
        Store.open("nosuchdb://ledger:secret@localhost/ledger")
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("given", "backend", "database"),
    [
        ("ledger.db", "sqlite", "ledger.db"),
        ("data/my ledger.db", "sqlite", "data/my ledger.db"),
        ("sqlite:///other.db", "sqlite", "other.db"),
        ("postgresql+psycopg://u@db.example/ledger", "postgresql", "ledger"),
        (":memory:", "sqlite", None),
    ],
)
def test_database_url(given, backend, database):
    url = database_url(given)
    assert url.get_backend_name() == backend
    assert url.database == database


def test_home_folder_is_expanded():
    assert "~" not in database_url("~/ledger.db").database


def test_migration_renders_postgresql_ddl_offline():
    # No server needed: Alembic's offline mode prints the SQL it would run.
    config = alembic_config(**{"sqlalchemy.url": "postgresql://"})
    command.upgrade(config, "head", sql=True)
    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE articles" in sql
    assert "extractors JSONB NOT NULL" in sql
    assert "id BIGSERIAL NOT NULL" in sql
    assert "CONSTRAINT uq_extraction_runs_article_id_signature UNIQUE (article_id, signature)" in sql
    # Column names that are SQL keywords would need quoting: none is used.
    assert '"end"' not in sql and '"start"' not in sql


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_models_compile_for_postgresql(table):
    ddl = str(CreateTable(Base.metadata.tables[table]).compile(dialect=postgresql.dialect()))
    assert f"CREATE TABLE {table}" in ddl
    assert '"' not in ddl  # no quoted (reserved or mixed-case) names
