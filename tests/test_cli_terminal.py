"""What the command line prints to a terminal: no raw control characters or markup from articles.

The article is the opening of a Wikinews report (CC BY 2.5),
https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others ,
with terminal escapes planted in its text, title and outlet, as a hostile page
could carry them. Exports must keep those characters verbatim; everything
printed for a person must show them as visible escapes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsledger.cli import render
from newsledger.cli import app
from newsledger.cli.render import _print_demo_summary
from newsledger.store import Store
from newsledger.ledger import Ledger

pytestmark = pytest.mark.model

CLEAR = "\x1b[2J"
TITLE_SET = "\x1b]0;pwned\x07"
TEXT = (
    f"A bomb in Mokha, Yemen killed a photojournalist {CLEAR}\u202e[bold]and[/bold] at least five others "
    f"on Monday, officials said.\x9b The blast struck near a market in the port city.{TITLE_SET}\x08"
)
TITLE = f"Bomb{CLEAR} in [bold]Mokha\x9b\u202e"
OUTLET = f"Evil{TITLE_SET} News"
# Anything a terminal would act on: C0 (newline aside), DEL, C1, bidi embeddings, overrides, isolates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    article = {"text": TEXT, "title": TITLE, "outlet": OUTLET, "url": "https://e.example/a", "published": "2019-01-30"}
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    # The database's own name carries an escape too: the summary line names it.
    db = str(folder / f"ledger{CLEAR}.db")
    result = run("ingest", str(source), "--db", db)
    assert result.exit_code == 0, result.output
    [incident] = Ledger(Store.open(db)).incidents()
    return db, incident["id"], result


def test_the_ingest_summary_is_printable_and_one_line(hostile):
    _, _, result = hostile
    assert not RAW.search(result.stderr)
    [summary] = [line for line in result.stderr.splitlines() if "incidents:" in line]
    # Piped output is not hard-wrapped: the whole summary on one line, however long.
    assert len(summary) > 80 and "ledger\\x1b[2J.db: 1 new" in summary and "merged away" in summary


def test_show_prints_escapes_visibly(hostile):
    db, incident_id, _ = hostile
    result = run("show", incident_id, "--db", db)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout)
    assert "Evil\\x1b]0;pwned\\x07 News" in result.stdout
    assert "Bomb\\x1b[2J in [bold]Mokha\\x9b\\u202e" in result.stdout  # markup shown, not applied
    assert "photojournalist \\x1b[2J\\u202e[bold]and[/bold] at least five" in result.stdout


def test_incidents_table_prints_escapes_visibly(hostile):
    db, _, _ = hostile
    result = run("incidents", "--db", db)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout)
    [detail] = Ledger(Store.open(db)).incidents()
    # Names in the table come from articles too: planted ones are shown, not obeyed.
    detail["actor1"]["value"] = f"[bold]Militia{CLEAR}"
    detail["place"]["value"] = dict(detail["place"]["value"], name=f"Mokha{TITLE_SET}")
    buffer = io.StringIO()
    Console(file=buffer, width=300, force_terminal=True).print(render.incidents_table([detail], "t"))
    printed = buffer.getvalue()
    assert "[bold]Militia\\x1b[2J" in printed and "Mokha\\x1b]0;pwned\\x07" in printed
    assert CLEAR not in printed and "\x07" not in printed


def test_demo_tables_print_escapes_visibly(hostile, capsys, monkeypatch):
    db, _, _ = hostile
    monkeypatch.setenv("COLUMNS", "300")  # room for the title on one line of the table
    _print_demo_summary(Store.open(db))
    printed = capsys.readouterr().out
    assert not RAW.search(printed)
    assert "Bomb\\x1b[2J in [bold]Mokha" in printed


def test_failure_lines_show_file_names_visibly(tmp_path):
    (tmp_path / f"{CLEAR}[bold]empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(TEXT.split("\x9b")[0])
    result = run("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--published", "2019-01-30")
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stderr)
    assert "\\x1b[2J[bold]empty.txt: empty" in result.stderr


def test_exports_keep_the_text_verbatim(hostile, tmp_path):
    db, _, _ = hostile
    stdout = run("export", "--db", db)
    assert stdout.exit_code == 0, stdout.output
    [exported] = [json.loads(line) for line in stdout.stdout.splitlines()]
    assert exported["text"] == TEXT
    assert (exported["article"]["title"], exported["article"]["outlet"]) == (TITLE, OUTLET)
    out = tmp_path / "mentions.csv"
    written = run("export", "--db", db, "--format", "csv", "--out", str(out))
    assert written.exit_code == 0, written.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows and all(TEXT[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    assert any(CLEAR in r["text"] for r in rows)  # the mention spanning the planted escape
    incidents = tmp_path / "incidents.jsonl"
    assert run("export", "--db", db, "--incidents", "--format", "jsonl", "--out", str(incidents)).exit_code == 0
    assert OUTLET in json.loads(incidents.read_text(encoding="utf-8").splitlines()[0])["outlets"]


FAILING_EXTRACTOR = """
import sys
import newsledger.extract.times as times

def broken(*args, **kwargs):
    raise RuntimeError("clock broke")

times.extract_times = broken
from newsledger.cli import app
sys.argv[0] = "newsledger"
app()
"""


@pytest.mark.parametrize(("flags", "traceback"), [((), False), (("--verbose",), True)])
def test_a_failing_extractor_logs_one_line_not_a_traceback(tmp_path, flags, traceback):
    source = tmp_path / "a.txt"
    source.write_text(TEXT.split("\x9b")[0])
    # A real process: the test runner's own log capture would hide Python's last-resort handler.
    done = subprocess.run(
        [sys.executable, "-c", FAILING_EXTRACTOR, *flags, "ingest", str(source), "--db", str(tmp_path / "l.db")],
        capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if k != "NEWSLEDGER_DEBUG"},
    )
    assert done.returncode == 0, done.stderr
    assert ("Traceback" in done.stderr) is traceback
    logged = [line for line in done.stderr.splitlines() if "times failed on article" in line]
    assert len(logged) == 1 and logged[0].startswith("error: times failed")
    # One line says why; with --verbose the traceback that follows does.
    assert "RuntimeError: clock broke" in (done.stderr if traceback else logged[0])
    with sqlite3.connect(tmp_path / "l.db") as conn:
        assert conn.execute("select stage from extraction_errors").fetchall() == [("times",)]
    assert Path(tmp_path / "l.db").exists()
