"""The command line as a new user meets it: demo, extract, ingest, export, bad input."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

pytestmark = pytest.mark.model

DEMO = str(files("newsledger.demo").joinpath("articles.jsonl"))
# Wikinews (CC BY 2.5), https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others
YEMEN = (
    "A bomb in Mokha, Yemen killed a photojournalist and at least five others on Monday, "
    "officials said. The blast struck near a market in the port city."
)


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


def test_demo_builds_a_fresh_database_and_summarises_it(tmp_path):
    db = tmp_path / "demo.db"
    db.write_text("not a database")  # the demo replaces whatever was there
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "8 articles" in result.stdout
    for heading in ("People", "Organisations", "Places", "Events", "Dates"):
        assert heading in result.stdout
    assert "Air/drone strike" in result.stdout  # the Soleimani strike
    assert "Qasem Soleimani" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 8
        assert conn.execute("select count(*) from places where lat is not null").fetchone()[0] > 10


def test_ingest_twice_adds_nothing_the_second_time(tmp_path):
    db = str(tmp_path / "l.db")
    first = run("ingest", DEMO, "--db", db)
    assert first.exit_code == 0, first.output
    assert "8 new" in first.stderr
    second = run("ingest", DEMO, "--db", db)
    assert second.exit_code == 0, second.output
    # The file was finished: it is not read again (each article would be a duplicate).
    assert "1 files finished by an earlier run skipped; 0 new" in second.stderr
    third = run("ingest", DEMO, "--db", db, "--no-resume")
    assert third.exit_code == 0, third.output
    assert "0 new" in third.stderr and "8 duplicates" in third.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 8
        assert conn.execute("select count(*) from extraction_runs").fetchone()[0] == 8


def test_db_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSLEDGER_DB", str(db))
    text = tmp_path / "yemen.txt"
    text.write_text(YEMEN)
    result = run("ingest", str(text), "--published", "2019-01-30")
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_extract_reads_stdin_and_resolves_dates():
    result = run("extract", "-", "--published", "2019-01-30", "--outlet", "Wikinews", input=YEMEN)
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert output["article"]["outlet"] == "Wikinews"
    monday = [t for t in output["times"] if t["text"] == "Monday"]
    assert monday and monday[0]["value"] == "2019-01-28"
    assert any(p["country_code"] == "YE" for p in output["places"])


def test_extract_out_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("extract", DEMO, "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 8 and all(json.loads(line)["schema"] == "newsledger/1" for line in lines)


def test_bad_input_is_reported_and_the_rest_goes_on(tmp_path):
    db = str(tmp_path / "bad.db")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "good.txt").write_text(YEMEN)
    run("ingest", str(tmp_path / "good.txt"), "--db", db, "--published", "2019-01-30")
    result = run("ingest", str(tmp_path), "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 failed" in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 1


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert "empty" in result.stderr


def test_bad_date_is_one_clear_line():
    result = run("extract", "-", "--published", "30/12/2025", input=YEMEN)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.output


def test_unknown_model_is_one_clear_line():
    result = run("extract", "-", "--model", "no_such_pipeline", input=YEMEN)
    assert result.exit_code == 2
    assert "no_such_pipeline" in result.stderr and "not installed" in result.stderr


def test_export_jsonl_and_csv(tmp_path):
    db = str(tmp_path / "e.db")
    assert run("ingest", DEMO, "--db", db).exit_code == 0
    jsonl = run("export", "--format", "jsonl", "--db", db)
    assert jsonl.exit_code == 0, jsonl.output
    objects = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(objects) == 8 and all(o["schema"] == "newsledger/1" for o in objects)
    table = run("export", "--format", "csv", "--db", db)
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {r["kind"] for r in rows} >= {"entity", "time", "place"}
    texts = {o["article"]["id"]: o["text"] for o in objects}
    for row in rows[:200]:
        assert texts[row["article_id"]][int(row["start"]) : int(row["end"])] == row["text"]


def test_export_without_a_database_says_so(tmp_path):
    result = run("export", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 2
    assert "no database" in result.stderr


def test_extractors_can_be_chosen_with_their_needs():
    result = run("extract", "-", "--published", "2019-01-30", "--extractors", "places", input=YEMEN)
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output["runs"]["extractors"]) == {"entities", "places"}
    assert output["places"] and output["entities"]
    assert output["times"] == [] and output["quotes"] == [] and output["events"] == []


def test_unknown_extractor_is_one_clear_line():
    result = run("extract", "-", "--extractors", "sentiment", input=YEMEN)
    assert result.exit_code == 2
    assert "unknown extractor sentiment" in result.stderr


def test_a_pages_own_date_wins_over_the_flag():
    page = str(Path(__file__).parent / "fixtures" / "ingest" / "paris-police.html")
    result = run("extract", page, "--published", "2020-01-01", "--outlet", "Fallback Outlet")
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert output["article"]["published"] == "2019-10-05"  # from the page
    assert output["article"]["outlet"] == "Wikinews"  # from the page
    thursday = [t for t in output["times"] if t["text"] == "Thursday"]
    assert thursday and thursday[0]["value"] == "2019-10-03"
