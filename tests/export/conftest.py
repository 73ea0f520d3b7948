"""A hand-built ``newsledger/1`` result for the export tests.

The text is from the Wikinews article "Magnitogorsk apartment building collapses
after explosion, dozens dead" (2019-01-04), by Wikinews contributors, CC BY 2.5,
https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import Article, Entity, ExtractionResult, PlaceMention, TimeMention

TEXT = "President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday."
URL = "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"


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
