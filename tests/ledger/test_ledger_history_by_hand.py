"""The ledger's history: a version per change with its reason, reading as of a moment, re-extraction, pending.

On hand-built event mentions (:mod:`tests.ledger.reports`), no spaCy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsledger.ledger import Ledger, LedgerError, LedgerUpdate
from newsledger.ledger.queries import parse_moment
from newsledger.store import SaveStatus, Store
from tests.ledger.reports import (
    BUILDERS,
    MOSUL_REPORTS,
    RUNS_V2,
    T0,
    Clock,
    articles_of,
    holding,
    ledger_of,
    radio,
)

HOUR = dt.timedelta(hours=1)


def test_each_new_report_writes_a_version_with_its_reason(databases, results):
    clock = Clock()
    ledger = ledger_of(databases, results, MOSUL_REPORTS, clock)
    [incident] = ledger.incidents()
    history = ledger.history(incident["id"])
    assert [v.version for v in history] == [1, 2, 3]
    assert [v.status for v in history] == ["active"] * 3
    assert [v.reason for v in history] == [
        "new report: Daily Courier, Air strike on Mosul market kills 12",
        "new report: Evening Post, Drone strike kills 15 at Mosul market",
        "new report: Harbour Radio, Mosul market strike toll rises to 14",
    ]
    # Stamped by the ledger's clock, one update an hour.
    assert [v.created_at.replace(tzinfo=dt.UTC) for v in history] == [T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]
    assert [len(v.detail["members"]) for v in history] == [1, 2, 3]
    assert history[-1].detail == incident


def test_as_of_reads_the_ledger_as_it_stood(databases, results):
    clock = Clock()
    ledger = ledger_of(databases, results, MOSUL_REPORTS, clock)
    [incident] = ledger.incidents()
    ids = {name: results[name].article.id for name in MOSUL_REPORTS}
    first, second = T0 + HOUR, T0 + 2 * HOUR  # the first two updates' stamps
    # Before the first update there was no ledger.
    assert ledger.incidents(as_of=T0) == []
    assert ledger.incidents(as_of=first - dt.timedelta(seconds=1)) == []
    with pytest.raises(LedgerError, match="no incident"):
        ledger.get(incident["id"], as_of=T0)
    [then] = ledger.incidents(as_of=first)
    assert articles_of(then) == {ids["courier"]} and then["fatalities"]["max"] == 12
    assert ledger.get(incident["id"], as_of=first) == (then, [])
    [later] = ledger.incidents(as_of=second + dt.timedelta(minutes=30))
    assert articles_of(later) == {ids["courier"], ids["post"]} and later["fatalities"]["max"] == 15
    # The same moment in another time zone, naive (read as UTC) or written out, is the same moment.
    assert ledger.incidents(as_of=first.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))) == [then]
    assert ledger.incidents(as_of=first.astimezone(dt.timezone(-dt.timedelta(hours=7)))) == [then]
    assert ledger.incidents(as_of=first.replace(tzinfo=None)) == [then]
    assert ledger.incidents(as_of=parse_moment("2026-01-01T18:30+05:30")) == [then]
    # As of now (or a later day) reads what the current tables hold.
    assert ledger.incidents(as_of=clock.now) == ledger.incidents() == [incident]
    assert ledger.incidents(as_of=parse_moment("2026-01-01")) == [incident]


def test_an_update_with_nothing_new_writes_nothing(databases, results):
    clock = Clock()
    ledger = ledger_of(databases, results, tuple(BUILDERS), clock)
    before = {d["id"]: ledger.history(d["id"]) for d in ledger.incidents()}
    stamp = clock.now
    assert ledger.update() == LedgerUpdate()
    # Saving an article again with the same extractors stores nothing, so there is still nothing new.
    assert ledger.store.save(results["courier"]).status is SaveStatus.UNCHANGED
    done = ledger.update()
    assert (done.reports, done.excluded, done.created, done.changed, done.replaced) == (0, 0, (), (), ())
    assert {d["id"]: ledger.history(d["id"]) for d in ledger.incidents()} == before
    assert clock.now == stamp


def test_re_extraction_replaces_the_articles_reports_with_a_version_saying_so(databases, results):
    ledger = ledger_of(databases, results, MOSUL_REPORTS)
    [incident] = ledger.incidents()
    negated = f"{results['radio'].article.id}:V2"
    assert negated in ledger.excluded_reports()
    # Newer event extractors read the radio report again: no toll any more, and no negated second strike.
    first, _ = radio(RUNS_V2).events
    again = dataclasses.replace(radio(RUNS_V2), events=[dataclasses.replace(first, fatalities=None)])
    assert ledger.store.save(again).status is SaveStatus.NEW_RUN
    assert ledger.pending() == 1
    done = ledger.update()
    assert done.changed == (incident["id"],) and done.created == ()
    last = ledger.history(incident["id"])[-1]
    assert last.reason == "re-extraction with new extractor versions: Harbour Radio, Mosul market strike toll rises to 14"
    [now] = ledger.incidents()
    assert now["id"] == incident["id"] and now["members"] == incident["members"]
    sources = {f["source"] for f in now["fatalities"]["figures"]}
    assert sources == {results["courier"].article.id, results["post"].article.id}
    assert negated not in ledger.excluded_reports()
    assert ledger.pending() == 0


def test_pending_counts_stored_articles_not_yet_in_the_ledger(databases, results):
    store = Store.open(databases.url("pending"))
    ledger = Ledger(store, Clock())
    assert ledger.pending() == 0
    store.save(results["courier"])
    store.save(results["post"])
    assert ledger.pending() == 2
    store.save(results["post"])  # unchanged: no new run
    assert ledger.pending() == 2
    assert ledger.update().reports == 4
    assert ledger.pending() == 0
    store.save(results["undated"])  # its one report joins nothing, but the article is taken in
    assert ledger.pending() == 1
    assert ledger.update().excluded == 1
    assert ledger.pending() == 0
    store.save(dataclasses.replace(results["courier"], runs=RUNS_V2))
    assert ledger.pending() == 1
    ledger.update()
    assert ledger.pending() == 0
    assert holding(ledger, results["courier"].article.id)


def test_a_regrouped_component_never_gives_two_incidents_one_id():
    from newsledger.ledger.service import place_ids
    from newsledger.resolve import incident_id

    # An incident first held "a" (so it is inc-<a>) and three more; regrouped, the three and a
    # newcomer keep its id, and "a" alone must not take its own key's id a second time.
    first = incident_id(["a"])
    old_of = dict.fromkeys(["a", "b", "c", "d"], first)
    groups = [("a",), ("b", "c", "d", "e")]
    placed = {groups[n]: ident for n, ident, _ in place_ids(groups, old_of, set(), lambda _: False)}
    assert placed[("b", "c", "d", "e")] == first
    assert placed[("a",)] not in (first, incident_id(["b"]))
    assert len(set(placed.values())) == 2
    # An id another component's incident holds is never taken either.
    held = {incident_id(["a#1"])}
    again = place_ids(groups, old_of, set(), held.__contains__)
    assert len({ident for _, ident, _ in again} | held) == 3
