"""The comparison rules: which mentions may join, and when two mentions are one event.

The rules are written out in :mod:`newsledger.resolve.incidents`; this module
holds them as functions (joinable or why not, effective date interval, place
and actor compatibility, wording, the direct-link test) and the thresholds they
use. :mod:`newsledger.resolve.resolver` calls them on the candidates its index
finds. Hand-written for the reason given there.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import re
import runpy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from newsledger.geodesy import distance_km
from newsledger.resolve.types import EventRef
from newsledger.schema import Actor, Event, PlaceMention
from newsledger.taxonomy import PRECISION_RANK, family_of

INFERRED_WINDOW_DAYS = 7
MAX_LINK_SPAN_DAYS = 31
# How long after an event a report naming its people may still be its follow-up.
FOLLOW_UP_DAYS = 90
# How far from its point a place of this precision may reach (km).
RADIUS_KM = {
    "site": 5.0, "city": 25.0, "admin2": 75.0, "admin1": 300.0,
    "country": 1500.0, "region": 2500.0, "water": 1200.0,
}
NEVER_JOIN_TIME = {"future", "hypothetical"}
MIN_EVIDENCE = 2
WORDING_MIN_SHARED = 5
WORDING_MIN_OVERLAP = 0.6
# Titles are short: three shared stems, most of the shorter title's, tell the same story.
TITLE_MIN_SHARED = 3
FINE_PLACE_RANK = PRECISION_RANK["admin2"]


def is_joinable(ref: EventRef) -> bool:
    """Aggregates, future, hypothetical and negated mentions, and undated background, never join an incident."""
    return why_excluded(ref) in (None, "no date")


def why_excluded(ref: EventRef) -> str | None:
    """Why a mention joins no incident: aggregate, background with no date of its own, future,
    hypothetical, negated, denied, no date.

    An earlier event the article recalls joins its incident only on a date its
    own words give ("the Sept. 2 strike"): without one, the days before
    publication would date it where it did not happen.
    """
    event = ref.event
    if event.aggregate:
        return "aggregate"
    if event.background and (event.date is None or event.date.text is None):
        return "background, undated"
    if event.time_status in NEVER_JOIN_TIME:
        return event.time_status
    if event.polarity == "negative":
        return "negated"
    if event.certainty == "denied":
        return "denied"
    if effective_interval(ref) is None:
        return "no date"
    return None


def kind_of(event: Event) -> str:
    family = family_of(event.subtype)
    return family if family != "other" else f"other:{event.subtype}"


def effective_interval(ref: EventRef) -> tuple[dt.date, dt.date] | None:
    """The days the event may have happened on, for linking (see module docstring)."""
    dated = _dated_interval(ref.event)
    if dated and (dated[1] - dated[0]).days <= MAX_LINK_SPAN_DAYS:
        return dated
    if ref.published is None:
        return None
    window = (ref.published - dt.timedelta(days=INFERRED_WINDOW_DAYS), ref.published)
    if dated:
        start, end = max(window[0], dated[0]), min(window[1], dated[1])
        return (start, end) if start <= end else None
    return window


def _dated_interval(event: Event) -> tuple[dt.date, dt.date] | None:
    if event.date is None or not event.date.interval:
        return None
    try:
        start, end = (dt.date.fromisoformat(v[:10]) for v in event.date.interval)
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)


def places_compatible(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Same place, or one inside the other, judged by country code and distance."""
    if a is None or b is None:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        # Without points only the country can be checked, and it agreed (or is unknown).
        return bool(a.country_code and b.country_code) or a.name == b.name
    reach = RADIUS_KM.get(a.precision, 25.0) + RADIUS_KM.get(b.precision, 25.0)
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= reach


