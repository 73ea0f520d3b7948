"""The ledger in the store, on the pipeline's extractions from three Wikinews reports of one strike.

``tests/fixtures/wikinews/soleimani.jsonl`` (CC BY 2.5, see its ATTRIBUTION.md):
the Soleimani strike report (2020-01-05), the Iraqi parliament vote that
cites "the United States' killing of Qasem Soleimani in an airstrike last
week" (2020-01-06), and the Kerman stampede report, which says "He was killed
last week by a United States military airstrike in Iraq." (2020-01-09).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from newsledger.ledger import IncidentFilter, Ledger, LedgerError
from newsledger.schema import Article
from newsledger.store import Store
from tests.ledger.reports import T0, Clock

pytestmark = pytest.mark.model

FIXTURE = Path(__file__).parents[1] / "fixtures" / "wikinews" / "soleimani.jsonl"
NAMES = ("strike", "vote", "stampede")
@pytest.fixture(scope="module")
def results(pipeline):
    out = {}
    for name, line in zip(NAMES, FIXTURE.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        article = Article.from_text(
            record["text"], title=record["title"], url=record["url"], outlet=f"Wikinews ({name})",
            published=dt.date.fromisoformat(record["published"]),
        )
        out[name] = pipeline.extract(article)
    return out


def ledger_of(databases, results, order=NAMES, clock=None, one_batch=False) -> Ledger:
    """A store (an SQLite file, or a PostgreSQL database) with the ``order``-ed results saved and the ledger updated."""
    store = Store.open(databases.url(f"ledger-{'-'.join(order)}-{one_batch}"))
    ledger = Ledger(store, clock or Clock())
    for name in order:
        store.save(results[name])
        if not one_batch:
            ledger.update()
    if one_batch:
        ledger.update()
    return ledger


def strike_incident(ledger: Ledger, results, **kwargs) -> dict:
    """The incident holding the strike report's airstrike in Baghdad."""
    strike_id = results["strike"].article.id
    found = [
        d for d in ledger.incidents(**kwargs)
        if any(r["article_id"] == strike_id and r["trigger"]["text"] == "airstrike" for r in d["reports"])
    ]
    assert len(found) == 1, [d["id"] for d in found]
    return found[0]


def articles_of(detail: dict) -> set[str]:
    return {r["article_id"] for r in detail["reports"]}


def test_three_reports_of_the_strike_make_one_incident(databases, results):
    ledger = ledger_of(databases, results)
    incident = strike_incident(ledger, results)
    assert articles_of(incident) == {results[n].article.id for n in NAMES}
    assert incident["sub_event_type"]["value"] == "Air/drone strike"
    assert incident["plover"]["value"] == {"event": "ASSAULT", "mode": "aerial"}
    # Each source's place is kept: the strike report's Baghdad wins over "Iraq" as more specific.
    places = {c["value"]["name"]: c["sources"] for c in incident["place"]["candidates"]}
    assert incident["place"]["value"]["name"] == "Baghdad" and "Iraq" in places
    # The vote report also places it: "The strike took place in Iraq, at Baghdad International Airport."
    assert places["Baghdad"] == sorted([results["strike"].article.id, results["vote"].article.id])
    assert incident["place"]["geo_precision"] == 1
    assert incident["actor1"]["value"] == "United States" and incident["actor1"]["inter"] == 1
    # Every report's evidence is the article's own words at its offsets.
    texts = {results[n].article.id: results[n].article.text for n in NAMES}
    for report in incident["reports"]:
        evidence = report["evidence"]
        assert texts[report["article_id"]][evidence["start"]:evidence["end"]] == evidence["text"]
    # Three outlets as the test names them, three independent sources.
    assert incident["independent_sources"] == 3


def test_no_report_is_lost_and_exclusions_say_why(databases, results):
    ledger = ledger_of(databases, results)
    joined = {m for d in ledger.incidents() for m in d["members"]}
    excluded = ledger.excluded_reports()
    stored = {f"{r.article.id}:{e.id}" for r in results.values() for e in r.events}
    assert joined | set(excluded) == stored and not joined & set(excluded)
    assert set(excluded.values()) <= {
        "aggregate", "background, undated", "future", "hypothetical", "negated", "denied", "no date",
    }


def _content(ledger: Ledger) -> set[tuple]:
    """Incidents without their ids (which depend on arrival order) or history.

    An incident kept apart from another names it by its id too, so only its
    smallest member and the reason are compared.
    """
    def plain(d: dict) -> dict:
        apart = [{"member": k["member"], "reason": k["reason"]} for k in d.get("kept_apart", [])]
        return {k: v for k, v in d.items() if k != "id"} | {"kept_apart": apart}

    return {(tuple(d["members"]), json.dumps(plain(d), sort_keys=True)) for d in ledger.incidents()}


