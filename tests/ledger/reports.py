"""Hand-built reports for the ledger tests: extraction results made without spaCy.

The texts are short news reports written for these tests (no outlet
published them). Each article's events are coded by hand the way the event
extractor codes them (sub-type, place, date interval, casualty counts, the
evidence sentence), every span taken from the article's own text, so the
ledger can be driven end to end on a store with no pipeline loaded:

- ``courier``, ``post`` and ``radio``: three outlets' reports of one air strike
  on a market in Mosul on Sunday 10 March 2024, with 12, 15 and 14 dead. Each
  article also has a mention that joins no incident: an aggregate ("Since
  September, 80 people have been killed in 21 strikes"), a threat ("will
  strike the city again next week") and a negated strike ("No second strike
  took place on Monday").
- ``kharkiv``: a missile strike elsewhere (Kharkiv, Ukraine), one outlet.
  ``kharkiv_followup`` is a later report of it, by that outlet or another
  (its text names the outlet, so each outlet's is an article of its own).
- ``wire``: "a strike in northern Iraq on Sunday": the same day and country as
  the Mosul strike but too vague to link on its own (a country, no actor), so
  it is an incident of its own that a person may merge.
- ``bulletin``: a fourth outlet's report of the Mosul strike, for reports that
  arrive after a person's decision.
- ``undated``: an article without a publication date whose strike has no date
  of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from newsledger.ledger import Ledger
from newsledger.schema import (
    Actor,
    Article,
    Count,
    Event,
    EventDate,
    ExtractionResult,
    PlaceMention,
    Plover,
    TextSpan,
)
from newsledger.store import Store

RUNS = {
    "extractors": {"entities": "entities.v1", "times": "times.v1", "places": "places.v1", "events": "events.v1"},
    "spacy_model": "en_core_web_sm-3.8.0",
    "newsledger": "0.1.0",
}
# The same extractors with a newer event extractor: storing an article again with these is a new run.
RUNS_V2 = {**RUNS, "extractors": {**RUNS["extractors"], "events": "events.v2"}}

# Names a file to which tests/ledger/conftest.py writes the spaCy modules a test session imported.
PROBE = "NEWSLEDGER_SPACY_PROBE"
T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
SUNDAY = ("2024-03-10", "2024-03-10")
STRIKE, MISSILE = "Air/drone strike", "Shelling/artillery/missile attack"

MOSUL = {"name": "Mosul", "geonameid": 99072, "country_code": "IQ", "admin1": "Nineveh", "lat": 36.335,
         "lon": 43.11889, "feature_code": "PPLA", "precision": "city"}
KHARKIV = {"name": "Kharkiv", "geonameid": 706483, "country_code": "UA", "admin1": "Kharkivska", "lat": 49.98081,
           "lon": 36.25272, "feature_code": "PPLA", "precision": "city"}
IRAQ = {"name": "Iraq", "geonameid": 99237, "country_code": "IQ", "admin1": None, "lat": 33.0, "lon": 44.0,
        "feature_code": "PCLI", "precision": "country"}

COURIER = (
    "An air strike hit a crowded market in Mosul on Sunday, killing 12 people, hospital officials said. "
    "Since September, 80 people have been killed in 21 strikes on the province."
)
POST = (
    "Fifteen people died when a drone struck a busy market in Mosul on Sunday. "
    "The militants warned that they will strike the city again next week."
)
RADIO = (
    "Police said the drone strike on the Mosul market on Sunday killed 14 people. "
    "No second strike took place on Monday, they added."
)
KHARKIV_TEXT = "A missile strike on Kharkiv on Wednesday killed three people, the regional governor said."
KHARKIV_FOLLOWUP = "Three people died in Wednesday's missile strike on Kharkiv, rescue crews in the city told {outlet}."
WIRE = "A strike was reported in northern Iraq on Sunday."
BULLETIN = "Rescuers searched the rubble of the Mosul market hit by Sunday's air strike, which killed 13 people."
UNDATED = "A strike hit a fuel depot outside the town, residents said."


class Clock:
    """A clock the test moves by hand, an hour per reading, from :data:`T0`."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(hours=1)
        return self.now


