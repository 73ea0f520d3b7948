"""Opening a store: Alembic migrations on open, clear errors, PostgreSQL-ready DDL."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import json
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, create_engine, inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from newsledger.errors import MissingExtraError, StoreError
from newsledger.ledger import Ledger
from newsledger.store import Store, database_url, run_signature
from newsledger.store.models import TABLE_NAMES, Base
from newsledger.store.store import MIGRATIONS_DIR
from tests.ports import free_port

ALL_TABLES = {
    "articles",
    "extraction_runs",
    "entities",
    "times",
    "places",
    "quotes",
    "claims",
    "events",
    "extraction_errors",
    "ingest_failures",
    "article_copies",
    "incidents",
    "incident_versions",
    "incident_reports",
    "incident_report_people",
    "incident_decisions",
    "resolved_runs",
    "users",
    "server_secrets",
    "ingest_files",
    "watched_pages",
    "article_versions",
}
HEAD = "0012"
LEDGER_TABLES = {
    "article_copies", "incidents", "incident_versions", "incident_reports", "incident_decisions", "resolved_runs",
    "incident_report_people",
}
WEB_TABLES = {"users", "server_secrets", "ingest_files", "watched_pages", "article_versions"}  # 0009 to 0011


def alembic_config(**options: str) -> Config:
    config = Config(output_buffer=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    for key, value in options.items():
        config.set_main_option(key, value)
    return config


def engine_of(path: str):
    """An engine on the database at a path (SQLite) or URL, without the migrations ``Store.open`` runs.

    The migration tests run on both backends (``[sqlite]``, ``[postgresql]``):
    ``databases.url(name, empty=True)`` is a new SQLite file, or a new
    PostgreSQL database with no table.
    """
    return create_engine(database_url(path))


def test_fresh_file_gets_every_table_at_head(databases):
    path = databases.url("fresh", empty=True)
    Store.open(str(path)).close()
    engine = engine_of(path)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        head = MigrationContext.configure(connection).get_current_revision()
        columns = {table: {c["name"] for c in inspect(connection).get_columns(table)} for table in ALL_TABLES}
    engine.dispose()
    assert tables == ALL_TABLES | {"alembic_version"}
    assert set(TABLE_NAMES) == ALL_TABLES
    assert head == HEAD
    assert {"article_id", "run_id", "start_char", "end_char", "geonameid", "lat", "lon"} <= columns["places"]
    assert {"article_id", "run_id", "position", "quote_key", "speaker_name", "cue_start"} <= columns["quotes"]
    assert {"claim_key", "content_text", "source_affiliation", "certainty", "cues", "quote_key"} <= columns["claims"]
    assert {"inherited"} <= columns["quotes"] and "warnings" in columns["extraction_runs"]
    assert {
        "event_key",
        "subtype",
        "trigger_start",
        "actor1_name",
        "actor2_country_code",
        "location_geonameid",
        "date_interval_start",
        "fatalities_max",
        "arrested_text",
        "aggregate",
        "mentions",
        "statements",
    } <= columns["events"]


def _other_default(context, inspected_column, metadata_column, inspected_default, metadata_default,
                   rendered_metadata_default):
    """Whether a column's default differs from the model's; None leaves the answer to Alembic.

    Alembic asks the database whether the two defaults are equal, and
    PostgreSQL's ``json`` has no equality: its defaults are compared as text.
    """
    if context.dialect.name == "postgresql" and isinstance(metadata_column.type, JSON):
        def plain(default: str | None) -> str | None:
            return default.removesuffix("::json").strip("'") if default else default

        return plain(inspected_default) != plain(rendered_metadata_default)
    return None


def test_migrated_schema_matches_the_models(databases):
    # A model change without a migration shows up here as a difference.
    path = databases.url("compare", empty=True)
    Store.open(path).close()
    engine = engine_of(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": _other_default}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_older_database_is_migrated_on_open(databases, result):
    path = databases.url("old", empty=True)
    Store.open(path).close()
    engine = engine_of(path)
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


def _schema(connection) -> dict[str, tuple[list[str], list[str]]]:
    """Each table's column names and index names, as the database describes them."""
    found = inspect(connection)
    return {
        table: (sorted(c["name"] for c in found.get_columns(table)),
                sorted(i["name"] for i in found.get_indexes(table) if i["name"]))
        for table in found.get_table_names()
    }


