"""The ``watch`` command: follow feeds, sitemaps and folders, and keep the ledger up to date as they change.

Thin over :mod:`newsledger.watch`: parse the SOURCEs and ``--every``, open the
store, load the pipeline once, then print one summary line per poll (and,
with ``--print``, one line per new or changed incident) until Ctrl+C, which
ends the watch with one line and exit status 0.
"""

from __future__ import annotations

import contextlib
import re
from typing import Annotated, Optional

import typer

from newsledger.cli.common import _print_failures, _settings, _user_errors
from newsledger.cli.main import app
from newsledger.cli.options import DbOpt, ExtractorsOpt, ModelOpt
from newsledger.cli.terminal import err, markup_safe, out_console, printable
from newsledger.errors import NewsledgerError
from newsledger.wording import dates_text, range_text

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")


def parse_interval(text: str) -> float:
    """``30s``, ``15m``, ``1h``, ``1h30m``, ``2d`` or a bare number of seconds, in seconds.

    Raises:
        NewsledgerError: the text is no such time, or not above zero.
    """
    cleaned = text.strip().lower().replace(" ", "")
    parts = _PART.findall(cleaned)
    if not cleaned or "".join(f"{number}{unit}" for number, unit in parts) != cleaned:
        raise NewsledgerError(f"--every {text!r} is not a time: use e.g. 30s, 15m, 1h or 1h30m")
    seconds = sum(float(number) * _UNITS[unit or "s"] for number, unit in parts)
    if seconds <= 0:
        raise NewsledgerError(f"--every {text!r}: the time between polls must be above zero")
    return seconds


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(
        help="RSS or Atom feed URLs, sitemap URLs, or folders to follow.")],
    db: DbOpt = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option(
        "--once", help="Poll once and exit (for cron and scripts).", metavar="")] = False,
    print_changes: Annotated[bool, typer.Option(
        "--print", help="Print each new or changed incident after the poll that changed it.", metavar="")] = False,
    max_pages: Annotated[Optional[int], typer.Option(
        "--max-pages", min=1, help="Look at no more than this many pages per poll (new ones first).")] = None,
    model: ModelOpt = None,
    extractors: ExtractorsOpt = None,
) -> None:
    """Follow live sources: fetch each new or changed page, ingest it, and update the ledger, every --every."""
    from newsledger.pipeline import Pipeline
    from newsledger.store import Store
    from newsledger.watch import Watcher, parse_source

    with _user_errors():
        interval = parse_interval(every)
        settings = _settings(model=model, db=db, extractors=extractors)
        # Every SOURCE is checked before a database is created for nothing.
        parsed = [parse_source(source) for source in sources]
        polls = 0
        with contextlib.ExitStack() as cleanup:
            try:
                store = cleanup.enter_context(Store.open(settings.db))
                watcher = Watcher(parsed, store, Pipeline(settings), settings=settings, max_pages=max_pages)
                cleanup.callback(watcher.close)
                for report in watcher.polls(None if once else interval):
                    polls += 1
                    _print_report(report, settings.db, print_changes)
                    if once and report.nothing_read:
                        raise typer.Exit(1)
            except KeyboardInterrupt:
                err.print(f"stopped watching after {polls} poll{'s' if polls != 1 else ''}; what was seen is kept "
                          f"in {markup_safe(settings.db)}, and the next `newsledger watch` goes on from there")


def _print_report(report, db: str, print_changes: bool) -> None:
    stamp = report.started.strftime("%Y-%m-%d %H:%M:%S UTC")
    err.print(f"{stamp} {markup_safe(db)}: {markup_safe(report.line())}")
    _print_failures(report.failures)
    if print_changes:
        console = out_console()
        for change in report.changes:
            console.print(change_line(change), markup=False, emoji=False, highlight=False)


def change_line(change) -> str:
    """One incident a poll changed: id, what the change was, dates, type, place, deaths (terminal-safe)."""
    if change.kind in ("merged", "retired") or change.date_start is None and change.sub_event_type is None:
        where = f" into {change.replaced_by}" if change.replaced_by else ""
        return printable(f"{change.incident_id}  {change.kind}{where}")
    dates = dates_text(change.date_start, change.date_end) or "?"
    place = ", ".join(p for p in (change.location, change.country_code) if p) or "place unknown"
    deaths = "unknown" if change.fatalities_min is None else range_text(change.fatalities_min, change.fatalities_max)
    return printable(
        f"{change.incident_id}  {change.kind}  {dates}  {change.sub_event_type or 'type unknown'}  {place}  "
        f"deaths {deaths}"
    )
