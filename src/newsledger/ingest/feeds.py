"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): one document per item, via feedparser.

An item's body is its full content (``content:encoded``, Atom ``content``) when
it has one, else its summary; HTML bodies stay HTML for clean to extract from,
plain-text bodies are text. The item's link, title and published (or updated)
date are its metadata, and the feed's title is the outlet. Items are reported
as ``path#N`` (N counts items from 1). feedparser already sanitises the HTML
it hands over (scripts and styles removed).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser

from newsledger.ingest.encodings import storable
from newsledger.ingest.files import decode, read_bytes
from newsledger.ingest.html import html_document
from newsledger.schema import IngestFailure, RawDocument

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# &#xD800;-&#xDFFF; and &#55296;-&#57343;, with leading zeros.
_SURROGATE_PATTERN = r"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));?"
_SURROGATE_REFERENCE = re.compile(_SURROGATE_PATTERN)
_SURROGATE_REFERENCE_BYTES = re.compile(_SURROGATE_PATTERN.encode("ascii"))


def read_feed_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Every item of a feed file, as a document or a failure."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, IngestFailure):
        yield data
        return
    yield from read_feed(data, str(path))


def read_feed(data: bytes | str, name: str) -> Iterator[RawDocument | IngestFailure]:
    """Every item of a feed given as bytes or text."""
    if isinstance(data, bytes):
        # feedparser does its own decoding, but a binary file should be named as one.
        text = decode(data, name)
        if isinstance(text, IngestFailure):
            yield text
            return
    try:
        parsed = feedparser.parse(_without_surrogate_references(data))
    except Exception as exc:  # feedparser's loose parser has raised on hostile input
        yield IngestFailure(name, f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        yield IngestFailure(name, f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield IngestFailure(name, "feed has no items")
        return
    if parsed.bozo:
        LOGGER.info("%s is not well-formed (%s); reading what feedparser recovered", name, parsed.bozo_exception)
    outlet = _field(parsed.feed, "title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(entry, f"{name}#{number}", outlet)


def _without_surrogate_references(data: bytes | str) -> bytes | str:
    """The feed with character references to surrogates (``&#xD800;``), which name no
    character and make feedparser's loose parser raise, turned into U+FFFD references."""
    if isinstance(data, bytes):
        return _SURROGATE_REFERENCE_BYTES.sub(b"&#xFFFD;", data)
    return _SURROGATE_REFERENCE.sub("&#xFFFD;", data)


def _item(entry, origin: str, outlet: str | None) -> RawDocument | IngestFailure:
    body, content_type = _body(entry)
    body = storable(body)
    meta = {
        "url": _field(entry, "link"),
        "title": _field(entry, "title"),
        "outlet": outlet,
        "published": _date(entry),
    }
    if not body.strip():
        return IngestFailure(origin, "feed item has no content or summary")
    if content_type in _HTML_TYPES:
        return html_document(body, origin, **meta)
    return RawDocument(origin=origin, text=body, **meta)


def _field(entry, name: str) -> str | None:
    """A text field of an item or feed, stripped; None when empty or not text."""
    value = entry.get(name)
    return storable(value).strip() or None if isinstance(value, str) else None


def _body(entry) -> tuple[str, str]:
    """The fullest body an item has, and its content type."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return best["value"], (best.get("type") or "text/html").lower()
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", (detail.get("type") or "text/html").lower()


def _date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None
