"""Web archives (``.warc``, ``.warc.gz``): the HTML pages among their HTTP responses.

warcio reads the records; a record becomes a document when it is an HTTP
``response`` with an HTML content type and a 2xx status. Requests, metadata,
redirects and non-HTML responses (scripts, images) are skipped quietly; an HTML
response with an error status or a body over the size limit becomes an
:class:`~newsledger.schema.IngestFailure` for ``path#N`` (N counts records from
1). The page's URL is the record's ``WARC-Target-URI``; the WARC date is when
the page was captured, not published, so it is not used as the publication date.

warcio stops without a word where a file is cut off (a download that did not
finish, a crawl still being written) or its gzip data is corrupt, so each
record is checked against its declared ``Content-Length``, the last gzip member
must reach its end, and nothing but blank lines may follow the last record;
otherwise the pages read so far are kept and a failure for the file says after
how many records, and at which byte, the rest was lost.
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
# How much of what follows the last record is looked at to tell blank lines from a cut-off record.
_TAIL_BYTES = 4096


def read_warc_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Every HTML page in a WARC file, as a document or a failure.

    A file cut off or corrupt part-way yields the pages before the damage and
    then a failure for the file saying after how many records (and at which
    byte) the rest was lost.
    """
    origin = str(path)
    if not path.is_file():
        yield IngestFailure(origin, "no such file or directory" if not path.exists() else "not a regular file")
        return
    try:
        size = path.stat().st_size
        problem = _start_problem(path)
    except OSError as exc:
        yield IngestFailure(origin, f"cannot be read ({exc.strerror or exc})")
        return
    if size == 0:
        yield IngestFailure(origin, "empty file")
        return
    if problem:
        yield IngestFailure(origin, problem)
        return
    pages = 0
    number = 0
    archive: _CheckedArchive | None = None
    try:
        with path.open("rb") as stream:
            archive = _CheckedArchive(stream)
            for number, record in enumerate(archive, start=1):
                item = _page(record, f"{origin}#{number}", max_bytes)
                archive.read_to_end()
                if _cut_short(record):
                    yield _truncated(origin, number - 1, archive.get_record_offset())
                    return
                if item is not None:
                    pages += 1
                    yield item
            leftover = _unread_tail(stream, archive)
    except ArchiveLoadFailed as exc:
        if number == 0:
            yield IngestFailure(origin, f"not a readable WARC file ({_first_line(exc)})")
        else:
            yield _truncated(origin, number, _offset(archive), _first_line(exc))
        return
    except Exception as exc:  # warcio raises many types (AttributeError, KeyError, ...) on damaged records
        yield _truncated(origin, number, _offset(archive), f"{type(exc).__name__}: {exc}")
        return
    if not archive.complete or leftover:
        yield _truncated(origin, number, _offset(archive))
        return
    if number == 0:
        yield IngestFailure(origin, "not a readable WARC file (no WARC records found)")
    elif pages == 0:
        yield IngestFailure(origin, "WARC file holds no HTML responses")


class _CheckedArchive(ArchiveIterator):
    """warcio's iterator, remembering whether the last gzip member was read to its end.

    warcio stops quietly where a compressed file is cut off (or its data is
    corrupt), so a crawl that lost its last records would look whole.
    """

    complete = True

    def close(self):
        reader = self.reader
        decompressor = getattr(reader, "decompressor", None)
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.complete = False
        super().close()


def _unread_tail(stream, archive: ArchiveIterator) -> bool:
    """Whether bytes other than blank lines follow the last record warcio could parse.

    warcio takes a record whose headers are cut off for the end of the file.
    """
    stream.seek(archive.offset)
    return bool(stream.read(_TAIL_BYTES).strip())


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()


def _offset(archive: ArchiveIterator | None) -> int | None:
    """Where in the file the record being read began."""
    return getattr(archive, "offset", None)


def _cut_short(record) -> bool:
    """Whether the file ended inside the record: in its headers or before its ``Content-Length``.

    Every WARC record declares its length, so one without ``Content-Length``
    is a header block cut off (ARC records give it in their first line).
    """
    if str(record.format).startswith("warc") and not (record.rec_headers.get_header("Content-Length") or "").strip():
        return True
    remaining = getattr(record.raw_stream, "limit", 0)
    return isinstance(remaining, int) and remaining > 0


def _truncated(origin: str, records: int, offset: int | None, detail: str = "") -> IngestFailure:
    where = f" (at byte {offset})" if offset is not None else ""
    because = f"; {detail}" if detail else ""
    return IngestFailure(
        origin,
        f"WARC file is truncated or corrupt after {records} record{'s' if records != 1 else ''}{where}: "
        f"the records after it are lost{because}",
    )


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


def _start_problem(path: Path) -> str | None:
    """Why the file is not an archive at all, judged by its first bytes, or None."""
    with path.open("rb") as raw:
        head = raw.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as stream:
            start = stream.read(16)
    except EOFError:
        return "WARC file is truncated or corrupt after 0 records (at byte 0): the records after it are lost"
    except (OSError, zlib.error) as exc:
        return f"not a readable WARC file (damaged gzip data: {exc})"
    if not start.startswith((b"WARC/", b"filedesc://")):
        # warcio reads any text as a one-record ARC file, so check the header first.
        return "not a readable WARC file (it does not start with a WARC or ARC header)"
    return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "charset" and value:
            return value.strip("\"' ")
    return None
