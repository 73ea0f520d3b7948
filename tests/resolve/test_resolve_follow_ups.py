"""Follow-up reports, recalled events and the people reports name, on hand-built shooting reports.

The sentences are written for these tests (no article is quoted): a shooting
report, a report of the arrest nine days later naming the same victim, and a
report of another shooting in the same city.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsledger.resolve import EventRef, Resolver, resolve
from newsledger.resolve.people import fold_name, people_named
from newsledger.resolve.serialize import incident_to_dict
from newsledger.schema import Actor, Count, Event, EventDate, PlaceMention, TextSpan

TOLEDO = PlaceMention("Toledo", 0, 6, "Toledo", 5174035, "US", "OH", 41.66, -83.56, "PPLA2", "city")
SHOT = "Jane Roe, 19, was shot and killed outside a store on Main Street in Toledo on Saturday night."
ARREST = "Police arrested a man on Monday in the killing of Jane Roe, who was shot outside a Toledo store."
OTHER = "A man was shot and killed in Toledo on Monday, police said; his name was not released."


def shooting(text: str, day: str, *, killed: int | None = 1, background: bool = False, inferred=False) -> Event:
    whole = TextSpan(text, 0, len(text))
    trigger = "shot" if "shot" in text else "killing"
    start = text.index(trigger)
    toll = Count(killed, killed, "killed", 0, 6) if killed is not None else None
    return Event(
        id="V1", type="Violence against civilians", subtype="Attack", plover=None,
        trigger=TextSpan(trigger, start, start + len(trigger)), evidence=whole, actor1=None, actor2=None,
        target=None, location=TOLEDO,
        date=EventDate("Saturday", 0, 8, day, "day", (day, day), inferred),
        fatalities=toll, injured=None, arrested=None, certainty="asserted", polarity="positive",
        time_status="past", claim_id=None, background=background,
    )


def report(article: str, event: Event, published: str, people=()) -> EventRef:
    return EventRef(article, article, f"outlet-{article}", event, dt.date.fromisoformat(published),
                    people=frozenset(people))


def test_people_named_in_the_event_sentence_and_the_lead_not_speakers_or_institutions():
    event = shooting(SHOT, "2016-03-05")
    people = [
        (0, 8, "Jane Roe"),                 # in the sentence
        (2000, 2012, "John Smith"),         # far from the event and the lead
        (10, 20, "Stroger Hospital"),       # an institution the model takes for a person
        (30, 42, "Sgt. Ann Lee"),           # a spokeswoman quoted in the article
        (50, 53, "Roe"),                    # a single word is no full name
    ]
    assert people_named(event, people, speakers=["Sgt. Ann Lee"]) == frozenset({"jane roe"})
    assert fold_name("José O'Neil") == "jose o neil"
    # An earlier event the article recalls names only who its own sentence names.
    recalled = dataclasses.replace(event, background=True, evidence=TextSpan(SHOT, 100, 100 + len(SHOT)))
    assert people_named(recalled, people) == frozenset()


def test_a_follow_up_naming_the_victim_joins_the_shooting_and_keeps_its_day():
    first = report("first", shooting(SHOT, "2016-03-05"), "2016-03-06", ["jane roe"])
    # The arrest report dates the event by its own news day, nine days on.
    arrest = report("arrest", shooting(ARREST, "2016-03-14"), "2016-03-14", ["jane roe"])
    [incident] = resolve([first, arrest])
    assert incident.members == ("arrest:V1", "first:V1")
    assert incident.follow_ups == ("arrest:V1",)
    assert incident.date.canonical == ("2016-03-05", "2016-03-05")
    roles = {r["member"]: r["role"] for r in incident_to_dict(incident)["reports"]}
    assert roles == {"arrest:V1": "follow-up", "first:V1": "account"}
    assert incident.independent_sources == 2


def test_without_the_name_the_later_report_is_another_event():
    first = report("first", shooting(SHOT, "2016-03-05"), "2016-03-06", ["jane roe"])
    other = report("other", shooting(OTHER, "2016-03-14"), "2016-03-15")
    assert len(resolve([first, other])) == 2
    # Nor does a report of the same days name another victim into it.
    named_other = report("other", shooting(OTHER, "2016-03-14"), "2016-03-15", ["john doe"])
    assert len(resolve([first, named_other])) == 2


def test_a_follow_up_is_found_whichever_report_comes_first():
    first = report("first", shooting(SHOT, "2016-03-05"), "2016-03-06", ["jane roe"])
    arrest = report("arrest", shooting(ARREST, "2016-03-14"), "2016-03-14", ["jane roe"])
    for order in ([first], [arrest]), ([arrest], [first]):
        resolver = Resolver()
        for batch in order:
            resolver.add(batch)
        assert [i.members for i in resolver.incidents()] == [("arrest:V1", "first:V1")]


def test_two_shootings_of_one_city_and_day_with_different_victims_stay_two():
    def victim(text: str, name: str) -> Actor:
        start = text.index(name)
        return Actor(TextSpan(name, start, start + len(name)), name, f"E-{name}", "civilians", None)

    other_text = SHOT.replace("Jane Roe", "Mary Major")
    a = report("a", dataclasses.replace(shooting(SHOT, "2016-03-05"), actor2=victim(SHOT, "Jane Roe")), "2016-03-06")
    b = report("b", dataclasses.replace(shooting(other_text, "2016-03-05"), actor2=victim(other_text, "Mary Major")),
               "2016-03-06")
    # Same city, day, toll and wording: only the victims tell them apart.
    incidents = resolve([a, b])
    assert len(incidents) == 2
    assert incidents[0].kept_apart[0].reason == "actors differ: Jane Roe and Mary Major"
    # Without the victims' names they are one.
    same = [dataclasses.replace(r, event=dataclasses.replace(r.event, actor2=None)) for r in (a, b)]
    assert len(resolve(same)) == 1


def test_a_recalled_event_adds_its_figure_not_an_account():
    first = report("first", shooting(SHOT, "2016-03-05"), "2016-03-06", ["jane roe"])
    recall = report("recall", shooting(SHOT, "2016-03-05", background=True), "2016-04-20", ["jane roe"])
    [incident] = resolve([first, recall])
    assert incident.independent_sources == 1
    assert incident.recalled_sources == 1
    assert incident.grade == "single source"
    assert {f.source for f in incident.fatalities.figures} == {"first", "recall"}
    roles = {r["member"]: r["role"] for r in incident_to_dict(incident)["reports"]}
    assert roles["recall:V1"] == "recalled"


def test_two_shootings_of_one_city_and_day_at_different_times_stay_two():
    def at(event: Event, value: str) -> Event:
        return dataclasses.replace(event, date=dataclasses.replace(event.date, value=value))

    night = report("night", at(shooting(SHOT, "2016-03-05"), "2016-03-05T02:30"), "2016-03-06")
    evening = report("evening", at(shooting(SHOT, "2016-03-05"), "2016-03-05T22:00"), "2016-03-06")
    later = report("later", at(shooting(SHOT, "2016-03-05"), "2016-03-05T03:15"), "2016-03-06")
    # Same city, day, toll and wording: only the times of day tell the evening one apart.
    incidents = resolve([night, evening, later])
    assert sorted(len(i.members) for i in incidents) == [1, 2]
    alone = next(i for i in incidents if len(i.members) == 1)
    assert alone.members == ("evening:V1",)
    assert alone.kept_apart[0].reason == "times of day apart: 22:00 and 02:30 on 2016-03-05"
    # A report that gives no time of day joins either.
    assert len(resolve([night, report("plain", shooting(SHOT, "2016-03-05"), "2016-03-06")])) == 1


@pytest.mark.parametrize(("title_a", "title_b", "together"), [
    ("Teen shot dead outside Toledo corner store", "Toledo teen killed in shooting outside corner store", True),
    ("Teen shot dead outside Toledo corner store", "Police seek driver after hit-and-run on Main Street", False),
])
def test_similar_titles_are_an_agreement(title_a, title_b, together):
    # Both dated; no place and no shared sentence wording: the titles decide.
    a = dataclasses.replace(shooting(SHOT, "2016-03-05"), location=None)
    b = dataclasses.replace(shooting(OTHER, "2016-03-05"), location=None)
    reports = [dataclasses.replace(report("a", a, "2016-03-06"), title=title_a),
               dataclasses.replace(report("b", b, "2016-03-06"), title=title_b)]
    assert (len(resolve(reports)) == 1) is together
    # A recalled (background) event takes nothing from its article's title.
    recalled = [reports[0], dataclasses.replace(reports[1], event=dataclasses.replace(b, background=True),
                                                title=title_a)]
    assert len(resolve(recalled)) == 2
