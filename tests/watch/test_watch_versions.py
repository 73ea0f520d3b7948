"""A page that changes is a new version: the ledger withdraws the earlier version's reports, on SQLite and PostgreSQL.

The site (site.py) raises the Kharkiv strike's toll from three to five killed
between polls; the extract step is the fake one (fakes.py), so the figures in
the ledger are the page's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsledger.ledger import Ledger
from newsledger.schema import Article
from newsledger.store import Store
from newsledger.store.models import ArticleVersionRow, IncidentReportRow
from tests.watch.fakes import RUNS, coded, kharkiv, rows

STRIKE = "/news/market-strike.html"


@pytest.fixture
def store(databases):
    """The watch's database: an SQLite file, or a fresh PostgreSQL database."""
    opened = Store.open(databases.url("watch"))
    yield opened
    opened.close()


def test_a_changed_page_is_a_new_version_that_updates_its_incident(site, store, make_watcher):
    watcher = make_watcher(site.url("/clean.rss"))
    watcher.poll()
    ledger = Ledger(store)
    before = kharkiv(ledger)
    first_article = before["members"][0].split(":")[0]
    position = watcher.state.change_position()

    site.toll = 5
    report = watcher.poll()

    assert (report.new, report.changed, report.unchanged) == (0, 1, 1)
    after = kharkiv(ledger)
    assert after["id"] == before["id"]
    assert (before["fatalities"]["min"], after["fatalities"]["min"]) == (3, 5)
    # The earlier version's reports are withdrawn: one source, the new version, not two.
    [member] = after["members"]
    new_article = member.split(":")[0]
    assert new_article != first_article and after["independent_sources"] == 1
    assert [row.member for row in rows(store, IncidentReportRow) if row.article_id == first_article] == []
    versions = [(row.article_id, row.replaces) for row in rows(store, ArticleVersionRow)
                if row.url == site.url(STRIKE)]
    assert versions == [(first_article, None), (new_article, first_article)]
    # The history shows the update with the new toll, and the change feed names it so.
    history = ledger.history(after["id"])
    assert [v.version for v in history] == [1, 2]
    assert history[-1].detail["fatalities"]["min"] == 5
    assert f"a new version of its page, replacing {first_article}" in history[-1].reason
    feed = ledger.changes(after=position)
    assert [(c["incident_id"], c["kind"]) for c in feed] == [(after["id"], "updated")]
    assert [(c.incident_id, c.kind, c.fatalities_min) for c in report.changes] == [(after["id"], "updated", 5)]
    assert report.batch.ledger.changed == (after["id"],)


def test_a_page_changed_back_takes_its_incident_back_to_the_earlier_text(site, store, make_watcher):
    watcher = make_watcher(site.url("/clean.rss"))
    watcher.poll()
    site.toll = 5
    watcher.poll()
    site.toll = 3
    report = watcher.poll()

    ledger = Ledger(store)
    incident = kharkiv(ledger)
    assert report.changed == 1 and incident["fatalities"]["min"] == 3
    assert [v.detail["fatalities"]["min"] for v in ledger.history(incident["id"])] == [3, 5, 3]
    assert len(incident["members"]) == 1 and store.counts()["articles"] == 3


def test_an_earlier_version_extracted_again_stays_withdrawn(site, store, make_watcher):
    watcher = make_watcher(site.url("/clean.rss"))
    watcher.poll()
    first_article = kharkiv(Ledger(store))["members"][0].split(":")[0]
    site.toll = 5
    watcher.poll()

    # A newer extractor meets the first version again (`newsledger ingest` of an old crawl, say).
    stored = store.result(first_article)["article"]
    article = Article(first_article, store.result(first_article)["text"], stored["url"], stored["title"],
                      stored["outlet"], dt.date.fromisoformat(stored["published"]))
    newer = {**RUNS, "extractors": {"events": "events.watch-fake-2"}}
    store.save(dataclasses.replace(coded(article), runs=newer))
    update = Ledger(store).update()

    incident = kharkiv(Ledger(store))
    assert update.reports == 0 and incident["fatalities"]["min"] == 5 and len(incident["members"]) == 1
    assert Ledger(store).pending() == 0
