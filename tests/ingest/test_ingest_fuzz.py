"""Property tests: every reader takes arbitrary bytes without raising, and always says something.

Each input, whatever its bytes, yields at least one item, every item is a
:class:`RawDocument` or an :class:`IngestFailure`, and a document's text is
real Unicode (it can be written out as UTF-8). The cleaner then takes what the
readers yield from hostile HTML the way a batch does.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.batch import iter_articles
from newsledger.clean import prepare
from newsledger.ingest import read_sources, read_stream
from newsledger.schema import Article, IngestFailure, RawDocument

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXTENSIONS = [
    ".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".html.gz", ".warc", ".warc.gz",
    ".rss", ".atom", ".xml", ".json", "",
]

# Pieces of the formats, so that generated inputs get past the first checks.
_FRAGMENTS = [
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"WARC-Target-URI: https://example.org/a\r\n",
    b"Content-Length: 40\r\n", b"Content-Type: application/http; msgtype=response\r\n", b"\r\n",
    b"HTTP/1.1 200 OK\r\n", b"Content-Type: text/html; charset=utf-8\r\n",
    b"<?xml version='1.0'?>", b"<rss version='2.0'><channel><title>T</title>", b"<item>",
    b"<description>&lt;p&gt;Police said&lt;/p&gt;</description>", b"</item>", b"</channel></rss>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry><content type='html'>", b"</content></entry>",
    b"<html>", b"<body>", b"<p>", b"</p>", b"<div>", b"<script>alert(1)</script>", b"<style>p{}</style>",
    b"&#xD800;", b"&amp", b"&#0;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"\x93", b"\n",
    b'{"text": "', b'{"html": "<p>', b'\\ud800', b'\\u0000', b'"}', b'", "published": "2020-01-01"}',
    "Año nuevo en São Paulo: la policía detuvo a 12 personas. ".encode("utf-8"),
]
structured_bytes = st.lists(st.sampled_from(_FRAGMENTS) | st.binary(max_size=40), max_size=30).map(b"".join)
any_bytes = st.binary(max_size=2000) | structured_bytes
maybe_gzipped = any_bytes.flatmap(
    lambda data: st.sampled_from([data, gzip.compress(data)]).flatmap(
        lambda blob: st.integers(min_value=0, max_value=len(blob)).map(lambda cut: blob[: cut or len(blob)])
    )
)


def check_items(items) -> None:
    assert items, "an input must yield a document or a failure"
    for item in items:
        assert isinstance(item, (RawDocument, IngestFailure)), item
        if isinstance(item, IngestFailure):
            assert item.reason and isinstance(item.reason, str)
            continue
        assert (item.text is None) != (item.html is None), item
        body = item.text if item.text is not None else item.html
        assert body.strip()
        body.encode("utf-8")  # no lone surrogates reach the store
        for field in (item.url, item.title, item.outlet):
            if field is not None:
                field.encode("utf-8")


@FUZZ
@given(data=maybe_gzipped, extension=st.sampled_from(EXTENSIONS))
def test_every_reader_takes_any_bytes(tmp_path_factory, data, extension):
    path = tmp_path_factory.mktemp("fuzz") / f"input{extension}"
    path.write_bytes(data)
    check_items(list(read_sources([str(path)], max_bytes=100_000)))


@FUZZ
@given(data=any_bytes)
def test_stdin_takes_any_bytes(data):
    check_items(list(read_stream(io.BytesIO(data), "<stdin>", 100_000)))


@FUZZ
@given(data=any_bytes, cut=st.integers(min_value=1, max_value=200))
def test_warc_takes_any_records(tmp_path_factory, data, cut):
    path = tmp_path_factory.mktemp("fuzz") / "crawl.warc.gz"
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + data
    record = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
    record += b"Content-Length: %d\r\n\r\n" % len(body) + body + b"\r\n\r\n"
    blob = gzip.compress(record) + gzip.compress(record)
    path.write_bytes(blob[: len(blob) - cut])
    check_items(list(read_sources([str(path)])))


def _hostile_html(depth: int, attribute: int, text: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>T&amp</title><style>p{color:red}</style></head><body>"
        + "<div>" * depth
        + f'<p class="{"x" * attribute}">{text} &#xD800; &#0; &bogus; &#x110000; &</p>'
        + "<script>document.write('<p>')</script>"
        + "</div>" * (depth // 2)
    )


hostile_pages = st.builds(
    _hostile_html,
    depth=st.integers(min_value=0, max_value=3000),
    attribute=st.integers(min_value=0, max_value=200_000),
    text=st.text(max_size=200),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=hostile_pages, as_json=st.booleans())
def test_cleaner_takes_what_readers_yield_from_hostile_html(tmp_path_factory, page, as_json):
    folder = tmp_path_factory.mktemp("hostile")
    if as_json:
        # Lone surrogates and NULs escaped in JSON reach Python strings as they are.
        record = json.dumps({"html": page + "\ud800 \x00", "title": "A\udfff"})
        path = folder / "pages.jsonl"
        path.write_text(record, encoding="utf-8")
    else:
        path = folder / "page.html"
        path.write_bytes(page.encode("utf-8", "surrogatepass") + b"\x00")
    items = list(read_sources([str(path)]))
    check_items(items)
    for item in items:
        if isinstance(item, RawDocument):
            try:
                prepare(item)
            except Exception:  # noqa: BLE001 - iter_articles turns it into a failure, checked below
                pass
    for outcome in iter_articles([str(path)]):
        assert isinstance(outcome, (Article, IngestFailure))
