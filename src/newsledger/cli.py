"""The ``newsledger`` command line: demo, extract, ingest, export, and the ledger's commands.

Each command is a thin layer over :mod:`newsledger.batch`; errors a user can fix
(:class:`~newsledger.errors.NewsledgerError`, a bad path or setting) are printed
as one line and exit with status 2, never as a traceback; an unexpected
exception is one "internal error" line and exit status 70 (``NEWSLEDGER_DEBUG=1``
shows its traceback). Per-document failures are listed in the summary, and a
command exits non-zero for them only when nothing could be read. Log records
are one line each on stderr (tracebacks only with ``--verbose`` or
``NEWSLEDGER_DEBUG=1``).

Everything printed to a terminal that comes from an article or a file name goes
through :func:`printable` (control characters and bidirectional overrides
shown as visible escapes) and rich's markup escape; exports write the text
verbatim. No library offered this: ``rich`` drops a few C0 controls but passes
ESC, C1 controls and bidi overrides through.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import IO, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

import newsledger
from newsledger.config import DEFAULT_MODEL, Settings, load_settings
from newsledger.errors import NewsledgerError

LOGGER = logging.getLogger(__name__)

# Exit statuses: 1 nothing could be read, 2 an error the user can fix, 70 a bug (sysexits' EX_SOFTWARE).
USER_ERROR = 2
INTERNAL_ERROR = 70

# C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object, keep: str = "") -> str:
    """``text`` safe to print to a terminal: each control character as a visible escape.

    Args:
        text: anything; ``None`` is the empty string.
        keep: control characters to leave as they are where the layout needs
            them (e.g. ``"\\n\\t"``); by default newlines are escaped too, so
            one value stays on one line.

    Returns:
        The text with ESC shown as ``\\x1b``, U+202E as ``\\u202e`` and so on.
    """
    if text is None:
        return ""

    def visible(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(visible, str(text))


def markup_safe(text: object, keep: str = "") -> str:
    """:func:`printable` text with rich markup escaped, to embed in a markup string."""
    return escape(printable(text, keep))


def cell(text: object) -> Text:
    """A table cell of article-derived text: printable, never read as markup."""
    return Text(printable(text))


def debugging() -> bool:
    """Whether ``NEWSLEDGER_DEBUG`` asks for tracebacks."""
    return os.environ.get("NEWSLEDGER_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


class _Group(TyperGroup):
    """The command group; its help shows ``--help`` as a plain flag, not ``<bool>``."""

    def get_help_option(self, ctx):
        return _plain_flag(super().get_help_option(ctx))

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            # The command caches its help option: making it plain once lasts.
            _plain_flag(command.get_help_option(ctx))
        return command


def _plain_flag(option):
    if option is not None:
        option.metavar = ""
    return option


app = typer.Typer(
    cls=_Group,
    help="Turn news reports into a sourced ledger: what happened, where, when, who says so.",
    no_args_is_help=True,
    add_completion=False,
)
# Lines on stderr are never hard-wrapped: a piped error or summary stays one line.
err = Console(stderr=True, soft_wrap=True, highlight=False)


def out_console() -> Console:
    """Console for plain lines on stdout (never hard-wrapped)."""
    return Console(soft_wrap=True, highlight=False)


ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", help=f"spaCy pipeline name (default {DEFAULT_MODEL}).", envvar="NEWSLEDGER_SPACY_MODEL",
                 show_envvar=True),
]
DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help=f"SQLite path or database URL (default {Settings.model_fields['db'].default}).",
                 envvar="NEWSLEDGER_DB", show_envvar=True),
]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for documents that carry none.")
]
UrlOpt = Annotated[Optional[str], typer.Option("--url", help="URL for documents that carry none.")]
OutletOpt = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name for documents that carry none.")]
TitleOpt = Annotated[Optional[str], typer.Option("--title", help="Title for documents that carry none.")]
ExtractorsOpt = Annotated[
    Optional[str],
    typer.Option("--extractors", help="Comma-separated extractors to run (default all).",
                 envvar="NEWSLEDGER_EXTRACTORS", show_envvar=True),
]
# Incident filters, shared by `incidents` and `export --incidents`.
TypeOpt = Annotated[
    Optional[str], typer.Option("--type", help="Sub-type, ACLED event type or family, e.g. 'Air/drone strike'.")
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Incidents on or after YYYY-MM-DD.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Incidents on or before YYYY-MM-DD.")]
CountryOpt = Annotated[Optional[str], typer.Option("--country", help="Country name or ISO code, e.g. VE.")]
GradeOpt = Annotated[
    Optional[str],
    typer.Option("--min-grade", help="single source, several sources or acknowledged (contested lists all)."),
]
AsOfOpt = Annotated[
    Optional[str], typer.Option("--as-of", help="Show the ledger as it stood then: YYYY-MM-DD or an ISO time (UTC).")
]
Paths = Annotated[list[str], typer.Argument(help="Files or directories to read; '-' reads standard input.")]


# Logging -------------------------------------------------------------------------------------


class _OneLineFormatter(logging.Formatter):
    """``level: message (ExceptionType: what)`` on one line; the traceback only when asked for."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        line = printable(f"{record.levelname.lower()}: {record.getMessage()}")
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None:
            return line
        if self.tracebacks:
            return line + "\n" + printable(self.formatException(record.exc_info), keep="\n")
        return line + printable(f" ({type(exc).__name__}: {exc})")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (a test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(verbose: bool = False) -> None:
    """One handler on the root logger: warnings and errors, one line each, unless verbose or debugging."""
    tracebacks = verbose or debugging()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    handler.setFormatter(_OneLineFormatter(tracebacks))
    root.addHandler(handler)
    logging.getLogger("newsledger").setLevel(logging.INFO if verbose else logging.WARNING)


def _show_version(value: bool) -> None:
    if value:
        out_console().print(f"newsledger {newsledger.__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_show_version, is_eager=True,
                           metavar="")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress, and tracebacks with failures.", metavar="")
    ] = False,
) -> None:
    """Turn news reports into a sourced ledger: what happened, where, when, who says so."""
    configure_logging(verbose)


