"""Legacy encodings, cut-off archives, unreadable folders and files: each read right or reported."""

from __future__ import annotations

import builtins
import codecs
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest import read_sources
from newsledger.ingest.encodings import decode
from newsledger.schema import IngestFailure, RawDocument

SPANISH_SHORT = "Año nuevo en São Paulo: la policía detuvo a 12 personas"
SPANISH = "Año nuevo en São Paulo: la policía detuvo a 12 personas tras los disturbios del sábado."
PORTUGUESE = "Em São Paulo, a polícia prendeu três suspeitos após o ataque à estação de ônibus."
FRENCH = "À Marseille, les manifestants ont été dispersés près de la préfecture, a déclaré le maire."
GERMAN = "In Zürich demonstrierten am Sonntag Tausende gegen die Schließung des Krankenhauses."
CURLY = "The mayor said \u201cwe will rebuild\u201d after damage put at 5\u20ac million \u2013 officials agreed."
MIXED = "Der Bürgermeister von São Paulo, José Müller, traf in Köln den Dänen Søren Ørsted."
UNICODE_ONLY = "Zürich, Kraków and Łódź: police in Gdańsk detained 12 people, São Paulo reported."
POLISH = "W Krakowie policja zatrzymała dwóch mężczyzn podejrzanych o podpalenie; świadkowie mówią, że uciekli."
POLISH_SHORT = "Prezydent Gdańska Paweł Adamowicz zmarł w szpitalu. Śledztwo prowadzi prokuratura okręgowa."
CZECH = "Policie v Brně zadržela tři muže podezřelé z loupeže; ředitel banky řekl, že škoda přesáhla milión korun."
CZECH_SHORT = "Vláda schválila nový zákon o policii. Ministr vnitra uvedl, že změny začnou platit v lednu."
HUNGARIAN = "A rendőrség őrizetbe vett két férfit Budapesten, közölte a szóvivő."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SPANISH_SHORT, "latin-1"), (SPANISH, "latin-1"), (SPANISH, "cp1252"), (PORTUGUESE, "latin-1"), (FRENCH, "latin-1"),
        (GERMAN, "latin-1"), (GERMAN, "cp1252"), (CURLY, "cp1252"), (MIXED, "latin-1"),
    ],
)
def test_western_legacy_text_is_read_as_windows_1252(tmp_path, text, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    [raw] = read_sources([str(path)])
    assert raw.text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(POLISH, "cp1250"), (POLISH_SHORT, "cp1250"), (CZECH, "cp1250"), (CZECH_SHORT, "cp1250"),
     (HUNGARIAN, "cp1250"), (POLISH, "iso-8859-2"), (CZECH, "iso-8859-2")],
)
def test_central_european_text_is_not_forced_into_windows_1252(text, encoding):
    assert decode(text.encode(encoding), "x") == text


@pytest.mark.parametrize("text", [SPANISH, GERMAN, UNICODE_ONLY, POLISH, CURLY])
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-32-bom"],
)
def test_unicode_with_and_without_byte_order_mark(tmp_path, text, encode):
    path = tmp_path / "report.txt"
    path.write_bytes(encode(text))
    [raw] = read_sources([str(path)])
    assert isinstance(raw, RawDocument), raw
    assert raw.text == text


def test_utf16_page_without_bom_is_html(tmp_path):
    page = f"<html><body><p>{SPANISH}</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-16-le"))
    [raw] = read_sources([str(path)])
    assert raw.html == page


def test_binary_with_nuls_is_still_binary():
    assert decode(bytes(range(256)) * 8, "x").reason == "binary file (not text)"
    assert decode(b"\x01\x00\x02\x00\x03\x00" * 100, "x").reason == "binary file (not text)"


def test_declared_latin1_means_windows_1252(tmp_path):
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{CURLY}</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    [raw] = read_sources([str(path)])
    assert CURLY in raw.html


# --- cut-off archives -------------------------------------------------------------------


