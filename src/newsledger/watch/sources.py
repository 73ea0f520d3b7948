"""What a SOURCE of ``newsledger watch`` is, what it lists, and what checking one of its pages gives.

A SOURCE is an http(s) URL of an RSS or Atom feed or of a sitemap (a
``urlset``, or a ``sitemapindex`` whose sitemaps are read in turn, plain or
gzipped; Google News ``<news:news>`` titles and dates are used), told apart by
what the server sends; or a folder, whose article files (as ``newsledger
ingest`` reads folders) are its pages. Each lists :class:`Item`\\ s: the page's
URL (a file's ``file://`` URI), and what the listing says of it: title,
publication date, outlet, and when it last changed (an Atom ``<updated>``, a
sitemap's ``<lastmod>``, a file's modification time).

:meth:`WebSource.check` and :meth:`FolderSource.check` look at one page
against what was stored of it: a conditional GET (a 304, or the same body
digest, is *unchanged*), or a file's size and modification time, then its
digest. A page read anew gives documents for the batch: the HTML page as a
:class:`~newsledger.schema.RawDocument` carrying the listing's metadata
(which wins over the page's own), a file as ``ingest`` reads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
from lxml import etree

from newsledger import config
from newsledger.errors import InputError
from newsledger.ingest import read_sources
from newsledger.ingest.encodings import storable
from newsledger.ingest.files import decode, gunzip, looks_like_html, read_bytes, walk
from newsledger.ingest.html import html_document
from newsledger.schema import IngestFailure, RawDocument
from newsledger.watch.fetch import Fetched, Fetcher, FetchFailure, NotModified
from newsledger.watch.state import PageState

LOGGER = logging.getLogger(__name__)

LISTING_ACCEPT = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
                  "application/x-gzip;q=0.5,*/*;q=0.3")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Sitemaps of one sitemap index read per poll (the protocol allows 50,000; news sites list a few).
MAX_CHILD_SITEMAPS = 50
# Seconds a file must stay unmodified before it is read (it may be being written).
SETTLE_SECONDS = 2.0
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Item:
    """One page a source lists, with what the listing says about it."""

    url: str
    source: str  # the SOURCE as given
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    lastmod: dt.datetime | None = None  # when the listing says the page last changed (UTC)
    path: Path | None = None  # a file of a watched folder


@dataclass(frozen=True)
class Listing:
    """What a source listed in one poll, and what went wrong listing it (the source, or one of its sitemaps)."""

    source: str
    items: list[Item] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """What looking at one page gave: unchanged, read (documents for the batch), or failed (why).

    ``documents`` hold a failure of their own where the body is not an article
    (not HTML, malformed); the validators and digest are the body's.
    """

    status: Literal["unchanged", "read", "failed"]
    documents: tuple[RawDocument | IngestFailure, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    content_sha256: str | None = None
    reason: str | None = None


def parse_source(text: str, settle: float = SETTLE_SECONDS) -> WebSource | FolderSource:
    """A SOURCE as given on the command line.

    Raises:
        InputError: it is neither an http(s) URL nor an existing folder.
    """
    parts = urlsplit(text.strip())
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise InputError(f"SOURCE {text!r} has no host: give a feed or sitemap URL such as "
                             f"https://example.org/feed.xml")
        return WebSource(text.strip())
    path = Path(text).expanduser()
    if path.is_dir():
        return FolderSource(path, settle)
    if path.exists():
        raise InputError(f"SOURCE {text} is a file: watch follows feed or sitemap URLs and folders; "
                         f"use `newsledger ingest {text}` for one file")
    raise InputError(f"SOURCE {text!r} is neither an http(s) URL of a feed or sitemap nor an existing folder")


def normal_url(url: str, base: str | None = None) -> str | None:
    """An http(s) link made absolute, without its fragment; None for anything else."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(urljoin(base, url) if base else url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


# Feeds and sitemaps ------------------------------------------------------------------------------