# Shared helpers ------------------------------------------------------------------------------


def _settings(model: str | None = None, db: str | None = None, extractors: str | None = None) -> Settings:
    explicit = {k: v for k, v in {"spacy_model": model, "db": db, "extractors": extractors}.items() if v is not None}
    return load_settings(**explicit)


def _defaults(published: str | None, url: str | None, outlet: str | None, title: str | None) -> dict:
    defaults: dict = {"url": url, "outlet": outlet, "title": title}
    if published:
        try:
            defaults["published"] = dt.date.fromisoformat(published)
        except ValueError:
            raise NewsledgerError(f"--published {published!r} is not a date: use YYYY-MM-DD, e.g. 2025-12-30") from None
    return {k: v for k, v in defaults.items() if v is not None}


@contextlib.contextmanager
def _user_errors():
    """Turn a NewsledgerError into one line on stderr and exit status 2; anything else unexpected
    into one "internal error" line and exit status 70 (``NEWSLEDGER_DEBUG=1`` re-raises it)."""
    try:
        yield
    except NewsledgerError as exc:
        err.print(f"[bold red]error:[/] {markup_safe(exc)}")
        raise typer.Exit(USER_ERROR) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except BrokenPipeError:
        # The reader of a pipe went away (`| head`): stop quietly, as other tools do. Python's
        # documented recipe: stdout onto devnull, so the interpreter's last flush raises nothing.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except Exception as exc:
        if debugging():
            raise
        err.print(
            f"[bold red]internal error:[/] {markup_safe(f'{type(exc).__name__}: {exc}')}; "
            "set NEWSLEDGER_DEBUG=1 for the traceback"
        )
        raise typer.Exit(INTERNAL_ERROR) from None


