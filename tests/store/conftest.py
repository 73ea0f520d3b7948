"""Hand-built extraction results for the store tests (no spaCy model needed).

The text is the opening of the Wikinews article "Magnitogorsk apartment building
collapses after explosion, dozens dead" (2019-01-04), by Wikinews contributors,
CC BY 2.5, https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import Article, Entity, ExtractionError, ExtractionResult, PlaceMention, TimeMention
from newsledger.store import Store

MAGNITOGORSK = (
    "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia. "
    "A suspected gas leak led to an explosion, followed by the ten-storey building coming down. "
    "A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work yesterday."
)
RUNS_V1 = {
    "extractors": {"entities": "entities.v1", "times": "times.v1", "places": "places.v1"},
    "spacy_model": "en_core_web_sm-3.8.0",
    "newsledger": "0.1.0",
}


def span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def entity(text: str, ent_id: str, needle: str, label: str, canonical: str | None = None) -> Entity:
    start, end = span(text, needle)
    return Entity(id=ent_id, text=needle, label=label, start=start, end=end, canonical=canonical or needle)


def magnitogorsk_result(runs: dict = RUNS_V1) -> ExtractionResult:
    text = MAGNITOGORSK
    article = Article.from_text(
        text,
        url="https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
        title="Magnitogorsk apartment building collapses after explosion, dozens dead",
        outlet="Wikinews",
        published=dt.date(2019, 1, 4),
        language="en",
        origin="wikinews-conflict/articles.jsonl:1",
    )
    monday, yesterday, magnitogorsk, russia = (span(text, s) for s in ("Monday", "yesterday", "Magnitogorsk", "Russia"))
    return ExtractionResult(
        article=article,
        entities=[
            entity(text, "E1", "Magnitogorsk", "GPE"),
            entity(text, "E2", "Ural", "LOC"),
            entity(text, "E3", "Russia", "GPE"),
        ],
        times=[
            TimeMention("Monday", *monday, value="2018-12-31", precision="day", interval=("2018-12-31", "2018-12-31")),
            TimeMention(
                "yesterday",
                *yesterday,
                value="2019-01-03",
                precision="day",
                interval=("2019-01-03", "2019-01-03"),
                note="relative to publication",
            ),
        ],
        places=[
            PlaceMention(
                "Magnitogorsk",
                *magnitogorsk,
                name="Magnitogorsk",
                geonameid=532288,
                country_code="RU",
                admin1="13",
                lat=53.41861,
                lon=59.04722,
                feature_code="PPLA2",
                precision="city",
            ),
            PlaceMention(
                "Russia",
                *russia,
                name="Russia",
                geonameid=2017370,
                country_code="RU",
                admin1=None,
                lat=60.0,
                lon=100.0,
                feature_code="PCLI",
                precision="country",
            ),
        ],
        runs=runs,
    )


def bare_result(text: str, runs: dict = RUNS_V1, errors: tuple[ExtractionError, ...] = ()) -> ExtractionResult:
    """An article with no metadata and no mentions: what a failed extraction stores."""
    return ExtractionResult(
        article=Article(id=Article.from_text(text).id, text=text, language=None), runs=runs, errors=list(errors)
    )


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "ledger.db")
    yield opened
    opened.close()


@pytest.fixture
def result() -> ExtractionResult:
    return magnitogorsk_result()


@pytest.fixture
def make_bare():
    """Builds :func:`bare_result`s (test modules take builders as fixtures, not imports)."""
    return bare_result
