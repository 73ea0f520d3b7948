"""Hand-built ``newsledger/1`` results for the export tests.

The texts are from Wikinews, by Wikinews contributors, CC BY 2.5: "Magnitogorsk
apartment building collapses after explosion, dozens dead" (2019-01-04),
https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead ,
and the first paragraph of "Three killed, three others injured in stabbing
attack in Reading, UK" (2020-06-23),
https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import (
    Actor,
    Article,
    Claim,
    Count,
    Cue,
    Entity,
    Event,
    EventDate,
    ExtractionResult,
    PlaceMention,
    Plover,
    Quote,
    Speaker,
    TextSpan,
    TimeMention,
)

TEXT = "President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday."
QUOTED_TEXT = (
    '"The search and rescue operation is complete," Deputy Emergency Situations Minister Alexander Chupriyan '
    "told TASS on Wednesday. Chelyabinsk's governor has promised each victim will be subject to a payout of one "
    'million rubles. Znak.com reported its source said "three terrorists" were killed in a firefight on Monday '
    "night, while footage from the scene showed the vehicle burn amid what sounds like gunfire."
)
URL = "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"
READING = (
    "On Saturday evening in Forbury Gardens in Reading, Berkshire, UK shortly before 19:00 local time (1800 UTC), "
    "a mass stabbing killed three people and injured three others. A 25-year-old man was arrested by Thames Valley "
    "Police on suspicion of murder. Reports named him on Sunday as Reading resident and Libyan national Khairi "
    "Saadallah. Police also announced on Sunday morning they were treating it as a terrorist incident."
)
READING_URL = "https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK"


@pytest.fixture
def magnitogorsk() -> ExtractionResult:
    # Offsets counted by hand: "Vladimir Putin" 10-24, "Magnitogorsk" 50-62, "Monday" 66-72.
    return ExtractionResult(
        article=Article.from_text(TEXT, url=URL, published=dt.date(2019, 1, 4), title="Magnitogorsk collapse"),
        entities=[Entity("E1", "Vladimir Putin", "PERSON", 10, 24, "Vladimir Putin")],
        times=[TimeMention("Monday", 66, 72, "2018-12-31", "day", ("2018-12-31", "2018-12-31"))],
        places=[
            PlaceMention(
                "Magnitogorsk", 50, 62, "Magnitogorsk", 532288, "RU", "13", 53.41861, 59.04722, "PPLA2", "city"
            )
        ],
        runs={"extractors": {"entities": "entities.v1"}, "spacy_model": "en_core_web_sm-3.8.0", "newsledger": "0.1.0"},
    )


@pytest.fixture
def vague() -> ExtractionResult:
    """A second article: a time with no value, a sea with no gazetteer entry, no URL or date."""
    text = "Earlier, boats in the Gulf of Aden were hit."
    return ExtractionResult(
        article=Article.from_text(text),
        times=[TimeMention("Earlier", 0, 7, None, "unknown", None, note="vague reference")],
        places=[PlaceMention("Gulf of Aden", 22, 34, "Gulf of Aden", None, None, None, 12.0, 48.0, None, "water")],
        runs={"extractors": {}, "spacy_model": "m", "newsledger": "0.1.0"},
    )


def at(needle: str) -> TextSpan:
    """The span of the first ``needle`` in :data:`QUOTED_TEXT`."""
    start = QUOTED_TEXT.index(needle)
    return TextSpan(needle, start, start + len(needle))


def cue_at(kind: str, needle: str) -> Cue:
    span = at(needle)
    return Cue(kind, span.text, span.start, span.end)


@pytest.fixture
def quoted() -> ExtractionResult:
    """Quotes and claims: a named person, an anonymous source of an outlet, a floating quote, the outlet's voice."""
    chupriyan = Speaker("person", "Alexander Chupriyan", at("Alexander Chupriyan"), "E1")
    znak_source = Speaker("anonymous", "its source", at("its source"), None, "Znak.com")
    return ExtractionResult(
        article=Article.from_text(QUOTED_TEXT, url=URL, published=dt.date(2019, 1, 4)),
        quotes=[
            Quote("Q1", "direct", at('"The search and rescue operation is complete,"'), chupriyan, at("told"), "C1"),
            Quote("Q2", "direct", at('"three terrorists"'), znak_source, at("said"), "C3"),
            Quote("Q3", "floating", at("each victim will be subject"), None, None),
        ],
        claims=[
            Claim(
                "C1",
                at("The search and rescue operation is complete"),
                chupriyan,
                "reported",
                "positive",
                "past",
                [cue_at("attribution", "told")],
                quote_id="Q1",
            ),
            Claim(
                "C2",
                at("each victim will be subject to a payout of one million rubles"),
                Speaker("outlet", "Wikinews"),
                "asserted",
                "positive",
                "future",
                [cue_at("future", "will")],
            ),
            Claim(
                "C3",
                at('"three terrorists" were killed in a firefight on Monday night'),
                znak_source,
                "alleged",
                "positive",
                "past",
                [cue_at("attribution", "reported"), cue_at("attribution", "said")],
                quote_id="Q2",
            ),
        ],
        runs={"extractors": {"quotes": "quotes.v1"}, "spacy_model": "m", "newsledger": "0.1.0"},
        warnings=["closing quotation mark '”' at 12 without an opening one"],  # made up: exports pass it through
    )


