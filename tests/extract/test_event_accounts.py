"""One event per real event in an article: mentions merged, background apart, totals never a toll.

The reports here are written for these tests (no evaluation text is copied):
a local shooting report with a recalled earlier shooting, a boat-strike
report with a campaign total and an earlier strike, and reports that check
the lead's date and the dateline's place fill the main event.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import Article

pytestmark = pytest.mark.model

SHOOTING = """\
SPRINGFIELD, Ill. (AP) — A 24-year-old man was shot and killed late Saturday outside a bar on the east side, police said.

Officers found the man lying in the parking lot just after 11 p.m. He was pronounced dead at the scene.

The shooting is the second at the bar this year. In March 2016, a man was shot at the same bar and survived.

Police have not made an arrest and asked anyone with information to call them.
"""

BOATS = """\
The U.S. military struck a boat in the eastern Pacific on Tuesday, killing all three people aboard, Southern Command said.

The strike brings the death toll of the campaign to at least 64 since September. More than 80 people have been killed in 21 strikes since September.

On Sept. 2, a strike on a boat in the Caribbean killed 11 people.
"""


@pytest.fixture(scope="module")
def shooting(pipeline):
    return pipeline.extract(Article.from_text(SHOOTING, published=dt.date(2016, 7, 11)))


@pytest.fixture(scope="module")
def boats(pipeline):
    return pipeline.extract(Article.from_text(BOATS, published=dt.date(2025, 10, 23)))


def _violent(result, background=False):
    return [
        e for e in result.events
        if e.type in {"Violence against civilians", "Battles", "Explosions/Remote violence"}
        and not e.aggregate and e.background == background
    ]


def _read(result, span):
    assert result.article.text[span.start : span.end] == span.text
    return span.text


def test_the_shooting_is_one_event_with_its_mentions(shooting):
    main = _violent(shooting)
    assert len(main) == 1, [(e.trigger.text, e.date.interval) for e in main]
    event = main[0]
    words = {event.trigger.text, *(m.text for m in event.mentions)}
    assert {"shot", "shooting"} <= words | {"killed"}
    for mention in event.mentions:
        _read(shooting, mention)


def test_the_main_event_takes_its_day_place_and_toll_from_the_whole_article(shooting):
    event = _violent(shooting)[0]
    assert event.date.interval == ("2016-07-09", "2016-07-09")  # "late Saturday", published Monday 11 July
    assert event.location is not None and event.location.name == "Springfield"
    assert event.location.admin1 == "Illinois"
    assert (event.fatalities.min, event.fatalities.max) == (1, 1)
    assert event.field_rules["date"] and event.field_rules["location"] and event.field_rules["fatalities"]
    _read(shooting, event.fatalities)


def test_a_recalled_shooting_is_background_with_its_own_date_and_lends_nothing(shooting):
    background = _violent(shooting, background=True)
    assert len(background) == 1
    earlier = background[0]
    assert earlier.date.interval == ("2016-03-01", "2016-03-31")
    assert earlier.fatalities is None or earlier.fatalities.min == 0
    main = _violent(shooting)[0]
    assert all(m.start < earlier.trigger.start or m.start > earlier.evidence.end for m in main.mentions)


def test_a_boat_strike_keeps_its_own_toll_and_the_campaign_total_is_an_aggregate(boats):
    main = _violent(boats)
    assert len(main) == 1
    strike = main[0]
    assert strike.subtype == "Air/drone strike"
    assert (strike.fatalities.min, strike.fatalities.max) == (3, 3)
    assert strike.date.interval == ("2025-10-21", "2025-10-21")
    assert strike.location is not None and strike.location.precision in {"water", "region"}
    totals = [e for e in boats.events if e.aggregate]
    assert totals, "the running total must be kept as an aggregate"
    assert all(e.fatalities is None or e.fatalities.min in {81, 64} for e in totals)


def test_an_earlier_dated_strike_is_background_with_its_own_toll(boats):
    background = _violent(boats, background=True)
    assert len(background) == 1
    earlier = background[0]
    assert earlier.date.interval == ("2025-09-02", "2025-09-02")
    assert (earlier.fatalities.min, earlier.fatalities.max) == (11, 11)


def test_no_event_takes_a_running_total_as_its_toll(boats):
    for event in boats.events:
        if not event.aggregate and event.fatalities is not None:
            assert event.fatalities.min not in {64, 80, 81}, event.fatalities.text


def test_a_separate_shooting_in_another_town_is_another_event(pipeline):
    text = (
        "A woman was shot Sunday night in Gary, Indiana, police said.\n\n"
        "In a separate shooting Sunday, a man was wounded in Hammond.\n"
    )
    result = pipeline.extract(Article.from_text(text, published=dt.date(2016, 5, 2)))
    events = _violent(result)
    assert len(events) == 2, [(e.trigger.text, e.location) for e in events]


def test_a_page_stamp_does_not_date_the_event(pipeline):
    text = (
        "Posted: Tuesday, May 3, 2016 8:18 PM EST\n\n"
        "A teenager was shot in the leg Monday evening, police said.\n"
    )
    result = pipeline.extract(Article.from_text(text, published=dt.date(2016, 5, 3)))
    event = _violent(result)[0]
    assert event.date.interval == ("2016-05-02", "2016-05-02")
    assert (event.injured.min, event.injured.max) == (1, 1)  # shot and not said to have died


def test_no_place_from_a_name_a_base_a_caption_or_a_home_town(pipeline):
    text = (
        "Photo: a police car outside the Miami home (Photo credit: Jane Roe/Springfield Herald)\n\n"
        "The Florida-based Southern Command said its forces struck a vessel on Monday, killing two people.\n\n"
        "John Doe, 31, of Houston, was among those killed, the Pentagon said.\n"
    )
    result = pipeline.extract(Article.from_text(text, published=dt.date(2025, 11, 5)))
    event = _violent(result)[0]
    place = event.location
    assert place is None or place.name not in {"Florida", "Miami", "Houston", "Springfield"}, place


def test_a_dateline_places_the_main_event(pipeline):
    text = "DAYTON, Ohio — Two men were wounded in a shooting late Friday, police said.\n"
    result = pipeline.extract(Article.from_text(text, published=dt.date(2016, 6, 11)))
    event = _violent(result)[0]
    assert event.location is not None and (event.location.name, event.location.admin1) == ("Dayton", "Ohio")
    assert event.field_rules["location"].startswith(("dateline", "its own words"))
    assert (event.injured.min, event.injured.max) == (2, 2)
    assert event.date.interval == ("2016-06-10", "2016-06-10")
