"""Incidents inside one linked component: mentions joined only where the whole group agrees.

The link graph (:mod:`newsledger.resolve.resolver`) says which pairs of mentions
look like one event. Single links chain: two reports a day apart each link to a
vague third, and a campaign of strikes on different days becomes one incident.
So a component of the link graph is only where incidents are looked for. Inside
it, :func:`cluster` takes the links strongest first and joins two groups of
mentions only when every member of one agrees with every member of the other
(:func:`disagreement`): a day all their intervals share, places that all fit
inside one another, actors that do not conflict, tolls that could be one
event's, clock times of one day no more than four hours apart, no article
telling both as two events, no reviewer's split between them. A link it refuses is kept with its reason, so ``show`` can say why two
look-alike incidents stay apart.

The result depends only on the component's mentions and links, never on the
order they arrived in: links are taken by score, then by their keys.

Hand-written: constrained agglomerative clustering over a handful of mentions
is a loop of a few lines, and the agreements are the tracker's own rules
(day intervals, gazetteer precision), which no clustering library knows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsledger.resolve.rules import (
    FOLLOW_UP_DAYS,
    Node,
    actors_compatible,
    identified,
    places_compatible,
)
from newsledger.resolve.types import Constraint
from newsledger.schema import Event, PlaceMention

# Two reports' death tolls can be one event's when the larger is at most this many times
# the smaller, plus the slack: tolls rise as bodies are found, and sources disagree
# ("35 bodies in one hospital", "more than 100"), but 2 and 40 are two events.
TOLL_FACTOR = 3
TOLL_SLACK = 2
# Two reports giving the clock times of one day this far apart tell two events ("shortly after
# 2 a.m." and "about 10 p.m."): wide enough for the shots, the call to police and the death.
CLOCK_APART_MINUTES = 240
_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")


@dataclass
class Group:
    """What a group of mentions agrees on so far: the days all share, its places, actors, tolls."""

    keys: list[str]
    days: tuple[dt.date, dt.date] | None
    places: dict[tuple, PlaceMention] = field(default_factory=dict)
    actors: dict[tuple, Event] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    toll: tuple[int, int] | None = None
    tags: set[tuple[int, int]] = field(default_factory=set)
    # Every member is dated by its report's own day (see Node.news_dated).
    news_dated: bool = True
    # Members that joined as follow-up reports: their days are the later news's, not the event's.
    late: set[str] = field(default_factory=set)
    # The clock times members give, as (day, minutes after midnight).
    clocks: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def of(cls, node: Node, tags: set[tuple[int, int]]) -> Group:
        event = node.ref.event
        group = cls([node.ref.key], node.interval, articles={node.ref.article_id}, tags=set(tags),
                    news_dated=node.news_dated)
        if event.location is not None:
            group.places[_place_key(event.location)] = event.location
        signature = _actor_signature(event)
        if signature:
            group.actors[signature] = event
        low = _toll(event)
        group.toll = (low, low) if low is not None else None
        clock = clock_time(event)
        if clock is not None:
            group.clocks.add(clock)
        return group

    def absorb(self, other: Group) -> None:
        """Take in ``other``'s members; a later follow-up group keeps the days of the earlier one."""
        later = _follow_up(self, other)
        if later is None:
            self.days = _common(self.days, other.days)
            self.news_dated = self.news_dated and other.news_dated
            self.late |= other.late
        else:
            early = self if later is other else other
            self.late |= set(later.keys) | later.late | early.late
            self.days, self.news_dated = early.days, early.news_dated
        self.keys.extend(other.keys)
        self.places.update(other.places)
        self.actors.update(other.actors)
        self.articles |= other.articles
        if other.toll is not None:
            self.toll = other.toll if self.toll is None else (
                min(self.toll[0], other.toll[0]), max(self.toll[1], other.toll[1])
            )
        self.tags |= other.tags
        self.clocks |= other.clocks


def clock_time(event: Event) -> tuple[str, int] | None:
    """The day and minute of the day an event's date gives ("2:30 a.m. Saturday"), or None."""
    match = _CLOCK.match(event.date.value or "") if event.date is not None else None
    if match is None:
        return None
    day, hours, minutes = match.groups()
    return day, int(hours) * 60 + int(minutes)


def _clocks_apart(a: Group, b: Group) -> str | None:
    for day, x in sorted(a.clocks):
        for other_day, y in sorted(b.clocks):
            if day == other_day and abs(x - y) > CLOCK_APART_MINUTES:
                return f"times of day apart: {_hhmm(x)} and {_hhmm(y)} on {day}"
    return None


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _place_key(place: PlaceMention) -> tuple:
    return (place.geonameid or 0, place.name, place.country_code or "", place.precision, place.lat, place.lon)


def _actor_signature(event: Event) -> tuple:
    """The named actors of an event, as a key: events with the same names need one check."""
    names = []
    for actor in (event.actor1, event.actor2):
        actor = identified(actor)
        names.append((actor.canonical.casefold(), actor.country_code) if actor else None)
    return tuple(names) if any(names) else ()


def _toll(event: Event) -> int | None:
    count = event.fatalities
    if count is None:
        return None
    return count.min if count.min is not None else count.max


