"""The seed report through the ledger's command line, as the incidents issue accepts it.

Reads ../shared/data/seed/venezuela-dock-strike.txt in place and skips when that
folder is absent. The report is ingested twice under two URLs and outlets (a
syndicated copy), then once more lightly edited (a near-duplicate).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Store
from newsledger.ledger import Ledger

pytestmark = pytest.mark.model


def invoke(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def ledger_db(shared_data, tmp_path_factory):
    seed = shared_data / "seed" / "venezuela-dock-strike.txt"
    db = str(tmp_path_factory.mktemp("ledger") / "seed.db")
    for url, outlet in (("https://one.example/dock", "CNN"), ("https://two.example/wire/dock", "Example Wire")):
        result = invoke("ingest", str(seed), "--db", db, "--published", "2025-12-30", "--url", url, "--outlet", outlet)
        assert result.exit_code == 0, result.output
    return db


def ledger(db: str) -> Ledger:
    return Ledger(Store.open(db))


def with_evidence(incidents: list[dict], words: str) -> list[dict]:
    return [d for d in incidents if any(words in r["evidence"]["text"] for r in d["reports"])]


def test_two_urls_are_one_article_with_a_copy(ledger_db):
    store = Store.open(ledger_db)
    counts = store.counts()
    assert (counts["articles"], counts["copies"]) == (1, 1)
    [result] = list(store.iter_results())
    assert store.copies(result["article"]["id"]) == [
        {"url": "https://two.example/wire/dock", "outlet": "Example Wire", "title": None, "published": "2025-12-30"}
    ]


def test_one_dock_strike_incident(ledger_db):
    incidents = ledger(ledger_db).incidents()
    strikes = [d for d in incidents if d["sub_event_type"]["value"] == "Air/drone strike"]
    [dock] = with_evidence(strikes, "on a dock in Venezuela")
    assert strikes == [dock]
    assert dock["actor1"]["value"] == "CIA"
    assert dock["place"]["value"]["country_code"] == "VE"
    assert (dock["date"]["start"], dock["date"]["end"], dock["date"]["time_precision"]) == ("2025-12-01", "2025-12-30", 3)
    assert dock["fatalities"]["conservative"] == 0 and dock["fatalities"]["figures"][0]["text"] == "No one was present"
    assert dock["grade"] == "single source" and dock["independent_sources"] == 1
    assert dock["reports"][0]["claim_source"] == "CNN"


def test_one_tanker_seizure_incident(ledger_db):
    incidents = ledger(ledger_db).incidents()
    seizures = [d for d in incidents if d["sub_event_type"]["value"] == "Vessel seizure/interdiction"]
    [seized] = [d for d in seizures if not d["attempted"]]
    assert seized["actor1"]["value"] == "Coast Guard"
    assert (seized["date"]["start"], seized["date"]["end"]) == ("2025-12-22", "2025-12-28")
    # "... and pursued a third": an attempt, listed as such, never counted as a seizure.
    assert all(d["attempted"] for d in seizures if d is not seized)


def test_no_incident_for_the_aggregate_toll_or_the_threatened_land_strikes(ledger_db):
    book = ledger(ledger_db)
    [result] = list(book.store.iter_results())
    text = result["text"]
    phrases = ("months of deadly strikes on alleged drug boats", "land strikes, like the dock blast, will soon follow")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    triggers = [(r["trigger"]["start"], r["trigger"]["text"]) for d in book.incidents() for r in d["reports"]]
    assert triggers and not [t for t in triggers if any(a <= t[0] < b for a, b in spans)]
    # The aggregate toll is a mention the ledger took in and set aside, saying why.
    aggregate = {e["id"] for e in result["events"] if e["aggregate"]}
    excluded = book.excluded_reports()
    assert aggregate and all(excluded[f"{result['article']['id']}:{e}"] == "aggregate" for e in aggregate)


def test_a_near_duplicate_copy_is_one_source(ledger_db, shared_data, tmp_path):
    seed = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    edited = tmp_path / "wire-copy.txt"
    first, rest = seed.split("\n", 1)
    edited.write_text(first + " (Distributed by Example Wire.)\n" + rest, encoding="utf-8")
    db = str(tmp_path / "near.db")
    for path, outlet in ((shared_data / "seed" / "venezuela-dock-strike.txt", "CNN"), (edited, "Example Wire")):
        result = invoke("ingest", str(path), "--db", db, "--published", "2025-12-30", "--outlet", outlet)
        assert result.exit_code == 0, result.output
    assert "1 near-duplicates linked" in " ".join(result.output.split())
    [dock] = with_evidence(ledger(db).incidents(), "on a dock in Venezuela")
    assert len({r["article_id"] for r in dock["reports"]}) == 2
    assert len(dock["sources"]) == 1 and dock["independent_sources"] == 1
    assert dock["grade"] == "single source"


def test_incidents_and_show_print_the_evidence(ledger_db):
    [dock] = with_evidence(ledger(ledger_db).incidents(), "on a dock in Venezuela")
    listed = invoke("incidents", "--db", ledger_db, "--country", "Venezuela", "--type", "Air/drone strike")
    assert listed.exit_code == 0, listed.output
    assert dock["id"] in listed.output and "1 incidents" in listed.output
    shown = invoke("show", dock["id"], "--db", ledger_db)
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    assert "No one was present" in text and "on a dock in Venezuela" in text
    assert "same text also at Example Wire https://two.example/wire/dock" in text
    assert "ACLED time_precision 3" in text and "PLOVER ASSAULT:aerial" in text
    assert "v1 " in text and "new report: CNN" in text


def test_as_of_before_anything_was_ingested_is_empty(ledger_db):
    result = invoke("incidents", "--db", ledger_db, "--as-of", "2001-01-01")
    assert result.exit_code == 0 and "0 incidents as of 2001-01-01" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "inc-0000000000000000"], "no incident inc-0000000000000000"),
        (["merge", "inc-0000000000000000"], "merge needs two or more"),
        (["incidents", "--since", "yesterday"], "is not a date"),
        (["incidents", "--country", "Atlantis"], "no such country"),
        (["incidents", "--min-grade", "confirmed"], "unknown grade"),
        (["export", "--format", "csv", "--country", "VE"], "add --incidents"),
    ],
)
def test_mistakes_are_one_line_and_status_2(ledger_db, args, message):
    result = invoke(*args, "--db", ledger_db)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()) and "Traceback" not in result.output


def test_exports_of_the_ledger(ledger_db):
    acled = invoke("export", "--db", ledger_db, "--format", "acled", "--type", "Air/drone strike")
    assert acled.exit_code == 0, acled.output
    [row] = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert (row["sub_event_type"], row["country"], row["time_precision"], row["fatalities"]) == (
        "Air/drone strike", "Venezuela", "3", "0"
    )
    geo = json.loads(invoke("export", "--db", ledger_db, "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(ledger(ledger_db).incidents())
    lines = invoke("export", "--db", ledger_db, "--format", "jsonl", "--incidents").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [d["id"] for d in ledger(ledger_db).incidents()]
