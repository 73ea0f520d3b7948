"""Web archives (``.warc``, ``.warc.gz``): the HTML pages among their HTTP responses.

warcio reads the records; a record becomes a document when it is an HTTP
``response`` with an HTML content type and a 2xx status. Requests, metadata,
redirects and non-HTML responses (scripts, images) are skipped quietly; an HTML
response with an error status or a body over the size limit becomes an
:class:`~newsledger.schema.IngestFailure` for ``path#N`` (N counts records from
1). The page's URL is the record's ``WARC-Target-URI``; the WARC date is when
the page was captured, not published, so it is not used as the publication date.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsledger.ingest.files import describe_size
from newsledger.ingest.html import html_document
from newsledger.schema import IngestFailure, RawDocument

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Every HTML page in a WARC file, as a document or a failure."""
    origin = str(path)
    if not path.is_file():
        yield IngestFailure(origin, "no such file or directory" if not path.exists() else "not a regular file")
        return
    if path.stat().st_size == 0:
        yield IngestFailure(origin, "empty file")
        return
    if not _starts_like_an_archive(path):
        # warcio reads any text as a one-record ARC file, so check the header first.
        yield IngestFailure(origin, "not a readable WARC file (it does not start with a WARC or ARC header)")
        return
    pages = 0
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                item = _page(record, f"{origin}#{number}", max_bytes)
                if item is not None:
                    pages += 1
                    yield item
    except ArchiveLoadFailed as exc:
        yield IngestFailure(origin if number == 0 else f"{origin}#{number + 1}", f"not a readable WARC file ({exc})")
        return
    except (OSError, EOFError, ValueError) as exc:
        yield IngestFailure(f"{origin}#{number + 1}", f"WARC file is damaged ({type(exc).__name__}: {exc})")
        return
    if number == 0:
        yield IngestFailure(origin, "not a readable WARC file (no WARC records found)")
    elif pages == 0:
        yield IngestFailure(origin, "WARC file holds no HTML responses")


def _page(record, origin: str, max_bytes: int) -> RawDocument | IngestFailure | None:
    """The document in one record, a failure, or None for records that hold no page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not any(kind in content_type for kind in _HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() or ""
    if status.startswith("3"):
        LOGGER.debug("skipping redirect %s", url)
        return None
    if not status.startswith("2"):
        return IngestFailure(origin, f"HTTP {status or 'status missing'} response for {url}, not an article")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return IngestFailure(origin, f"page larger than {describe_size(max_bytes)} limit ({url})")
    if not body.strip():
        return IngestFailure(origin, f"empty response body for {url}")
    return html_document(body, origin, declared=_charset(content_type), url=url)


def _starts_like_an_archive(path: Path) -> bool:
    try:
        with path.open("rb") as raw:
            head = raw.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as stream:
            start = stream.read(16)
    except (OSError, EOFError, zlib.error):
        return False
    return start.startswith((b"WARC/", b"filedesc://"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "charset" and value:
            return value.strip("\"' ")
    return None