def test_incremental_updates_equal_one_batch_in_any_order(databases, results):
    batch = _content(ledger_of(databases, results, one_batch=True))
    for order in itertools.permutations(NAMES):
        assert _content(ledger_of(databases, results, order)) == batch, order


def test_versions_record_each_new_report_and_as_of_reads_the_past(databases, results):
    clock = Clock()
    ledger = ledger_of(databases, results, ("strike",), clock)
    first = strike_incident(ledger, results)
    after_first = clock.now
    store = ledger.store
    store.save(results["stampede"])
    ledger.update()
    grown = strike_incident(ledger, results)
    assert articles_of(grown) == {results["strike"].article.id, results["stampede"].article.id}
    # The stampede report links the strike report's two mentions ("killed", "airstrike"), which
    # were two incidents: the smaller id lives on and the other leads to it.
    assert grown["id"] == min(grown["id"], first["id"])
    assert ledger.get(first["id"])[0] == grown
    history = ledger.history(grown["id"])
    assert [v.version for v in history] == [1, 2]
    assert "new report" in history[1].reason and "Stampede" in history[1].reason
    assert history[0].created_at < history[1].created_at
    if grown["id"] != first["id"]:
        assert "merged " + first["id"] in history[1].reason
        assert [v.status for v in ledger.history(first["id"])] == ["active", "replaced"]
    # As of the first update the incident had the strike report alone.
    then = strike_incident(ledger, results, as_of=after_first)
    assert articles_of(then) == {results["strike"].article.id}
    assert ledger.get(first["id"], as_of=after_first)[0] == then
    # The same moment written in another time zone is the same moment.
    east = dt.timezone(dt.timedelta(hours=2))
    assert strike_incident(ledger, results, as_of=after_first.astimezone(east)) == then
    with pytest.raises(LedgerError):
        ledger.get(first["id"], as_of=T0)
    assert ledger.incidents(as_of=T0) == []
    # Reading as of now gives what the current tables give.
    assert ledger.incidents(as_of=clock.now) == ledger.incidents()


def test_an_update_with_nothing_new_writes_nothing(databases, results):
    ledger = ledger_of(databases, results)
    before = {d["id"]: len(ledger.history(d["id"])) for d in ledger.incidents()}
    done = ledger.update()
    assert (done.reports, done.created, done.changed) == (0, (), ())
    assert {d["id"]: len(ledger.history(d["id"])) for d in ledger.incidents()} == before


def test_a_split_is_kept_when_later_reports_arrive(databases, results):
    ledger = ledger_of(databases, results, ("strike", "stampede"))
    incident = strike_incident(ledger, results)
    stampede_id = results["stampede"].article.id
    rest, new = ledger.split(incident["id"], [stampede_id], note="the stampede report is too vague")
    assert rest == incident["id"] and new != rest
    assert articles_of(ledger.get(new)[0]) == {stampede_id}
    assert stampede_id not in articles_of(ledger.get(rest)[0])
    # The vote report links to both sides; the person's split still holds.
    ledger.store.save(results["vote"])
    ledger.update()
    holding = [d for d in ledger.incidents() if stampede_id in articles_of(d)]
    # The strike report also recalls the December 31 embassy attack, an incident of its own;
    # the split is about the airstrike: no incident holds the stampede report and the airstrike.
    strike_id = results["strike"].article.id
    assert holding and all(
        not any(r["article_id"] == strike_id and r["trigger"]["text"] == "airstrike" for r in d["reports"])
        for d in holding
    )
    reasons = [v.reason for v in ledger.history(rest)]
    assert any(r.startswith("split by a person") and "too vague" in r for r in reasons)


def test_a_merge_is_kept_and_the_merged_id_leads_to_the_survivor(databases, results):
    ledger = ledger_of(databases, results, ("strike",))
    strike = strike_incident(ledger, results)
    # "He was being met by Abu Mahdi al-Muhandis, who was also killed in the airstrike."
    other = next(
        d for d in ledger.incidents()
        if d["id"] != strike["id"] and any("al-Muhandis" in r["evidence"]["text"] for r in d["reports"])
    )
    survivor = ledger.merge([strike["id"], other["id"]], note="same airstrike")
    gone = max(strike["id"], other["id"])
    assert survivor == min(strike["id"], other["id"])
    detail, path = ledger.get(gone)
    assert detail["id"] == survivor and path == [gone]
    ledger.store.save(results["stampede"])
    ledger.update()
    merged = strike_incident(ledger, results)
    assert set(other["members"]) <= set(merged["members"])
    with pytest.raises(LedgerError, match="replaced"):
        ledger.merge([gone, survivor])