def in_reading(needle: str) -> TextSpan:
    """The span of the first ``needle`` in :data:`READING`."""
    start = READING.index(needle)
    return TextSpan(needle, start, start + len(needle))


@pytest.fixture
def evented() -> ExtractionResult:
    """Two events coded by hand: the stabbing with every part, the arrest with no place, date or figures."""
    reading = in_reading("Reading")
    place = PlaceMention(
        reading.text, reading.start, reading.end, "Reading", 2639577, "GB", "England", 51.45625, -0.97113, "PPL", "city"
    )
    saturday = in_reading("Saturday evening")
    saadallah = in_reading("Khairi Saadallah")
    police = in_reading("Thames Valley Police")
    man = in_reading("A 25-year-old man")
    first_sentence = in_reading(READING[: READING.index(" A 25-year-old")])
    arrest_sentence = in_reading("A 25-year-old man was arrested by Thames Valley Police on suspicion of murder.")

    def counted(low: int, high: int | None, span: TextSpan) -> Count:
        return Count(low, high, span.text, span.start, span.end)

    stabbing = Event(
        id="V1",
        type="Violence against civilians",
        subtype="Attack",
        plover=Plover("ASSAULT", "beat"),
        trigger=in_reading("stabbing"),
        evidence=first_sentence,
        actor1=Actor(man, "Khairi Saadallah", "E2", "external/other", "LY"),
        actor2=Actor(in_reading("three people"), "civilians", None, "civilians", "GB"),
        target=None,
        location=place,
        date=EventDate(
            saturday.text, saturday.start, saturday.end, "2020-06-20TEV", "day", ("2020-06-20", "2020-06-20")
        ),
        fatalities=counted(3, 3, in_reading("three people")),
        injured=counted(3, 3, in_reading("three others")),
        arrested=counted(1, 1, man),
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id="C1",
        subtype_rule="classifier (0.91)",
    )
    arrest = Event(
        id="V2",
        type="Strategic developments",
        subtype="Arrests",
        plover=Plover("COERCE", "arrest"),
        trigger=in_reading("arrested"),
        evidence=arrest_sentence,
        actor1=Actor(police, "Thames Valley Police", "E1", "state forces", None),
        actor2=Actor(man, "Khairi Saadallah", "E2", None, None),
        target=None,
        location=None,
        date=None,
        fatalities=None,
        injured=None,
        arrested=counted(1, 1, man),
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id=None,
        subtype_rule="trigger: arrest",
    )
    return ExtractionResult(
        article=Article.from_text(READING, url=READING_URL, published=dt.date(2020, 6, 23)),
        entities=[
            Entity("E1", police.text, "ORG", police.start, police.end, "Thames Valley Police"),
            Entity("E2", saadallah.text, "PERSON", saadallah.start, saadallah.end, "Khairi Saadallah"),
        ],
        places=[place],
        claims=[Claim("C1", first_sentence, Speaker("outlet", "Wikinews"), "asserted", "positive", "past")],
        events=[stabbing, arrest],
        runs={"extractors": {"events": "events.v1"}, "spacy_model": "m", "newsledger": "0.1.0"},
    )
