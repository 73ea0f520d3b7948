"""The ledger's commands: incidents, show, merge, split, correct, resolve.

Registered on :data:`newsledger.cli.app` when that module is imported; they
share its options and its error handling (a :class:`NewsledgerError` is one line
and exit status 2). Reads go through :class:`newsledger.ledger.Ledger`.
Text from articles (titles, outlets, evidence, names) is printed through
:func:`newsledger.cli.markup_safe` or :func:`newsledger.cli.cell`, so neither
terminal escapes nor rich markup in it take effect. ``incidents`` and ``show``
say when stored articles are not yet in the ledger.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsledger.cli import (
    AsOfOpt,
    CountryOpt,
    DbOpt,
    GradeOpt,
    SinceOpt,
    TypeOpt,
    UntilOpt,
    _settings,
    _user_errors,
    app,
    cell,
    err,
    markup_safe,
    out_console,
)
from newsledger.errors import NewsledgerError
from newsledger.ledger.queries import country_code, incident_filter, parse_day, parse_moment

NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Why: kept with the decision.")]


# The ledger's own parsers, under the names the commands use.
parse_as_of = parse_moment


def open_ledger(db: str | None):
    from newsledger.store import Store
    from newsledger.ledger import Ledger

    settings = _settings(db=db)
    if "://" not in settings.db and not Path(settings.db).exists():
        raise NewsledgerError(f"no database at {settings.db}: run `newsledger ingest` first or pass --db")
    return Ledger(Store.open(settings.db))


def range_text(low: int | None, high: int | None) -> str:
    """A casualty range as people write it: "12", "12-20", "12+" (open-ended)."""
    return f"{low}+" if high is None else str(low) if low == high else f"{low}-{high}"


def _figure(count: dict[str, Any] | None) -> str:
    if not count:
        return ""
    span = range_text(count["min"], count["max"])
    return span if str(count["conservative"]) == span else f"{span} ({count['conservative']})"


def _place(detail: dict[str, Any]) -> str:
    place = detail["place"]["value"]
    if not place:
        return ""
    return place["name"] + (f", {place['country_code']}" if place["country_code"] and place["precision"] != "country" else "")


def _dates(detail: dict[str, Any]) -> str:
    start, end = detail["date"]["start"], detail["date"]["end"]
    return "" if start is None else start if start == end else f"{start}..{end}"


def _kind(detail: dict[str, Any]) -> str:
    return detail["sub_event_type"]["value"] + (" (attempted)" if detail["attempted"] else "")


def wide_console() -> Console:
    # Piped output would wrap at 80 columns; a table of incidents needs more.
    console = Console(highlight=False)
    return console if console.is_terminal else Console(width=200, highlight=False)


def say_pending(ledger) -> None:
    """On stderr, when some stored articles are not yet in the ledger: how many, and what to run."""
    pending = ledger.pending()
    if pending:
        article = "article is" if pending == 1 else "articles are"
        err.print(f"[yellow]{pending} stored {article} not yet in the ledger: run `newsledger resolve`[/]")


def incidents_table(details: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "dates", "type", "place", "actors", "deaths", "grade", "reports (independent)"):
        table.add_column(column, no_wrap=column in {"id", "dates"})
    for d in details:
        actors = " -> ".join(a for a in (d["actor1"]["value"], d["actor2"]["value"]) if a)
        table.add_row(
            cell(d["id"]), cell(_dates(d)), cell(_kind(d)), cell(_place(d)), cell(actors),
            cell(_figure(d["fatalities"])), cell(d["grade"]), f"{len(d['reports'])} ({d['independent_sources']})",
        )
    return table


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
        ledger = open_ledger(db)
        moment = parse_as_of(as_of)
        say_pending(ledger)
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
        ledger = open_ledger(db)
        moment = parse_as_of(as_of)
        say_pending(ledger)
        detail, path = ledger.get(incident_id, as_of=moment)
        console = wide_console()
        for old in path:
            console.print(f"[yellow]{markup_safe(old)} was merged into another incident; showing {detail['id']}.[/]")
        copies = {r["article_id"]: ledger.store.copies(r["article_id"]) for r in detail["reports"]}
        for line in show_lines(detail, ledger.history(detail["id"]), copies, moment):
            console.print(line, highlight=False, soft_wrap=True)


def show_lines(detail: dict[str, Any], history, copies: dict[str, list], as_of: dt.datetime | None) -> list[str]:
    """The text of ``newsledger show`` (rich markup), one line per item."""
    label = {r["source"]: r["outlet"] or r["article_id"] for r in detail["reports"]}

    def sources(ids: list[str]) -> str:
        return ", ".join(sorted({markup_safe(label.get(s, s)) for s in ids}))

    lines = [
        f"[bold]{detail['id']}[/]  {markup_safe(_kind(detail))} ({markup_safe(detail['event_type'])}), "
        f"PLOVER {markup_safe(_plover(detail))}",
        f"grade: [bold]{detail['grade']}[/], {detail['independent_sources']} independent source(s), "
        f"{len(detail['reports'])} report(s)"
        + (f"; [red]contested: {', '.join(detail['contested'])}[/]" if detail["contested"] else ""),
        f"outlets: {markup_safe(', '.join(detail['outlets']) or 'none named')}; claims made by: "
        f"{markup_safe(', '.join(detail.get('claim_sources', [])) or 'none named')}",
    ]
    for name, show_value in (
        ("sub_event_type", str), ("date", lambda v: "..".join(v) if v else ""),
        ("place", lambda v: v["name"] + (f" ({v['country_code']}, {v['precision']})" if v else "") if v else ""),
        ("actor1", str), ("actor2", str),
    ):
        field = detail[name]
        if field["value"] is None and not field["candidates"]:
            continue
        extra = ""
        if name == "date":
            extra = f", ACLED time_precision {detail['date']['time_precision']}"
        if name == "place":
            extra = f", ACLED geo_precision {detail['place']['geo_precision']}"
        flag = " [red]contested[/]" if field["contested"] else ""
        lines.append(f"\n[bold]{name}[/]: {markup_safe(show_value(field['value']))}{flag}  [dim]({markup_safe(field['rule'])}{extra})[/]")
        for candidate in field["candidates"]:
            lines.append(f"  - {markup_safe(show_value(candidate['value']))}  [dim]from {sources(candidate['sources'])}[/]")
    for name in ("fatalities", "injured", "arrested"):
        count = detail[name]
        if not count:
            continue
        flag = " [red]contested[/]" if count["contested"] else ""
        lines.append(
            f"\n[bold]{name}[/]: range {count['min']}..{'' if count['max'] is None else count['max']}"
            f", conservative {count['conservative']}{flag}  [dim]({markup_safe(count['rule'])})[/]"
        )
        for figure in count.get("figures", []):
            top = "" if figure["max"] is None else figure["max"]
            lines.append(
                f"  - {figure['min']}..{top} from {sources([figure['source']])}: "
                f"\u201c{markup_safe(figure['text'])}\u201d [dim]{markup_safe(_where(figure['member'], figure))}[/]"
            )
    for correction in detail.get("corrections", []):
        lines.append(
            f"\n[yellow]corrected[/] {correction['field']}: {markup_safe(str(correction['before']))} -> "
            f"{markup_safe(str(correction['value']))} (decision {correction['decision']}"
            + (f": {markup_safe(correction['note'])}" if correction["note"] else "") + ")"
        )
    lines.append("\n[bold]reports[/]")
    for report in detail["reports"]:
        evidence = report["evidence"]
        lines.append(
            f"  [bold]{markup_safe(report['outlet'] or 'unknown outlet')}[/], {report['published'] or 'undated'}: "
            f"{markup_safe(report['title'] or '')}  [dim]{markup_safe(report['url'] or '')}[/]"
        )
        who = f", claim source {report['claim_source']}" if report["claim_source"] else ""
        about = f"; \u201c{report['trigger']['text']}\u201d, {report['sub_event_type']}, {report['certainty']}{who}"
        lines.append(
            f"    \u201c{markup_safe(evidence['text'])}\u201d [dim]{markup_safe(_where(report['member'], evidence, about))}[/]"
        )
        for copy in copies.get(report["article_id"], []):
            lines.append(f"    [dim]same text also at {markup_safe(copy['outlet'] or '')} {markup_safe(copy['url'] or '')}[/]")
    lines.append("\n[bold]history[/]")
    for version in history:
        if as_of and version.created_at.replace(tzinfo=version.created_at.tzinfo or dt.UTC) > as_of:
            break
        lines.append(f"  v{version.version} {version.created_at:%Y-%m-%d %H:%M:%S} {version.status}: {markup_safe(version.reason)}")
    return lines


def _where(member: str, span: dict[str, Any], about: str = "") -> str:
    """Evidence coordinates: ``[member start:end ...]`` (escaped by the caller: brackets are markup)."""
    return f"[{member} {span['start']}:{span['end']}{about}]"


def _plover(detail: dict[str, Any]) -> str:
    value = detail["plover"]["value"]
    return "none" if not value else value["event"] + (f":{value['mode']}" if value["mode"] else "")


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
        detail, merged_away = ledger.get(incident_id)
        known = {r["member"] for r in detail["reports"]} | {r["article_id"] for r in detail["reports"]}
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