def test_every_revision_steps_down_to_base_and_back_up_keeping_the_articles(databases, reading):
    """One revision at a time, down to nothing and up again: each revision's schema is the same both ways,
    and a stored article outlives every step that keeps its table."""
    revisions = [r.revision for r in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]
    path = databases.url("steps", empty=True)
    with Store.open(path) as store:
        store.save(reading)
        Ledger(store).update()
    engine = engine_of(path)
    config = alembic_config()

    def step(move, target) -> tuple[str | None, dict, int | None]:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            move(config, target)
        with engine.connect() as connection:
            schema = _schema(connection)
            articles = None
            if "articles" in schema:
                articles = connection.execute(text("SELECT count(*) FROM articles")).scalar()
            return MigrationContext.configure(connection).get_current_revision(), schema, articles

    going_down = {}
    for expected in [*reversed(revisions[:-1]), None]:
        revision, schema, articles = step(command.downgrade, "-1")
        assert revision == expected
        assert articles == (1 if revision else None)
        going_down[revision] = schema
    assert set(going_down[None]) == {"alembic_version"}
    for expected in revisions:
        revision, schema, articles = step(command.upgrade, "+1")
        assert revision == expected
        assert articles == 0
        if revision in going_down:
            assert schema == going_down[revision], revision
    engine.dispose()
    with Store.open(path) as store:
        store.save(reading)
        assert Ledger(store).update().reports == len(reading.events)
        assert list(store.iter_results()) == [_expected(reading)]


def _save_as_revision_0001(connection, result) -> None:
    """Insert ``result`` with the SQL that the 0001 schema takes (no warnings, no quote tables)."""
    article = result.article
    connection.execute(
        text(
            "INSERT INTO articles (id, url, title, outlet, published, language, text, origin, duplicate_of, "
            "ingested_at) VALUES (:id, :url, :title, :outlet, :published, :language, :text, :origin, NULL, "
            "'2019-01-05 10:00:00.000000')"
        ),
        {**dataclasses.asdict(article), "published": article.published.isoformat()},
    )
    run = {
        "article_id": article.id,
        "extractors": json.dumps(result.runs["extractors"]),
        "spacy_model": result.runs["spacy_model"],
        "newsledger": result.runs["newsledger"],
        "signature": run_signature(result.runs),
    }
    run_id = connection.execute(
        text(
            "INSERT INTO extraction_runs (article_id, extractors, spacy_model, newsledger_version, signature, "
            "created_at) VALUES (:article_id, :extractors, :spacy_model, :newsledger, :signature, "
            "'2019-01-05 10:00:01.000000') RETURNING id"
        ),
        run,
    ).scalar_one()
    keys = {"article_id": article.id, "run_id": run_id}
    for position, e in enumerate(result.entities):
        connection.execute(
            text(
                "INSERT INTO entities (article_id, run_id, position, text, start_char, end_char, entity_key, label, "
                "canonical) VALUES (:article_id, :run_id, :position, :text, :start, :end, :id, :label, :canonical)"
            ),
            {**keys, "position": position, **dataclasses.asdict(e)},
        )
    for position, t in enumerate(result.times):
        interval_start, interval_end = t.interval or (None, None)
        connection.execute(
            text(
                "INSERT INTO times (article_id, run_id, position, text, start_char, end_char, value, precision, "
                "interval_start, interval_end, note) VALUES (:article_id, :run_id, :position, :text, :start, :end, "
                ":value, :precision, :interval_start, :interval_end, :note)"
            ),
            {
                **keys,
                "position": position,
                **dataclasses.asdict(t),
                "interval_start": interval_start,
                "interval_end": interval_end,
            },
        )
    for position, p in enumerate(result.places):
        connection.execute(
            text(
                "INSERT INTO places (article_id, run_id, position, text, start_char, end_char, name, geonameid, "
                "country_code, admin1, lat, lon, feature_code, precision) VALUES (:article_id, :run_id, :position, "
                ":text, :start, :end, :name, :geonameid, :country_code, :admin1, :lat, :lon, :feature_code, "
                ":precision)"
            ),
            {**keys, "position": position, **dataclasses.asdict(p)},
        )


def _expected(result) -> dict:
    data = result.to_dict()
    data["article"]["duplicate_of"] = None
    return data


def test_a_database_at_revision_0001_keeps_its_data_when_opened(databases, result, quoted):
    path = databases.url("v1", empty=True)
    engine = engine_of(path)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        _save_as_revision_0001(connection, result)
    with engine.connect() as connection:
        assert "quotes" not in inspect(connection).get_table_names()
    engine.dispose()
    with Store.open(path) as store:
        # The old run reads back whole, with the empty warnings the server default gave it.
        assert list(store.iter_results()) == [_expected(result)]
        assert store.has_run(result.article.id, result.runs, result.article.published)
        store.save(quoted)
        assert list(store.iter_results()) == [_expected(result), _expected(quoted)]
        counts = store.counts()
    kept = (counts["entities"], counts["times"], counts["places"], counts["quotes"], counts["claims"])
    assert kept == (6, 2, 2, 5, 5)
    engine = engine_of(path)
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == HEAD
        assert {"quotes", "claims"} <= set(inspect(connection).get_table_names())
    engine.dispose()


