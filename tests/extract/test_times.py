"""Time expressions: the TIMEX3 normaliser by itself, then the extractor on real news text.

The normaliser tests need no model. The extractor tests load the spaCy pipeline
(``model``): the seed report's acceptance list (read from the shared data
folder, never copied), and sentences quoted from English Wikinews articles
(https://en.wikinews.org, by Wikinews contributors, CC BY 2.5; each article's
address is beside its sentences) with hand-written expectations.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract import timex
from newsledger.extract.timex import FUTURE, PAST, PRESENT, normalise
from newsledger.extract.timeunits import decode, floor, unit_value
from newsledger.schema import TIME_PRECISIONS

D = dt.date
SEED_PUBLISHED = D(2025, 12, 30)  # a Tuesday


# --- the normaliser ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "direction", "value", "precision", "interval"),
    [
        # The news conventions of the seed report, published Tuesday 2025-12-30.
        ("Friday", SEED_PUBLISHED, PAST, "2025-12-26", "day", ("2025-12-26", "2025-12-26")),
        ("Monday", SEED_PUBLISHED, PAST, "2025-12-29", "day", ("2025-12-29", "2025-12-29")),
        ("Tuesday", SEED_PUBLISHED, PAST, "2025-12-30", "day", ("2025-12-30", "2025-12-30")),
        ("Friday", SEED_PUBLISHED, FUTURE, "2026-01-02", "day", ("2026-01-02", "2026-01-02")),
        ("next Monday", SEED_PUBLISHED, None, "2026-01-05", "day", ("2026-01-05", "2026-01-05")),
        ("last Tuesday", SEED_PUBLISHED, None, "2025-12-23", "day", ("2025-12-23", "2025-12-23")),
        ("last week", SEED_PUBLISHED, None, "2025-W52", "week", ("2025-12-22", "2025-12-28")),
        ("this week", SEED_PUBLISHED, None, "2026-W01", "week", ("2025-12-29", "2026-01-04")),
        ("in October", SEED_PUBLISHED, PAST, None, None, None),  # the preposition is no part of it
        ("October", SEED_PUBLISHED, PAST, "2025-10", "month", ("2025-10-01", "2025-10-31")),
        ("March", SEED_PUBLISHED, PAST, "2025-03", "month", ("2025-03-01", "2025-03-31")),
        ("March", SEED_PUBLISHED, None, "2025-03", "month", ("2025-03-01", "2025-03-31")),
        ("March", SEED_PUBLISHED, FUTURE, "2026-03", "month", ("2026-03-01", "2026-03-31")),
        ("December", SEED_PUBLISHED, FUTURE, "2025-12", "month", ("2025-12-01", "2025-12-31")),
        ("earlier this month", SEED_PUBLISHED, None, "2025-12", "month", ("2025-12-01", "2025-12-30")),
        ("later this year", D(2025, 6, 10), None, "2025", "year", ("2025-06-10", "2025-12-31")),
        ("last year", SEED_PUBLISHED, None, "2024", "year", ("2024-01-01", "2024-12-31")),
        ("yesterday", SEED_PUBLISHED, None, "2025-12-29", "day", ("2025-12-29", "2025-12-29")),
        ("tonight", SEED_PUBLISHED, None, "2025-12-30TNI", "day", ("2025-12-30", "2025-12-30")),
        ("Friday morning", SEED_PUBLISHED, PAST, "2025-12-26TMO", "day", ("2025-12-26", "2025-12-26")),
        ("9 a.m. Tuesday", D(2000, 4, 3), FUTURE, "2000-04-04T09:00", "day", ("2000-04-04", "2000-04-04")),
        ("two years ago", SEED_PUBLISHED, None, "2023", "year", ("2023-01-01", "2023-12-31")),
        ("three weeks ago", SEED_PUBLISHED, None, "2025-W50", "week", ("2025-12-08", "2025-12-14")),
        ("the fourth quarter", D(1998, 1, 8), PAST, "1997-Q4", "quarter", ("1997-10-01", "1997-12-31")),
        ("third-quarter", D(1989, 10, 30), FUTURE, "1989-Q3", "quarter", ("1989-07-01", "1989-09-30")),
        ("this summer", D(1998, 2, 13), None, "1998-SU", "quarter", ("1998-06-01", "1998-08-31")),
        # Absolute expressions need no publication date.
        ("2019", None, None, "2019", "year", ("2019-01-01", "2019-12-31")),
        ("Jan. 8, 1998", None, None, "1998-01-08", "day", ("1998-01-08", "1998-01-08")),
        ("8 January 2025", None, None, "2025-01-08", "day", ("2025-01-08", "2025-01-08")),
        ("12/26/2025", None, None, "2025-12-26", "day", ("2025-12-26", "2025-12-26")),
        ("January 1998", None, None, "1998-01", "month", ("1998-01-01", "1998-01-31")),
        ("the 1990s", None, None, "199", "decade", ("1990-01-01", "1999-12-31")),
        ("the late 1970s", None, None, "197", "decade", ("1970-01-01", "1979-12-31")),
        ("the 20th century", None, None, "19", "unknown", ("1900-01-01", "1999-12-31")),
        ("the third quarter of 1989", None, None, "1989-Q3", "quarter", ("1989-07-01", "1989-09-30")),
        ("fiscal 1990", None, None, "1990", "year", ("1990-01-01", "1990-12-31")),
        ("nineteen ninety-six", None, None, "1996", "year", ("1996-01-01", "1996-12-31")),
        ("2025-W52", None, None, "2025-W52", "week", ("2025-12-22", "2025-12-28")),
        # Durations, vague references and recurring times carry no interval.
        ("the past three months", SEED_PUBLISHED, None, "P3M", "unknown", None),
        ("the past year", SEED_PUBLISHED, None, "P1Y", "unknown", None),  # not calendar 2024
        ("two and a half years", None, None, "P2Y6M", "unknown", None),
        ("the 80's", D(2009, 3, 2), None, "198", "decade", ("1980-01-01", "1989-12-31")),
        ("two-day", None, None, "P2D", "unknown", None),
        ("2 1/2 years", None, None, "P2Y6M", "unknown", None),
        ("a minute and a half", None, None, "PT1M30S", "unknown", None),
        ("more than four hours", None, None, "PT4H", "unknown", None),
        ("months", None, None, "PXM", "unknown", None),
        ("recent months", SEED_PUBLISHED, PAST, "PAST_REF", "unknown", None),
        ("now", SEED_PUBLISHED, None, "PRESENT_REF", "unknown", None),
        ("the future", None, None, "FUTURE_REF", "unknown", None),
        ("several years ago", SEED_PUBLISHED, None, "PAST_REF", "unknown", None),
        ("daily", None, None, "P1D", "unknown", None),
        ("each Thursday", None, None, "XXXX-WXX-4", "unknown", None),
    ],
)
def test_normalise(text, anchor, direction, value, precision, interval):
    result = normalise(text, anchor, direction)
    if value is None:
        assert result is None
        return
    assert result is not None, text
    assert (result.value, result.precision, result.interval) == (value, precision, interval)


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("a year earlier", "1989-Q3", "1988-Q3"),  # the quarter the report compares
        ("a year ago", "1989-Q3", "1988-Q3"),
        ("seven years earlier", "1989-Q3", "1982-Q3"),
        ("the year-ago quarter", "1989-Q3", "1988-Q3"),
        ("seven days earlier", "2019-10-13", "2019-10-06"),
        ("the next day", "2019-03-15", "2019-03-16"),
        ("the following year", "2011", "2012"),
        ("the quarter", "1989-Q3", "1989-Q3"),
        ("the 1988 period", "1989-Q3", "1988-Q3"),
    ],
)
def test_normalise_counts_from_the_date_mentioned_before(text, reference, value):
    result = normalise(text, D(1989, 11, 1), PAST, reference)
    assert result is not None and result.value == value
    assert timex.refers_back(result)


def test_ago_counts_from_publication_beyond_the_compared_year():
    # "a year ago" after a quarter is that quarter's comparison; "two years ago" is plain deixis.
    result = normalise("two years ago", D(1989, 11, 1), PAST, "1989-Q3")
    assert result is not None and result.value == "1987" and not timex.refers_back(result)


@pytest.mark.parametrize(
    ("text", "precision"),
    [("Friday", "day"), ("last week", "week"), ("October", "month"), ("earlier this month", "month"),
     ("next year", "year"), ("two years ago", "year"), ("January 3", "day"), ("the fourth quarter", "quarter")],
)
def test_relative_expression_without_publication_date(text, precision):
    result = normalise(text, None, PAST)
    assert result is not None
    assert result.value is None and result.interval is None
    assert result.precision == precision
    assert result.note == timex.NO_ANCHOR_NOTE


@pytest.mark.parametrize("text", ["", "   ", "the", "police", "45 years old", "the fall of Kabul", "May be", "1,500"])
def test_normalise_refuses_what_is_no_time(text):
    result = normalise(text, SEED_PUBLISHED, PAST)
    assert result is None or result.value is None


_PHRASE_PARTS = [
    "last", "next", "this", "the", "early", "earlier", "mid-", "of", "ago", "later", "past", "a", "two", "several",
    "Friday", "March", "Dec.", "3", "26th", "1990s", "'80s", "2025", "quarter", "week", "weekend", "month", "year",
    "years", "days", "hours", "night", "morning", "5", "p.m.", "noon", "fiscal", "third", "half", "summer",
    "Christmas", "each", "daily", "now", "recent", "century", "20th", "-", "and a half", "'s", ",", "W52", "Q3",
]
_phrases = st.lists(st.sampled_from(_PHRASE_PARTS), min_size=1, max_size=5).map(" ".join)
_anchors = st.none() | st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
_directions = st.sampled_from([None, PAST, PRESENT, FUTURE])
_references = st.none() | st.sampled_from(["1989-Q3", "2019-10-13", "2011", "2025-W52", "199", "nonsense", "9999-12"])


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=60) | _phrases, anchor=_anchors, direction=_directions, reference=_references)
def test_normalise_never_raises_and_gives_well_formed_results(text, anchor, direction, reference):
    result = normalise(text, anchor, direction, reference)
    if result is None:
        return
    assert result.precision in TIME_PRECISIONS
    if result.interval is not None:
        start, end = (D.fromisoformat(day) for day in result.interval)
        assert start <= end
        assert result.value is not None and decode(result.value) is not None
    if result.value is None:
        assert result.note


@settings(max_examples=200, deadline=None)
@given(text=_phrases, anchor=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), direction=_directions)
def test_normalising_a_value_again_changes_nothing(text, anchor, direction):
    first = normalise(text, anchor, direction)
    if first is None or first.value is None or decode(first.value) is None:
        return
    again = normalise(first.value, anchor, direction)
    assert again is not None and again.value == first.value


@given(day=st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31)),
       kind=st.sampled_from(["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade"]))
def test_unit_values_decode_to_their_unit(day, kind):
    start = floor(kind, day)
    assert decode(unit_value(kind, start)) == (kind, start)


# --- the extractor on real text ------------------------------------------------------------------

def _mentions(nlp, text, published):
    from newsledger.extract.times import extract_times

    return extract_times(nlp(text), published)


def _the(mentions, text, nth=0):
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[nth]


@pytest.fixture(scope="module")
def seed_times(nlp, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    return text, _mentions(nlp, text, SEED_PUBLISHED)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "nth", "value", "precision", "interval"),
    [
        ("Friday", 0, "2025-12-26", "day", ("2025-12-26", "2025-12-26")),
        ("Monday", 0, "2025-12-29", "day", ("2025-12-29", "2025-12-29")),
        ("last week", 0, "2025-W52", "week", ("2025-12-22", "2025-12-28")),
        ("October", 0, "2025-10", "month", ("2025-10-01", "2025-10-31")),
        ("October", 1, "2025-10", "month", ("2025-10-01", "2025-10-31")),
        ("March", 0, "2025-03", "month", ("2025-03-01", "2025-03-31")),
    ],
)
def test_seed_acceptance(seed_times, text, nth, value, precision, interval):
    _, mentions = seed_times
    mention = _the(mentions, text, nth)
    assert (mention.value, mention.precision, mention.interval) == (value, precision, interval)


@pytest.mark.model
def test_seed_earlier_this_month_lies_in_december(seed_times):
    _, mentions = seed_times
    found = [m for m in mentions if "this month" in m.text]
    assert len(found) == 2  # "earlier this month" twice
    for mention in found:
        assert mention.value == "2025-12" and mention.precision == "month"
        assert "2025-12-01" <= mention.interval[0] <= mention.interval[1] <= "2025-12-31"


@pytest.mark.model
@pytest.mark.parametrize("text", ["recent months", "months"])
def test_seed_vague_months_are_no_dates(seed_times, text):
    _, mentions = seed_times
    mention = _the(mentions, text)
    assert mention.value in ("PAST_REF", "PXM") and mention.interval is None
    assert not re.match(r"\d{4}", mention.value)


@pytest.mark.model
def test_seed_offsets_and_no_spurious_dates(seed_times):
    text, mentions = seed_times
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    # "a second sanctioned oil tanker" and the programme "60 Minutes" are no durations.
    assert not any(m.text in ("a second", "60 Minutes") for m in mentions)


WIKINEWS = [
    # https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
    ("2019-01-04", "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia.",
     [("Monday", "2018-12-31", "day")]),
    ("2019-01-04", "A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work yesterday.",
     [("yesterday", "2019-01-03", "day")]),
    ("2019-01-04", "Search and rescue was suspended on Tuesday, with Zinichev describing the \"real threat\".",
     [("Tuesday", "2019-01-01", "day")]),
    ("2019-01-04", "He estimated this would take 24 hours.", [("24 hours", "PT24H", "unknown")]),
    ("2019-01-04", "Znak.com reported its source said \"three terrorists\" were killed in a firefight on Monday night.",
     [("Monday night", "2018-12-31TNI", "day")]),
    # https://en.wikinews.org/wiki/United_States_military_kills_Qasem_Soleimani
    ("2020-01-05", "As of January 3, no evidence of Israeli involvement has been reported.",
     [("January 3", "2020-01-03", "day")]),
    ("2020-01-05", "Sayyid Ali Hosseini Khamenei, the Supreme Leader of Iran, ordered three days of public mourning after the strike.",
     [("three days", "P3D", "unknown")]),
    # https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27
    ("2019-01-23", "It was founded in 1992.", [("1992", "1992", "year")]),
    ("2019-01-23", "Mahan has been the subject of United States sanctions since 2011.", [("2011", "2011", "year")]),
    # https://en.wikinews.org/wiki/New_Zealand_mosque_murder_suspect_appears_in_court_charged_with_murder
    ("2019-03-17", "Judge Paul Kellar ordered the accused remain in custody until his next court appearance on April 5.",
     [("April 5", "2019-04-05", "day")]),
    ("2019-03-17", "Prime Minister Ardern said at a press conference yesterday morning the gun laws should be changed.",
     [("yesterday morning", "2019-03-16TMO", "day")]),
    ("2019-03-17", "After his arrest on Friday, Brenton stayed in the Christchurch central police station overnight "
     "before appearing in court on the next day.", [("Friday", "2019-03-15", "day"), ("the next day", "2019-03-16", "day")]),
    ("2019-03-17", "She said, \"I have instructed ODESC to report to Cabinet on Monday on these events.\"",
     [("Monday", "2019-03-18", "day")]),
    # https://en.wikinews.org/wiki/Iraqi_Parliament_votes_for_expulsion_of_United_States_troops
    ("2020-01-06", "The move follows the United States' killing of Qasem Soleimani in an airstrike last week.",
     [("last week", "2020-W01", "week")]),
    # https://en.wikinews.org/wiki/US_announces_restrictions_on_flying_to_Cuba
    ("2019-10-27", "The new policy, which is to take effect on December 10, prohibits all flights to Cuba.",
     [("December 10", "2019-12-10", "day")]),
    # https://en.wikinews.org/wiki/Kurds_announce_deal_with_Assad%27s_government_as_Turkey_continues_offensive
    ("2019-10-15", "Also on Sunday, the United States announced a complete withdrawal from the region, beyond the "
     "withdrawal from the \"immediate area\" first announced seven days earlier on October 6.",
     [("Sunday", "2019-10-13", "day"), ("seven days earlier", "2019-10-06", "day"), ("October 6", "2019-10-06", "day")]),
    # https://en.wikinews.org/wiki/Belarussian_opposition_presidential_candidate_Sviatlana_Tsikhanouskaya_holds_rally_in_Minsk
    ("2020-08-03", "The rally was reportedly one of the biggest political events in Belarus in a decade.",
     [("a decade", "P10Y", "unknown")]),
    # https://en.wikinews.org/wiki/Four_stabbed_to_death_at_Paris_police_headquarters
    ("2019-10-05", "According to Agence France-Presse, the man had converted to Islam a year-and-a-half ago.",
     [("a year-and-a-half ago", "2018-04", "month")]),
    # https://en.wikinews.org/wiki/Bystanders_foil_knife-weilding_man_on_London_Bridge
    ("2019-12-02", "Khan was convicted of terrorism years ago for his participation in a London Stock Exchange bomb plan "
     "and served eight years of a sixteen-year sentence.",
     [("years ago", "PAST_REF", "unknown"), ("eight years", "P8Y", "unknown"), ("sixteen-year", "P16Y", "unknown")]),
    # https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_England
    ("2020-06-23", "Saadallah came to the UK a number of years ago, after the Libyan Civil War.",
     [("a number of years ago", "PAST_REF", "unknown")]),
    # https://en.wikinews.org/wiki/Police_shoot_man_dead_after_%27terrorist-related%27_stabbings_in_London
    ("2020-02-05", "The attacker was placed under police surveillance after being released from prison a week ago.",
     [("a week ago", "2020-W05", "week")]),
    # https://en.wikinews.org/wiki/South_London_police_officer_Matt_Ratana_shot_in_custody_centre
    ("2020-09-30", "Reportedly the sergeant was due to retire in two months.", [("two months", "P2M", "unknown")]),
    # https://en.wikinews.org/wiki/Hong_Kong_protests_continue_through_police_opposition
    ("2019-08-19", "Protesters started at the park, Causeway Bay, and Tin Hau early yesterday afternoon.",
     [("early yesterday afternoon", "2019-08-18TAF", "day")]),
    # https://en.wikinews.org/wiki/Hong_Kong%27s_Carrie_Lam_delivers_speech_via_video_after_protesters_disrupt_address
    ("2019-10-16", "In mid-August, the government lowered the economic growth forecast for 2019, noting it was the "
     "worst their economy had performed since 2009.",
     [("mid-August", "2019-08", "month"), ("2019", "2019", "year"), ("2009", "2009", "year")]),
    ("2020-09-30", "Ratana was shot at the Croydon, South London custody centre, at roughly 2am local time (0100 UTC) "
     "on Friday by a prisoner.", [("2am local time (0100 UTC) on Friday", "2020-09-25T02:00", "day")]),
    # https://en.wikinews.org/wiki/Kurds_announce_deal_with_Assad%27s_government_as_Turkey_continues_offensive
    ("2019-10-15", "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an agreement.",
     [("Late on Sunday", "2019-10-13", "day")]),
    # https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
    ("2019-01-04", "President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday, observing the rescue mission. "
     "In a meeting that day he was told of \"presumably between 36 and 40 people under the rubble\".",
     [("Monday", "2018-12-31", "day"), ("that day", "2018-12-31", "day")]),
    # https://en.wikinews.org/wiki/Suspect_in_Kenosha,_Wisconsin_protester_killings_released_from_custody_on_bail
    # (no day named before it: "that night" stays unresolved rather than taking the publication date)
    ("2020-11-22", "Rittenhouse contended he would have died had he not been armed that night.",
     [("that night", None, "day")]),
    # http://en.wikinews.org/wiki/Aer_Lingus_buys_twelve_new_long-haul_Airbus_jets (also in MEANTIME)
    ("2007-06-09", "Aer Lingus already operates an all-Airbus fleet consisting of 30 short-haul aircraft (24 A320s and "
     "6 A321s) and eight long-haul A330s, and had made the purchase a top priority since the formerly state-owned "
     "company was floated on British and Irish stock markets in September 2006.",
     [("September 2006", "2006-09", "month")]),
    # https://en.wikinews.org/wiki/Charlottesville,_Virginia_killer_sentenced_to_life_in_prison
    ("2019-07-01", "On Friday, Judge Michael Urbanski sentenced Ohio man James Alex Fields, now 22, to life in prison.",
     [("Friday", "2019-06-28", "day"), ("now", "PRESENT_REF", "unknown")]),
]


@pytest.mark.model
@pytest.mark.parametrize(("published", "sentence", "expected"), WIKINEWS)
def test_wikinews_sentences(nlp, published, sentence, expected):
    mentions = _mentions(nlp, sentence, D.fromisoformat(published))
    assert [(m.text, m.value, m.precision) for m in mentions] == expected
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        # https://en.wikinews.org/wiki/Four_stabbed_to_death_at_Paris_police_headquarters
        "Officials said the man was 45 years old and born in the French territory of Martinique.",
        # https://en.wikinews.org/wiki/South_London_police_officer_Matt_Ratana_shot_in_custody_centre
        "54-year-old Metropolitan Police sergeant Matiu \"Matt\" Ratana was shot at the Croydon custody centre.",
        # https://en.wikinews.org/wiki/Police_shoot_man_dead_after_%27terrorist-related%27_knife_attack_in_London
        "He told her: \"take a knife, molotov, sound bombs or a car at night and attack the tourists\"",
    ],
)
def test_ages_and_generic_nights_are_no_time_expressions(nlp, sentence):
    assert _mentions(nlp, sentence, D(2020, 1, 1)) == []


@pytest.mark.model
def test_without_publication_date_relative_values_stay_empty(nlp):
    # https://en.wikinews.org/wiki/New_Zealand_mosque_murder_suspect_appears_in_court_charged_with_murder
    sentence = "After his arrest on Friday, Brenton appeared in court yesterday, charged over a shooting in 2019."
    mentions = {m.text: m for m in _mentions(nlp, sentence, None)}
    for text in ("Friday", "yesterday"):
        assert mentions[text].value is None and mentions[text].interval is None
        assert mentions[text].note == "relative expression and no publication date"
        assert mentions[text].precision == "day"
    assert mentions["2019"].value == "2019"


@pytest.mark.model
def test_every_wikinews_article_gives_well_formed_mentions(nlp, shared_data):
    from newsledger.extract.times import extract_times

    path = shared_data / "wikinews-conflict" / "articles.jsonl"
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
        mentions = extract_times(doc, D.fromisoformat(article["published"]))
        total += len(mentions)
        previous_end = 0
        for mention in mentions:
            assert article["text"][mention.start : mention.end] == mention.text
            assert mention.start >= previous_end  # sorted, never overlapping
            previous_end = mention.end
            assert mention.precision in TIME_PRECISIONS
            # every article has its publication date: only a "that day" with no day before it stays empty
            assert mention.value is not None or mention.note == timex.NO_REFERENCE_NOTE
            if mention.interval:
                assert decode(mention.value) is not None
    assert total > 5 * len(articles)


@pytest.mark.model
@pytest.mark.parametrize("text", ["", " \n ", "...", "😀 2019 😀", "1" * 400, "May May May", "the the the"])
def test_extractor_never_raises_on_odd_text(nlp, text):
    for published in (None, SEED_PUBLISHED):
        for mention in _mentions(nlp, text, published):
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.model
def test_a_datetime_publication_is_read_as_its_date(nlp):
    # https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead
    sentence = "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia."
    mentions = _mentions(nlp, sentence, dt.datetime(2019, 1, 4, 15, 30))
    assert [(m.text, m.value, m.interval) for m in mentions] == [("Monday", "2018-12-31", ("2018-12-31", "2018-12-31"))]
