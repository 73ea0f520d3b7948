"""Revision 0011 (``watched_pages``, ``article_versions``): made on open, dropped by its downgrade, made again."""

from __future__ import annotations

import io

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from newsledger.store import Store
from newsledger.store.store import MIGRATIONS_DIR

WATCH_TABLES = {"watched_pages", "article_versions"}


def _migrate(path, action, revision: str) -> None:
    config = Config(output_buffer=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, revision)
    engine.dispose()


def _schema(path) -> tuple[set[str], dict[str, set[str]], str | None]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        found = inspect(connection)
        tables = set(found.get_table_names())
        columns = {t: {c["name"] for c in found.get_columns(t)} for t in WATCH_TABLES & tables}
        indexes = {t: {i["name"] for i in found.get_indexes(t)} for t in WATCH_TABLES & tables}
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return tables, columns | {f"{t} indexes": names for t, names in indexes.items()}, revision


def test_a_new_database_has_the_watch_tables(tmp_path):
    path = tmp_path / "new.db"
    Store.open(path).close()
    tables, columns, _ = _schema(path)

    assert WATCH_TABLES <= tables
    assert columns["watched_pages"] == {
        "url", "source", "first_seen", "last_checked", "etag", "last_modified", "content_sha256", "article_id",
        "failures", "last_failure",
    }
    assert columns["article_versions"] == {"id", "url", "article_id", "replaces", "seen_at", "withdrawn_at"}
    assert columns["article_versions indexes"] == {
        "ix_article_versions_url", "ix_article_versions_article_id", "ix_article_versions_replaces"}
    assert columns["watched_pages indexes"] == {"ix_watched_pages_article_id"}


def test_0011_goes_down_to_0010_and_up_again_keeping_the_other_tables(tmp_path):
    path = tmp_path / "updown.db"
    Store.open(path).close()
    before, _, _ = _schema(path)

    _migrate(path, command.downgrade, "0010")
    down, _, revision = _schema(path)
    assert revision == "0010"
    assert down == before - WATCH_TABLES

    _migrate(path, command.upgrade, "0011")
    up, _, revision = _schema(path)
    assert revision == "0011" and WATCH_TABLES <= up


def test_a_database_at_0010_is_brought_up_on_open_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    Store.open(path).close()
    _migrate(path, command.downgrade, "0010")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO ingest_failures (origin, reason, created_at) "
                                "VALUES ('a.txt', 'empty file', '2026-12-01 10:00:00')"))
    engine.dispose()

    with Store.open(path) as store:
        assert store.counts()["failures"] == 1
    tables, _, _ = _schema(path)
    assert WATCH_TABLES <= tables