def named(actor: Actor | None) -> Actor | None:
    """The actor, or None when its name is only stop words ("He", "who", "they"): no name to compare."""
    return None if actor is None or _only_stop_words(actor.canonical) else actor


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's own list without loading spaCy.

    ``spacy.lang.en.stop_words`` is plain data, but importing it imports the
    whole spaCy package (thinc, typer, rich), which resolution must not load:
    it runs in the ledger, next to no pipeline. The file is run on its own.
    """
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("spaCy is not installed: its English stop words are needed to compare wording")
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    return frozenset(runpy.run_path(str(path))["STOP_WORDS"])


@lru_cache(maxsize=65536)
def _only_stop_words(name: str) -> bool:
    stops = stop_words()
    return all(w.casefold() in stops for w in name.split())


def identified(actor: Actor | None) -> Actor | None:
    """The actor when it can be compared: named, and tied to an entity or a country.

    An actor the extractor could resolve to neither ("suspect", "pair", "Three of
    the victims") says nothing for or against another report's.
    """
    actor = named(actor)
    return actor if actor is not None and (actor.entity_id or actor.country_code) else None


def _actor_pair_ok(a: Actor | None, b: Actor | None) -> bool:
    a, b = identified(a), identified(b)
    if a is None or b is None:
        return True
    if a.canonical.casefold() == b.canonical.casefold():
        return True
    return bool(a.country_code) and a.country_code == b.country_code


def actors_compatible(x: Event, y: Event) -> bool:
    """Named actors agree by canonical name or country, in either role order."""
    straight = _actor_pair_ok(x.actor1, y.actor1) and _actor_pair_ok(x.actor2, y.actor2)
    if straight:
        return True
    # Crosswise only where it compares names ("X struck Y" against "Y was hit by X"), so that an
    # actor missing on one side does not excuse a conflict: two victims named differently.
    crosswise = [(x.actor1, y.actor2), (x.actor2, y.actor1)]
    compared = any(identified(a) is not None and identified(b) is not None for a, b in crosswise)
    return compared and all(_actor_pair_ok(a, b) for a, b in crosswise)



_WORD = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """Stems of a sentence's content words (no stop words, no words under three letters)."""
    stops = stop_words()
    words = [w for w in _WORD.findall(text.casefold()) if len(w) > 2 and w not in stops]
    return frozenset(_STEMMER.stemWords(words))


def similar_wording(a: frozenset[str], b: frozenset[str], least: int = WORDING_MIN_SHARED) -> bool:
    """Two sentences' (or titles') stems share ``least`` words or more, and enough of the shorter one."""
    shared = len(a & b)
    return shared >= least and shared >= WORDING_MIN_OVERLAP * min(len(a), len(b))


@dataclass
class Node:
    """A mention as the resolver holds it: kind, linking interval, country, whether dated, wording."""

    ref: EventRef
    kind: str
    interval: tuple[dt.date, dt.date]
    country: str | None
    dated: bool
    words: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()

    @property
    def news_dated(self) -> bool:
        """Dated by the day its report was written (or the day before), as a follow-up's event is.

        A report of an arrest or a hearing dates the shooting it recalls by the
        arrest's day: such a mention may tell an event some days before its interval.
        """
        published = self.ref.published
        return published is not None and self.interval[1] >= published - dt.timedelta(days=1)


def follows(early: Node, late: Node) -> bool:
    """Whether ``late`` may be a follow-up report of ``early``'s event (see :func:`link_score`)."""
    gap = (late.interval[0] - early.interval[1]).days
    return 0 < gap <= FOLLOW_UP_DAYS and late.news_dated and bool(early.people & late.people)


def compatible(a: Node, b: Node) -> bool:
    """Whether two mentions share enough evidence to link and nothing between them conflicts."""
    x, y = a.ref.event, b.ref.event
    return link_score(a, b) is not None and places_compatible(x.location, y.location) and actors_compatible(x, y)


def link_score(a: Node, b: Node) -> float | None:
    """How strongly two mentions look like one event, or None when they may not link.

    None on any conflict of the module docstring's direct-link test or with
    fewer than :data:`MIN_EVIDENCE` agreements; else the agreements counted by
    :func:`evidence_count`, which orders the links the grouping takes first.
    """
    if a.ref.article_id == b.ref.article_id:
        return None
    x, y = a.ref.event, b.ref.event
    if a.ref.source_group == b.ref.source_group and x.evidence.text != y.evidence.text:
        # Copies of one report: each mention is the copy of the same sentence, never another.
        return None
    if x.attempted != y.attempted or a.kind != b.kind:
        return None
    apart = a.interval[1] < b.interval[0] or b.interval[1] < a.interval[0]
    if apart and not (follows(a, b) or follows(b, a)):
        return None
    # Places and actors that conflict do not stop the link: the grouping refuses it and keeps
    # the reason, so that two look-alike incidents can say why they stay apart.
    score = evidence_count(a, b) + len(a.people & b.people)
    if apart:
        # A follow-up needs the same person and the same town, or a second shared name.
        same_town = _fine_places(x, y) and score >= MIN_EVIDENCE + 1
        return float(score) if same_town or len(a.people & b.people) > 1 else None
    return float(score) if score >= MIN_EVIDENCE else None


def _fine_places(x: Event, y: Event) -> bool:
    return (
        x.location is not None and y.location is not None
        and PRECISION_RANK.get(x.location.precision, 9) <= FINE_PLACE_RANK
        and PRECISION_RANK.get(y.location.precision, 9) <= FINE_PLACE_RANK
    )


def evidence_count(a: Node, b: Node) -> int:
    """How many positive agreements two compatible mentions share (see module docstring)."""
    x, y = a.ref.event, b.ref.event
    fine_places = _fine_places(x, y) and places_compatible(x.location, y.location)
    # A title tells the story the article is about, not the earlier events it recalls.
    titled = not (x.background or y.background)
    wording = similar_wording(a.words, b.words) or (
        titled and similar_wording(a.title_words, b.title_words, TITLE_MIN_SHARED)
    )
    return int(fine_places) + int(shares_actor(x, y)) + int(a.dated and b.dated) + int(wording)


def shares_actor(x: Event, y: Event) -> bool:
    """Some actor named on both sides agrees (canonical name or country)."""
    return any(
        identified(a) is not None and identified(b) is not None and _actor_pair_ok(a, b)
        for a in (x.actor1, x.actor2) for b in (y.actor1, y.actor2)
    )