def span(text: str, needle: str, occurrence: int = 0) -> TextSpan:
    """The ``occurrence``-th ``needle`` in ``text`` as a span."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return TextSpan(needle, start, start + len(needle))


def sentence(text: str, first_words: str) -> TextSpan:
    """The sentence of ``text`` that starts with ``first_words``, without its full stop."""
    start = text.index(first_words)
    end = text.index(".", start)
    return TextSpan(text[start:end], start, end)


def place(text: str, needle: str, gazetteer: dict) -> PlaceMention:
    where = span(text, needle)
    return PlaceMention(where.text, where.start, where.end, **gazetteer)


def date(text: str, needle: str, interval: tuple[str, str], precision: str = "day") -> EventDate:
    when = span(text, needle)
    return EventDate(when.text, when.start, when.end, interval[0] if interval[0] == interval[1] else None,
                     precision, interval)


def deaths(text: str, low: int, high: int | None, needle: str) -> Count:
    words = span(text, needle)
    return Count(low, high, words.text, words.start, words.end)


def civilians(text: str, needle: str, country: str) -> Actor:
    return Actor(span(text, needle), "civilians", None, "civilians", country)


def event(event_id: str, trigger: TextSpan, evidence: TextSpan, *, subtype: str = STRIKE,
          location: PlaceMention | None = None, when: EventDate | None = None, fatalities: Count | None = None,
          actor2: Actor | None = None, **status) -> Event:
    """An event mention of the Explosions/Remote violence type; ``status`` overrides certainty and the like."""
    fields = {"certainty": "asserted", "polarity": "positive", "time_status": "past"} | status
    mode = "aerial" if subtype == STRIKE else "explosives"
    return Event(
        id=event_id, type="Explosions/Remote violence", subtype=subtype, plover=Plover("ASSAULT", mode),
        trigger=trigger, evidence=evidence, actor1=None, actor2=actor2, target=None, location=location,
        date=when, fatalities=fatalities, injured=None, arrested=None, claim_id=None,
        subtype_rule="hand-coded for the ledger tests", **fields,
    )


def result(text: str, outlet: str | None, title: str, published: dt.date | None, events: list[Event],
           runs: dict = RUNS) -> ExtractionResult:
    article = Article.from_text(text, url=f"https://example.org/{outlet or 'unknown'}/{title.lower().replace(' ', '-')}",
                                title=title, outlet=outlet, published=published)
    return ExtractionResult(article=article, events=events, runs=runs)


def courier(runs: dict = RUNS) -> ExtractionResult:
    text = COURIER
    strike = event(
        "V1", span(text, "air strike"), sentence(text, "An air strike"), location=place(text, "Mosul", MOSUL),
        when=date(text, "Sunday", SUNDAY), fatalities=deaths(text, 12, 12, "12 people"),
        actor2=civilians(text, "12 people", "IQ"),
    )
    campaign = event(
        "V2", span(text, "strikes"), sentence(text, "Since September"),
        when=date(text, "Since September", ("2023-09-01", "2024-03-11"), "month"),
        fatalities=deaths(text, 80, 80, "80 people"), aggregate=True,
    )
    return result(text, "Daily Courier", "Air strike on Mosul market kills 12", dt.date(2024, 3, 11),
                  [strike, campaign], runs)


def post(runs: dict = RUNS) -> ExtractionResult:
    text = POST
    strike = event(
        "V1", span(text, "struck"), sentence(text, "Fifteen people"), location=place(text, "Mosul", MOSUL),
        when=date(text, "Sunday", SUNDAY), fatalities=deaths(text, 15, 15, "Fifteen people"),
        actor2=civilians(text, "Fifteen people", "IQ"),
    )
    threat = event(
        "V2", span(text, "strike"), sentence(text, "The militants"), location=place(text, "the city", MOSUL),
        when=date(text, "next week", ("2024-03-18", "2024-03-24"), "week"), time_status="future",
    )
    return result(text, "Evening Post", "Drone strike kills 15 at Mosul market", dt.date(2024, 3, 11),
                  [strike, threat], runs)


def radio(runs: dict = RUNS) -> ExtractionResult:
    text = RADIO
    strike = event(
        "V1", span(text, "drone strike"), sentence(text, "Police said"), location=place(text, "Mosul", MOSUL),
        when=date(text, "Sunday", SUNDAY), fatalities=deaths(text, 14, 14, "14 people"),
        actor2=civilians(text, "14 people", "IQ"),
    )
    denied = event(
        "V2", span(text, "strike", 1), sentence(text, "No second strike"),
        when=date(text, "Monday", ("2024-03-11", "2024-03-11")), polarity="negative",
    )
    return result(text, "Harbour Radio", "Mosul market strike toll rises to 14", dt.date(2024, 3, 12),
                  [strike, denied], runs)


def kharkiv(runs: dict = RUNS) -> ExtractionResult:
    text = KHARKIV_TEXT
    strike = event(
        "V1", span(text, "missile strike"), sentence(text, "A missile strike"), subtype=MISSILE,
        location=place(text, "Kharkiv", KHARKIV), when=date(text, "Wednesday", ("2024-03-13", "2024-03-13")),
        fatalities=deaths(text, 3, 3, "three people"), actor2=civilians(text, "three people", "UA"),
    )
    return result(text, "Daily Courier", "Missile strike on Kharkiv kills three", dt.date(2024, 3, 14),
                  [strike], runs)


def kharkiv_followup(outlet: str, runs: dict = RUNS) -> ExtractionResult:
    """A later report of the Kharkiv strike by ``outlet`` (the Daily Courier again, or another outlet)."""
    text = KHARKIV_FOLLOWUP.format(outlet=outlet)
    strike = event(
        "V1", span(text, "missile strike"), sentence(text, "Three people"), subtype=MISSILE,
        location=place(text, "Kharkiv", KHARKIV), when=date(text, "Wednesday", ("2024-03-13", "2024-03-13")),
        fatalities=deaths(text, 3, 3, "Three people"), actor2=civilians(text, "Three people", "UA"),
    )
    return result(text, outlet, "Kharkiv counts its dead", dt.date(2024, 3, 15), [strike], runs)


def wire(runs: dict = RUNS) -> ExtractionResult:
    text = WIRE
    strike = event("V1", span(text, "strike"), sentence(text, "A strike"), location=place(text, "Iraq", IRAQ),
                   when=date(text, "Sunday", SUNDAY))
    return result(text, "Wire Service", "Strike reported in northern Iraq", dt.date(2024, 3, 11), [strike], runs)


def bulletin(runs: dict = RUNS) -> ExtractionResult:
    text = BULLETIN
    strike = event(
        "V1", span(text, "air strike"), sentence(text, "Rescuers searched"), location=place(text, "Mosul", MOSUL),
        when=date(text, "Sunday", SUNDAY), fatalities=deaths(text, 13, 13, "13 people"),
        actor2=civilians(text, "13 people", "IQ"),
    )
    return result(text, "Night Bulletin", "Rescuers search Mosul market", dt.date(2024, 3, 12), [strike], runs)


def undated(runs: dict = RUNS) -> ExtractionResult:
    text = UNDATED
    strike = event("V1", span(text, "strike"), sentence(text, "A strike"))
    return result(text, "Field Notes", "Fuel depot hit", None, [strike], runs)


BUILDERS: dict[str, Callable[..., ExtractionResult]] = {
    "courier": courier, "post": post, "radio": radio, "kharkiv": kharkiv,
    "wire": wire, "bulletin": bulletin, "undated": undated,
}
MOSUL_REPORTS = ("courier", "post", "radio")


def reports() -> dict[str, ExtractionResult]:
    """Every hand-built report by name."""
    return {name: build() for name, build in BUILDERS.items()}


def ledger_of(where, results: dict[str, ExtractionResult], order, clock=None, one_batch: bool = False,
              name: str | None = None) -> Ledger:
    """A fresh store with the ``order``-ed reports saved, the ledger updated after each (or once at the
    end with ``one_batch``).

    ``where`` is a folder (the store is an SQLite file in it) or a test's
    :class:`tests.postgres.Databases` (an SQLite file, or a fresh PostgreSQL database).
    """
    name = f"{name or '-'.join(order)}-{one_batch}"
    store = Store.open(where / f"{name}.db" if isinstance(where, Path) else where.url(name))
    ledger = Ledger(store, clock or Clock())
    for key in order:
        store.save(results[key])
        if not one_batch:
            ledger.update()
    if one_batch:
        ledger.update()
    return ledger


def articles_of(detail: dict) -> set[str]:
    """The article ids of an incident's reports."""
    return {r["article_id"] for r in detail["reports"]}


def holding(ledger: Ledger, article_id: str, **kwargs) -> list[dict]:
    """The incidents (now, or ``as_of=...``) with a report from this article."""
    return [d for d in ledger.incidents(**kwargs) if article_id in articles_of(d)]


def member_sets(ledger: Ledger) -> set[frozenset[str]]:
    """The ledger's incidents as sets of report members (ids depend on arrival order; these do not)."""
    return {frozenset(d["members"]) for d in ledger.incidents()}
