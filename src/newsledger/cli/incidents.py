"""The ledger's commands: incidents, show, merge, split, correct, resolve.

Each parses its options, calls :class:`newsledger.ledger.Ledger` and renders
with :mod:`newsledger.cli.render`. ``incidents`` and ``show`` say when stored
articles are not yet in the ledger.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from newsledger.cli.common import _user_errors, open_ledger, say_pending
from newsledger.cli.main import app
from newsledger.cli.options import AsOfOpt, CountryOpt, DbOpt, GradeOpt, NoteOpt, SinceOpt, TypeOpt, UntilOpt
from newsledger.cli.render import incidents_table, show_lines
from newsledger.cli.terminal import markup_safe, out_console, wide_console
from newsledger.errors import NewsledgerError
from newsledger.ledger.queries import incident_filter, parse_moment

def _reading(db: str | None, as_of: str | None):
    """The ledger to read and the moment to read it at; says first what it does not hold yet."""
    ledger = open_ledger(db)
    moment = parse_moment(as_of)
    say_pending(ledger)
    return ledger, moment


@app.command()
def incidents(
    db: DbOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    min_grade: GradeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List the ledger's incidents: dates, type, place, actors, deaths (range and conservative), grade."""
    with _user_errors():
        ledger, moment = _reading(db, as_of)
        found = ledger.incidents(incident_filter(type_, since, until, country, min_grade), as_of=moment)
        when = f" as of {moment:%Y-%m-%d %H:%M} UTC" if moment else ""
        wide_console().print(incidents_table(found, f"{len(found)} incidents{when}"))


@app.command()
def show(
    incident_id: Annotated[str, typer.Argument(help="Incident id, from `newsledger incidents`.")],
    db: DbOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Print one incident: each field's competing values and sources, figures, evidence, history."""
    with _user_errors():
        ledger, moment = _reading(db, as_of)
        incident, path = ledger.record(incident_id, as_of=moment)
        console = wide_console()
        for old in path:
            console.print(f"[yellow]{markup_safe(old)} was merged into another incident; showing {incident.id}.[/]")
        copies = {r.article_id: ledger.store.copies(r.article_id) for r in incident.reports}
        for line in show_lines(incident, ledger.history(incident.id), copies, moment):
            console.print(line, highlight=False, soft_wrap=True)


@app.command()
def merge(
    incident_ids: Annotated[list[str], typer.Argument(help="Two or more incident ids.")],
    db: DbOpt = None,
    note: NoteOpt = None,
) -> None:
    """Merge incidents that are one event; later updates keep them together."""
    with _user_errors():
        merged = open_ledger(db).merge(incident_ids, note)
        out_console().print(f"merged into {merged}", highlight=False)


@app.command()
def split(
    incident_id: Annotated[str, typer.Argument(help="The incident to split.")],
    members: Annotated[list[str], typer.Argument(help="Reports to take out: member keys or article ids.")],
    db: DbOpt = None,
    note: NoteOpt = None,
) -> None:
    """Split reports out of an incident into their own; later updates keep them apart."""
    with _user_errors():
        ledger = open_ledger(db)
        incident, merged_away = ledger.record(incident_id)
        known = {r.member for r in incident.reports} | {r.article_id for r in incident.reports}
        for member in members:
            # A merged-away id is left to the ledger, which names the incident holding its reports.
            if not merged_away and member not in known:
                raise NewsledgerError(
                    f"{member} is not a report or article of incident {incident_id}; "
                    f"`newsledger show {incident_id}` lists its reports"
                )
        rest, new = ledger.split(incident_id, members, note)
        out_console().print(f"{rest} keeps the other reports; the reports taken out are {new}", highlight=False)


COUNTS = ("fatalities", "injured", "arrested")


# A value such as "-5" would otherwise be taken for an option and refused as unknown.
@app.command(context_settings={"ignore_unknown_options": True})
def correct(
    incident_id: Annotated[str, typer.Argument(help="The incident to correct.")],
    field: Annotated[str, typer.Argument(help="sub_event_type, date, actor1, actor2, fatalities, injured or arrested.")],
    value: Annotated[str, typer.Argument(help="The right value (a date: YYYY-MM-DD or START/END).")],
    db: DbOpt = None,
    note: NoteOpt = None,
) -> None:
    """Correct one field of an incident by hand; kept (and shown) over later reports."""
    with _user_errors():
        if field in COUNTS and not re.fullmatch(r"[0-9]+", value.strip()):
            raise NewsledgerError(f"{field} must be a whole number of 0 or more, not {value!r}")
        open_ledger(db).correct(incident_id, field, value, note)
        out_console().print(f"corrected {field} of {incident_id}", highlight=False)


@app.command()
def resolve(db: DbOpt = None) -> None:
    """Take stored extractions the ledger has not read yet into incidents (ingest does this itself)."""
    with _user_errors():
        done = open_ledger(db).update()
        out_console().print(
            f"{done.reports} event mentions read ({done.excluded} join no incident); incidents: "
            f"{len(done.created)} new, {len(done.changed)} updated, {len(done.replaced)} merged away",
            highlight=False,
        )
