"""The ledger's commands as a person types them: correct, split, and the not-yet-resolved hint.

The article is the opening of a Wikinews report (CC BY 2.5),
https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others .
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Store
from newsledger.ledger import Ledger

pytestmark = pytest.mark.model

YEMEN = (
    "A bomb in Mokha, Yemen killed a photojournalist and at least five others on Monday, "
    "officials said. The blast struck near a market in the port city."
)
HINT = "stored article is not yet in the ledger: run `newsledger resolve`"


def run(*args):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ledger")
    source = folder / "yemen.jsonl"
    source.write_text(json.dumps({"text": YEMEN, "outlet": "Wikinews", "published": "2019-01-30"}) + "\n")
    db = folder / "ledger.db"
    result = run("ingest", str(source), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def db(ingested, tmp_path):
    copy = tmp_path / "ledger.db"
    shutil.copy(ingested, copy)
    return str(copy)


def the_incident(db: str) -> dict:
    [detail] = Ledger(Store.open(db)).incidents()
    return detail


@pytest.mark.parametrize("value", ["-5", "-1", "many", "2.5"])
def test_correct_refuses_what_is_not_a_count_in_one_line(db, value):
    incident = the_incident(db)
    result = run("correct", incident["id"], "fatalities", value, "--db", db)
    assert result.exit_code == 2, result.output
    assert "No such option" not in result.output
    assert result.stderr.strip() == f"error: fatalities must be a whole number of 0 or more, not {value!r}"
    assert the_incident(db)["fatalities"] == incident["fatalities"]


def test_correct_a_count(db):
    incident_id = the_incident(db)["id"]
    result = run("correct", incident_id, "fatalities", "12", "--db", db, "--note", "hospital list")
    assert result.exit_code == 0, result.output
    assert f"corrected fatalities of {incident_id}" in result.stdout
    assert the_incident(db)["fatalities"]["conservative"] == 12


def test_split_with_a_key_not_in_the_incident_says_so(db):
    incident_id = the_incident(db)["id"]
    result = run("split", incident_id, "0123456789abcdef", "--db", db)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"error: 0123456789abcdef is not a report or article of incident {incident_id}; "
        f"`newsledger show {incident_id}` lists its reports"
    )


def test_incidents_and_show_say_when_articles_are_not_yet_in_the_ledger(db):
    incident_id = the_incident(db)["id"]
    for command in (("incidents",), ("show", incident_id)):
        assert HINT not in run(*command, "--db", db).stderr
    # As a batch killed after storing and before the ledger update leaves it.
    with sqlite3.connect(db) as conn:
        conn.execute("delete from resolved_runs")
    for command in (("incidents",), ("show", incident_id)):
        result = run(*command, "--db", db)
        assert result.exit_code == 0, result.output
        assert result.stderr.strip() == f"1 {HINT}"
    assert run("resolve", "--db", db).exit_code == 0
    assert HINT not in run("incidents", "--db", db).stderr

