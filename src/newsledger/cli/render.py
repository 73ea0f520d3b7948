"""The tables the ledger is shown in on a terminal: incident tables, ``show``, the demo's summary.

Kept apart from the commands. The words for values (casualty ranges, places,
dates) come from :mod:`newsledger.wording`, which the web pages use too, so
both say the same things the same way. Everything from an article goes through
:func:`~newsledger.cli.terminal.markup_safe` or :func:`~newsledger.cli.terminal.cell`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table

from newsledger.cli.terminal import cell, markup_safe
from newsledger.incident import FigureRange, IncidentRecord, Place, SourcedFigure, Span, as_record
from newsledger.wording import dates_text, deaths_text, place_text, range_text


def _figure(count: FigureRange | None) -> str:
    return deaths_text(count.min, count.max, count.conservative) if count else ""


def _place(place: Place | None, detail: bool = False) -> str:
    """A place as a reader names it: "Mocha, YE" (or "Mocha (YE, city)" with ``detail``)."""
    if not place:
        return ""
    if detail:
        return f"{place.name} ({place.country_code}, {place.precision})"
    return place_text(place.name, place.country_code, place.precision)


def kind_text(incident: IncidentRecord) -> str:
    """The sub-type, with "(attempted)" for an attempt."""
    return incident.sub_event_type.value + (" (attempted)" if incident.attempted else "")


def plover_text(incident: IncidentRecord) -> str:
    """PLOVER event and mode, ``ASSAULT:aerial``."""
    value = incident.plover.value
    return "none" if not value else value.event + (f":{value.mode}" if value.mode else "")


def incidents_table(incidents: Iterable[IncidentRecord | dict[str, Any]], title: str) -> Table:
    """One row per incident: id, dates, type, place, actors, deaths, grade, reports."""
    table = Table(title=title)
    for column in ("id", "dates", "type", "place", "actors", "deaths", "grade", "reports (independent)"):
        table.add_column(column, no_wrap=column in {"id", "dates"})
    for incident in map(as_record, incidents):
        actors = " -> ".join(a for a in (incident.actor1.value, incident.actor2.value) if a)
        table.add_row(
            cell(incident.id), cell(dates_text(incident.date.start, incident.date.end)), cell(kind_text(incident)),
            cell(_place(incident.place.value)), cell(actors), cell(_figure(incident.fatalities)),
            cell(incident.grade), f"{len(incident.reports)} ({incident.independent_sources})",
        )
    return table


def _dates_value(value: tuple[dt.date, dt.date] | None) -> str:
    return "..".join(day.isoformat() for day in value) if value else ""


def show_lines(incident: IncidentRecord | dict[str, Any], history, copies: dict[str, list],
               as_of: dt.datetime | None) -> list[str]:
    """The text of ``newsledger show`` (rich markup), one line per item."""
    incident = as_record(incident)
    label = {r.source: r.outlet or r.article_id for r in incident.reports}

    def sources(ids: list[str]) -> str:
        return ", ".join(sorted({markup_safe(label.get(s, s)) for s in ids}))

    lines = [
        f"[bold]{incident.id}[/]  {markup_safe(kind_text(incident))} ({markup_safe(incident.event_type)}), "
        f"PLOVER {markup_safe(plover_text(incident))}",
        f"grade: [bold]{incident.grade}[/], {incident.independent_sources} independent source(s), "
        + (f"{incident.recalled_sources} more recalling it, " if incident.recalled_sources else "")
        + f"{len(incident.reports)} report(s)"
        + (f"; [red]contested: {', '.join(incident.contested)}[/]" if incident.contested else ""),
        f"outlets: {markup_safe(', '.join(incident.outlets) or 'none named')}; claims made by: "
        f"{markup_safe(', '.join(incident.claim_sources) or 'none named')}",
    ]
    fields = (
        ("sub_event_type", incident.sub_event_type, str, ""),
        ("date", incident.date, _dates_value, f", ACLED time_precision {incident.date.time_precision}"),
        ("place", incident.place, lambda v: _place(v, detail=True),
         f", ACLED geo_precision {incident.place.geo_precision}"),
        ("actor1", incident.actor1, str, ""),
        ("actor2", incident.actor2, str, ""),
    )
    for name, field, show_value, extra in fields:
        if field.value is None and not field.candidates:
            continue
        flag = " [red]contested[/]" if field.contested else ""
        lines.append(
            f"\n[bold]{name}[/]: {markup_safe(show_value(field.value))}{flag}  [dim]({markup_safe(field.rule)}{extra})[/]"
        )
        for candidate in field.candidates:
            lines.append(f"  - {markup_safe(show_value(candidate.value))}  [dim]from {sources(candidate.sources)}[/]")
    for name in ("fatalities", "injured", "arrested"):
        count = incident.figure(name)
        if not count:
            continue
        flag = " [red]contested[/]" if count.contested else ""
        lines.append(
            f"\n[bold]{name}[/]: range {count.min}..{'' if count.max is None else count.max}"
            f", conservative {count.conservative}{flag}  [dim]({markup_safe(count.rule)})[/]"
        )
        for figure in count.figures:
            top = "" if figure.max is None else figure.max
            lines.append(
                f"  - {figure.min}..{top} from {sources([figure.source])}: "
                f"\u201c{markup_safe(figure.text)}\u201d [dim]{markup_safe(_where(figure.member, figure))}[/]"
            )
    for correction in incident.corrections:
        lines.append(
            f"\n[yellow]corrected[/] {correction.field}: {markup_safe(str(correction.before))} -> "
            f"{markup_safe(str(correction.value))} (decision {correction.decision}"
            + (f": {markup_safe(correction.note)}" if correction.note else "") + ")"
        )
    lines.append("\n[bold]reports[/]")
    for report in incident.reports:
        evidence = report.evidence
        published = report.published.isoformat() if report.published else "undated"
        lines.append(
            f"  [bold]{markup_safe(report.outlet or 'unknown outlet')}[/], {published}: "
            f"{markup_safe(report.title or '')}  [dim]{markup_safe(report.url or '')}[/]"
        )
        who = f", claim source {report.claim_source}" if report.claim_source else ""
        who += ", recalls it (an earlier event in a later report)" if report.role == "recalled" else ""
        about = f"; \u201c{report.trigger.text}\u201d, {report.sub_event_type}, {report.certainty}{who}"
        lines.append(
            f"    \u201c{markup_safe(evidence.text)}\u201d [dim]{markup_safe(_where(report.member, evidence, about))}[/]"
        )
        for copy in copies.get(report.article_id, []):
            lines.append(f"    [dim]same text also at {markup_safe(copy['outlet'] or '')} {markup_safe(copy['url'] or '')}[/]")
    if incident.kept_apart:
        lines.append("\n[bold]kept apart from[/] (look-alike incidents a link was refused with)")
        for apart in incident.kept_apart:
            lines.append(f"  - {markup_safe(apart.incident)}: {markup_safe(apart.reason)}")
    lines.append("\n[bold]history[/]")
    for version in history:
        if as_of and version.created_at.replace(tzinfo=version.created_at.tzinfo or dt.UTC) > as_of:
            break
        lines.append(f"  v{version.version} {version.created_at:%Y-%m-%d %H:%M:%S} {version.status}: {markup_safe(version.reason)}")
    return lines


def _where(member: str, span: Span | SourcedFigure, about: str = "") -> str:
    """Evidence coordinates: ``[member start:end ...]`` (escaped by the caller: brackets are markup)."""
    return f"[{member} {span.start}:{span.end}{about}]"


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
        # The events each article reports: not its campaign totals, nor the earlier events it recalls.
        for e in [e for e in r["events"] if not e["aggregate"] and not e.get("background")][:3]:
            deaths = e["fatalities"]
            figure = "" if deaths is None else range_text(deaths["min"], deaths["max"])
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
