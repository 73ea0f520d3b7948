"""The words and tables the ledger is shown in: casualty ranges, places, dates, incident tables, ``show``.

Kept apart from the commands so that other interfaces (web pages) can say the
same things the same way. Everything from an article goes through
:func:`~newsledger.cli.terminal.markup_safe` or :func:`~newsledger.cli.terminal.cell`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console
from rich.table import Table

from newsledger.cli.terminal import cell, markup_safe

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
