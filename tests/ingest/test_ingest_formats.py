"""JSON Lines, WARC, RSS and Atom: each record a document or a failure for that record only."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest

from newsledger.clean import prepare
from newsledger.ingest import read_sources
from newsledger.schema import Article, IngestFailure, RawDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def read_all(path, **kwargs):
    return list(read_sources([str(path)], **kwargs))


def test_jsonl_bad_lines_are_failures_and_the_rest_goes_on():
    path = FIXTURES / "wikinews.jsonl"
    items = read_all(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in range(1, 7)]
    good = [i for i in items if isinstance(i, RawDocument)]
    assert [i.title for i in good] == [
        "Indonesian security minister Wiranto stabbed",
        "US announces restrictions on flying to Cuba",
        "Yemeni journalist Nabil Hasan al-Quaety shot dead in Aden",
    ]
    assert good[0].text.startswith("Yesterday, Indonesia's security minister Wiranto was stabbed")
    assert good[0].outlet == "Wikinews" and good[0].published == dt.date(2019, 10, 11)
    assert good[1].html.startswith("<p>On Friday, the United States Department of Transportation")
    reasons = {i.origin.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, IngestFailure)}
    assert reasons["3"].startswith("invalid JSON (Unterminated string")
    assert reasons["4"] == "no 'text' or 'html' field with content"
    assert reasons["5"] == "'published' 'last Tuesday' is not an ISO date (YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "line is a JSON list, not an object with 'text' or 'html'"),
        ('{"text": 5}', "'text' and 'html' must be strings"),
        ('{"text": "Four died.", "url": 5}', "'url' must be a string, not int"),
    ],
)
def test_jsonl_line_reasons(tmp_path, line, reason):
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": "Police said four died."}) + "\n")
    first, second = read_all(path)
    assert first == IngestFailure(f"{path}:1", reason)
    assert second.text == "Police said four died."


def test_jsonl_oversized_line_is_skipped_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": "a " * 500}), json.dumps({"text": "Police said four died."})]
    path.write_text("\n".join(lines) + "\n")
    first, second = read_all(path, max_bytes=200)
    assert first == IngestFailure(f"{path}:1", "line larger than 200 bytes limit")
    assert second.origin == f"{path}:2"


def test_jsonl_gzipped_and_published_timestamp(tmp_path):
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"text": "Four died.", "published": "2019-10-03T14:05:00Z"}).encode()))
    [raw] = read_all(path)
    assert raw.published == dt.date(2019, 10, 3)


def test_warc_yields_the_article_page_and_the_error_page_as_a_failure():
    path = FIXTURES / "wikinews.warc.gz"
    items = read_all(path)
    assert len(items) == 2
    page, missing = items
    assert page.origin == f"{path}#3"
    assert page.url == "https://en.wikinews.org/wiki/Russia%27s_Navalny_airlifted_to_Germany"
    article = prepare(page)
    assert isinstance(article, Article)
    assert "Russian opposition leader Alexei Navalny was airlifted from the city of Omsk" in article.text
    assert "Related stories" not in article.text and "Germany says Alexei Navalny poisoned" not in article.text
    assert missing == IngestFailure(
        f"{path}#6", "HTTP 404 response for https://en.wikinews.org/wiki/Missing, not an article"
    )


def test_not_a_warc_file(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_text("This is a text file with the wrong name.")
    [failure] = read_all(path)
    assert failure.origin == str(path) and failure.reason.startswith("not a readable WARC file")


def test_rss_items():
    path = FIXTURES / "wikinews.rss"
    first, second = read_all(path)
    assert first.origin == f"{path}#1" and second.origin == f"{path}#2"
    assert first.title == "Germany says Alexei Navalny poisoned with Novichok"
    assert first.url == "https://en.wikinews.org/wiki/Germany_says_Alexei_Navalny_poisoned_with_Novichok"
    assert first.published == dt.date(2020, 9, 5) and first.outlet == "Wikinews"
    # The full content:encoded body, not the 200-character description.
    article = prepare(first)
    assert article.text.startswith("On Wednesday, the German government said Russian opposition leader")
    assert article.text.endswith("by Berlin non-profit Cinema for Peace Foundation.")
    assert second.published == dt.date(2020, 9, 30)


def test_atom_html_and_text_entries():
    path = FIXTURES / "wikinews.atom"
    html_entry, text_entry = read_all(path)
    assert html_entry.html is not None and html_entry.published == dt.date(2020, 11, 17)
    assert text_entry.text is not None and text_entry.html is None
    # The second entry has only <updated>: that date is used.
    assert text_entry.published == dt.date(2020, 6, 5)
    assert text_entry.title == "Yemeni journalist Nabil Hasan al-Quaety shot dead in Aden"
    assert prepare(text_entry).text.endswith("also praised the quality of al-Quaety's work.")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.xml", "<?xml version='1.0'?><notes><note>Call back</note></notes>", "not an RSS or Atom feed"),
        ("empty.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>X</title></channel></rss>",
         "feed has no items"),
    ],
)
def test_feed_failures(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    [failure] = read_all(path)
    assert failure.reason.startswith(reason)


def test_feed_item_without_body(tmp_path):
    path = tmp_path / "x.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>X</title>"
        "<item><title>Headline only</title><link>https://example.org/a</link></item></channel></rss>"
    )
    assert read_all(path) == [IngestFailure(f"{path}#1", "feed item has no content or summary")]


def test_html_gz_is_read(tmp_path):
    source = (FIXTURES / "paris-police.html").read_bytes()
    path = tmp_path / "paris.html.gz"
    path.write_bytes(gzip.compress(source))
    [raw] = read_all(path)
    assert raw.html == source.decode("utf-8")


def test_html_declared_charset_is_used(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Cité station was closed – briefly.</p></body></html>'
    path = tmp_path / "cp.html"
    path.write_bytes(page.encode("cp1252"))
    [raw] = read_all(path)
    assert "Cité station was closed – briefly." in raw.html


def test_fixture_copy_keeps_the_sidecar_pairing(tmp_path):
    # A sidecar named NAME.txt.json is accepted too.
    shutil.copy(FIXTURES / "gdansk.txt", tmp_path / "g.txt")
    (tmp_path / "g.txt.json").write_text(json.dumps({"outlet": "Wikinews"}))
    [raw] = read_all(tmp_path / "g.txt")
    assert raw.outlet == "Wikinews"