def test_downgrading_to_0001_drops_only_what_0002_added(databases, quoted):
    path = databases.url("down", empty=True)
    with Store.open(path) as store:
        store.save(quoted)
    engine = engine_of(path)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with engine.connect() as connection:
        kept = ALL_TABLES - {"quotes", "claims", "events"} - LEDGER_TABLES - WEB_TABLES | {"alembic_version"}
        assert set(inspect(connection).get_table_names()) == kept
        assert "warnings" not in {c["name"] for c in inspect(connection).get_columns("extraction_runs")}
    engine.dispose()
    with Store.open(path) as store:
        stripped = dataclasses.replace(quoted, quotes=[], claims=[], warnings=[])
        assert list(store.iter_results()) == [_expected(stripped)]


def _migrated(path: str, revision: str, step) -> None:
    """Run Alembic's ``step`` (``command.upgrade`` or ``command.downgrade``) to ``revision`` on ``path``."""
    engine = engine_of(path)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        step(config, revision)
    engine.dispose()


def _downgraded_to(path: str, revision: str) -> None:
    _migrated(path, revision, command.downgrade)


def _upgraded_to(path: str, revision: str) -> None:
    _migrated(path, revision, command.upgrade)


def test_a_database_at_revision_0002_keeps_its_data_when_opened(databases, result, quoted, reading):
    path = databases.url("v2", empty=True)
    _upgraded_to(path, "0002")
    # Revision 0003 only adds a table, so today's rows for the older tables are
    # exactly what a 0002 newsledger wrote: save through a Store that skips the
    # upgrade Store.open would run.
    engine = engine_of(path)
    old = Store(engine)
    old.save(result)
    old.save(quoted)
    with engine.connect() as connection:
        assert "events" not in inspect(connection).get_table_names()
        assert MigrationContext.configure(connection).get_current_revision() == "0002"
    engine.dispose()
    with Store.open(path) as store:
        assert list(store.iter_results()) == [_expected(result), _expected(quoted)]
        assert store.has_run(quoted.article.id, quoted.runs, quoted.article.published)
        store.save(reading)
        assert list(store.iter_results()) == [_expected(result), _expected(quoted), _expected(reading)]
        counts = store.counts()
    kept = (counts["articles"], counts["entities"], counts["quotes"], counts["claims"], counts["events"])
    assert kept == (3, 9, 7, 7, 3)
    engine = engine_of(path)
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == HEAD
    engine.dispose()


def test_downgrading_to_0002_drops_only_the_events(databases, reading):
    path = databases.url("down3", empty=True)
    with Store.open(path) as store:
        store.save(reading)
    engine = engine_of(path)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == ALL_TABLES - {"events"} - LEDGER_TABLES - WEB_TABLES | {
            "alembic_version"
        }
        assert {i["name"] for i in inspect(connection).get_indexes("quotes")} >= {"ix_quotes_speaker_name"}
    engine.dispose()
    with Store.open(path) as store:
        # Opening upgrades again: the table is back, empty; everything else is kept.
        assert list(store.iter_results()) == [_expected(dataclasses.replace(reading, events=[]))]
        assert store.counts()["events"] == 0


def test_opening_a_file_twice_is_fine(databases, result):
    path = databases.url("twice", empty=True)
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
    # Files and folders are SQLite's; a PostgreSQL server's refusals are the tests below.
    with pytest.raises(StoreError, match=message):
        Store.open(make_target(tmp_path))


def test_a_database_a_newer_newsledger_migrated_is_refused(databases):
    path = databases.url("newer")
    Store.open(path).close()
    engine = engine_of(path)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer newsledger"):
        Store.open(path)


