"""Link event mentions from many articles into incidents: which mentions are one event.

Two mentions are *compatible* (a direct link) when all of these hold:

- **kind**: the same family of :func:`newsledger.extract.event_rules.family_of`
  (sub-types may differ within a family: one outlet's "air strike" is another's
  "missile attack"); events outside every family need the same sub-type.
- **date**: their effective intervals overlap. The effective interval is the
  event's dated interval; an undated event (or one dated only by a span wider
  than :data:`MAX_LINK_SPAN_DAYS`, "this year") gets the inferred window
  ``[published - INFERRED_WINDOW_DAYS, published]``, intersected with its vague
  interval when it has one. An event with neither date nor publication date
  never links.
- **place**: unknown on either side is no objection; different country codes are;
  otherwise the points must lie within the sum of radii set by each place's
  precision (:data:`RADIUS_KM`), so a city lies inside its country and a point
  lies inside a sea region, while two cities 300 km apart stay apart.
- **actors**: actor1 against actor1 and actor2 against actor2 (or crosswise, as
  outlets swap roles): named on both sides they must share the canonical name or
  the country code. An actor whose name is only stop words ("He", "who", an
  unresolved pronoun) counts as unnamed, here and among an incident's values.
- **evidence**: absence of conflict is not enough. Two of four agreements are
  needed: both name a place of admin2 precision or finer (and they agree), they
  share a named actor, both are dated (by the text, not by publication window),
  their evidence sentences share wording (at least :data:`WORDING_MIN_SHARED`
  content-word stems, Snowball's English stemmer, spaCy's stop words, making
  at least :data:`WORDING_MIN_OVERLAP` of the shorter sentence's).
  Single link chains, so one vague mention ("an attack in Iraq last week")
  linking to anything compatible would bridge every incident of its country
  and week; on the synthetic scale data one agreement alone gave B-cubed
  precision about 0.4.
- **article**: two mentions of one article never link directly (the extractor
  already joined what one article says twice, as ``Event.mentions``); they may
  still meet through another article. Near-duplicate copies (other article ids,
  one syndication group) count as one source, and a mention links to a copy's
  mention only when both come from the same sentence, so the copies of two
  different events of one report are never crossed.
- **attempt**: an attempt ("pursued a third tanker") links only to attempts.

Incidents are the connected components of that link graph (single link, kept in
a union-find whose representative is the smallest member key), which makes the
result independent of input order and makes :meth:`Resolver.add` in pieces equal
to one batch. Aggregates ("dozens of strikes this year"), future and
hypothetical mentions and negated ones ("no strike took place") never join: they
get no incident. Candidates come from an index by (family, day, country), so
each mention is compared only with mentions of its kind, days and country.

Each field of an :class:`Incident` keeps every competing value with the sources
(syndication groups) behind it, the canonical value and the rule that chose it:

- sub-type: most independent sources, then the more specific (the family default
  "Attack" loses to "Air/drone strike"), then alphabetical; contested when two
  specific sub-types compete.
- date: the intersection of the dated intervals when non-empty, else their union
  (contested); publication windows only when no member is dated.
- place: the most specific place; ties by independent sources, then name;
  contested when two places of city precision or finer are incompatible.
- actors: most independent sources, then name; contested when two named values
  share neither canonical name nor country.
- fatalities, injured, arrested: the range across sources (min of minimums, max
  of maximums, None when a source is open-ended) and the conservative figure
  (ACLED's practice: the lowest figure a source gave); contested when two
  sources' ranges do not overlap.
- grade: ``contested`` when a member is denied or date, place or actors are
  contested (differing tolls alone do not: tolls rise as reports come in);
  else ``acknowledged`` when a member's claim comes from one of the incident's
  actors; else ``several sources`` with two or more independent sources
  (distinct outlets; syndicated copies and one outlet's articles count once);
  else ``single source``.

A person's decisions are constraints on the mentions they name (never on
incident ids, which move as members come and go): a *merge* is a must-link
between two groups of mentions, applied after the automatic links; a *split*
is a cannot-link between two groups, checked before every union, so no later
report bridges them again. A later decision overrides an earlier one: a merge
ignores older splits between the same mentions.

Hand-written: entity-resolution libraries (dedupe, recordlinkage, splink) learn
pair weights from labelled pairs we do not have, and none knows about date
intervals, gazetteer precision or union-find order independence; the rules a
tracker checks by hand are short enough to read here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS

from newsledger.extract.event_rules import PRECISION_RANK, family_of
from newsledger.schema import Actor, Event, PlaceMention

INFERRED_WINDOW_DAYS = 7
MAX_LINK_SPAN_DAYS = 31
# How far from its point a place of this precision may reach (km).
RADIUS_KM = {
    "site": 5.0, "city": 25.0, "admin2": 75.0, "admin1": 300.0,
    "country": 1500.0, "region": 2500.0, "water": 1200.0,
}
NEVER_JOIN_TIME = {"future", "hypothetical"}
MIN_EVIDENCE = 2
WORDING_MIN_SHARED = 5
WORDING_MIN_OVERLAP = 0.6
FINE_PLACE_RANK = PRECISION_RANK["admin2"]
GRADES = ("single source", "several sources", "acknowledged", "contested")


@dataclass(frozen=True)
class EventRef:
    """One event mention with the article facts resolution needs.

    ``source_group`` is the article id of the syndication group (the article
    itself, or the one it duplicates). ``claim_source`` is the canonical name of
    who stands behind the event's claim, when known (for the grade); ``url`` and
    ``title`` only travel to the incident's list of reports.
    """

    article_id: str
    source_group: str
    outlet: str | None
    event: Event
    published: dt.date | None
    claim_source: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def key(self) -> str:
        """Stable identity of the mention: article and event id."""
        return f"{self.article_id}:{self.event.id}"


@dataclass(frozen=True)
class Support:
    """One competing value of a field and who supports it."""

    value: Any
    sources: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class FieldValue:
    """A field of an incident: the chosen value, the rule, every competing value."""

    canonical: Any
    rule: str
    candidates: tuple[Support, ...]
    contested: bool = False


@dataclass(frozen=True)
class SourcedCount:
    """One mention's figure with its evidence words."""

    member: str
    source: str
    min: int | None
    max: int | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CountRange:
    """Fatalities, injured or arrested across sources."""

    min: int | None
    max: int | None
    conservative: int | None
    rule: str
    figures: tuple[SourcedCount, ...]
    contested: bool = False


