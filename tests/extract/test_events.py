"""Events on the seed report (issue acceptance) and on real Wikinews sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.schema import Article

pytestmark = pytest.mark.model
SEED_END = "flooded the country with drugs."


@pytest.fixture(scope="module")
def seed(pipeline, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    text = text[: text.index(SEED_END) + len(SEED_END)]
    article = Article.from_text(text, outlet="The Independent", published=dt.date(2025, 12, 30))
    return pipeline.extract(article)


def _event(result, subtype, trigger=None, aggregate=False):
    found = [
        e for e in result.events
        if e.subtype == subtype and e.aggregate == aggregate and (trigger is None or e.trigger.text == trigger)
    ]
    assert found, f"no {subtype} event; got {[(e.subtype, e.trigger.text, e.aggregate) for e in result.events]}"
    return found[0]


def test_dock_strike(seed):
    strike = _event(seed, "Air/drone strike")
    assert strike.type == "Explosions/Remote violence"
    assert strike.plover.type == "ASSAULT" and strike.plover.mode == "aerial"
    assert strike.actor1.canonical == "CIA" and strike.actor1.country_code == "US"
    assert strike.actor1.category == "state forces"
    assert "dock" in strike.target.text
    assert strike.location.country_code == "VE"
    assert strike.date.precision == "month" and strike.date.value == "2025-12"
    assert strike.date.interval[0] >= "2025-12-01" and strike.date.interval[1] <= "2025-12-31"
    assert (strike.fatalities.min, strike.fatalities.max) == (0, 0)
    assert strike.certainty in {"uncertain", "reported"}
    claim = next(c for c in seed.claims if c.id == strike.claim_id)
    assert claim.source.canonical == "CNN"


def test_trumps_remarks_are_statements_about_the_strike(seed):
    strike = _event(seed, "Air/drone strike")
    quotes = {q.id: q for q in seed.quotes}
    said = [quotes[qid].content.text for qid in strike.statements]
    assert any("we hit the area" in text for text in said)
    assert any("big facility" in text or "dock area" in text for text in said)


def test_tanker_seizure_and_pursuit(seed):
    seizure = _event(seed, "Vessel seizure/interdiction", trigger="seized")
    assert seizure.actor1.canonical == "Coast Guard" and seizure.actor1.country_code == "US"
    assert seizure.date.value == "2025-W52" and not seizure.attempted
    assert "tanker" in seizure.target.text
    pursuit = _event(seed, "Vessel seizure/interdiction", trigger="pursued")
    assert pursuit.attempted


def test_boat_strikes_are_an_aggregate(seed):
    campaign = _event(seed, "Air/drone strike", aggregate=True)
    assert (campaign.fatalities.min, campaign.fatalities.max) == (101, None)
    assert campaign.fatalities.text == "more than 100 people"
    assert campaign.date.text == "months" and campaign.date.interval is None
    assert campaign.location.precision in {"water", "region"}
    singles = [e for e in seed.events if e.subtype == "Air/drone strike" and not e.aggregate]
    assert all(e.fatalities is None or e.fatalities.min != 101 for e in singles)


@pytest.mark.parametrize("subtype", ["Blockade", "Military build-up"])
def test_strategic_developments(seed, subtype):
    event = _event(seed, subtype)
    assert event.type == "Strategic developments"
    assert event.actor1 is not None and event.actor1.country_code == "US"


def test_threatened_land_strikes_are_not_events(seed):
    text = seed.article.text
    threat = text.index("land strikes, like the dock blast, will soon follow")
    sentence_end = text.index(".", threat)
    assert not [e for e in seed.events if threat - 200 <= e.trigger.start <= sentence_end and e.subtype == "Air/drone strike"]


def test_offsets_and_no_errors(seed):
    assert seed.errors == []
    text = seed.article.text
    for e in seed.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        for count in (e.fatalities, e.injured, e.arrested):
            if count:
                assert text[count.start : count.end] == count.text


# Wikinews (CC BY 2.5): sentences from the wikinews-conflict set, with their pages.
WIKINEWS = [
    # https://en.wikinews.org/wiki/Bombs_kill_at_least_20_at_cathedral_in_Mindanao,_Philippines
    ("Two bombs exploded at a Roman Catholic cathedral in Jolo, Philippines on Sunday, killing at least 20 people.",
     dt.date(2019, 1, 28), "Remote explosive/landmine/IED", (20, None), "2019-01-27", "PH"),
    # https://en.wikinews.org/wiki/Oil_facilities_in_Saudi_Arabia_hit_by_drone_attacks
    ("Drone strikes hit two Saudi Aramco oil facilities in Abqaiq and Khurais, Saudi Arabia on Saturday.",
     dt.date(2019, 9, 15), "Air/drone strike", None, "2019-09-14", "SA"),
    # https://en.wikinews.org/wiki/Hong_Kong_protesters_surround_downtown_police_complex
    ("Police arrested 13 people in Hong Kong on Friday after protesters surrounded police headquarters.",
     dt.date(2019, 6, 23), "Arrests", None, "2019-06-21", "HK"),
]


@pytest.mark.parametrize("text, published, subtype, fatalities, day, country", WIKINEWS)
def test_wikinews_events(pipeline, text, published, subtype, fatalities, day, country):
    result = pipeline.extract(Article.from_text(text, published=published, outlet="Wikinews"))
    event = _event(result, subtype)
    assert event.date.value == day
    assert event.location is not None and event.location.country_code == country
    if fatalities:
        assert (event.fatalities.min, event.fatalities.max) == fatalities


def test_arrest_count(pipeline):
    text = "Police arrested 13 people in Hong Kong on Friday after protesters surrounded police headquarters."
    result = pipeline.extract(Article.from_text(text, published=dt.date(2019, 6, 23)))
    arrest = _event(result, "Arrests")
    assert (arrest.arrested.min, arrest.arrested.max) == (13, 13)
    assert arrest.actor1.category == "state forces"


def test_denied_attack_is_kept_as_denied(pipeline):
    text = "The army denied that its soldiers shot protesters in the capital on Monday."
    result = pipeline.extract(Article.from_text(text, published=dt.date(2020, 1, 8)))
    shots = [e for e in result.events if e.trigger.text == "shot"]
    assert shots and shots[0].certainty == "denied"


def test_a_toll_told_in_the_next_sentence_belongs_to_the_event(pipeline):
    # Adapted from the Wikinews report of the Mokha bombing (CC BY 2.5):
    # https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others
    text = "A bomb exploded near a market in Mokha, Yemen on Monday. At least six people were killed."
    result = pipeline.extract(Article.from_text(text, published=dt.date(2019, 1, 30)))
    bombs = [e for e in result.events if e.subtype == "Remote explosive/landmine/IED"]
    assert len(bombs) == 1 and (bombs[0].fatalities.min, bombs[0].fatalities.max) == (6, None)
    assert not [e for e in result.events if e.trigger.text == "killed"]


def test_a_possessor_is_not_where_it_happened(pipeline):
    # https://en.wikinews.org/wiki/Iraqi_Parliament_votes_for_expulsion_of_United_States_troops (CC BY 2.5)
    text = "Thursday, United States military forces killed Qasem Soleimani, head of Iran's Quds Force, in an airstrike."
    result = pipeline.extract(Article.from_text(text, published=dt.date(2020, 1, 6)))
    assert result.events
    assert all(e.location is None or e.location.country_code != "IR" for e in result.events)
