"""Polling the local test site (site.py) into a store, with the fake extract step: what is fetched, stored, recorded.

Every test runs against a live HTTP server on 127.0.0.1 that counts the
requests it is sent; the extract step is :class:`~tests.watch.fakes.TollExtractor`
(no spaCy), so these tests are about fetching, state and the ledger's versions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsledger.ledger import Ledger
from newsledger.store import Store
from newsledger.store.models import IngestFailureRow, WatchedPageRow
from newsledger.watch import USER_AGENT
from tests.watch.conftest import QUICK
from tests.watch.fakes import kharkiv, rows
from tests.watch.site import BAD_PATHS, GOOD_RSS

FEEDS = ("/feed.rss", "/feed.atom", "/sitemap-index.xml")
GOOD_PAGES = {*GOOD_RSS, "/news/mopti-raid.html", "/news/odesa-port.html"}
STRIKE = "/news/market-strike.html"


def test_the_first_poll_ingests_each_new_page_once_and_records_each_bad_url(site, store, make_watcher):
    watcher = make_watcher(*(site.url(feed) for feed in FEEDS))
    report = watcher.poll()

    assert (report.new, report.changed, report.unchanged) == (4, 0, 0)
    assert {path: site.count(path) for path in GOOD_PAGES} == dict.fromkeys(GOOD_PAGES, 1)
    assert store.counts()["articles"] == 4
    assert len(report.batch.ledger.created) == 4
    # Each bad URL is one failure with its reason, in the summary, in ingest_failures and on the page.
    reasons = {failure.origin.removeprefix(site.main): failure.reason for failure in report.failures}
    slow = site.slow + "/news/slow.html"
    assert set(reasons) == {*BAD_PATHS, slow}
    assert reasons["/private/memo.html"] == "disallowed by robots.txt"
    assert reasons["/broken"] == "HTTP 500 Internal Server Error (after 2 attempts)"
    assert reasons["/loop-a"].startswith("redirect loop: ")
    assert reasons["/endless"].startswith("did not finish within 0.8 s")
    assert reasons["/report.pdf"] == "not an HTML page (content type application/pdf)"
    assert reasons[slow] == "timed out (read timeout) (after 2 attempts)"
    assert report.failed == len(reasons) == 6
    recorded = {row.origin.removeprefix(site.main): row.reason for row in rows(store, IngestFailureRow)}
    assert recorded == reasons
    pages = {row.url.removeprefix(site.main): row for row in rows(store, WatchedPageRow)}
    assert {path for path, row in pages.items() if row.failures == 1} == set(reasons)
    assert all(pages[path].article_id and pages[path].content_sha256 for path in GOOD_PAGES)
    # Retried once, as configured: the 500 and the slow host; the robots-disallowed page never.
    assert site.count("/broken") == 2 and site.count("/news/slow.html", site.slow) == 2
    assert site.count("/private/memo.html") == 0
    assert report.line() == (
        "10 pages checked: 4 new, 0 changed, 0 unchanged, 6 failed; incidents: 4 new, 0 updated"
    )


def test_a_second_poll_with_nothing_changed_fetches_nothing_new(site, store, make_watcher):
    watcher = make_watcher(site.url("/clean.rss"), site.url("/sitemap.xml"))
    first = watcher.poll()
    counts = store.counts()
    extracted = list(watcher.extractor.extracted)
    second = watcher.poll()

    assert (first.new, second.new, second.changed, second.unchanged, second.failed) == (3, 0, 0, 2, 0)
    assert second.batch.ledger.created == second.batch.ledger.changed == ()
    assert store.counts() == counts and watcher.extractor.extracted == extracted
    # The strike and the arrests are listed without a date of change: asked again, conditionally, and 304.
    again = [r for r in site.requests[-4:] if r.path in GOOD_RSS]
    assert {r.path: r.status for r in again} == dict.fromkeys(GOOD_RSS, 304)
    assert all(r.headers.get("If-None-Match") for r in again)
    # The sitemap's <lastmod> says the Odesa page has not changed since it was read: not asked at all.
    assert site.count("/news/odesa-port.html") == 1
    assert second.changes == []


def test_what_was_seen_survives_a_restart(site, store, make_watcher, tmp_path):
    make_watcher(site.url("/clean.rss")).poll()
    counts = store.counts()
    seen = len(site.requests)

    with Store.open(tmp_path / "watch.db") as reopened:
        restarted = make_watcher(site.url("/clean.rss"), into=reopened)
        report = restarted.poll()
        assert reopened.counts() == counts

    assert (report.new, report.changed, report.unchanged) == (0, 0, 2)
    assert restarted.extractor.extracted == []
    # A fresh client reads robots.txt and the feed again; the pages answer 304.
    later = site.requests[seen:]
    assert [(r.path, r.status) for r in later if r.path in GOOD_RSS] == [(p, 304) for p in GOOD_RSS]


def test_pages_robots_txt_disallows_are_never_fetched_and_recorded_once(site, store, make_watcher):
    watcher = make_watcher(site.url("/feed.rss"), fetch=dataclasses.replace(QUICK, retries=0))
    watcher.poll()
    second = watcher.poll()

    assert site.count("/private/memo.html") == 0
    private = site.url("/private/memo.html")
    assert [row.reason for row in rows(store, IngestFailureRow) if row.origin == private] == [
        "disallowed by robots.txt"]
    assert private not in {failure.origin for failure in second.failures}
    # robots.txt is read once per host and kept.
    assert site.count("/robots.txt") == 1


def test_requests_to_one_host_are_spaced_by_the_configured_interval(site, make_watcher):
    interval = 0.15
    make_watcher(site.url("/sitemap.xml"), fetch=dataclasses.replace(QUICK, host_interval=interval)).poll()

    times = [r.at for r in site.requests if r.host == site.main]
    assert [r.path for r in site.requests] == [
        "/robots.txt", "/sitemap.xml", "/news/odesa-port.html", "/news/market-strike.html"]
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= interval - 0.01, gaps


def test_every_request_names_newsledger_in_its_user_agent(site, make_watcher):
    make_watcher(site.url("/clean.rss")).poll()

    assert {r.headers["User-Agent"] for r in site.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("newsledger/") and "(+https://" in USER_AGENT


def test_max_pages_caps_a_poll_and_the_next_poll_goes_on(site, store, make_watcher):
    watcher = make_watcher(site.url("/clean.rss"), site.url("/sitemap.xml"), max_pages=2)
    first = watcher.poll()
    second = watcher.poll()

    assert (first.checked, first.new) == (2, 2)
    # The page left over is new, so it comes before the two to check again.
    assert (second.checked, second.new, second.unchanged) == (2, 1, 1)
    assert store.counts()["articles"] == 3


def test_a_folder_source_picks_up_a_file_dropped_in_it(site, store, make_watcher, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "strike.html").write_bytes(site.page(STRIKE))
    watcher = make_watcher(str(folder))
    first = watcher.poll()

    (folder / "arrests.html").write_bytes(site.page("/news/tbilisi-arrests.html"))
    (folder / "notes.json").write_text("{}")  # a sidecar, not an article
    second = watcher.poll()

    # The first file's modification time says it is as it was read: only the new one is looked at.
    assert (first.new, second.checked, second.new) == (1, 1, 1)
    assert store.counts()["articles"] == 2
    pages = {row.url: row for row in rows(store, WatchedPageRow)}
    assert set(pages) == {(folder / name).resolve().as_uri() for name in ("strike.html", "arrests.html")}
    assert {row.source for row in pages.values()} == {str(folder)}


def test_a_changed_file_in_a_folder_is_a_new_version_too(site, store, make_watcher, tmp_path):
    page = tmp_path / "strike.html"
    page.write_bytes(site.page(STRIKE))
    watcher = make_watcher(str(tmp_path))
    watcher.poll()
    site.toll = 5
    page.write_bytes(site.page(STRIKE))
    report = watcher.poll()

    incident = kharkiv(Ledger(store))
    assert report.changed == 1 and incident["fatalities"]["min"] == 5 and len(incident["members"]) == 1


def test_a_page_seen_long_ago_is_no_longer_checked_for_changes(site, store, make_watcher):
    make_watcher(site.url("/clean.rss")).poll()
    later = make_watcher(site.url("/clean.rss"),
                         clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=8))
    report = later.poll()

    assert report.checked == 0 and site.count(STRIKE) == 1
