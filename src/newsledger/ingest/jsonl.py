"""JSON Lines: one article a line, ``text`` or ``html`` plus url, title, outlet, published.

A bad line (invalid JSON, no text, a date that is not ISO, a line over the size
limit) becomes an :class:`~newsledger.schema.IngestFailure` for ``path:LINE``
and the lines after it are still read. The file is streamed, so the size limit
applies to each line rather than to the whole file: a JSONL corpus can be far
larger than one article may be. A file cut off part-way (a truncated
``.jsonl.gz``) keeps the lines read before the cut and adds a failure for the
file saying where the rest was lost.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.ingest.encodings import storable
from newsledger.ingest.files import describe_size, metadata_from
from newsledger.ingest.html import html_document
from newsledger.schema import IngestFailure, RawDocument


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Every line of a ``.jsonl`` (or ``.jsonl.gz``) file as a document or a failure."""
    if not path.is_file():
        yield IngestFailure(str(path), "no such file or directory" if not path.exists() else "not a regular file")
        return
    if path.stat().st_size == 0:
        yield IngestFailure(str(path), "empty file")
        return
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        handle = opener(path, "rb")
    except OSError as exc:
        yield IngestFailure(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    lines = _CountedLines(_limited_lines(handle, max_bytes))
    try:
        with handle:
            yield from read_jsonl_lines(lines, str(path), max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        # gzip raises EOFError where a compressed file is cut off; lines read before are kept.
        damage = "truncated or corrupt" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) else "unreadable"
        yield IngestFailure(
            str(path),
            f"file is {damage} after line {lines.count}: the lines after it are lost ({exc})",
        )


class _CountedLines:
    """An iterator of lines that counts how many it has handed over."""

    def __init__(self, lines: Iterator[bytes | None]):
        self._lines = lines
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self) -> bytes | None:
        line = next(self._lines)
        self.count += 1
        return line


def read_jsonl_lines(
    lines: Iterable[bytes | None], name: str, max_bytes: int
) -> Iterator[RawDocument | IngestFailure]:
    """Documents from JSONL lines; ``None`` stands for a line over the size limit."""
    seen_any = False
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if line is None:
            seen_any = True
            yield IngestFailure(origin, f"line larger than {describe_size(max_bytes)} limit")
            continue
        if not line.strip():
            continue
        seen_any = True
        yield parse_line(line, origin)
    if not seen_any:
        yield IngestFailure(name, "empty file")


def parse_line(line: bytes | str, origin: str) -> RawDocument | IngestFailure:
    """One JSONL line as a document, or the reason it is not one."""
    try:
        record = json.loads(line.strip())
    except UnicodeDecodeError:
        return IngestFailure(origin, "undecodable bytes: JSON Lines must be UTF-8")
    except ValueError as exc:
        return IngestFailure(origin, f"invalid JSON ({exc})")
    if not isinstance(record, dict):
        return IngestFailure(origin, f"line is a JSON {type(record).__name__}, not an object with 'text' or 'html'")
    record = {key: storable(value) if isinstance(value, str) else value for key, value in record.items()}
    meta = metadata_from(record, origin)
    if isinstance(meta, IngestFailure):
        return meta
    language = record.get("language") if isinstance(record.get("language"), str) else None
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return RawDocument(origin=origin, text=text, language=language, **meta)
    if isinstance(html, str) and html.strip():
        return html_document(html, origin, language=language, **meta)
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        return IngestFailure(origin, "'text' and 'html' must be strings")
    return IngestFailure(origin, "no 'text' or 'html' field with content")


def _limited_lines(handle, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; a line longer than ``max_bytes`` is skipped and yields None."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Skip the rest of the oversized line without holding it in memory.
            while line and not line.endswith(b"\n"):
                line = handle.readline(max_bytes + 1)
            yield None
            continue
        yield line
