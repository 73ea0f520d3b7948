"""HTML pages (``.html``, ``.htm``, gzipped too) read as markup for clean to extract from.

Ingest only decodes the page and checks that it parses into a document; finding
the article in it is :func:`newsledger.clean.prepare`'s job. Bytes that are not
UTF-8 are decoded with the charset the page declares in a ``<meta>`` tag, and
failing that with charset-normalizer's guess.
"""

from __future__ import annotations

import re
from pathlib import Path

from trafilatura import load_html

from newsledger.ingest.files import decode, read_bytes
from newsledger.schema import IngestFailure, RawDocument

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096


def read_html_file(path: Path, max_bytes: int) -> RawDocument | IngestFailure:
    """One HTML file as a :class:`RawDocument` holding its markup."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, IngestFailure):
        return data
    return html_document(data, str(path))


def html_document(
    data: bytes | str, origin: str, declared: str | None = None, **metadata
) -> RawDocument | IngestFailure:
    """Markup (bytes or text) as a :class:`RawDocument`, or why it cannot be one.

    Args:
        data: the page.
        origin: where it came from, for failures.
        declared: the charset its container declared (an HTTP header).
        **metadata: url, title, outlet, published known from the container.
    """
    if isinstance(data, bytes):
        text = decode(data, origin, declared=declared or declared_charset(data))
        if isinstance(text, IngestFailure):
            return text
    else:
        text = data
    if not text.strip():
        return IngestFailure(origin, "empty file")
    reason = malformed_reason(text)
    if reason:
        return IngestFailure(origin, reason)
    return RawDocument(origin=origin, html=text, **metadata)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first ``<meta>`` tags, if any."""
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def malformed_reason(text: str) -> str | None:
    """Why markup cannot be parsed into a document, or None when it can."""
    try:
        tree = load_html(text)
        if tree is None:
            # A fragment (a feed item's body) is fine: clean wraps it the same way.
            tree = load_html(f"<html><body>{text}</body></html>")
    except Exception as exc:  # lxml raises several types on hostile input
        return f"malformed HTML ({type(exc).__name__}: {exc})"
    if tree is None:
        return "malformed HTML (could not be parsed into a document)"
    if not tree.text_content().strip():
        return "HTML page has no text"
    return None
