"""Commands over articles: ``extract`` (no database), ``ingest``, ``export`` and ``demo``.

Each is thin: parse options, call :mod:`newsledger.batch` or the ledger, render.
Per-document failures are listed in the summary, and a command exits non-zero
for them only when nothing could be read.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsledger.cli.common import (
    _defaults, _print_failures, _progress, _settings, _user_errors, _write_errors, _writing,
    open_ledger, open_output,
)
from newsledger.cli.main import app
from newsledger.cli.options import (
    AsOfOpt, CountryOpt, DbOpt, ExtractorsOpt, GradeOpt, ModelOpt, OutletOpt, Paths, PublishedOpt, SinceOpt,
    TitleOpt, TypeOpt, UntilOpt, UrlOpt,
)
from newsledger.cli.render import _print_demo_summary, incidents_table
from newsledger.cli.terminal import err, markup_safe, out_console, wide_console
from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.ledger.queries import incident_filter, parse_moment

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
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, help="Extracting processes (default: the cores).",
    )] = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", help="Extract on a Dask cluster: its scheduler's address, or 'local'.",
    )] = None,
    no_resume: Annotated[bool, typer.Option(
        "--no-resume", help="Read files an earlier run finished too.", metavar="",
    )] = False,
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
        if dask is not None and workers is not None and dask != "local":
            raise NewsledgerError("--workers sets a local cluster's size: give it with --dask local, not an address")
        summary = _ingest(paths, settings, defaults, workers=workers, dask=dask, resume=not no_resume)
        if summary.read == 0 and summary.failures:
            raise typer.Exit(1)


def _ingest(paths, settings: Settings, defaults: dict | None = None, total: int | None = None,
            workers: int | None = None, dask: str | None = None, resume: bool = True):
    from newsledger.batch import ingest as ingest_batch
    from newsledger.pipeline import Pipeline
    from newsledger.store import Store

    store = Store.open(settings.db)
    pipeline = Pipeline(settings)
    with contextlib.ExitStack() as stack:
        if dask is not None:
            from newsledger.runners.dask import DaskExtractor

            extractor = stack.enter_context(DaskExtractor(pipeline, dask, workers))
        else:
            from newsledger.runners.processes import ProcessExtractor

            extractor = ProcessExtractor(pipeline, workers or os.cpu_count() or 1)
        progress = stack.enter_context(_progress(total))
        task = progress.add_task("ingesting", total=total)
        summary = ingest_batch(paths, store, pipeline, defaults, on_progress=lambda _: progress.advance(task),
                               checkpoints=resume, extractor=extractor)
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
        ledger = open_ledger(db)
        if incidents:
            where = incident_filter(type_, since, until, country, min_grade)
            rows = ledger.incidents(where, as_of=parse_moment(as_of))
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
        found = open_ledger(db).incidents()
        wide_console().print(incidents_table(found, f"The ledger: {len(found)} incidents"))
        out_console().print(
            f"\nStored in {markup_safe(db)}. Next: `newsledger show --db {markup_safe(db)} "
            f"{found[0]['id'] if found else 'ID'}`, `newsledger export --db {markup_safe(db)} --format acled`; "
            f"browse it: `newsledger serve --db {markup_safe(db)}`, then open http://127.0.0.1:8000/."
        )
