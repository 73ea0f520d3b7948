"""An extract step without spaCy for the watch tests: one hand-coded event per report of the test site.

:class:`TollExtractor` codes the event its trigger word names ("strike",
"struck", "arrested", "raided") in the city the text names, dated by the
article's publication date, with the toll its "killing N people" or "killed N
civilians" gives, so the ledger has incidents whose toll a changed page moves.
:func:`rows` and :func:`kharkiv` read back what the watch stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlalchemy import select

from newsledger.ledger import Ledger
from newsledger.schema import Article, Count, Event, EventDate, ExtractionResult, PlaceMention, TextSpan

RUNS = {"extractors": {"events": "events.watch-fake"}, "spacy_model": "none", "newsledger": "0.1.0"}
TRIGGERS = {
    "strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "struck": ("Explosions/Remote violence", "Air/drone strike"),
    "arrested": ("Strategic developments", "Arrests"),
    "raided": ("Violence against civilians", "Attack"),
}
CITIES = {
    "Kharkiv": dict(geonameid=706483, country_code="UA", admin1="07", lat=49.98081, lon=36.25272,
                    feature_code="PPLA", precision="city"),
    "Tbilisi": dict(geonameid=611717, country_code="GE", admin1="04", lat=41.69411, lon=44.83368,
                    feature_code="PPLC", precision="city"),
    "Mopti": dict(geonameid=2453348, country_code="ML", admin1="06", lat=14.4843, lon=-4.18296,
                  feature_code="PPLA", precision="city"),
    "Odesa": dict(geonameid=698740, country_code="UA", admin1="17", lat=46.47747, lon=30.73262,
                  feature_code="PPLA", precision="city"),
}
NUMBER_WORDS = {"two": 2, "three": 3, "five": 5, "seven": 7}
TOLL = re.compile(r"(?:killing|killed) (two|three|five|seven) (?:people|civilians)")


def span(text: str, needle: str) -> TextSpan:
    start = text.index(needle)
    return TextSpan(needle, start, start + len(needle))


def coded(article: Article) -> ExtractionResult:
    text = article.text
    trigger_word = next((word for word in TRIGGERS if re.search(rf"\b{word}\b", text)), None)
    city = next((name for name in CITIES if name in text), None)
    if trigger_word is None or city is None or article.published is None:
        return ExtractionResult(article=article, runs=RUNS)
    trigger = span(text, trigger_word)
    start = text.rfind("\n", 0, trigger.start) + 1
    end = text.index(".", trigger.end)
    place = span(text, city)
    location = PlaceMention(place.text, place.start, place.end, name=city, **CITIES[city])
    day = article.published.isoformat()
    toll = TOLL.search(text)
    fatalities = Count(NUMBER_WORDS[toll.group(1)], NUMBER_WORDS[toll.group(1)], toll.group(0), toll.start(),
                       toll.end()) if toll else None
    event_type, subtype = TRIGGERS[trigger_word]
    event = Event(
        id="V1", type=event_type, subtype=subtype, plover=None, trigger=trigger,
        evidence=TextSpan(text[start:end], start, end), actor1=None, actor2=None, target=None, location=location,
        date=EventDate(None, None, None, day, "day", (day, day), inferred=True), fatalities=fatalities,
        injured=None, arrested=None, certainty="asserted", polarity="positive", time_status="past", claim_id=None,
        subtype_rule="hand-coded",
    )
    return ExtractionResult(article=article, places=[location], events=[event], runs=RUNS)


class TollExtractor:
    """The extract step of the watch tests; ``extracted`` lists the article ids it was given."""

    def __init__(self) -> None:
        self.runs = RUNS
        self.extracted: list[str] = []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            self.extracted.append(article.id)
            yield coded(article)


def rows(store, model) -> list:
    """Every row of one table of ``store``."""
    with store.reading("test") as session:
        return list(session.scalars(select(model)))


def kharkiv(ledger: Ledger) -> dict:
    """The one incident of the Kharkiv strike, whose toll the test site raises."""
    [incident] = [i for i in ledger.incidents() if i["place"]["value"]["name"] == "Kharkiv"]
    return incident