def _warc(gzipped: bool, count: int = 3) -> tuple[bytes, list[int]]:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    offsets = []
    for number in range(1, count + 1):
        body = f"<html><body><p>Report {number}: {SPANISH} {GERMAN}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{number}", "response", payload=io.BytesIO(body), http_headers=http
        )
        offsets.append(out.tell())
        writer.write_record(record)
    return out.getvalue(), offsets


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_cut_warc_keeps_the_first_records_and_reports_the_cut(tmp_path, gzipped):
    data, offsets = _warc(gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data[: (offsets[1] + offsets[2]) // 2])
    items = list(read_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestFailure"]
    assert items[0].url == "https://example.org/1"
    assert items[1] == IngestFailure(
        str(path),
        f"WARC file is truncated or corrupt after 1 record (at byte {offsets[1]}): the records after it are lost",
    )


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_every_cut_of_a_warc_is_reported(tmp_path, gzipped):
    data, offsets = _warc(gzipped, count=2)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    # A cut just at a record's end leaves a whole, shorter archive: nothing to tell.
    whole = {offset + tail for offset in offsets[1:] + [len(data)] for tail in range(-4, 1)}
    step = 1 if gzipped else 7
    for cut in range(20, len(data), step):
        if cut in whole:
            continue
        path.write_bytes(data[:cut])
        items = list(read_sources([str(path)]))
        assert any(isinstance(i, IngestFailure) and "truncated" in i.reason for i in items), (cut, items)


def test_whole_warc_has_no_failure(tmp_path):
    data, _ = _warc(True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    assert all(isinstance(i, RawDocument) for i in read_sources([str(path)]))


def test_cut_jsonl_gz_keeps_the_lines_before_the_cut(tmp_path):
    lines = "".join(json.dumps({"text": f"{n}: {SPANISH} " * 20}) + "\n" for n in range(1, 41)).encode()
    data = gzip.compress(lines)
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_sources([str(path)]))
    *documents, failure = items
    assert documents and all(isinstance(i, RawDocument) for i in documents)
    assert failure.origin == str(path)
    assert failure.reason.startswith(f"file is truncated or corrupt after line {len(documents)}: the lines after")


@pytest.mark.parametrize("name", ["feed.rss.gz", "page.html.gz", "report.txt.gz"])
def test_cut_gzip_document_is_reported_as_truncated(tmp_path, name):
    data = gzip.compress(f"<?xml version='1.0'?><rss><channel><item><description>{SPANISH}".encode() * 20)
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    [failure] = read_sources([str(path)])
    assert failure.reason.startswith("damaged gzip file: truncated or corrupt")


# --- unreadable folders and files ---------------------------------------------------------


def test_unreadable_folder_is_reported_and_the_rest_is_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "z.txt").write_text(FRENCH, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    # Tests run as root, whom chmod 000 does not stop: refuse the listing instead.
    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_sources([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestFailure", "RawDocument"]
    assert items[1] == IngestFailure(
        str(tmp_path / "locked"), f"cannot read folder {tmp_path / 'locked'}: permission denied"
    )
    assert items[2].text == FRENCH


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt", SPANISH.encode()),
        ("a.html", f"<p>{SPANISH}</p>".encode()),
        ("a.jsonl", json.dumps({"text": SPANISH}).encode()),
        ("a.jsonl.gz", gzip.compress(json.dumps({"text": SPANISH}).encode())),
        ("a.rss", b"<rss version='2.0'><channel><item><description>x</description></item></channel></rss>"),
        ("a.warc.gz", b"\x1f\x8b" + b"\x00" * 40),
        ("a.warc", b"WARC/1.0\r\n"),
        ("download", SPANISH.encode()),
    ],
)
def test_unreadable_file_is_a_failure_with_its_reason(tmp_path, monkeypatch, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)
    [failure] = read_sources([str(path)])
    assert failure == IngestFailure(str(path), "cannot be read (Permission denied)")


# --- text that cannot be stored -----------------------------------------------------------


def test_surrogate_references_in_a_feed_become_replacement_characters(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_bytes(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire&#xD800;</title>"
        b"<item><title>Four&#56320; dead</title><description>Police said four died.&#xDBFF;</description>"
        b"</item></channel></rss>"
    )
    [raw] = read_sources([str(path)])
    assert raw.title == "Four\ufffd dead" and raw.outlet == "Wire\ufffd"
    assert raw.html == "Police said four died.\ufffd"


def test_lone_surrogates_and_nuls_in_jsonl_are_made_storable(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "Police said\\u0000 four \\ud800died.", "title": "A\\udfff"}\n', encoding="utf-8")
    [raw] = read_sources([str(path)])
    assert raw.text == "Police said four \ufffddied." and raw.title == "A\ufffd"