class WebSource:
    """A feed or sitemap URL; what it last sent is kept in memory, so a 304 lists the same items."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = url
        self._cache: dict[str, tuple[str | None, str | None, bytes]] = {}

    def list(self, fetcher: Fetcher) -> Listing:
        """The pages the feed or sitemap lists now."""
        body = self._get(self.url, fetcher)
        if isinstance(body, IngestFailure):
            return Listing(self.name, failures=[body])
        parsed = parse_listing(body, self.url, self.name)
        if isinstance(parsed, IngestFailure):
            return Listing(self.name, failures=[parsed])
        kind, found = parsed
        if kind != "sitemapindex":
            return Listing(self.name, items=found)
        items: list[Item] = []
        failures: list[IngestFailure] = []
        for child in found[:MAX_CHILD_SITEMAPS]:
            data = self._get(child.url, fetcher)
            child_parsed = data if isinstance(data, IngestFailure) else parse_listing(data, child.url, self.name)
            if isinstance(child_parsed, IngestFailure):
                failures.append(child_parsed)
            elif child_parsed[0] == "sitemapindex":
                failures.append(IngestFailure(child.url, "a sitemap index inside a sitemap index is not followed"))
            else:
                items.extend(child_parsed[1])
        return Listing(self.name, items=items, failures=failures)

    def check(self, item: Item, page: PageState | None, fetcher: Fetcher) -> Check:
        """A conditional GET of the page; unchanged when the server says so or the body is the same."""
        known = page is not None and page.content_sha256 is not None
        got = fetcher.get(item.url, page.etag if known else None, page.last_modified if known else None)
        if isinstance(got, NotModified):
            return Check("unchanged")
        if isinstance(got, FetchFailure):
            return Check("failed", reason=got.reason)
        digest = hashlib.sha256(got.body).hexdigest()
        if known and page.content_sha256 == digest:
            return Check("unchanged", etag=got.etag, last_modified=got.last_modified, content_sha256=digest)
        return Check("read", (page_document(got, item),), got.etag, got.last_modified, digest)

    def _get(self, url: str, fetcher: Fetcher) -> bytes | IngestFailure:
        etag, modified, cached = self._cache.get(url, (None, None, None))
        got = fetcher.get(url, etag, modified, accept=LISTING_ACCEPT)
        if isinstance(got, NotModified) and cached is not None:
            return cached
        if isinstance(got, NotModified):  # validators we never sent; cannot happen with a sane server
            return IngestFailure(url, "the server answered 304 Not Modified to a plain request")
        if isinstance(got, FetchFailure):
            return IngestFailure(url, got.reason)
        self._cache[url] = (got.etag, got.last_modified, got.body)
        return got.body


def page_document(got: Fetched, item: Item) -> RawDocument | IngestFailure:
    """A fetched page as a document for the batch, with the listing's metadata; or why it is none."""
    meta = {"url": item.url, "title": item.title, "outlet": item.outlet, "published": item.published}
    media = got.content_type
    if media in HTML_TYPES:
        return html_document(got.body, item.url, declared=got.charset, **meta)
    if media == "text/plain":
        text = decode(got.body, item.url, declared=got.charset)
        return text if isinstance(text, IngestFailure) else RawDocument(origin=item.url, text=text, **meta)
    if media is None and looks_like_html(got.body[:2048].decode("utf-8", errors="ignore")):
        return html_document(got.body, item.url, declared=got.charset, **meta)
    return IngestFailure(item.url, f"not an HTML page (content type {media or 'not given'})")


def parse_listing(body: bytes, url: str, source: str) -> tuple[str, list[Item]] | IngestFailure:
    """A feed's or sitemap's items: ``("feed" | "urlset" | "sitemapindex", items)``, or why it is neither.

    A sitemap index's items are its sitemaps.
    """
    if body.startswith(_GZIP_MAGIC):
        body = gunzip(body, url, config.DEFAULT_MAX_BYTES)
        if isinstance(body, IngestFailure):
            return body
    root = _xml_root(body)
    kind = etree.QName(root).localname if root is not None else None
    if kind == "urlset":
        return kind, _sitemap_items(root, url, source, "url")
    if kind == "sitemapindex":
        return kind, _sitemap_items(root, url, source, "sitemap")
    return _feed_items(body, url, source)


def _xml_root(body: bytes):
    # No entities resolved, nothing fetched: a listing is untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        return etree.fromstring(body.lstrip(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None  # feedparser's lenient parser may still read it


