"""read_sources on files, folders and stdin: bad input becomes a clear failure and the batch goes on."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest import read_sources
from newsledger.schema import IngestFailure, RawDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
BRIEF = (
    "Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in southern "
    "Yemen, on Tuesday after being shot in his car.\n\nHe was driving from his home when he was attacked."
)


def read_one(path, **kwargs):
    items = list(read_sources([str(path)], **kwargs))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\n", "empty file"),
        ("nul.txt", b"\x00\x01\x02\xff" * 50, "binary file (not text)"),
        ("report.txt", b"%PDF-1.7\n\x00\x00binary", "binary file (not text; looks like a PDF)"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (not text; looks like a PNG image)"),
        ("noise.txt", bytes(range(128, 256)) * 10, "undecodable bytes: not UTF-8 and no other encoding fits"),
        ("bad-bom.txt", b"\xff\xfeA", "undecodable bytes: has a utf-16 byte-order mark but is not utf-16"),
        ("damaged.html.gz", b"\x1f\x8b\x08\x00garbage", "damaged gzip file"),
        ("articles.json", b'{"text": "x"}', "a .json file is read only as sidecar metadata; give articles as .jsonl"),
        ("empty-page.html", b"<html><head></head><body></body></html>", "HTML page has no text"),
    ],
)
def test_bad_files_become_failures(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    failure = read_one(path)
    assert isinstance(failure, IngestFailure)
    assert failure.origin == str(path)
    assert failure.reason.startswith(reason)


def test_missing_path():
    failure = read_one("no/such/article.txt")
    assert failure == IngestFailure("no/such/article.txt", "no such file or directory")


def test_size_limit_default_and_custom(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Police said four died. " * 220_000)  # 5.06 MB
    assert read_one(big).reason == "larger than 5 MB limit (5.06 MB)"
    small = tmp_path / "small.txt"
    small.write_text(BRIEF)
    assert read_one(small, max_bytes=100).reason.startswith("larger than 100 bytes limit")


def test_gzip_bomb_is_refused_after_decompression(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>" + b"a " * 100_000 + b"</p></body></html>"))
    assert path.stat().st_size < 10_000
    assert read_one(path, max_bytes=50_000).reason == "larger than 50 kB limit once decompressed"


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-good.txt").write_text(BRIEF, encoding="utf-8")
    items = list(read_sources([str(tmp_path / "a-empty.txt"), "missing.txt", str(tmp_path / "b-good.txt")]))
    assert [type(i).__name__ for i in items] == ["IngestFailure", "IngestFailure", "RawDocument"]
    assert items[2].text == BRIEF


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (codecs.BOM_UTF8 + BRIEF.encode("utf-8"), "utf-8 with BOM"),
        (BRIEF.encode("utf-16"), "utf-16 with BOM"),
        (BRIEF.encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings(tmp_path, encoded, label):
    path = tmp_path / "brief.txt"
    path.write_bytes(encoded)
    assert read_one(path).text == BRIEF, label


def test_windows_1252_is_detected():
    raw = read_one(FIXTURES / "el-paso-cp1252.txt")
    assert isinstance(raw, RawDocument)
    for word in ("Juárez,", "Andrés", "López", "U.S.–Mexico"):
        assert word in raw.text
    assert "\ufffd" not in raw.text


def test_sidecar_metadata():
    raw = read_one(FIXTURES / "gdansk.txt")
    assert raw.title == "Arrest made as mayor of Gdańsk, Poland stabbed on stage"
    assert raw.url == "https://en.wikinews.org/wiki/Arrest_made_as_mayor_of_Gda%C5%84sk,_Poland_stabbed_on_stage"
    assert raw.outlet == "Wikinews"
    assert raw.published == dt.date(2019, 1, 14)
    assert raw.text.startswith("An individual has been arrested after Paweł Adamowicz")


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{not json", "sidecar brief.json is not valid JSON"),
        ("[1, 2]", "sidecar brief.json is not a JSON object"),
        ('{"published": "Tuesday"}', "'published' 'Tuesday' is not an ISO date (YYYY-MM-DD)"),
        ('{"title": 7}', "'title' must be a string, not int"),
    ],
)
def test_bad_sidecar_is_a_failure(tmp_path, sidecar, reason):
    (tmp_path / "brief.txt").write_text(BRIEF)
    (tmp_path / "brief.json").write_text(sidecar)
    assert read_one(tmp_path / "brief.txt").reason.startswith(reason)


def test_folder_is_read_recursively_in_order_skipping_hidden_and_sidecars(tmp_path):
    shutil.copy(FIXTURES / "gdansk.txt", tmp_path / "b.txt")
    shutil.copy(FIXTURES / "gdansk.json", tmp_path / "b.json")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BRIEF)
    (tmp_path / ".hidden.txt").write_text(BRIEF)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(BRIEF)
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "a.html").write_text("<html><body><p>" + BRIEF + "</p></body></html>")
    origins = [i.origin for i in read_sources([str(tmp_path)])]
    assert origins == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_folder_of_fixtures_reads_every_format():
    items = list(read_sources([str(FIXTURES)]))
    names = {Path(i.origin.split("#")[0].rsplit(":", 1)[0]).name for i in items}
    assert names == {
        "el-paso-cp1252.txt", "gdansk.txt", "paris-police.html", "wikinews.atom",
        "wikinews.jsonl", "wikinews.rss", "wikinews.warc.gz",
    }
    assert sum(isinstance(i, RawDocument) for i in items) == 11


def test_empty_folder(tmp_path):
    assert read_one(tmp_path).reason == "folder holds no readable article files"


def test_defaults_fill_only_what_is_missing():
    defaults = {"outlet": "Given outlet", "published": dt.date(2020, 1, 1), "url": None}
    raw = read_one(FIXTURES / "gdansk.txt", defaults=defaults)
    assert raw.outlet == "Wikinews" and raw.published == dt.date(2019, 1, 14)
    raw = read_one(FIXTURES / "el-paso-cp1252.txt", defaults={**defaults, "published": "2019-08-04"})
    assert raw.outlet == "Given outlet" and raw.published == dt.date(2019, 8, 4) and raw.url is None


@pytest.mark.parametrize(
    "defaults",
    [{"author": "Jane Doe"}, {"published": "04/08/2019"}],
)
def test_bad_defaults_raise_a_clear_error(defaults):
    with pytest.raises(InputError):
        list(read_sources([str(FIXTURES / "gdansk.txt")], defaults=defaults))


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch):
    _stdin(monkeypatch, BRIEF.encode("utf-8"))
    raw = read_one("-", defaults={"published": dt.date(2020, 6, 5)})
    assert raw == RawDocument(origin="<stdin>", text=BRIEF, published=dt.date(2020, 6, 5))


def test_stdin_jsonl(monkeypatch):
    lines = [json.dumps({"text": BRIEF, "title": "Aden"}), "{broken", json.dumps({"html": f"<p>{BRIEF}</p>"})]
    _stdin(monkeypatch, "\n".join(lines).encode("utf-8"))
    items = list(read_sources(["-"]))
    assert [i.origin for i in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert items[0].title == "Aden" and items[0].text == BRIEF
    assert items[1].reason.startswith("invalid JSON")
    assert items[2].html == f"<p>{BRIEF}</p>"


def test_stdin_html(monkeypatch):
    page = f"<!DOCTYPE html><html><body><p>{BRIEF}</p></body></html>"
    _stdin(monkeypatch, page.encode("utf-8"))
    assert read_one("-").html == page


def test_stdin_empty(monkeypatch):
    _stdin(monkeypatch, b"")
    assert read_one("-") == IngestFailure("<stdin>", "empty input")


def test_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "download"
    path.write_text(f"<html><body><p>{BRIEF}</p></body></html>")
    assert read_one(path).html is not None
    path.write_text(BRIEF)
    assert read_one(path).text == BRIEF
