"""Hand-built extraction results for the store tests (no spaCy model needed).

The texts are from Wikinews, by Wikinews contributors, CC BY 2.5: the opening
and three later paragraphs of "Magnitogorsk apartment building collapses after
explosion, dozens dead" (2019-01-04),
https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead ;
the whole of "Three killed, three others injured in stabbing attack in Reading,
UK" (2020-06-23),
https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK ;
and the first three paragraphs of "Serbian protesters try to storm Parliament;
fourth day of protests" (2020-07-12),
https://en.wikinews.org/wiki/Serbian_protesters_try_to_storm_Parliament;_fourth_day_of_protests
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
    ExtractionError,
    ExtractionResult,
    PlaceMention,
    Plover,
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


READING = (
    "On Saturday evening in Forbury Gardens in Reading, Berkshire, UK shortly before 19:00 local time (1800 UTC), "
    "a mass stabbing killed three people and injured three others. A 25-year-old man was arrested by Thames Valley "
    "Police on suspicion of murder. Reports named him on Sunday as Reading resident and Libyan national Khairi "
    "Saadallah. Police also announced on Sunday morning they were treating it as a terrorist incident.\n\n"
    "The Daily Telegraph cited a security source that mental health may be a factor in the attack. Witnesses, "
    "according to The Telegraph, said a man approached and attacked a group of middle-aged men, using a knife. "
    "Thames Valley Police soon arrived and detained the man, later identified as Khairi Saadallah. Saadallah came to "
    "the UK a number of years ago, after the Libyan Civil War. A counter terror police raid removed various items "
    "from Saadallah's flat, amongst them reportedly a circular saw.\n\n"
    "The head of the UK's counter terror police, Neil Basu, on Sunday said the police found nothing inconsistent "
    "with the attacker acting alone. He also said there is no suggestion of specific increased threat towards "
    "people in crowded places from terrorists. A Black Lives Matter protest had taken place in Forbury Gardens a "
    "few hours before the attack, but Basu also stated this was not connected to the crime."
)
SERBIA = (
    "Friday night was the fourth night in a row that Serbians protested; the protest started out against the "
    "government's anti-COVID-19 measures but has reportedly expanded into more general anti-government protests. "
    "Police director Vladimir Rebic said at least 71 people were arrested Friday night.\n\n"
    "Anti-government protests have been taking place since Tuesday in the Serbian capital Belgrade after the "
    "government announced new lockdown measures, which the government dropped after the protests began. According "
    "to reports, criticism within Serbia has said COVID-19 cases rose because President Aleksandar Vučić eased "
    "lockdown measures to win elections which were held on June 21. Public and private gatherings were allowed in "
    "May again before the election started, including sports events, religious events, and parties.\n\n"
    "The protesters clashed in front of parliament with the police and threw rocks, bottles and flares. As they "
    "tried to storm parliament, police in response fired tear gas at them. Director Rebic said the night's "
    "incidents injured fourteen police officers. A number of journalists were also injured after being attacked by "
    "protesters."
)
EVENT_RUNS = {**RUNS_V1, "extractors": {**RUNS_V1["extractors"], "quotes": "quotes.v1", "events": "events.v1"}}


def sentence(text: str, first_words: str) -> TextSpan:
    """The sentence of ``text`` that starts with ``first_words``, up to and without its full stop."""
    start = text.index(first_words)
    return TextSpan(text[start : text.index(".", start)], start, text.index(".", start))


def count(text: str, low: int | None, high: int | None, needle: str, occurrence: int = 0) -> Count:
    return Count(low, high, needle, *span(text, needle, occurrence))


def place_at(text: str, needle: str, occurrence: int = 0, **gazetteer) -> PlaceMention:
    return PlaceMention(needle, *span(text, needle, occurrence), **gazetteer)


def reading_result(runs: dict = EVENT_RUNS) -> ExtractionResult:
    """Three events coded by hand: every field set, then the parts an event may lack.

    V1 the stabbing has every optional part, each count exact, later mentions
    and two quotes speaking of it; V2 the detention has no place, a date only
    inferred from publication (no words), an actor with no category or
    country, and no counts; V3 the raid has no PLOVER category, no second
    actor, no place, no date and no claim. PLOVER codes physical assault
    ASSAULT/beat (CAMEO 182 in PLOVER's conversion table).
    """
    text = READING
    reading = place_at(
        text,
        "Reading",
        name="Reading",
        geonameid=2639577,
        country_code="GB",
        admin1="England",
        lat=51.45625,
        lon=-0.97113,
        feature_code="PPL",
        precision="city",
    )
    saturday = TimeMention(
        "Saturday evening",
        *span(text, "Saturday evening"),
        value="2020-06-20TEV",
        precision="day",
        interval=("2020-06-20", "2020-06-20"),
    )
    police = Actor(text_span(text, "Thames Valley Police", 1), "Thames Valley Police", "E1", "state forces", "GB")
    quotes = [
        Quote(
            id="Q1",
            kind="indirect",
            content=text_span(text, "mental health may be a factor in the attack"),
            speaker=Speaker(
                "anonymous", "a security source", text_span(text, "a security source"), None, "The Daily Telegraph"
            ),
            cue=text_span(text, "cited"),
        ),
        Quote(
            id="Q2",
            kind="indirect",
            content=text_span(text, "a man approached and attacked a group of middle-aged men, using a knife"),
            speaker=Speaker("group", "Witnesses", text_span(text, "Witnesses")),
            cue=text_span(text, "said"),
        ),
    ]
    stabbing = Event(
        id="V1",
        type="Violence against civilians",
        subtype="Attack",
        plover=Plover("ASSAULT", "beat"),
        trigger=text_span(text, "stabbing"),
        evidence=sentence(text, "On Saturday evening"),
        actor1=Actor(text_span(text, "A 25-year-old man"), "Khairi Saadallah", "E2", "external/other", "LY"),
        actor2=Actor(text_span(text, "three people", 0), "civilians", None, "civilians", "GB"),
        target=text_span(text, "a group of middle-aged men"),
        location=reading,
        date=EventDate(
            saturday.text, saturday.start, saturday.end, saturday.value, saturday.precision, saturday.interval
        ),
        fatalities=count(text, 3, 3, "three people"),
        injured=count(text, 3, 3, "three others"),
        arrested=count(text, 1, 1, "A 25-year-old man"),
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id="C1",
        subtype_rule="classifier (0.91)",
        # "attack" 0, "attacked" 1, "attacker" 2, "attack" 3: the two nouns and the verb, not the attacker.
        mentions=[text_span(text, "attack", 0), text_span(text, "attacked"), text_span(text, "attack", 3)],
        statements=["Q1", "Q2"],
    )
    detention = Event(
        id="V2",
        type="Strategic developments",
        subtype="Arrests",
        plover=Plover("COERCE", "arrest"),
        trigger=text_span(text, "detained"),
        evidence=sentence(text, "Thames Valley Police soon arrived"),
        actor1=police,
        actor2=Actor(text_span(text, "the man"), "Khairi Saadallah", "E2", None, None),
        target=None,
        location=None,
        date=EventDate(None, None, None, None, "unknown", ("2020-06-16", "2020-06-23"), inferred=True),
        fatalities=None,
        injured=None,
        arrested=None,
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id="C2",
        subtype_rule="trigger: detain",
    )
    raid = Event(
        id="V3",
        type="Strategic developments",
        subtype="Other",
        plover=None,
        trigger=text_span(text, "raid"),
        evidence=sentence(text, "A counter terror police raid"),
        actor1=Actor(text_span(text, "counter terror police"), "counter terror police", None, "state forces", "GB"),
        actor2=None,
        target=text_span(text, "Saadallah's flat"),
        location=None,
        date=None,
        fatalities=None,
        injured=None,
        arrested=None,
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id=None,
        subtype_rule="classifier (0.38)",
    )
    outlet = Speaker("outlet", "Wikinews")
    return ExtractionResult(
        article=Article.from_text(
            text,
            url="https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK",
            title="Three killed, three others injured in stabbing attack in Reading, UK",
            outlet="Wikinews",
            published=dt.date(2020, 6, 23),
        ),
        entities=[
            entity(text, "E1", "Thames Valley Police", "ORG"),
            # The same entity mentioned again: both mentions share its key.
            Entity("E1", police.mention.text, "ORG", police.mention.start, police.mention.end, police.canonical),
            entity(text, "E2", "Khairi Saadallah", "PERSON"),
        ],
        times=[saturday],
        places=[reading],
        quotes=quotes,
        claims=[
            Claim("C1", sentence(text, "On Saturday evening"), outlet, "asserted", "positive", "past"),
            Claim("C2", detention.evidence, outlet, "asserted", "positive", "past"),
        ],
        events=[stabbing, detention, raid],
        runs=runs,
    )


def serbia_result(runs: dict = EVENT_RUNS) -> ExtractionResult:
    """A campaign of protests and an attempted storming, coded by hand.

    V1 is an aggregate (the fourth night of protests) with an open-ended
    arrest count ("at least 71": max None), its place taken from a later
    mention, and a quote speaking of it; V2 is attempted ("tried to storm"),
    dated from an earlier paragraph (``inferred``), with no claim key.
    """
    text = SERBIA
    belgrade = place_at(
        text,
        "Belgrade",
        name="Belgrade",
        geonameid=792680,
        country_code="RS",
        admin1="Central Serbia",
        lat=44.80401,
        lon=20.46513,
        feature_code="PPLC",
        precision="city",
    )
    friday = TimeMention(
        "Friday night",
        *span(text, "Friday night"),
        value="2020-07-10TNI",
        precision="day",
        interval=("2020-07-10", "2020-07-10"),
    )
    rebic = Speaker("person", "Vladimir Rebic", text_span(text, "Vladimir Rebic"), "E2")
    arrested = text_span(text, "at least 71 people were arrested Friday night")
    protests = Event(
        id="V1",
        type="Protests",
        subtype="Protest with intervention",
        plover=Plover("PROTEST", "demo"),
        trigger=text_span(text, "protested"),
        evidence=sentence(text, "Friday night was"),
        actor1=Actor(text_span(text, "Serbians"), "Serbians", "E1", "protesters", "RS"),
        actor2=None,
        target=None,
        location=belgrade,
        date=EventDate(friday.text, friday.start, friday.end, friday.value, friday.precision, friday.interval),
        fatalities=None,
        injured=None,
        arrested=count(text, 71, None, "at least 71 people"),
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id=None,
        aggregate=True,
        subtype_rule="classifier (0.62)",
        mentions=[text_span(text, "protest", 1), text_span(text, "protests", 1)],
        statements=["Q1"],
    )
    storming = Event(
        id="V2",
        type="Riots",
        subtype="Violent demonstration",
        plover=Plover("PROTEST", "riot"),
        trigger=text_span(text, "storm"),
        evidence=sentence(text, "As they tried to storm"),
        actor1=Actor(text_span(text, "they"), "protesters", None, "rioters", "RS"),
        actor2=None,
        target=text_span(text, "parliament", 1),
        location=None,
        date=EventDate(friday.text, friday.start, friday.end, friday.value, friday.precision, friday.interval, True),
        fatalities=None,
        injured=count(text, 14, 14, "fourteen police officers"),
        arrested=None,
        certainty="asserted",
        polarity="positive",
        time_status="past",
        claim_id=None,
        attempted=True,
        subtype_rule="trigger: storm",
    )
    return ExtractionResult(
        article=Article.from_text(
            text,
            url="https://en.wikinews.org/wiki/Serbian_protesters_try_to_storm_Parliament;_fourth_day_of_protests",
            outlet="Wikinews",
            published=dt.date(2020, 7, 12),
        ),
        entities=[entity(text, "E1", "Serbians", "NORP"), entity(text, "E2", "Vladimir Rebic", "PERSON")],
        times=[friday],
        places=[belgrade],
        quotes=[Quote("Q1", "indirect", arrested, rebic, text_span(text, "said"), "C1")],
        claims=[Claim("C1", arrested, rebic, "reported", "positive", "past", [cue(text, "attribution", "said")], "Q1")],
        events=[protests, storming],
        runs=runs,
    )


def bare_result(text: str, runs: dict = RUNS_V1, errors: tuple[ExtractionError, ...] = ()) -> ExtractionResult:
    """An article with no metadata and no mentions: what a failed extraction stores."""
    return ExtractionResult(
        article=Article(id=Article.from_text(text).id, text=text, language=None), runs=runs, errors=list(errors)
    )


@pytest.fixture
def store(store_url):
    """A fresh store, once an SQLite file and once a PostgreSQL database (``[sqlite]``, ``[postgresql]``)."""
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def result() -> ExtractionResult:
    return magnitogorsk_result()


@pytest.fixture
def quoted() -> ExtractionResult:
    return quoted_result()


@pytest.fixture
def reading() -> ExtractionResult:
    return reading_result()


@pytest.fixture
def serbia() -> ExtractionResult:
    return serbia_result()


@pytest.fixture
def make_bare():
    """Builds :func:`bare_result`s (test modules take builders as fixtures, not imports)."""
    return bare_result