@dataclass(frozen=True)
class Incident:
    """One real-world event as the ledger tells it, with every source's version.

    ``event_type`` is ACLED's event type of the canonical sub-type; ``plover``
    the PLOVER code the members give for it. ``time_precision`` and
    ``geo_precision`` are ACLED's codes (1 most precise to 3) derived from the
    canonical date interval and place. ``reports`` are the member mentions
    themselves, in member order, for evidence. ``attempted`` holds when every
    report tells of an attempt only ("pursued a third tanker").
    """

    id: str
    members: tuple[str, ...]
    family: str
    event_type: str
    subtype: FieldValue
    plover: FieldValue
    date: FieldValue
    place: FieldValue
    actor1: FieldValue
    actor2: FieldValue
    fatalities: CountRange | None
    injured: CountRange | None
    arrested: CountRange | None
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_sources: int
    grade: str
    contested: tuple[str, ...]
    time_precision: int | None
    geo_precision: int | None
    reports: tuple[EventRef, ...]
    attempted: bool = False


def incident_id(member_keys: Iterable[str]) -> str:
    """Stable id from the smallest member key, whatever the order members came in."""
    return "inc-" + hashlib.sha256(min(member_keys).encode("utf-8")).hexdigest()[:16]


def _id_of_root(root: str) -> str:
    return incident_id([root])


def is_joinable(ref: EventRef) -> bool:
    """Aggregates, future, hypothetical and negated mentions never join an incident."""
    return why_excluded(ref) in (None, "no date")


def why_excluded(ref: EventRef) -> str | None:
    """Why a mention joins no incident: aggregate, future, hypothetical, negated, denied, no date."""
    event = ref.event
    if event.aggregate:
        return "aggregate"
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


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


@lru_cache(maxsize=65536)
def _only_stop_words(name: str) -> bool:
    return all(w.casefold() in STOP_WORDS for w in name.split())


def _actor_pair_ok(a: Actor | None, b: Actor | None) -> bool:
    a, b = named(a), named(b)
    if a is None or b is None:
        return True
    if a.canonical.casefold() == b.canonical.casefold():
        return True
    return bool(a.country_code) and a.country_code == b.country_code