def test_a_correction_overrides_a_field_and_survives_new_reports(databases, results):
    ledger = ledger_of(databases, results, ("strike",))
    incident = strike_incident(ledger, results)
    ledger.correct(incident["id"], "fatalities", "10", note="Pentagon statement")
    corrected = strike_incident(ledger, results)
    assert corrected["fatalities"]["conservative"] == corrected["fatalities"]["max"] == 10
    assert corrected["fatalities"]["rule"].startswith("correction of fatalities by a person")
    ledger.store.save(results["stampede"])
    ledger.update()
    later = strike_incident(ledger, results)
    assert later["fatalities"]["conservative"] == 10 and later["corrections"][0]["note"] == "Pentagon statement"
    with pytest.raises(LedgerError, match="whole number"):
        ledger.correct(incident["id"], "fatalities", "ten")
    with pytest.raises(LedgerError, match="correctable"):
        ledger.correct(incident["id"], "grade", "acknowledged")


def test_reextraction_is_a_new_version_with_its_reason(databases, results):
    ledger = ledger_of(databases, results, ("strike", "stampede"))
    incident = strike_incident(ledger, results)
    again = results["stampede"]
    versions = {**again.runs["extractors"], "events": again.runs["extractors"]["events"] + "+test"}
    # The same article extracted again by newer extractors: the events now carry no place.
    events = [dataclasses.replace(e, location=None) for e in again.events]
    ledger.store.save(dataclasses.replace(again, events=events, runs={**again.runs, "extractors": versions}))
    ledger.update()
    history = ledger.history(incident["id"])
    assert "re-extraction with new extractor versions" in history[-1].reason
    assert articles_of(strike_incident(ledger, results)) >= {again.article.id}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (IncidentFilter(type="Air/drone strike"), True),
        (IncidentFilter(type="explosions/remote violence"), True),
        (IncidentFilter(type="attack"), True),
        (IncidentFilter(type="Peaceful protest"), False),
        (IncidentFilter(country="iq"), True),
        (IncidentFilter(country="IR"), False),
        (IncidentFilter(since=dt.date(2020, 1, 2)), True),
        (IncidentFilter(until=dt.date(2019, 12, 1)), False),
        (IncidentFilter(min_grade="acknowledged"), False),
    ],
)
def test_filters_agree_now_and_as_of(databases, results, where, expected):
    clock = Clock()
    ledger = ledger_of(databases, results, clock=clock)
    strike = strike_incident(ledger, results)
    now = ledger.incidents(where)
    assert (strike["id"] in {d["id"] for d in now}) is expected
    assert ledger.incidents(where, as_of=clock.now) == now


def test_an_unknown_grade_is_refused():
    with pytest.raises(LedgerError, match="unknown grade"):
        IncidentFilter(min_grade="confirmed")


def test_resolve_catches_up_a_database_stored_without_the_ledger(databases, results):
    from typer.testing import CliRunner

    from newsledger.cli import app

    db = databases.url("older")
    with Store.open(db) as store:
        for name in NAMES:
            store.save(results[name])
    first = CliRunner().invoke(app, ["resolve", "--db", str(db)])
    assert first.exit_code == 0, first.output
    reports = sum(len(r.events) for r in results.values())
    assert f"{reports} event mentions read" in " ".join(first.output.split())
    again = CliRunner().invoke(app, ["resolve", "--db", str(db)])
    assert "0 event mentions read" in again.output
    ledger = Ledger(Store.open(db))
    # Each report states the strike in the outlet's own voice: the outlets stand behind the claims.
    assert strike_incident(ledger, results)["claim_sources"] == [f"Wikinews ({n})" for n in sorted(NAMES)]


def test_a_failing_ledger_update_keeps_the_articles_and_says_how_to_retry(tmp_path, databases, pipeline,
                                                                        monkeypatch):
    from newsledger.batch import ingest

    def broken(self):
        raise RuntimeError("disk on fire")

    source = tmp_path / "strike.jsonl"
    source.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    store = Store.open(databases.url("broken"))
    monkeypatch.setattr(Ledger, "update", broken)
    summary = ingest([str(source)], store, pipeline)
    assert summary.new == 1 and store.counts()["articles"] == 1
    [failure] = summary.failures
    assert "disk on fire" in failure.reason and "newsledger resolve" in failure.reason
    monkeypatch.undo()
    assert Ledger(store).update().created
