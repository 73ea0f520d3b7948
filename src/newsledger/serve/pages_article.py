"""One article's page: its cleaned text with every extraction highlighted, and each extraction listed.

The text is the article's latest extraction (``newsledger/1``): entities,
places, dates, quotes (and their speakers), claims (with their certainty) and
events are highlighted where their offsets say, overlapping spans and all
(:func:`~newsledger.serve.render.segments`); each kind is told apart by its
own underline, border or type style and a title naming what covers the
words, not by colour alone. Below the text each kind is listed with its
offsets, and each event with the incident it joined (or why it joined none).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from newsledger.serve.deps import Caller
from newsledger.serve.pages_common import PageRoute, error_page, page, viewer
from newsledger.serve.render import Highlight, highlight, incident_path, range_text, segments, web_url

router = APIRouter(route_class=PageRoute, include_in_schema=False)

MAX_ID = 200
# Each kind of highlight, in the order the legend lists them, with what the legend says.
KINDS = {
    "entity": "entity (person, organisation, group): solid border below",
    "place": "place: dotted underline",
    "time": "date or time: dashed underline",
    "quote": "quote: italic",
    "speaker": "speaker of a quote: small capitals",
    "claim": "claim: line above",
    "event": "event word: bold, double underline",
}


def speaker_name(speaker: dict[str, Any] | None) -> str:
    """Who a quote or claim comes from, in a few words."""
    if not speaker:
        return "unknown"
    name = speaker.get("canonical") or speaker.get("affiliation")
    mention = (speaker.get("mention") or {}).get("text")
    return name or mention or speaker.get("kind") or "unknown"


def article_highlights(result: dict[str, Any]) -> list[Highlight]:
    """Every extraction of a ``newsledger/1`` result as highlights of its text."""
    marks: list[Highlight] = []
    for claim in result.get("claims", []):
        marks += highlight(claim.get("content"), "claim", (
            f"claim {claim.get('id')} ({claim.get('certainty')}, {claim.get('polarity')}, "
            f"{claim.get('time_status')}) by {speaker_name(claim.get('source'))}"
        ))
    for quote in result.get("quotes", []):
        who = speaker_name(quote.get("speaker"))
        marks += highlight(quote.get("content"), "quote", f"quote {quote.get('id')} ({quote.get('kind')}) by {who}")
        marks += highlight((quote.get("speaker") or {}).get("mention"), "speaker",
                           f"speaker of quote {quote.get('id')}: {who}")
    for entity in result.get("entities", []):
        marks += highlight(entity, "entity", f"{entity.get('label')} entity: {entity.get('canonical')}")
    for place in result.get("places", []):
        marks += highlight(place, "place", (
            f"place: {place.get('name')} ({place.get('country_code') or 'no country'}, {place.get('precision')})"
        ))
    for time in result.get("times", []):
        marks += highlight(time, "time", f"date: {time.get('value') or 'unresolved'} ({time.get('precision')})")
    for event in result.get("events", []):
        label = f"event {event.get('id')}: {event.get('subtype')}"
        marks += highlight(event.get("trigger"), "event", label)
        for mention in event.get("mentions") or []:
            marks += highlight(mention, "event", f"{label} (another mention)")
    return marks


def event_rows(result: dict[str, Any], joined: dict[str, str]) -> list[dict[str, Any]]:
    """Each event with what a reader checks: its words, fields and the incident it joined (or why none)."""
    rows = []
    for event in result.get("events", []):
        outcome = joined.get(event.get("id"))
        incident = outcome if outcome and not outcome.startswith("none:") else None
        flags = [name for name in ("aggregate", "background", "attempted") if event.get(name)]
        deaths = event.get("fatalities") or {}
        rows.append({
            "event": event, "flags": flags,
            "place": (event.get("location") or {}).get("name"),
            "date": (event.get("date") or {}).get("value") or (event.get("date") or {}).get("interval"),
            "deaths": range_text(deaths.get("min"), deaths.get("max")) if deaths else "",
            "incident": incident, "incident_href": incident_path(incident) if incident else None,
            "why_none": outcome[5:].strip() if outcome and not incident else (
                None if outcome else "not taken into the ledger yet"
            ),
        })
    return rows


@router.get("/articles/{article_id}", name="article_page")
def article_page(request: Request, article_id: str, who: Caller = Depends(viewer)) -> Response:
    """One stored article: the text highlighted, and every extraction listed with its offsets."""
    store = request.app.state.store
    result = store.result(article_id) if len(article_id) <= MAX_ID else None
    if result is None:
        return error_page(request, 404, f"no article {article_id[:MAX_ID]}.")
    text = result.get("text") or ""
    article = result.get("article") or {}
    joined = request.app.state.ledger.article_incidents(article_id)
    return page(
        request, "article.html", who, section=None, article=article, result=result,
        link=web_url(article.get("url")), copies=store.copies(article_id),
        pieces=segments(text, article_highlights(result)), kinds=KINDS,
        events=event_rows(result, joined), speaker_name=speaker_name,
    )


__all__ = ["article_highlights", "event_rows", "router", "speaker_name"]