def actors_compatible(x: Event, y: Event) -> bool:
    """Named actors agree by canonical name or country, in either role order."""
    straight = _actor_pair_ok(x.actor1, y.actor1) and _actor_pair_ok(x.actor2, y.actor2)
    return straight or (_actor_pair_ok(x.actor1, y.actor2) and _actor_pair_ok(x.actor2, y.actor1))


@dataclass(frozen=True)
class Constraint:
    """A person's decision between two groups of mention keys, in decision order.

    ``kind`` is ``"merge"`` (the groups belong together) or ``"split"`` (they
    never do); ``seq`` orders decisions, a later one winning.
    """

    kind: str
    left: frozenset[str]
    right: frozenset[str]
    seq: int


_WORD = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """Stems of a sentence's content words (no stop words, no words under three letters)."""
    words = [w for w in _WORD.findall(text.casefold()) if len(w) > 2 and w not in STOP_WORDS]
    return frozenset(_STEMMER.stemWords(words))


def similar_wording(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences' stems share enough words, and enough of the shorter one."""
    shared = len(a & b)
    return shared >= WORDING_MIN_SHARED and shared >= WORDING_MIN_OVERLAP * min(len(a), len(b))


@dataclass
class _Node:
    ref: EventRef
    kind: str
    interval: tuple[dt.date, dt.date]
    country: str | None
    dated: bool
    words: frozenset[str] = frozenset()


def compatible(a: _Node, b: _Node) -> bool:
    """The direct-link test of the module docstring (kind and days are already met)."""
    if a.ref.article_id == b.ref.article_id:
        return False
    x, y = a.ref.event, b.ref.event
    if a.ref.source_group == b.ref.source_group and x.evidence.text != y.evidence.text:
        # Copies of one report: each mention is the copy of the same sentence, never another.
        return False
    if x.attempted != y.attempted:
        return False
    if a.interval[1] < b.interval[0] or b.interval[1] < a.interval[0]:
        return False
    if not (places_compatible(x.location, y.location) and actors_compatible(x, y)):
        return False
    return evidence_count(a, b) >= MIN_EVIDENCE


def evidence_count(a: _Node, b: _Node) -> int:
    """How many positive agreements two compatible mentions share (see module docstring)."""
    x, y = a.ref.event, b.ref.event
    fine_places = (
        x.location is not None and y.location is not None
        and PRECISION_RANK.get(x.location.precision, 9) <= FINE_PLACE_RANK
        and PRECISION_RANK.get(y.location.precision, 9) <= FINE_PLACE_RANK
    )
    wording = similar_wording(a.words, b.words)
    return int(fine_places) + int(shares_actor(x, y)) + int(a.dated and b.dated) + int(wording)


def shares_actor(x: Event, y: Event) -> bool:
    """Some actor named on both sides agrees (canonical name or country)."""
    return any(
        named(a) is not None and named(b) is not None and _actor_pair_ok(a, b)
        for a in (x.actor1, x.actor2) for b in (y.actor1, y.actor2)
    )


class Resolver:
    """Incremental resolution: ``add`` batches in any order and split, same incidents.

    Mentions are indexed by (kind, day) and then by country ("" for unknown), so a
    new mention is compared only with mentions of its kind on the days of its
    interval, in its own country or of unknown country.
    """

    def __init__(self, constraints: Iterable[Constraint] = ()) -> None:
        self._constraints = sorted(constraints, key=lambda c: c.seq)
        self._splits = [c for c in self._constraints if c.kind == "split"]
        # root -> {(split index, side)} of the split decisions its members fall under.
        self._tags: dict[str, set[tuple[int, int]]] = {}
        self._nodes: dict[str, _Node] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._index: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._cache: dict[str, Incident] = {}
        self.comparisons = 0

    def __len__(self) -> int:
        return len(self._nodes)

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str, after: int = -1) -> bool:
        """Join the sets of ``a`` and ``b`` unless a split decision newer than ``after`` forbids it."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return False
        ta, tb = self._tags.get(ra, set()), self._tags.get(rb, set())
        if any((i, 1 - side) in tb for i, side in ta if self._splits[i].seq > after):
            return False
        # The smaller key is the representative: the same whatever the order of unions.
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self._parent[gone] = keep
        self._members[keep].extend(self._members.pop(gone))
        merged = self._tags.pop(gone, set()) | self._tags.get(keep, set())
        if merged:
            self._tags[keep] = merged
        return True

    def _tag(self, key: str) -> None:
        tags = {
            (i, side) for i, split in enumerate(self._splits)
            for side, group in enumerate((split.left, split.right)) if key in group
        }
        if tags:
            self._tags[key] = tags

    def _apply_merges(self) -> set[str]:
        """Union the groups of every merge decision whose mentions are present; returns roots joined."""
        joined: set[str] = set()
        for merge in (c for c in self._constraints if c.kind == "merge"):
            left = sorted(k for k in merge.left if k in self._nodes)
            right = sorted(k for k in merge.right if k in self._nodes)
            for a in left[:1]:
                for b in left[1:] + right:
                    before = {self._find(a), self._find(b)}
                    if self._union(a, b, after=merge.seq):
                        joined |= before
        return joined

    def add(self, refs: Iterable[EventRef]) -> tuple[str, ...]:
        """Add mentions; returns the ids of incidents created, grown, or merged away.

        Mentions that may never join (aggregates, future, negated, undatable) and
        mentions already added are skipped.
        """
        touched_roots: set[str] = set()
        retired: set[str] = set()
        for ref in sorted(refs, key=lambda r: r.key):
            if ref.key in self._nodes or not is_joinable(ref):
                continue
            interval = effective_interval(ref)
            if interval is None:
                continue
            loc = ref.event.location
            dated = _dated_interval(ref.event)
            node = _Node(
                ref, kind_of(ref.event), interval, loc.country_code if loc else None,
                dated is not None and (dated[1] - dated[0]).days <= MAX_LINK_SPAN_DAYS,
                content_stems(ref.event.evidence.text),
            )
            key = ref.key
            self._nodes[key] = node
            self._parent[key] = key
            self._members[key] = [key]
            self._tag(key)
            for candidate in self._candidates(node):
                other = self._find(candidate)
                if other == self._find(key):
                    continue
                self.comparisons += 1
                if compatible(node, self._nodes[candidate]) and self._union(candidate, key):
                    retired.add(other)
            self._insert(node)
            touched_roots.add(key)
        retired |= self._apply_merges()
        # A root is its set's smallest key, so an incident's id is the hash of its root.
        roots = {self._find(k) for k in touched_roots | retired}
        for root in roots | retired:
            self._cache.pop(root, None)
        return tuple(sorted({_id_of_root(r) for r in roots | retired}))

    def _days(self, node: _Node) -> range:
        return range(node.interval[0].toordinal(), node.interval[1].toordinal() + 1)

    def _candidates(self, node: _Node) -> list[str]:
        seen: set[str] = set()
        found: list[str] = []
        for day in self._days(node):
            by_country = self._index.get((node.kind, day))
            if not by_country:
                continue
            lists = by_country.values() if node.country is None else (
                by_country.get(node.country, ()), by_country.get("", ())
            )
            for keys in lists:
                for key in keys:
                    if key not in seen:
                        seen.add(key)
                        found.append(key)
        return found

    def _insert(self, node: _Node) -> None:
        for day in self._days(node):
            self._index[(node.kind, day)][node.country or ""].append(node.ref.key)

    def incidents(self) -> list[Incident]:
        """Every incident, sorted by id."""
        result = []
        for root, members in self._members.items():
            if root not in self._cache:
                self._cache[root] = build_incident([self._nodes[k].ref for k in members])
            result.append(self._cache[root])
        return sorted(result, key=lambda inc: inc.id)

    def incident_of(self, ref_key: str) -> str | None:
        """The id of the incident a mention belongs to, or None if it joined none."""
        if ref_key not in self._nodes:
            return None
        return _id_of_root(self._find(ref_key))


def resolve(refs: Iterable[EventRef], constraints: Iterable[Constraint] = ()) -> list[Incident]:
    """All incidents among ``refs`` in one batch, under a person's decisions."""
    resolver = Resolver(constraints)
    resolver.add(refs)
    return resolver.incidents()


# Building an incident's fields lives in its own module; imported late to keep one entry point.
from newsledger.resolve.fields import build_incident  # noqa: E402
