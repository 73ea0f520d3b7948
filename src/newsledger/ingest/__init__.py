"""Ingest: every input format in, :class:`~newsledger.schema.RawDocument` or :class:`~newsledger.schema.IngestFailure` out.

:func:`read_sources` takes paths as a user gives them (files, folders, ``-``
for stdin) and yields one item per document, in order. The format comes from
the file name (``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.warc``/``.warc.gz``,
``.rss``/``.atom``/``.xml``, each also gzipped) and, for stdin and unknown
names, from the content. Bad input never raises through the batch: it becomes
an :class:`IngestFailure` whose ``reason`` says what is wrong ("empty file",
"binary file (not text)", "larger than 5 MB limit", "invalid JSON (...)").
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from newsledger import config
from newsledger.ingest.feeds import read_feed, read_feed_file
from newsledger.ingest.files import (
    check_defaults,
    decode,
    describe_size,
    format_of,
    read_bytes,
    read_text_file,
    sniff,
    walk,
    with_defaults,
)
from newsledger.ingest.html import html_document, read_html_file
from newsledger.ingest.jsonl import read_jsonl_file, read_jsonl_lines
from newsledger.ingest.warc import read_warc_file
from newsledger.schema import IngestFailure, RawDocument

__all__ = ["STDIN", "expand_sources", "read_sources"]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_SNIFF_BYTES = 65536


def read_sources(
    paths: Sequence[str],
    *,
    defaults: dict[str, Any] | None = None,
    max_bytes: int = config.DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | IngestFailure]:
    """Read every document under ``paths``.

    Args:
        paths: files, folders (read recursively, in sorted order, skipping
            hidden files and sidecar ``.json`` files) or ``"-"`` for stdin.
        defaults: metadata given on the command line (``url``, ``title``,
            ``outlet``, ``published`` as a date), applied where a document has
            none of its own.
        max_bytes: the largest document read; larger ones are failures.

    Yields:
        One :class:`RawDocument` or :class:`IngestFailure` per document.

    Raises:
        InputError: ``defaults`` has an unknown key or a date that is not ISO.
    """
    checked = check_defaults(defaults)
    for source in paths:
        for item in _read_source(source, max_bytes):
            yield with_defaults(item, checked)


def expand_sources(paths: Sequence[str]) -> Iterator[str | IngestFailure]:
    """The inputs ``paths`` stand for, one at a time: each file (folders walked as
    :func:`read_sources` walks them), ``"-"`` for stdin, or the failure of a folder
    that cannot be read or holds no article file. Reading each in turn reads
    what :func:`read_sources` reads, in the same order; a batch keeps its
    checkpoints per input."""
    for source in paths:
        path = Path(source)
        if source == STDIN or not path.is_dir():
            yield source
            continue
        found = False
        for child in walk(path):
            found = True
            yield child if isinstance(child, IngestFailure) else str(child)
        if not found:
            yield IngestFailure(source, "folder holds no readable article files")


def _read_source(source: str, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    if source == STDIN:
        yield from read_stream(_stdin(), STDIN_ORIGIN, max_bytes)
        return
    path = Path(source)
    if path.is_dir():
        found = False
        for child in walk(path):
            found = True
            if isinstance(child, IngestFailure):
                yield child
            else:
                yield from _read_file(child, max_bytes)
        if not found:
            yield IngestFailure(source, "folder holds no readable article files")
        return
    yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    if not path.exists():
        yield IngestFailure(str(path), "no such file or directory")
        return
    fmt = format_of(path)
    if fmt == "text":
        yield read_text_file(path, max_bytes)
    elif fmt == "html":
        yield read_html_file(path, max_bytes)
    elif fmt == "jsonl":
        yield from read_jsonl_file(path, max_bytes)
    elif fmt == "warc":
        yield from read_warc_file(path, max_bytes)
    elif fmt == "feed":
        yield from read_feed_file(path, max_bytes)
    elif fmt == "json":
        yield IngestFailure(str(path), "a .json file is read only as sidecar metadata; give articles as .jsonl")
    else:
        yield from _read_unknown(path, max_bytes)


def _read_unknown(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """A file whose name says nothing: decide by its content."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, IngestFailure):
        yield data
        return
    if data.startswith(b"WARC/"):
        yield from read_warc_file(path, max_bytes)
        return
    yield from _read_data(data, str(path), max_bytes)


def read_stream(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Documents from a byte stream (stdin): JSONL streamed by line, else one document."""
    head = stream.read(_SNIFF_BYTES)
    if not head.strip():
        yield IngestFailure(name, "empty input")
        return
    if sniff(head.decode("utf-8", errors="ignore")) == "jsonl":
        lines = _lines(itertools.chain([head], iter(lambda: stream.read(_SNIFF_BYTES), b"")), max_bytes)
        yield from read_jsonl_lines(lines, name, max_bytes)
        return
    rest = stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else b""
    data = head + rest
    if len(data) > max_bytes:
        yield IngestFailure(name, f"larger than {describe_size(max_bytes)} limit")
        return
    yield from _read_data(data, name, max_bytes)


def _read_data(data: bytes, name: str, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    text = decode(data, name)
    if isinstance(text, IngestFailure):
        yield text
        return
    fmt = sniff(text)
    if fmt == "jsonl":
        yield from read_jsonl_lines(_lines([data], max_bytes), name, max_bytes)
    elif fmt == "feed":
        yield from read_feed(data, name)
    elif fmt == "html":
        yield html_document(text, name)
    else:
        yield RawDocument(origin=name, text=text)


def _lines(chunks, max_bytes: int) -> Iterator[bytes | None]:
    """Split byte chunks into lines; None stands for a line over ``max_bytes``."""
    pending = b""
    oversized = False
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield None if oversized or len(line) > max_bytes else line
            oversized = False
        if len(pending) > max_bytes:
            oversized, pending = True, b""
    if pending or oversized:
        yield None if oversized else pending


def _stdin() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    # A text stream without a buffer (tests, some embedders): encode it back.
    import io

    return io.BytesIO(sys.stdin.read().encode("utf-8"))
