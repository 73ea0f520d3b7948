"""The options the commands share, declared once (typer ``Annotated`` types)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from newsledger.config import DEFAULT_MODEL, Settings

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
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Why: kept with the decision.")]
