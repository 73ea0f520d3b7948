"""A fake extractor for the batch steps: hand-coded events, no spaCy (helpers; fixtures are in conftest.py).

The articles are the Wikinews fixtures of ``tests/fixtures/ingest`` (CC BY
2.5, see its README): the stabbing of Gdańsk's mayor and the El Paso
shooting. :class:`FakeExtractor` codes one event per article, at the first
"stabbed" or "shot", placed by hand in the city the text names and dated by
the article's publication date, so the ledger has incidents to make.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.schema import (
    Article,
    Event,
    EventDate,
    ExtractionResult,
    PlaceMention,
    TextSpan,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
GDANSK = (FIXTURES / "gdansk.txt").read_text(encoding="utf-8")
EL_PASO = (FIXTURES / "el-paso-cp1252.txt").read_bytes().decode("cp1252")
# A lightly edited copy: a byline and a rewritten sentence (see tests/clean/test_dedupe.py).
GDANSK_COPY = "By Anna Kowalska, Polish Press Agency\n\n" + GDANSK.replace(
    "It raises money annually to assist the nation's medical services.",
    "Every January it collects donations for Polish hospitals, clinics and their patients.",
)
FAKE_RUNS = {"extractors": {"events": "events.fake"}, "spacy_model": "none", "newsledger": "0.1.0"}
CITIES = {
    "Gdańsk": dict(name="Gdańsk", geonameid=3099434, country_code="PL", admin1="82", lat=54.35205, lon=18.64637,
                   feature_code="PPLA", precision="city"),
    "El Paso": dict(name="El Paso", geonameid=5520993, country_code="US", admin1="TX", lat=31.75872, lon=-106.48693,
                    feature_code="PPLA2", precision="city"),
}


def span(text: str, needle: str) -> TextSpan:
    start = text.index(needle)
    return TextSpan(needle, start, start + len(needle))


def coded(article: Article, runs: dict = FAKE_RUNS) -> ExtractionResult:
    """The article with one hand-coded attack, or none when its text names no known attack."""
    text = article.text
    triggers = [t for t in ("stabbed", "shot") if t in text]
    places = [name for name in CITIES if name in text]
    if not triggers or not places:
        return ExtractionResult(article=article, runs=runs)
    trigger = span(text, triggers[0])
    start = text.rfind(".", 0, trigger.start) + 1
    end = text.index(".", trigger.end)
    evidence = TextSpan(text[start:end].strip(), start + len(text[start:end]) - len(text[start:end].lstrip()), end)
    place = span(text, places[0])
    location = PlaceMention(place.text, place.start, place.end, **CITIES[places[0]])
    day = article.published.isoformat() if article.published else None
    date = EventDate(None, None, None, day, "day", (day, day), inferred=True) if day else None
    event = Event(
        id="V1", type="Violence against civilians", subtype="Attack", plover=None, trigger=trigger,
        evidence=evidence, actor1=None, actor2=None, target=None, location=location, date=date,
        fatalities=None, injured=None, arrested=None, certainty="asserted", polarity="positive",
        time_status="past", claim_id=None, subtype_rule="hand-coded",
    )
    return ExtractionResult(article=article, places=[location], events=[event], runs=runs)


class FakeExtractor:
    """The extract step without spaCy; ``order`` "shuffled" or "reversed" returns results as a pool might."""

    def __init__(self, order: str = "in order", seed: int = 7, runs: dict = FAKE_RUNS) -> None:
        self.runs = runs
        self.order = order
        self.seed = seed
        self.extracted: list[str] = []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        if self.order == "in order":
            for article in articles:
                self.extracted.append(article.id)
                yield coded(article, self.runs)
            return
        results = [coded(article, self.runs) for article in articles]
        self.extracted.extend(r.article.id for r in results)
        if self.order == "reversed":
            results.reverse()
        else:
            random.Random(self.seed).shuffle(results)
        yield from results


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
