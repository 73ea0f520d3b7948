"""Hand-built extraction results for the store tests (no spaCy model needed).

The texts are the opening and three later paragraphs of the Wikinews article
"Magnitogorsk apartment building collapses after explosion, dozens dead"
(2019-01-04), by Wikinews contributors, CC BY 2.5,
https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import (
    Article,
    Claim,
    Cue,
    Entity,
    ExtractionError,
    ExtractionResult,
    PlaceMention,
    Quote,
    Speaker,
    TextSpan,
    TimeMention,
)
from newsledger.store import Store

MAGNITOGORSK = (
    "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia. "
    "A suspected gas leak led to an explosion, followed by the ten-storey building coming down. "
    "A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work yesterday."
)
MAGNITOGORSK_QUOTES = (
    '"The search and rescue operation is complete," Deputy Emergency Situations Minister Alexander Chupriyan '
    "told TASS on Wednesday. Chelyabinsk's governor has promised each victim will be subject to a payout of one "
    "million rubles.\n\n"
    "Regional governor Boris Dubrovsky said FSB officers were present where the minibus exploded outside the local "
    "administrative building, but said this too was unrelated to the other explosion. Znak.com reported its source "
    'said "three terrorists" were killed in a firefight on Monday night, while footage from the scene showed the '
    "vehicle burn amid what sounds like gunfire.\n\n"
    'Search and rescue was suspended on Tuesday, with Zinichev describing the "real threat of [another] part of the '
    'building collapsing" as making it "impossible to continue working in such conditions", and work launched to '
    "stabilise the remaining structure."
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


def text_span(text: str, needle: str, occurrence: int = 0) -> TextSpan:
    return TextSpan(needle, *span(text, needle, occurrence))


def cue(text: str, kind: str, needle: str, occurrence: int = 0) -> Cue:
    return Cue(kind, needle, *span(text, needle, occurrence))


def quoted_result(runs: dict = RUNS_V1) -> ExtractionResult:
    """Quotes and claims of every shape the store must keep apart.

    A named person with an entity, the same speaker inherited, an anonymous
    source tied to an outlet, a quote with neither speaker nor cue, the
    outlet's own voice (no mention), a claim without cues and one with several.
    """
    text = MAGNITOGORSK_QUOTES
    chupriyan = Speaker("person", "Alexander Chupriyan", text_span(text, "Alexander Chupriyan"), "E1")
    dubrovsky = Speaker("person", "Boris Dubrovsky", text_span(text, "Boris Dubrovsky"), "E2")
    znak_source = Speaker("anonymous", "its source", text_span(text, "its source"), None, "Znak.com")
    said = [text_span(text, "said", n) for n in range(3)]
    quotes = [
        Quote(
            id="Q1",
            kind="direct",
            content=text_span(text, '"The search and rescue operation is complete,"'),
            speaker=chupriyan,
            cue=text_span(text, "told"),
            claim_id="C1",
        ),
        Quote(
            id="Q2",
            kind="indirect",
            content=text_span(
                text, "FSB officers were present where the minibus exploded outside the local administrative building"
            ),
            speaker=dubrovsky,
            cue=said[0],
            claim_id="C2",
        ),
        Quote(
            id="Q3",
            kind="indirect",
            content=text_span(text, "this too was unrelated to the other explosion"),
            speaker=dubrovsky,
            cue=said[1],
            claim_id="C3",
            inherited=True,
        ),
        Quote(
            id="Q4",
            kind="direct",
            content=text_span(text, '"three terrorists"'),
            speaker=znak_source,
            cue=said[2],
            claim_id="C4",
        ),
        Quote(
            id="Q5",
            kind="floating",
            content=text_span(text, '"impossible to continue working in such conditions"'),
            speaker=None,
            cue=None,
        ),
    ]
    reported = {"certainty": "reported", "polarity": "positive", "time_status": "past"}
    claims = [
        Claim(
            id="C1",
            content=text_span(text, "The search and rescue operation is complete"),
            source=chupriyan,
            cues=[cue(text, "attribution", "told")],
            quote_id="Q1",
            **reported,
        ),
        Claim(id="C2", content=quotes[1].content, source=dubrovsky, quote_id="Q2", **reported),
        Claim(
            id="C3",
            content=quotes[2].content,
            source=dubrovsky,
            cues=[cue(text, "attribution", "said", 1), cue(text, "negation", "unrelated")],
            quote_id="Q3",
            **{**reported, "polarity": "negative"},
        ),
        Claim(
            id="C4",
            content=text_span(text, '"three terrorists" were killed in a firefight on Monday night'),
            source=znak_source,
            cues=[cue(text, "attribution", "reported"), cue(text, "attribution", "said", 2)],
            quote_id="Q4",
            **{**reported, "certainty": "alleged"},
        ),
        Claim(
            id="C5",
            content=text_span(text, "each victim will be subject to a payout of one million rubles"),
            source=Speaker("outlet", "Wikinews"),
            certainty="asserted",
            polarity="positive",
            time_status="future",
            cues=[cue(text, "future", "will")],
        ),
    ]
    return ExtractionResult(
        article=Article.from_text(
            text,
            url="https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
            outlet="Wikinews",
            published=dt.date(2019, 1, 4),
        ),
        entities=[
            entity(text, "E1", "Alexander Chupriyan", "PERSON"),
            entity(text, "E2", "Boris Dubrovsky", "PERSON"),
            entity(text, "E3", "Znak.com", "ORG"),
        ],
        quotes=quotes,
        claims=claims,
        runs={**runs, "extractors": {**runs["extractors"], "quotes": "quotes.v1", "claims": "claims.v1"}},
        # Made up in the extractor's wording (this text's marks balance): the store keeps any strings, in order.
        warnings=[
            "unclosed quotation mark '“' at 601; quote closed at the paragraph end",
            "closing quotation mark '”' at 640 without an opening one",
        ],
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
def quoted() -> ExtractionResult:
    return quoted_result()


@pytest.fixture
def make_bare():
    """Builds :func:`bare_result`s (test modules take builders as fixtures, not imports)."""
    return bare_result
