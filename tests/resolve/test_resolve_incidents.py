"""Incident resolution on hand-built events from real Wikinews sentences.

Sentences are quoted from English Wikinews (CC BY 2.5), articles named beside
each; the roles, places and dates are what a reader takes from them. Where a
test needs two outlets, two sentences of one article stand for two reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.resolve import Constraint, EventRef, Resolver, incident_id, resolve
from newsledger.resolve.incidents import content_stems, named, places_compatible, similar_wording
from newsledger.schema import Actor, Count, Event, EventDate, PlaceMention, TextSpan

# "United States military kills Qasem Soleimani", Wikinews, 2020-01-05.
SOLEIMANI_A = (
    "Thursday, United States military forces killed Qasem Soleimani, head of Iran's Quds Force, "
    "in an airstrike."
)
# "Stampede during funeral procession of Qasem Soleimani ...", Wikinews, 2020-01-09.
SOLEIMANI_B = "He was killed last week by a United States military airstrike in Iraq."
# "Iraqi Parliament votes for expulsion of United States troops", Wikinews, 2020-01-06.
SOLEIMANI_C = "The move follows the United States' killing of Qasem Soleimani in an airstrike last week."
# "Car bomb ramming attack kills dozens at military base in Maidan Wardak, Afghanistan", 2019-01-24.
WARDAK_HOTAK = (
    "Sharif Hotak, of the Maidan Wardak provincial council, described witnessing 35 bodies in one "
    "hospital, with some casualties, both alive and dead, transported to Kabul."
)
WARDAK_OFFICIALS = (
    "Some estimated death tolls, provided anonymously by officials to journalists, exceeded 100."
)
WARDAK_DOZENS = "Dozens died in the attack, reportedly conducted by the Taliban."
# "Mokha, Yemen bomb kills photojournalist, at least five others", Wikinews, 2019-01-30.
MOKHA = (
    "A bombing was yesterday reported to have killed Abu Dhabi TV photojournalist Ziad al-Sharabi "
    "in the Red Sea port town of Mokha, Yemen."
)
MOKHA_AGGREGATE = (
    "The Committee to Protect Journalists reports sixteen other journalist deaths in the nation since 2015."
)

BAGHDAD = PlaceMention("Baghdad", 0, 7, "Baghdad", 98182, "IQ", "07", 33.34058, 44.40088, "PPLC", "city")
IRAQ = PlaceMention("Iraq", 0, 4, "Iraq", 99237, "IQ", None, 33.0, 44.0, "PCLI", "country")
MAIDAN_SHAHR = PlaceMention("Maidan Shahr", 0, 12, "Maidan Shahr", 1138336, "AF", "40", 34.39, 68.87, "PPLA", "city")
MOKHA_PLACE = PlaceMention("Mokha", 0, 5, "Mocha", 76184, "YE", "12", 13.32, 43.25, "PPL", "city")
RED_SEA = PlaceMention("Red Sea", 0, 7, "Red Sea", None, None, None, 20.0, 38.0, None, "water")
TEHRAN = PlaceMention("Tehran", 0, 6, "Tehran", 112931, "IR", "26", 35.69, 51.42, "PPLC", "city")
PARIS = PlaceMention("Paris", 0, 5, "Paris", 2988507, "FR", "11", 48.85, 2.35, "PPLC", "city")

US = ("United States", "US")
SOLEIMANI = ("Qasem Soleimani", "IR")
TALIBAN = ("Taliban", "AF")


def span(text: str, words: str) -> TextSpan:
    start = text.index(words)
    return TextSpan(words, start, start + len(words))


def actor(text: str, name: tuple[str, str | None], words: str | None = None) -> Actor:
    return Actor(span(text, words or name[0]), name[0], None, None, name[1])


def event(
    text: str,
    trigger: str,
    subtype: str = "Air/drone strike",
    *,
    event_id: str = "V1",
    actor1: tuple | None = None,
    actor2: tuple | None = None,
    place: PlaceMention | None = None,
    date: tuple[str, str] | None = None,
    fatalities: tuple[int | None, int | None, str] | None = None,
    aggregate: bool = False,
    time_status: str = "past",
    polarity: str = "positive",
) -> Event:
    whole = TextSpan(text, 0, len(text))
    toll = None
    if fatalities:
        low, high, words = fatalities
        toll = Count(low, high, words, text.index(words), text.index(words) + len(words))
    return Event(
        id=event_id, type="attack", subtype=subtype, plover=None, trigger=span(text, trigger),
        evidence=whole,
        actor1=actor(text, *actor1) if actor1 else None,
        actor2=actor(text, *actor2) if actor2 else None,
        target=None, location=place,
        date=EventDate(None, None, None, date[0], "day", date) if date else None,
        fatalities=toll, injured=None, arrested=None, certainty="asserted", polarity=polarity,
        time_status=time_status, claim_id=None, aggregate=aggregate,
    )


def ref(article: str, ev: Event, published: str, outlet: str | None = "Wikinews",
        group: str | None = None, claim_source: str | None = None) -> EventRef:
    return EventRef(article, group or article, outlet, ev, dt.date.fromisoformat(published), claim_source)


def soleimani_refs() -> list[EventRef]:
    return [
        ref("wn-soleimani", event(SOLEIMANI_A, "airstrike", actor1=(US, "United States military forces"),
            actor2=(SOLEIMANI,), place=BAGHDAD, date=("2020-01-02", "2020-01-03")), "2020-01-05"),
        ref("wn-stampede", event(SOLEIMANI_B, "airstrike", actor1=(US,), place=IRAQ,
            date=("2019-12-30", "2020-01-05")), "2020-01-09"),
        ref("wn-parliament", event(SOLEIMANI_C, "killing", "Attack", actor1=(US, "the United States'"),
            actor2=(SOLEIMANI,), date=("2019-12-30", "2020-01-05")), "2020-01-06"),
    ]


def wardak_refs() -> list[EventRef]:
    return [
        ref("wardak-hotak", event(WARDAK_HOTAK, "bodies", "Attack", place=MAIDAN_SHAHR,
            date=("2019-01-21", "2019-01-21"), fatalities=(35, 35, "35 bodies")), "2019-01-24", "Outlet A"),
        # The sentence names no place or day: the article's (Maidan Shahr, "on Monday") stand in,
        # as the extractor's inferred ones would.
        ref("wardak-officials", event(WARDAK_OFFICIALS, "death tolls", "Attack", place=MAIDAN_SHAHR,
            date=("2019-01-21", "2019-01-21"), fatalities=(101, None, "exceeded 100")), "2019-01-24", "Outlet B"),
    ]


def mixed_refs() -> list[EventRef]:
    """Two incidents, an undated Afghan attack, a Yemeni bombing and an aggregate."""
    return soleimani_refs() + wardak_refs() + [
        ref("wardak-dozens", event(WARDAK_DOZENS, "attack", "Attack", actor1=(TALIBAN,),
            place=MAIDAN_SHAHR, date=("2019-01-21", "2019-01-21")), "2019-01-24", "Outlet C"),
        # A vague report: undated, only the country. It conflicts with nothing but may bridge nothing.
        ref("vague", event(WARDAK_DOZENS, "attack", "Attack",
            place=PlaceMention("Afghanistan", 0, 11, "Afghanistan", 1149361, "AF", None, 33.0, 66.0, "PCLI",
                               "country")), "2019-01-24", "Outlet D"),
        ref("wn-mokha", event(MOKHA, "bombing", IED_SUBTYPE, place=MOKHA_PLACE), "2019-01-30"),
        ref("wn-mokha", event(MOKHA_AGGREGATE, "deaths", "Attack", event_id="V2", aggregate=True,
            place=PlaceMention("the nation", 0, 10, "Yemen", 69543, "YE", None, 15.5, 47.5, "PCLI", "country")),
            "2019-01-30"),
    ]


IED_SUBTYPE = "Remote explosive/landmine/IED"


def test_three_reports_of_the_soleimani_strike_are_one_incident():
    [incident] = resolve(soleimani_refs())
    assert len(incident.members) == 3
    assert incident.place.canonical == BAGHDAD  # most specific: the city inside Iraq
    assert incident.date.canonical == ("2020-01-02", "2020-01-03")
    assert incident.date.rule == "dated intervals: intersection"
    assert incident.subtype.canonical == "Air/drone strike"  # beats the family default "Attack"
    assert not incident.subtype.contested
    assert incident.actor1.canonical == "United States"
    assert incident.sources == ("wn-parliament", "wn-soleimani", "wn-stampede")
    # Three Wikinews articles: one outlet, one independent source.
    assert incident.independent_sources == 1
    assert incident.grade == "single source"


def test_a_party_acknowledging_the_strike_raises_the_grade():
    refs = soleimani_refs()
    refs[0] = ref("wn-soleimani", refs[0].event, "2020-01-05", claim_source="United States")
    [incident] = resolve(refs)
    assert incident.grade == "acknowledged"


def test_two_reports_with_different_tolls_give_the_range_and_both_sources():
    [incident] = resolve(wardak_refs())
    toll = incident.fatalities
    assert (toll.min, toll.max, toll.conservative) == (35, None, 35)
    assert toll.contested  # 35 and "more than 100" cannot both be right
    assert sorted(f.source for f in toll.figures) == ["wardak-hotak", "wardak-officials"]
    assert {f.text for f in toll.figures} == {"35 bodies", "exceeded 100"}
    assert incident.independent_sources == 2
    assert incident.grade == "several sources"
    assert "fatalities" in incident.contested


def test_syndicated_copies_count_as_one_source():
    hotak = wardak_refs()[0]
    copy = EventRef("wardak-hotak-copy", "wardak-hotak", "Outlet A2", hotak.event, hotak.published)
    [incident] = resolve([hotak, copy, hotak])  # the same mention twice is one member
    assert len(incident.members) == 2
    assert incident.sources == ("wardak-hotak",)
    assert incident.grade == "single source"


@pytest.mark.parametrize("flags", [
    {"aggregate": True}, {"time_status": "future"}, {"time_status": "hypothetical"}, {"polarity": "negative"},
])
def test_aggregates_future_and_negated_mentions_never_join(flags):
    refs = wardak_refs()
    odd = ref("wardak-odd", event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR,
              date=("2019-01-21", "2019-01-21"), **flags), "2019-01-24", "Outlet C")
    resolver = Resolver()
    resolver.add(refs + [odd])
    assert resolver.incident_of(odd.key) is None
    assert all(odd.key not in inc.members for inc in resolver.incidents())
    assert len(resolver.incidents()) == 1


def test_mixed_batch_keeps_incidents_apart():
    incidents = resolve(mixed_refs())
    members = sorted(inc.members for inc in incidents)
    assert members == sorted([
        ("wardak-dozens:V1", "wardak-hotak:V1", "wardak-officials:V1"),
        ("vague:V1",),
        ("wn-mokha:V1",),
        ("wn-parliament:V1", "wn-soleimani:V1", "wn-stampede:V1"),
    ])


def test_same_days_in_different_countries_stay_apart():
    # Both undated: the publication windows (Jan 17-24 and Jan 23-30) overlap.
    afghan = ref("wardak-dozens", event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR), "2019-01-24")
    yemen = ref("wn-mokha", event(MOKHA, "bombing", IED_SUBTYPE, place=MOKHA_PLACE), "2019-01-30", "Other")
    assert len(resolve([afghan, yemen])) == 2
    # Overlapping days with nothing else shared are no evidence of one event.
    moved = ref("wn-mokha", event(MOKHA, "bombing", IED_SUBTYPE), "2019-01-30", "Other")
    assert len(resolve([afghan, moved])) == 2


def test_other_families_and_named_foreign_actors_do_not_link():
    strike = soleimani_refs()[0]
    protest = ref("wn-x", event(SOLEIMANI_B, "killed", "Peaceful protest", place=IRAQ,
                  date=("2020-01-02", "2020-01-02")), "2020-01-05")
    foreign = ref("wn-y", event(SOLEIMANI_B, "airstrike", actor1=(("Islamic State", "SY"), "He"),
                  place=IRAQ, date=("2020-01-02", "2020-01-02")), "2020-01-05")
    assert len(resolve([strike, protest])) == 2
    assert len(resolve([strike, foreign])) == 2


def test_a_chain_without_a_common_day_is_refused_and_the_refusal_kept():
    refs = wardak_refs()
    refs.append(ref("wardak-late", event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR,
                    date=("2019-01-22", "2019-01-23")), "2019-01-24", "Outlet C"))
    refs[1] = ref("wardak-officials", event(WARDAK_OFFICIALS, "death tolls", "Attack", place=MAIDAN_SHAHR,
                  date=("2019-01-20", "2019-01-24")), "2019-01-24", "Outlet B")
    # Officials (Jan 20-24) link to Hotak (Jan 21) and to the late report (Jan 22-23), which
    # share no day: the links are equally strong, so the first by key joins, the other is refused.
    first, late = sorted(resolve(refs), key=lambda i: i.members)
    assert first.members == ("wardak-hotak:V1", "wardak-officials:V1")
    assert first.date.canonical == ("2019-01-21", "2019-01-21")
    assert late.members == ("wardak-late:V1",)
    [apart] = first.kept_apart
    assert (apart.incident, apart.member) == (late.id, "wardak-late:V1")
    assert apart.reason == "no day in common: 2019-01-21 and 2019-01-22 to 2019-01-23"
    assert [k.incident for k in late.kept_apart] == [first.id]


def test_single_links_do_not_chain_reports_of_different_days():
    # Five reports of one place, each dated a day after the last, each linking its neighbours
    # through a two-day interval: no day is common to all, so no incident spans them.
    refs = []
    for n in range(5):
        day = dt.date(2019, 1, 20 + n)
        refs.append(ref(f"day-{n}", event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR,
                        date=(day.isoformat(), (day + dt.timedelta(days=1)).isoformat())), "2019-01-26", f"O{n}"))
    incidents = resolve(refs)
    for incident in incidents:
        starts = [r.event.date.interval[0] for r in incident.reports]
        ends = [r.event.date.interval[1] for r in incident.reports]
        assert max(starts) <= min(ends)
    assert len(incidents) == 3
    assert all(i.kept_apart for i in incidents)


def test_tolls_of_two_different_events_keep_them_apart():
    base = wardak_refs()[0]
    small = ref("wardak-small", event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR,
                date=("2019-01-21", "2019-01-21"), fatalities=(2, 2, "Dozens")), "2019-01-24", "Outlet C")
    incidents = resolve([base, small])
    assert len(incidents) == 2
    assert incidents[0].kept_apart[0].reason == "tolls too far apart: 2 and 35 killed"


@pytest.mark.parametrize("a, b, expected", [
    (BAGHDAD, IRAQ, True),  # a city inside its country
    (BAGHDAD, TEHRAN, False),
    (MOKHA_PLACE, RED_SEA, True),  # a port on the sea
    (PARIS, RED_SEA, False),
    (BAGHDAD, None, True),
    (MAIDAN_SHAHR, MOKHA_PLACE, False),
])
def test_places_compatible(a, b, expected):
    assert places_compatible(a, b) is expected
    assert places_compatible(b, a) is expected


def test_incident_id_is_the_smallest_member_key():
    [incident] = resolve(soleimani_refs())
    assert incident.id == incident_id(["wn-parliament:V1"])


def _signature(incidents):
    return [(i.id, i.members, i.place.canonical, i.date.canonical, i.fatalities, i.grade) for i in incidents]


@settings(max_examples=40, deadline=None)
@given(st.permutations(mixed_refs()))
def test_order_does_not_matter(shuffled):
    assert _signature(resolve(shuffled)) == _signature(resolve(mixed_refs()))


@settings(max_examples=40, deadline=None)
@given(st.permutations(mixed_refs()), st.lists(st.integers(1, 4), min_size=1, max_size=6))
def test_incremental_equals_batch(shuffled, sizes):
    resolver = Resolver()
    rest = list(shuffled)
    for size in itertools.cycle(sizes):
        if not rest:
            break
        resolver.add(rest[:size])
        rest = rest[size:]
    assert _signature(resolver.incidents()) == _signature(resolve(mixed_refs()))


def test_add_reports_new_grown_and_gone_ids():
    def report(article, dates):
        return ref(article, event(WARDAK_DOZENS, "attack", "Attack", place=MAIDAN_SHAHR, date=dates),
                   "2019-01-24", article)
    early = report("wardak-b", ("2019-01-20", "2019-01-20"))
    late = report("wardak-c", ("2019-01-22", "2019-01-22"))
    bridge = report("wardak-d", ("2019-01-20", "2019-01-22"))
    resolver = Resolver()
    assert resolver.add([early]) == (incident_id(["wardak-b:V1"]),)
    assert resolver.add([late]) == (incident_id(["wardak-c:V1"]),)  # no common day: apart
    assert len(resolver.incidents()) == 2
    # The bridge overlaps both, but the two share no day: it joins one (the first by key, the
    # links being equally strong), and the other stays apart.
    changed = resolver.add([bridge])
    assert changed == (incident_id(["wardak-b:V1"]),)
    assert sorted(i.members for i in resolver.incidents()) == [("wardak-b:V1", "wardak-d:V1"), ("wardak-c:V1",)]
    assert resolver.incident_of("wardak-c:V1") == incident_id(["wardak-c:V1"])
    # A report of the late day with a smaller key joins it, and the bridge, taken by key, goes
    # with them: the late incident's id moves to the new key and the early one shrinks.
    assert set(resolver.add([report("wardak-a", ("2019-01-22", "2019-01-22"))])) == {
        incident_id(["wardak-a:V1"]), incident_id(["wardak-b:V1"]), incident_id(["wardak-c:V1"]),
    }
    assert sorted(i.members for i in resolver.incidents()) == [
        ("wardak-a:V1", "wardak-c:V1", "wardak-d:V1"), ("wardak-b:V1",),
    ]
    assert resolver.add([bridge]) == ()  # already there


def test_blocking_compares_few_pairs():
    """Mentions on distinct days and countries are never compared with one another."""
    base = soleimani_refs()[0]
    countries = ["IQ", "IR", "AF", "YE", "FR", "SY", "LB", "IL", "UA", "RU"]
    refs = []
    for i in range(400):
        place = PlaceMention("x", 0, 1, "x", i, countries[i % 10], None, None, None, None, "city")
        day = dt.date(2020, 1, 1) + dt.timedelta(days=3 * (i // 10))
        ev = event(SOLEIMANI_A, "airstrike", place=place, date=(day.isoformat(), day.isoformat()))
        refs.append(EventRef(f"a{i:04d}", f"a{i:04d}", None, ev, day))
    resolver = Resolver()
    resolver.add(refs)
    assert len(resolver.incidents()) == 400
    assert resolver.comparisons == 0


def test_copies_of_one_report_link_sentence_to_sentence():
    # Two events of one report and their copies: each copy joins its own sentence's event only.
    strike = event(SOLEIMANI_A, "airstrike", actor1=(US, "United States military forces"),
                   actor2=(SOLEIMANI,), place=BAGHDAD, date=("2020-01-02", "2020-01-03"))
    second = event(SOLEIMANI_C, "killing", event_id="V2", actor1=(US, "the United States'"), actor2=(SOLEIMANI,),
                   place=BAGHDAD, date=("2020-01-02", "2020-01-03"))
    refs = [
        ref("wn-soleimani", strike, "2020-01-05"), ref("wn-soleimani", second, "2020-01-05"),
        ref("copy", strike, "2020-01-05", group="wn-soleimani"), ref("copy", second, "2020-01-05", group="wn-soleimani"),
    ]
    incidents = resolve(refs)
    assert sorted(i.members for i in incidents) == [
        ("copy:V1", "wn-soleimani:V1"), ("copy:V2", "wn-soleimani:V2"),
    ]


def test_an_attempt_never_links_to_the_deed():
    refs = soleimani_refs()
    refs[1] = dataclasses.replace(refs[1], event=dataclasses.replace(refs[1].event, attempted=True))
    incidents = resolve(refs)
    attempted = [i for i in incidents if i.attempted]
    assert [i.members for i in attempted] == [(refs[1].key,)]


@pytest.mark.parametrize(("name", "unnamed"), [("He", True), ("who", True), ("they", True),
                                               ("United States", False), ("the Taliban", False)])
def test_pronoun_actors_count_as_unnamed(name, unnamed):
    actor_ = Actor(TextSpan(name, 0, len(name)), name, None, None, None)
    assert (named(actor_) is None) is unnamed


@pytest.mark.parametrize(("a", "b", "similar"), [
    # Two Wikinews reports of the Soleimani strike share "United States military ... killed ... airstrike".
    (SOLEIMANI_A, SOLEIMANI_B, True),
    (SOLEIMANI_B, MOKHA, False),
    (WARDAK_HOTAK, WARDAK_OFFICIALS, False),
])
def test_similar_wording(a, b, similar):
    assert similar_wording(content_stems(a), content_stems(b)) is similar


def _split_then_merge(first: int, second: int) -> list[Constraint]:
    """A person's split of the first report from the others, and a merge of them, in this order."""
    refs = soleimani_refs()
    alone = frozenset({refs[0].key})
    rest = frozenset({refs[1].key, refs[2].key})
    return [Constraint("split", alone, rest, first), Constraint("merge", alone, rest, second)]


