"""The SQLite ledger opens in Datasette with readable table and column names.

Checked with the real ``datasette`` package through ``Datasette.client`` (HTTPX
over ASGI, the way Datasette's own "Testing plugins" docs test an instance):
every table of ``newsledger.store.models.Base.metadata`` is listed, each table's
JSON comes back with exactly the model's column names, its row count matches
SQLite's, and SQL queries run. The checks walk ``Base.metadata``, so a table a
later migration adds is covered without touching this file. Two ledgers are
checked: one from hand-coded Wikinews results (tests/store/conftest.py, no
model) and one from two bundled demo articles (Wikinews, CC BY 2.5) extracted
by the real pipeline (``@pytest.mark.model``).

SQLite only: Datasette opens SQLite files; the PostgreSQL store has no
counterpart to check.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from importlib.resources import files
from pathlib import Path

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed (pip install datasette)")

from newsledger.clean import prepare  # noqa: E402
from newsledger.ingest.jsonl import parse_line  # noqa: E402
from newsledger.store import Store  # noqa: E402
from newsledger.store.models import Base  # noqa: E402

# Lower-case words joined by underscores: names a reader can type in SQL without quoting.
READABLE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MODEL_TABLES = sorted(Base.metadata.tables)


def demo_articles(count: int):
    """The first ``count`` bundled demo articles, read and cleaned as ``newsledger ingest`` does."""
    lines = files("newsledger.demo").joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [prepare(parse_line(line, f"demo/articles.jsonl:{n}")) for n, line in enumerate(lines[:count], 1)]


@pytest.fixture(params=["hand-coded", pytest.param("pipeline", marks=pytest.mark.model)])
def ledger(request, tmp_path, reading, serbia) -> Path:
    """An SQLite ledger file holding two saved extraction results."""
    if request.param == "pipeline":
        pipeline = request.getfixturevalue("pipeline")
        results = [pipeline.extract(article) for article in demo_articles(2)]
    else:
        results = [reading, serbia]
    path = tmp_path / "ledger.db"
    with Store.open(path) as store:
        for result in results:
            assert store.save(result).written
    return path


def browse(path: Path, *urls: str) -> list:
    """GET each Datasette URL on one instance of the file; the decoded JSON of each, in order."""

    async def fetch() -> list:
        datasette = datasette_app.Datasette([str(path)])
        await datasette.invoke_startup()
        answers = []
        for url in urls:
            response = await datasette.client.get(url)
            assert response.status_code == 200, (url, response.text[:500])
            answers.append(response.json())
        return answers

    return asyncio.run(fetch())


def test_model_names_are_readable():
    for table in Base.metadata.sorted_tables:
        assert READABLE.match(table.name), table.name
        for column in table.columns:
            assert READABLE.match(column.name), f"{table.name}.{column.name}"


def test_every_model_table_is_listed(ledger):
    [databases, database] = browse(ledger, "/-/databases.json", "/ledger.json")
    assert [d["name"] for d in databases] == ["ledger"]
    listed = {t["name"]: t for t in database["tables"]}
    assert set(MODEL_TABLES) <= set(listed)
    with sqlite3.connect(ledger) as connection:
        for name in MODEL_TABLES:
            (rows,) = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert listed[name]["count"] == rows, name
    assert listed["articles"]["count"] == 2
    assert listed["events"]["count"] > 0


def test_each_table_has_the_model_columns(ledger):
    answers = browse(ledger, *(f"/ledger/{name}.json?_size=5" for name in MODEL_TABLES))
    for name, answer in zip(MODEL_TABLES, answers, strict=True):
        model_columns = {c.name for c in Base.metadata.tables[name].columns}
        assert set(answer["columns"]) == model_columns, name
        assert all(len(row) == len(answer["columns"]) for row in answer["rows"])


def test_rows_come_back_as_objects_with_model_keys(ledger):
    [articles, events] = browse(ledger, "/ledger/articles.json?_shape=array", "/ledger/events.json?_shape=array")
    assert len(articles) == 2
    assert set(articles[0]) == {c.name for c in Base.metadata.tables["articles"].columns}
    assert {row["article_id"] for row in events} <= {row["id"] for row in articles}
    assert all(row["subtype"] for row in events)


def test_sql_queries_run(ledger):
    query = (
        "select articles.title, count(events.id) as events from articles "
        "join events on events.article_id = articles.id group by articles.id order by articles.title"
    )
    [joined, counted] = browse(
        ledger,
        f"/ledger.json?sql={query}&_shape=array",
        "/ledger.json?sql=select count(*) as n from extraction_runs&_shape=array",
    )
    with sqlite3.connect(ledger) as connection:
        expected = connection.execute(query).fetchall()
    assert [(row["title"], row["events"]) for row in joined] == expected
    assert expected and all(n > 0 for _, n in expected)
    assert counted == [{"n": 2}]