def _common(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None):
    if a is None or b is None:
        return None
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def _days(interval: tuple[dt.date, dt.date]) -> str:
    start, end = interval
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def _follow_up(a: Group, b: Group) -> Group | None:
    """The group that is a follow-up of the other (its days after, told on its news days), or None."""
    if a.days is None or b.days is None or _common(a.days, b.days) is not None:
        return None
    early, late = (a, b) if a.days[1] < b.days[0] else (b, a)
    if late.news_dated and (late.days[0] - early.days[1]).days <= FOLLOW_UP_DAYS:
        return late
    return None


def tolls_compatible(low: int, high: int) -> bool:
    """Whether the lowest and highest death toll of a group could be one event's."""
    return high <= TOLL_FACTOR * low + TOLL_SLACK


def disagreement(a: Group, b: Group, splits: list[Constraint] = (), after: int = -1,
                 follow_up: bool = False) -> str | None:
    """Why the mentions of ``a`` and ``b`` cannot be one event, or None when they all agree.

    ``splits`` are a person's split decisions (tags index them); only those
    newer than ``after`` count (a merge decision overrides older splits).
    ``follow_up``: the link between them names the same people, so a group
    whose days come after the other's, told on its reports' own days, is a
    follow-up report of the same event (an arrest, a funeral), not another event.
    """
    if any((i, 1 - side) in b.tags for i, side in a.tags if splits[i].seq > after):
        return "a reviewer's split keeps them apart"
    if after < 0:
        shared = sorted(a.articles & b.articles)
        if shared:
            return f"article {shared[0]} tells them as two events"
        if _common(a.days, b.days) is None and not (follow_up and _follow_up(a, b)):
            if a.days is None or b.days is None:
                return "their reports share no day"
            return f"no day in common: {_days(a.days)} and {_days(b.days)}"
        for x in a.places.values():
            for y in b.places.values():
                if not places_compatible(x, y):
                    return f"places apart: {x.name} and {y.name}"
        for x in a.actors.values():
            for y in b.actors.values():
                if not actors_compatible(x, y):
                    return f"actors differ: {_actor_names(x)} and {_actor_names(y)}"
        if a.toll is not None and b.toll is not None:
            low, high = min(a.toll[0], b.toll[0]), max(a.toll[1], b.toll[1])
            if not tolls_compatible(low, high):
                return f"tolls too far apart: {low} and {high} killed"
        return _clocks_apart(a, b)
    return None


def _actor_names(event: Event) -> str:
    names = [identified(a).canonical for a in (event.actor1, event.actor2) if identified(a) is not None]
    return " / ".join(names)


@dataclass(frozen=True)
class Refusal:
    """A link between two final groups that agreement refused: the groups' smallest keys and why."""

    a: str
    b: str
    reason: str


@dataclass(frozen=True)
class Clustering:
    """One component's incidents (member keys, sorted) and the refused links between them."""

    groups: tuple[tuple[str, ...], ...]
    refusals: tuple[Refusal, ...]
    late: frozenset[str] = frozenset()


def cluster(
    nodes: dict[str, Node],
    keys: list[str],
    links: list[tuple[float, str, str]],
    tags: dict[str, set[tuple[int, int]]],
    splits: list[Constraint],
    merges: list[Constraint],
) -> Clustering:
    """The incidents of one component (see the module docstring).

    ``links`` are (score, key, key) for every pair the link rules accept;
    ``merges`` are a person's merge decisions, applied after the links and
    overriding agreement (but not a split made after them).
    """
    parent = {k: k for k in keys}
    groups = {k: Group.of(nodes[k], tags.get(k, set())) for k in keys}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(ra: str, rb: str) -> None:
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        parent[gone] = keep
        groups[keep].absorb(groups.pop(gone))

    refused: list[tuple[str, str, bool]] = []
    for _score, a, b in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        follow_up = bool(nodes[a].people & nodes[b].people)
        if disagreement(groups[ra], groups[rb], splits, follow_up=follow_up) is None:
            join(ra, rb)
        else:
            refused.append((a, b, follow_up))
    present = set(keys)
    for merge in merges:
        left = sorted(k for k in merge.left if k in present)
        right = sorted(k for k in merge.right if k in present)
        for other in (left[1:] + right) if left else []:
            ra, rb = find(left[0]), find(other)
            if ra != rb and disagreement(groups[ra], groups[rb], splits, after=merge.seq) is None:
                join(ra, rb)
    final = sorted(tuple(sorted(g.keys)) for g in groups.values())
    late = frozenset(k for g in groups.values() for k in g.late)
    return Clustering(tuple(final), _refusals(refused, find, groups, splits), late)


def _refusals(refused, find, groups: dict[str, Group], splits: list[Constraint]) -> tuple[Refusal, ...]:
    """Each pair of final groups a refused link ran between, once, with why they disagree now."""
    seen: dict[tuple[str, str], str] = {}
    for a, b, follow_up in refused:
        ra, rb = sorted((find(a), find(b)))
        if ra == rb or (ra, rb) in seen:
            continue
        reason = disagreement(groups[ra], groups[rb], splits, follow_up=follow_up)
        if reason is not None:
            seen[(ra, rb)] = reason
    return tuple(
        Refusal(min(groups[ra].keys), min(groups[rb].keys), why) for (ra, rb), why in sorted(seen.items())
    )