def test_a_split_keeps_reports_apart_however_they_link():
    refs = soleimani_refs()
    split = Constraint("split", frozenset({refs[0].key}), frozenset({refs[1].key, refs[2].key}), 1)
    incidents = resolve(refs, [split])
    assert sorted(i.members for i in incidents) == sorted([(refs[0].key,), (refs[2].key, refs[1].key)])
    # Whatever order the reports come in.
    for order in itertools.permutations(refs):
        resolver = Resolver([split])
        for one in order:
            resolver.add([one])
        assert sorted(i.members for i in resolver.incidents()) == sorted(i.members for i in incidents)


@pytest.mark.parametrize(("split_seq", "merge_seq", "together"), [(1, 2, True), (2, 1, False)])
def test_the_later_decision_wins(split_seq, merge_seq, together):
    incidents = resolve(soleimani_refs(), _split_then_merge(split_seq, merge_seq))
    assert (len(incidents) == 1) is together


def test_a_merge_joins_what_the_rules_keep_apart():
    refs = mixed_refs()
    soleimani, mokha = refs[0], next(r for r in refs if r.article_id == "wn-mokha")
    merge = Constraint("merge", frozenset({soleimani.key}), frozenset({mokha.key}), 1)
    resolver = Resolver([merge])
    resolver.add(refs)
    assert resolver.incident_of(soleimani.key) == resolver.incident_of(mokha.key)
    assert resolver.incident_of(soleimani.key) is not None


def test_stop_words_are_spacys_english_list_read_without_spacy():
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsledger.resolve.rules import stop_words

    assert stop_words() == STOP_WORDS and "’s" in stop_words()
