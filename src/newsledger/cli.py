"""The ``newsledger`` command line: demo, extract, ingest, export, and the ledger's commands.

Each command is a thin layer over :mod:`newsledger.batch`; errors a user can fix
(:class:`~newsledger.errors.NewsledgerError`) are printed as one line and exit
with status 2, never as a traceback. Per-document failures are listed in the
summary, and a command exits non-zero for them only when nothing could be read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsledger.config import Settings
from newsledger.errors import NewsledgerError

app = typer.Typer(
    help="Turn news reports into a sourced ledger: what happened, where, when, who says so.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline name [env NEWSLEDGER_SPACY_MODEL].")]
DbOpt = Annotated[Optional[str], typer.Option("--db", help="SQLite path or database URL [env NEWSLEDGER_DB].")]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for documents that carry none.")
]
UrlOpt = Annotated[Optional[str], typer.Option("--url", help="URL for documents that carry none.")]
OutletOpt = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name for documents that carry none.")]
TitleOpt = Annotated[Optional[str], typer.Option("--title", help="Title for documents that carry none.")]
ExtractorsOpt = Annotated[
    Optional[str],
    typer.Option("--extractors", help="Comma-separated extractors to run (default all) [env NEWSLEDGER_EXTRACTORS]."),
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


def _settings(model: str | None = None, db: str | None = None, extractors: str | None = None) -> Settings:
    explicit = {k: v for k, v in {"spacy_model": model, "db": db, "extractors": extractors}.items() if v is not None}
    return Settings(**explicit)


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
    """Turn a NewsledgerError into one line on stderr and exit status 2."""
    try:
        yield
    except NewsledgerError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None


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
        err.print(f"  [yellow]failed[/] {failure.origin}: {failure.reason}", highlight=False, soft_wrap=True)


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
        pipeline = Pipeline(_settings(model=model, extractors=extractors))
        failures = []
        written = 0
        sink = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for result in extract_sources(paths, pipeline, defaults, on_failure=failures.append):
                sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                written += 1
        finally:
            if out:
                sink.close()
        if failures or out:
            err.print(f"{written} extracted, {len(failures)} failed", highlight=False)
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
    with _user_errors():
        settings = _settings(model=model, db=db, extractors=extractors)
        summary = _ingest(paths, settings, _defaults(published, url, outlet, title))
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
    err.print(f"{settings.db}: {summary.line()}", highlight=False)
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
        bool, typer.Option("--incidents", help="Export the ledger's incidents (implied by geojson, acled, plover).")
    ] = False,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    min_grade: GradeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write what is stored: extractions (jsonl: one newsledger/1 object per article; csv: one row
    per mention) or, with --incidents, the ledger's incidents as csv, jsonl, geojson, ACLED or PLOVER."""
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
        sink = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            if incidents:
                write_incidents(rows, sink, format)
            else:
                writers[format](ledger.store.iter_results(), sink)
        finally:
            if out:
                sink.close()


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="SQLite file to (re)create.")] = "newsledger-demo.db",
    model: ModelOpt = None,
) -> None:
    """Ingest the bundled Wikinews articles into a fresh SQLite file and summarise them."""
    from importlib.resources import files

    from newsledger.store import Store

    with _user_errors():
        source = files("newsledger.demo").joinpath("articles.jsonl")
        total = sum(1 for line in source.read_text(encoding="utf-8").splitlines() if line.strip())
        path = Path(db)
        if path.exists():
            path.unlink()
        settings = _settings(model=model, db=db)
        with contextlib.ExitStack() as stack:
            from importlib.resources import as_file

            local = stack.enter_context(as_file(source))
            _ingest([str(local)], settings, total=total)
        _print_demo_summary(Store.open(db))
        found = cli_ledger.open_ledger(db).incidents()
        cli_ledger.wide_console().print(cli_ledger.incidents_table(found, f"The ledger: {len(found)} incidents"))
        Console().print(
            f"\nStored in {db}. Next: `newsledger show --db {db} {found[0]['id'] if found else 'ID'}`, "
            f"`newsledger export --db {db} --format acled`.",
            highlight=False,
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
        articles.add_row(a["published"] or "", (a["title"] or "")[:70], str(len(r["entities"])), str(len(r["places"])), str(len(r["times"])))
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
        place_table.add_row(name, p["country_code"] or "", p["precision"], lat, lon, str(n))
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
                e["subtype"],
                (e["actor1"] or {}).get("canonical", ""),
                (e["location"] or {}).get("name", ""),
                (e["date"] or {}).get("value") or "",
                figure,
                e["certainty"],
            )
    console.print(event_table)
    quotes = sum(len(r["quotes"]) for r in results)
    speakers = {q["speaker"]["canonical"] for r in results for q in r["quotes"] if q["speaker"] and q["speaker"]["canonical"]}
    console.print(f"{quotes} quotes from {len(speakers)} speakers; {sum(len(r['claims']) for r in results)} claims.")
    date_table = Table(title="Dates, normalised against each article's publication date")
    for col in ("text", "value", "precision", "published"):
        date_table.add_column(col)
    for row in dates:
        date_table.add_row(*row)
    console.print(date_table)


def _counts_table(title: str, counts: dict[str, int], limit: int = 12) -> Table:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("mentions", justify="right")
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
        table.add_row(name, str(n))
    return table


# The ledger's commands register themselves on ``app``; export and demo use its helpers.
from newsledger import cli_ledger  # noqa: E402

if __name__ == "__main__":  # pragma: no cover
    app()