def _sitemap_items(root, url: str, source: str, element: str) -> list[Item]:
    items = []
    for entry in root.iterfind(f"{{*}}{element}"):
        link = normal_url(entry.findtext("{*}loc") or "", url)
        if link is None:
            continue
        news = entry.find("{*}news")
        title = published = outlet = None
        if news is not None:
            title = _text(news.findtext("{*}title"))
            published = _moment(news.findtext("{*}publication_date"))
            outlet = _text(news.findtext("{*}publication/{*}name"))
        items.append(Item(link, source, title=title, published=published.date() if published else None,
                          outlet=outlet, lastmod=_moment(entry.findtext("{*}lastmod"))))
    return items


def _feed_items(body: bytes, url: str, source: str) -> tuple[str, list[Item]] | IngestFailure:
    text = decode(body, url)
    if isinstance(text, IngestFailure):
        return text
    try:
        parsed = feedparser.parse(body)
    except Exception as exc:  # feedparser's loose parser has raised on hostile input
        return IngestFailure(url, f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})")
    if not parsed.version and not parsed.entries:
        return IngestFailure(url, "neither an RSS or Atom feed nor a sitemap")
    outlet = _text(parsed.feed.get("title"))
    items = []
    for entry in parsed.entries:
        link = normal_url(entry.get("link") or "", url)
        if link is None:
            continue
        published = _parsed_time(entry, "published_parsed", "updated_parsed", "created_parsed")
        # Only an item's own <updated> says when it changed: feedparser would answer with the publication date.
        updated = _parsed_time(entry, "updated_parsed") if dict.__contains__(entry, "updated_parsed") else None
        items.append(Item(link, source, title=_text(entry.get("title")),
                          published=published.date() if published else None, outlet=outlet, lastmod=updated))
    return "feed", items


def _text(value) -> str | None:
    return (storable(value).strip() or None) if isinstance(value, str) else None


def _moment(value: str | None) -> dt.datetime | None:
    """A W3C date-time (``2025-03-04``, ``2025-03-04T14:10:00+01:00``, ``...Z``) in UTC, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _parsed_time(entry, *keys: str) -> dt.datetime | None:
    for key in keys:
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
    return None


# Folders -----------------------------------------------------------------------------------------


class FolderSource:
    """A folder: its article files (recursively, as ``ingest`` walks folders) are its pages."""

    def __init__(self, path: Path, settle: float = SETTLE_SECONDS) -> None:
        self.path = path
        self.name = str(path)
        self.settle = settle

    def list(self, fetcher: Fetcher | None = None) -> Listing:
        """The folder's article files, but those written in the last ``settle`` seconds."""
        items: list[Item] = []
        failures: list[IngestFailure] = []
        now = dt.datetime.now(dt.UTC)
        for entry in walk(self.path):
            if isinstance(entry, IngestFailure):
                failures.append(entry)
                continue
            try:
                modified = dt.datetime.fromtimestamp(entry.stat().st_mtime, dt.UTC)
            except OSError as exc:
                failures.append(IngestFailure(str(entry), f"cannot be read ({exc.strerror or exc})"))
                continue
            if (now - modified).total_seconds() < self.settle:
                continue  # still being written, perhaps: the next poll reads it
            items.append(Item(entry.resolve().as_uri(), self.name, lastmod=modified, path=entry))
        return Listing(self.name, items=items, failures=failures)

    def check(self, item: Item, page: PageState | None, fetcher: Fetcher | None = None,
              max_bytes: int = config.DEFAULT_MAX_BYTES) -> Check:
        """The file read again when its size or modification time changed and its digest with them."""
        path = item.path or Path(item.url)
        try:
            status = os.stat(path)
        except OSError as exc:
            return Check("failed", reason=f"cannot be read ({exc.strerror or exc})")
        stamp = f"{status.st_size}-{status.st_mtime_ns}"
        if page is not None and page.etag == stamp:
            return Check("unchanged")
        data = read_bytes(path, max_bytes)
        if isinstance(data, IngestFailure):
            return Check("failed", reason=data.reason)
        digest = hashlib.sha256(data).hexdigest()
        if page is not None and page.content_sha256 == digest:
            return Check("unchanged", etag=stamp, content_sha256=digest)
        return Check("read", tuple(read_sources([str(path)], max_bytes=max_bytes)), stamp, None, digest)
