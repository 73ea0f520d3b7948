"""The fetcher against the local test site, and the parts of a SOURCE: listings and what a SOURCE may be."""

from __future__ import annotations

import dataclasses
import gzip

import pytest

from newsledger.errors import InputError
from newsledger.schema import IngestFailure
from newsledger.watch import Fetcher, FolderSource, WebSource, parse_source
from newsledger.watch.fetch import Fetched, FetchFailure, NotModified
from newsledger.watch.sources import parse_listing
from tests.watch.conftest import QUICK


@pytest.fixture
def fetcher():
    with Fetcher(QUICK) as client:
        yield client


@pytest.mark.parametrize(("path", "reason", "requests"), [
    ("/broken", "HTTP 500 Internal Server Error (after 2 attempts)", 2),
    ("/loop-a", "redirect loop: {main}/loop-a -> {main}/loop-b -> {main}/loop-a", 1),
    ("/endless", "did not finish within 0.8 s", 1),
    ("/private/memo.html", "disallowed by robots.txt", 0),
    ("/missing.html", "HTTP 404 Not Found", 1),
])
def test_each_bad_url_is_a_failure_with_its_reason(site, fetcher, path, reason, requests):
    got = fetcher.get(site.url(path))

    assert isinstance(got, FetchFailure) and got.reason.startswith(reason.format(main=site.main))
    assert site.count(path) == requests


def test_a_host_slower_than_the_read_timeout_is_retried_then_fails(site, fetcher):
    got = fetcher.get(site.slow + "/news/slow.html")

    assert got == FetchFailure(site.slow + "/news/slow.html", "timed out (read timeout) (after 2 attempts)")


def test_a_body_over_the_size_limit_fails_without_being_read_whole(site):
    with Fetcher(dataclasses.replace(QUICK, max_bytes=300)) as small:
        declared = small.get(site.url("/news/market-strike.html"))
        streamed = small.get(site.url("/endless"))

    assert declared.reason.startswith("larger than ") and "bytes declared" in declared.reason
    assert streamed.reason.startswith("larger than ")


def test_a_page_with_its_etag_sent_back_costs_a_304(site, fetcher):
    first = fetcher.get(site.url("/news/market-strike.html"))
    again = fetcher.get(first.url, first.etag)
    site.toll = 5
    changed = fetcher.get(first.url, first.etag)

    assert isinstance(first, Fetched) and first.content_type == "text/html" and first.charset == "utf-8"
    assert again == NotModified(first.url)
    assert isinstance(changed, Fetched) and changed.body != first.body


def test_robots_txt_is_read_once_per_host(site, fetcher):
    for path in ("/news/market-strike.html", "/news/tbilisi-arrests.html", "/private/memo.html"):
        fetcher.get(site.url(path))

    assert site.paths() == ["/robots.txt", "/news/market-strike.html", "/news/tbilisi-arrests.html"]


def test_an_unreachable_robots_txt_keeps_its_host_closed(site):
    port = site.main.rsplit(":", 1)[1]
    with Fetcher(dataclasses.replace(QUICK, retries=0)) as client:
        site_down = f"http://127.0.0.1:{int(port) + 1 if int(port) < 65535 else 1}"
        got = client.get(site_down + "/news/a.html")

    assert isinstance(got, FetchFailure)
    assert got.reason.startswith("robots.txt of 127.0.0.1:") and "could not be read" in got.reason


def test_a_feed_a_sitemap_and_a_sitemap_index_list_their_pages(site, fetcher):
    rss = WebSource(site.url("/clean.rss")).list(fetcher)
    atom = WebSource(site.url("/feed.atom")).list(fetcher)
    index = WebSource(site.url("/sitemap-index.xml")).list(fetcher)

    assert [(i.url, i.title, str(i.published), i.outlet, i.lastmod) for i in rss.items] == [
        (site.url("/news/market-strike.html"), "Missile strike on Kharkiv market kills three", "2025-03-04",
         "The Daily Example", None),
        (site.url("/news/tbilisi-arrests.html"), "Police arrest 40 protesters in Tbilisi", "2025-03-04",
         "The Daily Example", None),
    ]
    [mopti] = atom.items
    assert mopti.lastmod.isoformat() == "2025-03-03T10:00:00+00:00" and mopti.outlet == "The Daily Example: Africa"
    assert [(i.url, i.title, str(i.published), i.outlet) for i in index.items][0] == (
        site.url("/news/odesa-port.html"), "Drone hits warehouse in Odesa port", "2025-03-05", "The Daily Example")
    assert index.items[0].lastmod.isoformat() == "2025-03-05T00:00:00+00:00"
    assert rss.failures == atom.failures == index.failures == []


def test_a_listing_that_is_neither_feed_nor_sitemap_is_a_failure(site, fetcher):
    listing = WebSource(site.url("/news/market-strike.html")).list(fetcher)

    assert listing.items == []
    assert [f.reason for f in listing.failures] == ["neither an RSS or Atom feed nor a sitemap"]


def test_a_gzipped_sitemap_is_read_and_links_are_made_absolute_without_fragments():
    sitemap = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.org/a.html#top</loc></url><url><loc>/b.html</loc><lastmod>2025-03-05T10:00:00+01:00"
        b"</lastmod></url><url><loc>mailto:desk@example.org</loc></url></urlset>"
    )
    kind, items = parse_listing(gzip.compress(sitemap), "https://example.org/sitemap.xml.gz", "src")

    assert kind == "urlset"
    assert [(i.url, i.lastmod and i.lastmod.isoformat()) for i in items] == [
        ("https://example.org/a.html", None), ("https://example.org/b.html", "2025-03-05T09:00:00+00:00")]


def test_a_damaged_gzipped_sitemap_is_a_failure_with_its_reason():
    failure = parse_listing(b"\x1f\x8b\x08\x00garbage", "https://example.org/sitemap.xml.gz", "src")

    assert isinstance(failure, IngestFailure)
    assert failure.origin == "https://example.org/sitemap.xml.gz"
    assert failure.reason.startswith("damaged gzip file")


def test_a_listing_with_an_entity_bomb_is_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/&lol2;</loc>'
            b"</url></urlset>")

    parsed = parse_listing(bomb, "https://example.org/sitemap.xml", "src")

    assert not isinstance(parsed, tuple) or all("lollollol" not in item.url for item in parsed[1])


def test_a_source_is_a_web_url_or_a_folder(tmp_path):
    (tmp_path / "one.txt").write_text("text")

    assert isinstance(parse_source("https://example.org/feed.xml"), WebSource)
    assert isinstance(parse_source(str(tmp_path)), FolderSource)
    with pytest.raises(InputError, match="is a file"):
        parse_source(str(tmp_path / "one.txt"))
    with pytest.raises(InputError, match="neither an http"):
        parse_source("ftp://example.org/feed.xml")
    with pytest.raises(InputError, match="has no host"):
        parse_source("https:///feed.xml")
