"""CSV export: one row per mention (entity, time, place), quote, claim and event, for spreadsheets.

Rows are written with the standard library's ``csv`` module. The columns are the
union of the kinds' fields, blank where a field does not apply to a row's kind,
so one sheet can be filtered by ``kind``; columns added for a new kind go at the
end, so sheets built on the older columns keep working. For a quote or a claim,
``text``/``start``/``end`` are its content span; ``speaker`` and ``source`` are
the resolved name, with an anonymous source's affiliation in parentheses ("its
source (Znak.com)"); ``cue`` is a quote's cue text, or a claim's cues as
``text (type)`` joined by ``; ``. ``quote_id`` and ``claim_id`` are the
article-local ids (``Q1``, ``C1``) of the row itself and of its linked quote or
claim, so the two kinds can be joined. For an event, ``text``/``start``/``end``
are its trigger, ``label`` its sub-type (also in ``subtype``), ``actor1`` and
``actor2`` the actors' canonical names, ``location`` the place's gazetteer name,
``fatalities_min``/``_max`` the figure's range (``_max`` blank when open-ended:
"at least 20"), ``event_certainty`` how firmly the article reports it, and
``aggregate`` ``true`` for a campaign of many events, ``background`` ``true``
for an earlier event the article recalls; ``polarity``,
``time_status`` and ``claim_id`` (the claim holding the trigger) are shared with
claims. Open ``fh`` with ``newline=""`` as the ``csv`` module asks, or line ends
double on Windows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from newsledger.schema import FLAT_MENTION_KINDS

COLUMNS = (
    "article_id",
    "article_url",
    "article_published",
    "kind",
    "text",
    "start",
    "end",
    "label",
    "canonical",
    "value",
    "precision",
    "interval_start",
    "interval_end",
    "name",
    "geonameid",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "feature_code",
    "quote_kind",
    "speaker",
    "speaker_kind",
    "cue",
    "certainty",
    "polarity",
    "time_status",
    "source",
    "source_kind",
    "claim_id",
    "quote_id",
    "event_type",
    "subtype",
    "actor1",
    "actor1_category",
    "actor2",
    "location",
    "location_country",
    "date_value",
    "date_precision",
    "fatalities_min",
    "fatalities_max",
    "event_certainty",
    "aggregate",
    "background",
)


def write_csv(results: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write a header and one row per mention of every result; return the row count."""
    writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    written = 0
    for result in results:
        for row in mention_rows(result):
            writer.writerow(row)
            written += 1
    return written


def mention_rows(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The CSV rows of one ``newsledger/1`` object: entities, times, places, quotes, claims, then events."""
    article = result["article"]
    shared = {
        "article_id": article["id"],
        "article_url": _cell(article.get("url")),
        "article_published": _cell(article.get("published")),
    }
    for flat in FLAT_MENTION_KINDS:
        kind, columns = flat.kind, flat.columns
        for mention in result.get(flat.field, []):
            fields = dict(mention)
            interval = fields.pop("interval", None) or (None, None)
            fields["interval_start"], fields["interval_end"] = interval
            row = {**shared, "kind": kind, "text": mention["text"], "start": mention["start"], "end": mention["end"]}
            row.update({column: _cell(fields.get(column)) for column in columns})
            yield row
    for quote in result.get("quotes", []):
        speaker = quote["speaker"]
        yield {
            **shared,
            **_content(quote),
            "kind": "quote",
            "quote_kind": quote["kind"],
            "speaker": _speaker_name(speaker),
            "speaker_kind": _cell(speaker and speaker["kind"]),
            "cue": _cell(quote["cue"] and quote["cue"]["text"]),
            "claim_id": _cell(quote.get("claim_id")),
            "quote_id": quote["id"],
        }
    for claim in result.get("claims", []):
        yield {
            **shared,
            **_content(claim),
            "kind": "claim",
            "certainty": claim["certainty"],
            "polarity": claim["polarity"],
            "time_status": claim["time_status"],
            "source": _speaker_name(claim["source"]),
            "source_kind": claim["source"]["kind"],
            "cue": "; ".join(f"{cue['text']} ({cue['type']})" for cue in claim.get("cues", [])),
            "claim_id": claim["id"],
            "quote_id": _cell(claim.get("quote_id")),
        }
    for event in result.get("events", []):
        yield {**shared, **_event_columns(event)}


def _event_columns(event: dict[str, Any]) -> dict[str, Any]:
    """An event's row: its trigger as the span, the flat parts a coder filters on."""
    trigger = event["trigger"]
    actor1, actor2 = event.get("actor1"), event.get("actor2")
    location, date, fatalities = event.get("location"), event.get("date"), event.get("fatalities")
    return {
        "kind": "event",
        "text": trigger["text"],
        "start": trigger["start"],
        "end": trigger["end"],
        "label": event["subtype"],
        "polarity": event["polarity"],
        "time_status": event["time_status"],
        "claim_id": _cell(event.get("claim_id")),
        "event_type": event["type"],
        "subtype": event["subtype"],
        "actor1": _cell(actor1 and actor1["canonical"]),
        "actor1_category": _cell(actor1 and actor1["category"]),
        "actor2": _cell(actor2 and actor2["canonical"]),
        "location": _cell(location and location["name"]),
        "location_country": _cell(location and location["country_code"]),
        "date_value": _cell(date and date["value"]),
        "date_precision": _cell(date and date["precision"]),
        "fatalities_min": _cell(fatalities and fatalities["min"]),
        "fatalities_max": _cell(fatalities and fatalities["max"]),
        "event_certainty": event["certainty"],
        # Lower case as in the JSON export; csv would write Python's "True".
        "aggregate": "true" if event.get("aggregate") else "false",
        "background": "true" if event.get("background") else "false",
    }


def _content(item: dict[str, Any]) -> dict[str, Any]:
    """A quote's or claim's content span as the shared text/start/end columns."""
    content = item["content"]
    return {"text": content["text"], "start": content["start"], "end": content["end"]}


def _speaker_name(speaker: dict[str, Any] | None) -> str:
    """Who speaks, as a reader would write it: the resolved name, else the words that name them."""
    if speaker is None:
        return ""
    mention = speaker.get("mention")
    name = speaker.get("canonical") or (mention["text"] if mention else "")
    affiliation = speaker.get("affiliation")
    return f"{name} ({affiliation})".strip() if affiliation else name


def _cell(value: Any) -> Any:
    # csv writes None as "" already; saying so keeps the blank deliberate.
    return "" if value is None else value