def test_a_server_that_does_not_answer_is_one_line_without_the_password():
    # Nothing listens on a port just found free: the driver's several lines become one.
    pytest.importorskip("psycopg", reason="the PostgreSQL driver is not installed")

    port = free_port()
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql+psycopg://ledger:secret@127.0.0.1:{port}/ledger", lock_timeout=1)
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message
    assert f"postgresql+psycopg://ledger:***@127.0.0.1:{port}/ledger" in message


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
    assert "ALTER TABLE extraction_runs ADD COLUMN warnings JSONB DEFAULT '[]' NOT NULL" in sql
    assert "CREATE TABLE quotes" in sql and "CREATE TABLE claims" in sql
    assert "cues JSONB NOT NULL" in sql and "inherited BOOLEAN NOT NULL" in sql
    assert "CREATE TABLE events" in sql
    assert "mentions JSONB NOT NULL" in sql and "statements JSONB NOT NULL" in sql
    assert "aggregate BOOLEAN NOT NULL" in sql and "date_inferred BOOLEAN" in sql
    assert "location_geonameid BIGINT" in sql and "location_lat FLOAT" in sql
    for column in ("article_id", "run_id", "subtype", "location_country_code", "date_interval_start"):
        assert f"CREATE INDEX ix_events_{column} ON events ({column})" in sql
    assert "id BIGSERIAL NOT NULL" in sql
    assert "CONSTRAINT uq_extraction_runs_article_id_signature UNIQUE (article_id, signature)" in sql
    # Column names that are SQL keywords would need quoting: none is used.
    assert '"end"' not in sql and '"start"' not in sql


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_models_compile_for_postgresql(table):
    ddl = str(CreateTable(Base.metadata.tables[table]).compile(dialect=postgresql.dialect()))
    assert f"CREATE TABLE {table}" in ddl
    assert '"' not in ddl  # no quoted (reserved or mixed-case) names


def test_revision_0006_adds_the_signature_column_and_downgrading_drops_only_it(databases, reading):
    path = databases.url("v6", empty=True)
    # Saved, then taken back to 0005: the article as a 0005 newsledger left it, no signature column.
    with Store.open(path) as store:
        store.save(reading)
    _downgraded_to(path, "0005")
    with Store.open(path) as store:
        assert dict(store.iter_minhashes()) == {reading.article.id: None}  # computed by the next batch
        store.save_minhashes({reading.article.id: b"kept"})
        assert list(store.iter_results()) == [_expected(reading)]
    engine = engine_of(path)
    with engine.connect() as connection:
        assert "minhash" in {c["name"] for c in inspect(connection).get_columns("articles")}
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with engine.connect() as connection:
        assert "minhash" not in {c["name"] for c in inspect(connection).get_columns("articles")}
        # 0008's and 0009's tables are gone too, being newer than 0005.
        gone = {"incident_report_people"} | WEB_TABLES
        assert set(inspect(connection).get_table_names()) == ALL_TABLES - gone | {"alembic_version"}
        assert MigrationContext.configure(connection).get_current_revision() == "0005"
    engine.dispose()
    with Store.open(path) as store:
        assert list(store.iter_results()) == [_expected(reading)]
        assert dict(store.iter_minhashes()) == {reading.article.id: None}


def test_revision_0007_reads_older_events_as_foreground_and_downgrading_drops_only_its_columns(databases, reading):
    path = databases.url("v7", empty=True)
    assert reading.events, "the fixture must carry events for this test to mean anything"
    with Store.open(path) as store:
        store.save(reading)
    _downgraded_to(path, "0006")
    engine = engine_of(path)
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("events")}
        assert not {"background", "field_rules"} & columns
        assert "subtype_rule" in columns
    engine.dispose()
    # Opening upgrades again: the stored events come back, not background, naming no rules.
    with Store.open(path) as store:
        events = [event for data in store.iter_results() for event in data["events"]]
    assert len(events) == len(reading.events)
    assert all(e["background"] is False and e["field_rules"] == {} for e in events)


def test_revision_0008_adds_components_and_named_people_and_downgrading_drops_only_them(databases, reading):
    path = databases.url("v8", empty=True)
    with Store.open(path) as store:
        store.save(reading)
    _downgraded_to(path, "0007")
    engine = engine_of(path)
    with engine.connect() as connection:
        assert "component" not in {c["name"] for c in inspect(connection).get_columns("incident_reports")}
        assert "incident_report_people" not in inspect(connection).get_table_names()
    engine.dispose()
    # Opening upgrades again, and the ledger takes the stored article in with both.
    with Store.open(path) as store:
        update = Ledger(store).update()
        assert update.reports == len(reading.events)
        assert list(store.iter_results()) == [_expected(reading)]
    engine = engine_of(path)
    with engine.connect() as connection:
        components = connection.execute(text("SELECT component FROM incident_reports WHERE incident_id IS NOT NULL"))
        assert all(row[0] for row in components)
        assert "incident_report_people" in inspect(connection).get_table_names()
    engine.dispose()


def test_revision_0009_adds_users_and_secrets_and_downgrading_drops_only_them(databases, reading):
    path = databases.url("v9", empty=True)
    with Store.open(path) as store:
        store.save(reading)
    _downgraded_to(path, "0008")
    engine = engine_of(path)
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        assert not names & {"users", "server_secrets"}
        assert "incident_report_people" in names
    engine.dispose()
    with Store.open(path) as store:
        assert list(store.iter_results()) == [_expected(reading)]
    engine = engine_of(path)
    with engine.connect() as connection:
        assert {"users", "server_secrets"} <= set(inspect(connection).get_table_names())
    engine.dispose()