def open_output(path: Path, flag: str = "--out", newline: str | None = None) -> IO[str]:
    """Open ``path`` for writing, or say in one line why it cannot be.

    Raises:
        NewsledgerError: the folder does not exist, the path is a folder, or it is not writable.
    """
    try:
        return path.open("w", encoding="utf-8", newline=newline)
    except FileNotFoundError:
        raise NewsledgerError(f"{flag} {path}: no folder {path.parent}; create it or choose another path") from None
    except IsADirectoryError:
        raise NewsledgerError(f"{flag} {path} is a folder: give a file name inside it") from None
    except PermissionError:
        raise NewsledgerError(f"{flag} {path}: permission denied; choose a path you can write to") from None
    except OSError as exc:
        raise NewsledgerError(f"{flag} {path}: cannot write there ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _write_errors(path: Path | None):
    """A failed write (disk full) as one line naming the file; a closed pipe passes through."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise NewsledgerError(f"writing {path or 'standard output'} failed: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _writing(path: Path | None, newline: str | None = None):
    """Yield the sink (``path`` or stdout) for an export, whose body only writes."""
    sink = open_output(path, newline=newline) if path else sys.stdout
    try:
        with _write_errors(path):
            yield sink
    finally:
        if path:
            with contextlib.suppress(OSError):
                sink.close()


def _progress(total: int | None = None) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal and total is None,
    )


def _print_failures(failures) -> None:
    for failure in failures:
        err.print(f"  [yellow]failed[/] {markup_safe(failure.origin)}: {markup_safe(failure.reason)}")


@app.command()
def extract(
    paths: Paths,
    published: PublishedOpt = None,
    url: UrlOpt = None,
    outlet: OutletOpt = None,
    title: TitleOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write JSONL here instead of stdout.")] = None,
    model: ModelOpt = None,
    extractors: ExtractorsOpt = None,
) -> None:
    """Print one newsledger/1 JSON object per article (no database needed)."""
    from newsledger.batch import extract_sources
    from newsledger.pipeline import Pipeline

    with _user_errors():
        defaults = _defaults(published, url, outlet, title)
        settings = _settings(model=model, extractors=extractors)
        failures = []
        written = 0
        # The output is opened first: a bad --out is said before the pipeline loads.
        sink = open_output(out) if out else sys.stdout
        try:
            pipeline = Pipeline(settings)
            for result in extract_sources(paths, pipeline, defaults, on_failure=failures.append):
                line = json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
                with _write_errors(out):
                    sink.write(line)
                written += 1
        finally:
            if out:
                with contextlib.suppress(OSError):
                    sink.close()
        if failures or out:
            err.print(f"{written} extracted, {len(failures)} failed")
            _print_failures(failures)
        if written == 0:
            raise typer.Exit(1)


@app.command()
def ingest(
    paths: Paths,
    db: DbOpt = None,
    published: PublishedOpt = None,
    url: UrlOpt = None,
    outlet: OutletOpt = None,
    title: TitleOpt = None,
    model: ModelOpt = None,
    extractors: ExtractorsOpt = None,
) -> None:
    """Store articles and their extractions; ingesting an article again adds nothing."""
    from newsledger.ingest import STDIN

    with _user_errors():
        settings = _settings(model=model, db=db, extractors=extractors)
        defaults = _defaults(published, url, outlet, title)
        if not any(p == STDIN or Path(p).exists() for p in paths):
            # Nothing to read: say so before a database file is created for nothing.
            err.print(f"[bold red]error:[/] no such file or folder: {markup_safe(', '.join(paths))}; nothing ingested")
            raise typer.Exit(1)
        summary = _ingest(paths, settings, defaults)
        if summary.read == 0 and summary.failures:
            raise typer.Exit(1)


def _ingest(paths, settings: Settings, defaults: dict | None = None, total: int | None = None):
    from newsledger.batch import ingest as ingest_batch
    from newsledger.pipeline import Pipeline
    from newsledger.store import Store

    store = Store.open(settings.db)
    pipeline = Pipeline(settings)
    with _progress(total) as progress:
        task = progress.add_task("ingesting", total=total)
        summary = ingest_batch(paths, store, pipeline, defaults, on_progress=lambda _: progress.advance(task))
    err.print(f"{markup_safe(settings.db)}: {markup_safe(summary.line())}")
    _print_failures(summary.failures)
    return summary


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, geojson, acled or plover.")
    ] = "jsonl",
    db: DbOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of stdout.")] = None,
    incidents: Annotated[
        bool, typer.Option("--incidents", help="Export the ledger's incidents (implied by geojson, acled, plover).",
                           metavar="")
    ] = False,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    min_grade: GradeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write what is stored: extractions, or with --incidents the ledger's incidents.

    Extractions: jsonl (one newsledger/1 object per article) or csv (one row per mention).
    Incidents: csv, jsonl, geojson, ACLED or PLOVER (the last three imply --incidents).
    """
    from newsledger.export import csv as csv_export
    from newsledger.export import jsonl as jsonl_export
    from newsledger.export.incidents import INCIDENT_FORMATS, write_incidents

    with _user_errors():
        writers = {"jsonl": jsonl_export.write_jsonl, "csv": csv_export.write_csv}
        if format not in set(writers) | set(INCIDENT_FORMATS):
            choices = ", ".join(dict.fromkeys([*writers, *INCIDENT_FORMATS]))
            raise NewsledgerError(f"unknown export format {format!r}: choose one of {choices}")
        filters = (type_, since, until, country, min_grade, as_of)
        incidents = incidents or format not in writers
        if not incidents and any(f is not None for f in filters):
            raise NewsledgerError("--type, --since, --until, --country, --min-grade and --as-of filter incidents: add --incidents")
        ledger = cli_ledger.open_ledger(db)
        if incidents:
            where = cli_ledger.incident_filter(type_, since, until, country, min_grade)
            rows = ledger.incidents(where, as_of=cli_ledger.parse_as_of(as_of))
        # Exports keep the text verbatim: they are data, not terminal output.
        with _writing(out, newline="") as sink:
            if incidents:
                write_incidents(rows, sink, format)
            else:
                writers[format](ledger.store.iter_results(), sink)


@app.command()
def demo(
    db: Annotated[
        str, typer.Option("--db", help="SQLite file to (re)create.", show_default=True)
    ] = "newsledger-demo.db",
    model: ModelOpt = None,
) -> None:
    """Ingest the bundled Wikinews articles into a fresh SQLite file and summarise them."""
    from importlib.resources import as_file, files

    from newsledger.store import Store

    with _user_errors():
        source = files("newsledger.demo").joinpath("articles.jsonl")
        total = sum(1 for line in source.read_text(encoding="utf-8").splitlines() if line.strip())
        settings = _settings(model=model, db=db)
        path = Path(db)
        if path.is_dir():
            raise NewsledgerError(f"--db {db} is a folder: give a file name, e.g. {path / 'newsledger-demo.db'}")
        if path.exists():
            try:
                path.unlink()
            except OSError as exc:
                raise NewsledgerError(f"cannot replace {db}: {exc.strerror or exc}") from None
        with as_file(source) as local:
            _ingest([str(local)], settings, total=total)
        _print_demo_summary(Store.open(db))
        found = cli_ledger.open_ledger(db).incidents()
        cli_ledger.wide_console().print(cli_ledger.incidents_table(found, f"The ledger: {len(found)} incidents"))
        out_console().print(
            f"\nStored in {markup_safe(db)}. Next: `newsledger show --db {markup_safe(db)} "
            f"{found[0]['id'] if found else 'ID'}`, `newsledger export --db {markup_safe(db)} --format acled`."
        )


def _print_demo_summary(store) -> None:
    """Tables a reader can check by eye: articles, people, organisations, places, events, dates."""
    console = Console()
    results = list(store.iter_results())
    articles = Table(title=f"{len(results)} articles", show_lines=False)
    for col in ("published", "title", "entities", "places", "dates"):
        articles.add_column(col)
    people: dict[str, int] = {}
    orgs: dict[str, int] = {}
    places: dict[str, tuple] = {}
    dates: list[tuple[str, str, str, str]] = []
    for r in results:
        a = r["article"]
        articles.add_row(a["published"] or "", cell((a["title"] or "")[:70]), str(len(r["entities"])),
                         str(len(r["places"])), str(len(r["times"])))
        for e in r["entities"]:
            bucket = people if e["label"] == "PERSON" else orgs if e["label"] == "ORG" else None
            if bucket is not None:
                bucket[e["canonical"]] = bucket.get(e["canonical"], 0) + 1
        for p in r["places"]:
            entry = places.get(p["name"])
            places[p["name"]] = (p, (entry[1] if entry else 0) + 1)
        for t in r["times"]:
            if t["value"] and len(dates) < 15:
                dates.append((t["text"], t["value"], t["precision"], a["published"] or ""))
    console.print(articles)
    console.print(_counts_table("People (canonical name, mentions)", people))
    console.print(_counts_table("Organisations and groups", orgs))
    place_table = Table(title="Places")
    for col in ("name", "country", "precision", "lat", "lon", "mentions"):
        place_table.add_column(col)
    for name, (p, n) in sorted(places.items(), key=lambda kv: -kv[1][1])[:15]:
        lat = f"{p['lat']:.2f}" if p["lat"] is not None else ""
        lon = f"{p['lon']:.2f}" if p["lon"] is not None else ""
        place_table.add_row(cell(name), cell(p["country_code"]), p["precision"], lat, lon, str(n))
    console.print(place_table)
    event_table = Table(title="Events (ACLED sub-type, who, where, when, deaths)")
    for col in ("sub-type", "actor", "place", "date", "deaths", "certainty"):
        event_table.add_column(col, no_wrap=col in {"sub-type", "date"})
    for r in results:
        for e in r["events"][:3]:
            if e["aggregate"]:
                continue
            deaths = e["fatalities"]
            figure = "" if deaths is None else cli_ledger.range_text(deaths["min"], deaths["max"])
            event_table.add_row(
                cell(e["subtype"]),
                cell((e["actor1"] or {}).get("canonical", "")),
                cell((e["location"] or {}).get("name", "")),
                cell((e["date"] or {}).get("value") or ""),
                figure,
                cell(e["certainty"]),
            )
    console.print(event_table)
    quotes = sum(len(r["quotes"]) for r in results)
    speakers = {q["speaker"]["canonical"] for r in results for q in r["quotes"] if q["speaker"] and q["speaker"]["canonical"]}
    console.print(f"{quotes} quotes from {len(speakers)} speakers; {sum(len(r['claims']) for r in results)} claims.")
    date_table = Table(title="Dates, normalised against each article's publication date")
    for col in ("text", "value", "precision", "published"):
        date_table.add_column(col)
    for row in dates:
        date_table.add_row(*(cell(v) for v in row))
    console.print(date_table)


def _counts_table(title: str, counts: dict[str, int], limit: int = 12) -> Table:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("mentions", justify="right")
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
        table.add_row(cell(name), str(n))
    return table


# The ledger's commands register themselves on ``app``; export and demo use its helpers.
from newsledger import cli_ledger  # noqa: E402

if __name__ == "__main__":  # pragma: no cover
    app()
