"""Reports becoming incidents: every source's figure, the grade, exclusions, order independence.

On hand-built event mentions (:mod:`tests.ledger.reports`), no spaCy.
"""

from __future__ import annotations

import itertools
import json

import pytest

from newsledger.ledger import Ledger
from newsledger.store import Store
from tests.ledger.reports import (
    BUILDERS,
    MOSUL_REPORTS,
    Clock,
    articles_of,
    holding,
    kharkiv_followup,
    ledger_of,
    member_sets,
)


def test_three_outlets_reports_of_one_strike_make_one_incident_with_every_figure(databases, results):
    ledger = ledger_of(databases, results, (*MOSUL_REPORTS, "kharkiv"))
    ids = {name: results[name].article.id for name in MOSUL_REPORTS}
    [incident] = holding(ledger, ids["courier"])
    assert articles_of(incident) == set(ids.values())
    assert incident["members"] == sorted(f"{ids[name]}:V1" for name in MOSUL_REPORTS)
    assert incident["sub_event_type"]["value"] == "Air/drone strike"
    assert incident["event_type"] == "Explosions/Remote violence"
    assert incident["date"]["start"] == incident["date"]["end"] == "2024-03-10"
    assert incident["place"]["value"]["name"] == "Mosul" and incident["place"]["value"]["country_code"] == "IQ"
    # Each source's own figure, with its words.
    fatalities = incident["fatalities"]
    figures = {f["source"]: (f["min"], f["max"], f["text"]) for f in fatalities["figures"]}
    assert figures == {
        ids["courier"]: (12, 12, "12 people"),
        ids["post"]: (15, 15, "Fifteen people"),
        ids["radio"]: (14, 14, "14 people"),
    }
    texts = {results[name].article.id: results[name].article.text for name in MOSUL_REPORTS}
    for figure in fatalities["figures"]:
        assert texts[figure["source"]][figure["start"]:figure["end"]] == figure["text"]
    for report in incident["reports"]:
        evidence = report["evidence"]
        assert texts[report["article_id"]][evidence["start"]:evidence["end"]] == evidence["text"]
    # The range across sources and the conservative (lowest sourced) figure; 12 and 15 cannot both hold.
    assert (fatalities["min"], fatalities["max"], fatalities["conservative"]) == (12, 15, 12)
    assert fatalities["contested"] is True and incident["contested"] == ["fatalities"]
    # Differing tolls alone do not contest the grade: three outlets stand behind it.
    assert incident["outlets"] == ["Daily Courier", "Evening Post", "Harbour Radio"]
    assert incident["independent_sources"] == 3 and incident["grade"] == "several sources"
    # The strike elsewhere is an incident of its own, told by one outlet.
    [elsewhere] = holding(ledger, results["kharkiv"].article.id)
    assert elsewhere["id"] != incident["id"] and elsewhere["place"]["value"]["name"] == "Kharkiv"
    assert elsewhere["grade"] == "single source" and elsewhere["contested"] == []
    assert (elsewhere["fatalities"]["min"], elsewhere["fatalities"]["max"]) == (3, 3)
    assert elsewhere["fatalities"]["contested"] is False


def test_one_outlets_articles_count_once_and_a_second_outlet_makes_several_sources(databases, results):
    ledger = ledger_of(databases, results, ("kharkiv",))
    ledger.store.save(kharkiv_followup("Daily Courier"))
    ledger.update()
    [same_outlet] = ledger.incidents()
    assert len(same_outlet["members"]) == 2 and len(same_outlet["sources"]) == 2
    assert same_outlet["independent_sources"] == 1 and same_outlet["grade"] == "single source"
    ledger.store.save(kharkiv_followup("Evening Post"))
    ledger.update()
    [two_outlets] = ledger.incidents()
    assert two_outlets["id"] == same_outlet["id"] and len(two_outlets["members"]) == 3
    assert two_outlets["independent_sources"] == 2 and two_outlets["grade"] == "several sources"


def test_mentions_that_join_no_incident_say_why_and_none_is_lost(databases, results):
    store = Store.open(databases.url("all"))
    for result in results.values():
        store.save(result)
    ledger = Ledger(store, Clock())
    done = ledger.update()
    stored = {f"{r.article.id}:{e.id}" for r in results.values() for e in r.events}
    assert (done.reports, done.excluded, len(done.created)) == (len(stored), 4, 3)

    def key(name: str, event_id: str) -> str:
        return f"{results[name].article.id}:{event_id}"

    excluded = ledger.excluded_reports()
    assert excluded == {
        key("courier", "V2"): "aggregate",  # "Since September, 80 people have been killed in 21 strikes"
        key("post", "V2"): "future",  # "they will strike the city again next week"
        key("radio", "V2"): "negated",  # "No second strike took place on Monday"
        key("undated", "V1"): "no date",  # no date of its own, and the article has none
    }
    joined = {m for d in ledger.incidents() for m in d["members"]}
    assert joined | set(excluded) == stored and not joined & set(excluded)


def _content(ledger: Ledger) -> set[tuple]:
    """Incidents without their ids (which depend on arrival order)."""
    return {
        (tuple(d["members"]), json.dumps({k: v for k, v in d.items() if k != "id"}, sort_keys=True))
        for d in ledger.incidents()
    }


@pytest.fixture(scope="module")
def batch(module_databases, results) -> Ledger:
    """The three Mosul reports taken in by one update."""
    return ledger_of(module_databases, results, MOSUL_REPORTS, one_batch=True)


@pytest.mark.parametrize("order", list(itertools.permutations(MOSUL_REPORTS)), ids="-".join)
def test_one_article_at_a_time_in_any_order_equals_one_update(databases, results, batch, order):
    stepwise = ledger_of(databases, results, order)
    assert member_sets(stepwise) == member_sets(batch)
    assert len(member_sets(batch)) == 1 and len(next(iter(member_sets(batch)))) == 3
    assert _content(stepwise) == _content(batch)
    assert stepwise.excluded_reports() == batch.excluded_reports()


def test_every_report_at_once_equals_every_report_one_by_one(databases, results):
    everything = tuple(BUILDERS)
    batch = ledger_of(databases, results, everything, one_batch=True)
    stepwise = ledger_of(databases, results, everything[::-1])
    assert member_sets(stepwise) == member_sets(batch) and len(member_sets(batch)) == 3
    assert _content(stepwise) == _content(batch)
