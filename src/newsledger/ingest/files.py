"""Reading files safely: paths, size limits, gzip, decoding, format sniffing, sidecars.

Every check that can fail on one file returns an
:class:`~newsledger.schema.IngestFailure` with a reason a user can act on
("empty file", "binary file (not text; looks like a PDF)", "larger than 5 MB
limit", "not UTF-8 and no other encoding fits") instead of raising, so a bad
file never stops a batch.

Decoding is :mod:`newsledger.ingest.encodings`' job (:func:`decode` is
re-exported here for the readers).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import json
import logging
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.encodings import decode
from newsledger.schema import IngestFailure, RawDocument

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
METADATA_FIELDS = ("url", "title", "outlet", "published")

_SNIFF_CHARS = 2048


def describe_size(max_bytes: int) -> str:
    """A byte limit as people say it: ``5 MB``, ``200 kB``, ``512 bytes``."""
    if max_bytes >= 1_000_000:
        return f"{max_bytes / 1_000_000:g} MB"
    if max_bytes >= 1_000:
        return f"{max_bytes / 1_000:g} kB"
    return f"{max_bytes} bytes"


def format_of(path: Path) -> str | None:
    """The format a file's name says: text, html, jsonl, feed, warc, json, or None.

    A ``.gz`` suffix is looked through (``page.html.gz`` is html) except for
    WARC files, which warcio reads compressed.
    """
    name = path.name.lower()
    if any(name.endswith(s) for s in WARC_SUFFIXES):
        return "warc"
    suffix = Path(name[:-3]).suffix if name.endswith(".gz") else path.suffix.lower()
    for fmt, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("feed", FEED_SUFFIXES),
        ("json", {".json"}),
    ):
        if suffix in suffixes:
            return fmt
    return None


def walk(directory: Path) -> Iterator[Path | IngestFailure]:
    """Readable article files under ``directory``, recursively, in sorted order.

    Hidden files and folders, sidecar ``.json`` files and files of unknown
    formats (images, notes) are skipped. A folder that cannot be listed
    (permission denied) is an :class:`IngestFailure` and the walk goes on.
    Links to folders are not followed, so a link loop cannot trap the walk.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestFailure(str(directory), f"cannot read folder {directory}: {_os_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            is_file = not is_folder and entry.is_file()
        except OSError as exc:
            yield IngestFailure(str(path), f"cannot be read ({_os_reason(exc)})")
            continue
        if is_folder:
            yield from walk(path)
        elif is_file and format_of(path) not in (None, "json"):
            yield path
        elif is_file:
            LOGGER.debug("skipping %s: not an article format", path)


def _os_reason(exc: OSError) -> str:
    """An OS error as people say it: ``permission denied``."""
    return (exc.strerror or str(exc)).lower()


def read_bytes(path: Path, max_bytes: int) -> bytes | IngestFailure:
    """The content of ``path`` (decompressed if gzipped), within ``max_bytes``."""
    origin = str(path)
    if not path.exists():
        return IngestFailure(origin, "no such file or directory")
    if not path.is_file():
        return IngestFailure(origin, "not a regular file")
    try:
        size = path.stat().st_size
        if size == 0:
            return IngestFailure(origin, "empty file")
        if size > max_bytes:
            return IngestFailure(origin, f"larger than {describe_size(max_bytes)} limit ({describe_size(size)})")
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        return IngestFailure(origin, f"cannot be read ({exc.strerror or exc})")
    if path.name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        return gunzip(data, origin, max_bytes)
    return data


def gunzip(data: bytes, origin: str, max_bytes: int) -> bytes | IngestFailure:
    """``data`` decompressed, or why it cannot be: damaged, empty, or over ``max_bytes`` once decompressed."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = stream.read(max_bytes + 1)
    except EOFError as exc:
        return IngestFailure(origin, f"damaged gzip file: truncated or corrupt, it ends before its compressed data ({exc})")
    except (OSError, zlib.error) as exc:
        return IngestFailure(origin, f"damaged gzip file ({exc})")
    if len(content) > max_bytes:
        return IngestFailure(origin, f"larger than {describe_size(max_bytes)} limit once decompressed")
    if not content:
        return IngestFailure(origin, "empty file")
    return content


def sniff(text: str) -> str:
    """The format of a text of unknown name: jsonl, feed, html, or text."""
    head = text.lstrip("\ufeff \t\r\n")[:_SNIFF_CHARS]
    lowered = head.lower()
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    if lowered.startswith("<?xml") or lowered.startswith("<rss") or lowered.startswith("<feed"):
        if "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered:
            return "feed"
    if looks_like_html(head):
        return "html"
    return "text"


def looks_like_html(head: str) -> bool:
    """Whether the start of a text is HTML markup rather than prose."""
    lowered = head.lstrip()[:_SNIFF_CHARS].lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")):
        return "<html" in lowered or "<!doctype html" in lowered
    return lowered.startswith("<") and any(
        tag in lowered for tag in ("<body", "<head", "<p>", "<p ", "<div", "<article", "<title")
    )


def read_sidecar(path: Path) -> dict[str, Any] | IngestFailure:
    """Metadata from ``NAME.json`` beside ``NAME.txt``, or ``{}`` when there is none."""
    for candidate in (path.with_suffix(".json"), path.with_name(path.name + ".json")):
        if candidate.is_file():
            try:
                meta = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                return IngestFailure(str(path), f"sidecar {candidate.name} is not valid JSON ({exc})")
            if not isinstance(meta, dict):
                return IngestFailure(str(path), f"sidecar {candidate.name} is not a JSON object")
            return meta
    return {}


def metadata_from(record: dict[str, Any], origin: str) -> dict[str, Any] | IngestFailure:
    """The url, title, outlet and published date of a JSON record, checked.

    ``published`` may be ``YYYY-MM-DD`` or a full ISO timestamp; anything else
    is a failure rather than a silently dropped date.
    """
    meta: dict[str, Any] = {}
    for name in ("url", "title", "outlet"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return IngestFailure(origin, f"{name!r} must be a string, not {type(value).__name__}")
        meta[name] = value.strip() or None if isinstance(value, str) else None
    published = record.get("published")
    if published in (None, ""):
        meta["published"] = None
    else:
        date = parse_date(published)
        if date is None:
            return IngestFailure(origin, f"'published' {published!r} is not an ISO date (YYYY-MM-DD)")
        meta["published"] = date
    return meta


def parse_date(value: Any) -> dt.date | None:
    """An ISO date or timestamp (string, date or datetime) as a date, else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def check_defaults(defaults: dict[str, Any] | None) -> dict[str, Any]:
    """Command-line metadata, validated; raises :class:`InputError` on a bad key or date."""
    if not defaults:
        return {}
    unknown = set(defaults) - set(METADATA_FIELDS) - {"language"}
    if unknown:
        raise InputError(
            f"unknown metadata {sorted(unknown)}: only {', '.join(METADATA_FIELDS)} and language can be given"
        )
    checked = {k: v for k, v in defaults.items() if v is not None}
    if "published" in checked:
        date = parse_date(checked["published"])
        if date is None:
            raise InputError(f"published date {checked['published']!r} is not an ISO date (YYYY-MM-DD)")
        checked["published"] = date
    return checked


def with_defaults(item: RawDocument | IngestFailure, defaults: dict[str, Any]) -> RawDocument | IngestFailure:
    """Fill metadata the document lacks from ``defaults``; failures pass through."""
    if isinstance(item, IngestFailure) or not defaults:
        return item
    missing = {k: v for k, v in defaults.items() if getattr(item, k) is None}
    return dataclasses.replace(item, **missing) if missing else item


def read_text_file(path: Path, max_bytes: int) -> RawDocument | IngestFailure:
    """A ``.txt`` file and its sidecar metadata."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, IngestFailure):
        return data
    text = decode(data, str(path))
    if isinstance(text, IngestFailure):
        return text
    sidecar = read_sidecar(path)
    if isinstance(sidecar, IngestFailure):
        return sidecar
    meta = metadata_from(sidecar, str(path))
    if isinstance(meta, IngestFailure):
        return meta
    return RawDocument(origin=str(path), text=text, **meta)
