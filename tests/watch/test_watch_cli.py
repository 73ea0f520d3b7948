"""``newsledger watch`` as a person runs it: --once, --print, --every, Ctrl+C, bad SOURCEs (fake extract step).

The pipeline is replaced by the fake extract step and the fetch settings by
the tests' quick ones, so the command runs in a second; test_watch_model.py
runs it with the real pipeline.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.cli.watch import change_line, parse_interval
from newsledger.errors import NewsledgerError
from newsledger.watch import IncidentChange, Watcher
from tests.watch.conftest import QUICK
from tests.watch.fakes import TollExtractor

INCIDENT_LINE = re.compile(r"^inc-[0-9a-f]{16}  (new|updated)  \S+  .+  deaths \S+$")


@pytest.fixture
def quick(monkeypatch):
    """The command with the fake extract step and the tests' short timeouts."""
    monkeypatch.setattr("newsledger.pipeline.Pipeline", lambda settings: TollExtractor())
    monkeypatch.setattr("newsledger.watch.watcher.FetchConfig", lambda **kw: dataclasses.replace(QUICK, **kw))


def run(*args):
    return CliRunner().invoke(app, ["watch", *args])


def test_once_with_print_prints_each_new_then_each_updated_incident(site, tmp_path, quick):
    db = str(tmp_path / "w.db")
    first = run(site.url("/clean.rss"), "--db", db, "--once", "--print")
    site.toll = 5
    second = run(site.url("/clean.rss"), "--db", db, "--once", "--print")

    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert len(lines) == 2 and all(INCIDENT_LINE.match(line) for line in lines), lines
    assert any("new  2025-03-04  Shelling/artillery/missile attack  Kharkiv, UA  deaths 3" in line for line in lines)
    assert "2 pages checked: 2 new, 0 changed, 0 unchanged, 0 failed; incidents: 2 new, 0 updated" in first.stderr
    assert second.exit_code == 0, second.output
    [updated] = second.stdout.splitlines()
    assert updated.endswith("updated  2025-03-04  Shelling/artillery/missile attack  Kharkiv, UA  deaths 5")
    assert updated.split()[0] == next(line.split()[0] for line in lines if "Kharkiv" in line)
    assert "1 changed, 1 unchanged" in second.stderr


def test_failures_are_one_line_each_and_the_watch_goes_on(site, tmp_path, quick):
    result = run(site.url("/feed.rss"), "--db", str(tmp_path / "w.db"), "--once")

    assert result.exit_code == 0, result.output
    failed = [line for line in result.stderr.splitlines() if line.lstrip().startswith("failed ")]
    assert len(failed) == 6 and "Traceback" not in result.output
    assert f"failed {site.url('/broken')}: HTTP 500 Internal Server Error (after 2 attempts)" in result.stderr
    assert "2 new" in result.stderr
    assert result.stdout == ""  # without --print, nothing on stdout


def test_text_from_an_article_is_printed_with_control_characters_escaped():
    change = IncidentChange("inc-0123456789abcdef", "new", 1, date_start="2025-03-04", date_end="2025-03-05",
                            sub_event_type="Attack", location="Mopti\x1b[31m\u202e", country_code="ML",
                            fatalities_min=7, fatalities_max=None)

    assert change_line(change) == (
        "inc-0123456789abcdef  new  2025-03-04..2025-03-05  Attack  Mopti\\x1b[31m\\u202e, ML  deaths 7+")
    assert change_line(IncidentChange("inc-1", "merged", 2, replaced_by="inc-0")) == "inc-1  merged into inc-0"


def test_ctrl_c_stops_the_watch_with_one_line_and_status_0(site, tmp_path, quick, monkeypatch):
    polls = []
    real_poll = Watcher.poll

    def poll_then_interrupt(self):
        polls.append(1)
        if len(polls) == 2:
            raise KeyboardInterrupt
        return real_poll(self)

    monkeypatch.setattr(Watcher, "poll", poll_then_interrupt)
    result = run(site.url("/clean.rss"), "--db", str(tmp_path / "w.db"), "--every", "0.01s")

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("stopped watching after 1 poll; what was seen is kept in ")
    assert "Traceback" not in result.output


def test_a_source_that_cannot_be_read_at_all_exits_1_with_once(tmp_path, quick, site):
    result = run(site.url("/no-such-feed.xml"), "--db", str(tmp_path / "w.db"), "--once")

    assert result.exit_code == 1
    assert "HTTP 404 Not Found" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["ftp://example.org/feed"], "is neither an http(s) URL of a feed or sitemap nor an existing folder"),
    (["https://example.org/feed", "--every", "soon"], "--every 'soon' is not a time"),
    (["https://example.org/feed", "--every", "0m"], "must be above zero"),
])
def test_a_bad_source_or_interval_is_one_line_and_creates_no_database(tmp_path, args, message):
    db = tmp_path / "w.db"
    result = run(*args, "--db", str(db))

    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not db.exists()


@pytest.mark.parametrize(("text", "seconds"), [
    ("15m", 900), ("30s", 30), ("1h", 3600), ("1h30m", 5400), ("90", 90), ("0.5s", 0.5), (" 2 d ", 172800),
])
def test_intervals_read_as_people_write_them(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15x", "1h-5m", "-1m", "1e3"])
def test_other_intervals_are_refused(text):
    with pytest.raises(NewsledgerError):
        parse_interval(text)
