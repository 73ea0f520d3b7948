"""An incident's fields from its member mentions: competing values, canonical choice, grade.

The rules are documented in :mod:`newsledger.resolve.incidents`; this module
applies them to one connected component of mentions. Sources are syndication
groups (copies count once); independence is counted by outlet (one outlet's
several articles count once; an article without an outlet is its own outlet).
Every list is sorted so an incident is the same whatever order its members
arrived in. Hand-written for the reason the resolution module gives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable

from newsledger.resolve.rules import (
    _dated_interval,
    effective_interval,
    kind_of,
    named,
    places_compatible,
)
from newsledger.resolve.types import (
    CountRange,
    EventRef,
    FieldValue,
    Incident,
    KeptApart,
    SourcedCount,
    Support,
    incident_id,
)
from newsledger.schema import Count, PlaceMention
from newsledger.taxonomy import (
    FAMILY_DEFAULTS,
    GEO_PRECISION,
    PRECISION_RANK,
    event_type_of,
    family_of,
    plover_of,
)

FINE_PLACE = {"site", "city"}


def build_incident(refs: list[EventRef], kept_apart: tuple[KeptApart, ...] = (),
                   follow_ups: frozenset[str] | set[str] = frozenset()) -> Incident:
    """One incident from the mentions of one group, the incidents it was kept apart from, and
    which members are follow-up reports (their days are the later news's, not the event's)."""
    refs = sorted(refs, key=lambda r: r.key)
    subtype = choose_subtype(refs)
    fields = {
        "subtype": subtype,
        "date": choose_date([r for r in refs if r.key not in follow_ups] or refs),
        "place": choose_place(refs),
        "actor1": choose_actor(refs, lambda r: r.event.actor1),
        "actor2": choose_actor(refs, lambda r: r.event.actor2),
    }
    counts = {
        name: choose_count(refs, name) for name in ("fatalities", "injured", "arrested")
    }
    contested = tuple(sorted(
        [n for n, f in fields.items() if f.contested]
        + [n for n, c in counts.items() if c is not None and c.contested]
    ))
    sources = tuple(sorted({r.source_group for r in refs}))
    outlets = tuple(sorted({r.outlet for r in refs if r.outlet}))
    # A later article recalling the event adds its source's figures, not an account of its own.
    accounts = [r for r in refs if not r.event.background]
    independent = count_independent(accounts)
    recalled = count_independent(refs) - independent
    place = fields["place"].canonical
    return Incident(
        id=incident_id(r.key for r in refs),
        members=tuple(r.key for r in refs),
        family=kind_of(refs[0].event),
        event_type=event_type_of(subtype.canonical),
        plover=choose_plover(refs, subtype.canonical),
        **fields,
        **counts,
        sources=sources,
        outlets=outlets,
        independent_sources=independent,
        recalled_sources=recalled,
        grade=grade_of(refs, fields, independent),
        contested=contested,
        time_precision=time_precision(fields["date"].canonical),
        geo_precision=GEO_PRECISION.get(place.precision) if place else None,
        reports=tuple(refs),
        attempted=all(r.event.attempted for r in refs),
        kept_apart=kept_apart,
        follow_ups=tuple(sorted(follow_ups)),
    )


def time_precision(interval: tuple[str, str] | None) -> int | None:
    """ACLED's time_precision: 1 a day, 2 a week or a few days, 3 longer (a month).

    The eight-day window before publication given to an undated report counts as a week.
    """
    if interval is None:
        return None
    days = (dt.date.fromisoformat(interval[1]) - dt.date.fromisoformat(interval[0])).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def choose_plover(refs: list[EventRef], subtype: str) -> FieldValue:
    """The PLOVER code the reports of the canonical sub-type give; the taxonomy's when none does."""
    outlet_of = _outlets(refs)
    supports = _supports(
        refs, lambda r: (r.event.plover.type, r.event.plover.mode) if r.event.plover else None
    )
    own = [s for s in supports if any(
        ref.event.subtype == subtype for ref in refs if ref.key in s.members
    )]
    if own:
        best = sorted(own, key=lambda s: (-_independent(s, outlet_of), _plover_order(s.value)))[0]
        return FieldValue(
            best.value, "PLOVER code of the canonical sub-type's reports, most independent sources",
            tuple(sorted(supports, key=lambda s: _plover_order(s.value))),
        )
    code = plover_of(subtype)
    value = (code.event, code.mode) if code else None
    return FieldValue(
        value, "PLOVER code of the canonical sub-type (taxonomy)",
        tuple(sorted(supports, key=lambda s: _plover_order(s.value))),
    )


def _plover_order(value: tuple[str, str | None]) -> tuple[str, str]:
    return (value[0], value[1] or "")


def count_independent(refs: list[EventRef]) -> int:
    """Syndication groups, with the groups one outlet published counted once.

    A syndicated copy carried by a second outlet shares its group, and one
    outlet's several articles share the outlet, so both count once.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for ref in refs:
        group = find("group:" + ref.source_group)
        if ref.outlet:
            outlet = find("outlet:" + ref.outlet)
            if outlet != group:
                parent[max(outlet, group)] = min(outlet, group)
    return len({find("group:" + r.source_group) for r in refs})


def _supports(refs: list[EventRef], value_of: Callable[[EventRef], Hashable | None]) -> list[Support]:
    groups: dict[Hashable, list[EventRef]] = defaultdict(list)
    for ref in refs:
        value = value_of(ref)
        if value is not None:
            groups[value].append(ref)
    return [
        Support(value, tuple(sorted({r.source_group for r in rs})), tuple(r.key for r in rs))
        for value, rs in groups.items()
    ]


def _independent(support: Support, outlet_of: dict[str, str]) -> int:
    return len({outlet_of[s] for s in support.sources})


def _outlets(refs: list[EventRef]) -> dict[str, str]:
    return {r.source_group: r.outlet or f"article:{r.source_group}" for r in refs}


def choose_subtype(refs: list[EventRef]) -> FieldValue:
    outlet_of = _outlets(refs)
    supports = _supports(refs, lambda r: r.event.subtype)
    default = FAMILY_DEFAULTS.get(family_of(refs[0].event.subtype))
    ranked = sorted(supports, key=lambda s: (-_independent(s, outlet_of), s.value == default, s.value))
    specific = [s for s in supports if s.value != default]
    return FieldValue(
        ranked[0].value, "most independent sources, then most specific",
        tuple(sorted(supports, key=lambda s: s.value)), contested=len(specific) > 1,
    )


def choose_date(refs: list[EventRef]) -> FieldValue:
    dated = _supports(refs, lambda r: _as_iso(_dated_interval(r.event)))
    rule_prefix = "dated intervals"
    if not dated:
        dated = _supports(refs, lambda r: _as_iso(effective_interval(r)))
        rule_prefix = "publication windows"
    candidates = tuple(sorted(dated, key=lambda s: s.value))
    if not candidates:
        return FieldValue(None, "no date", ())
    starts = [s.value[0] for s in candidates]
    ends = [s.value[1] for s in candidates]
    if max(starts) <= min(ends):
        return FieldValue((max(starts), min(ends)), f"{rule_prefix}: intersection", candidates)
    return FieldValue((min(starts), max(ends)), f"{rule_prefix}: union (no common day)", candidates, True)


def _as_iso(interval: tuple[dt.date, dt.date] | None) -> tuple[str, str] | None:
    return (interval[0].isoformat(), interval[1].isoformat()) if interval else None


def _place_key(place: PlaceMention) -> tuple:
    return (place.geonameid or 0, place.name, place.country_code or "", place.precision)


def choose_place(refs: list[EventRef]) -> FieldValue:
    outlet_of = _outlets(refs)
    places = {_place_key(r.event.location): r.event.location for r in refs if r.event.location}
    supports = _supports(refs, lambda r: _place_key(r.event.location) if r.event.location else None)
    if not supports:
        return FieldValue(None, "no place", ())
    ranked = sorted(supports, key=lambda s: (
        PRECISION_RANK.get(s.value[3], 9), -_independent(s, outlet_of), s.value[1], s.value[0]
    ))
    fine = [places[s.value] for s in supports if s.value[3] in FINE_PLACE]
    contested = any(
        not places_compatible(a, b) for i, a in enumerate(fine) for b in fine[i + 1:]
    )
    shown = tuple(
        Support(places[s.value], s.sources, s.members) for s in sorted(supports, key=lambda s: s.value)
    )
    return FieldValue(
        places[ranked[0].value], "most specific place, then most independent sources", shown, contested
    )


def choose_actor(refs: list[EventRef], role: Callable) -> FieldValue:
    outlet_of = _outlets(refs)

    def actor_of(ref: EventRef):
        return named(role(ref))

    countries: dict[str, str | None] = {}
    for ref in refs:
        actor = actor_of(ref)
        if actor is not None:
            countries.setdefault(actor.canonical, actor.country_code)
    supports = _supports(refs, lambda r: actor_of(r).canonical if actor_of(r) else None)
    if not supports:
        return FieldValue(None, "no actor", ())
    ranked = sorted(supports, key=lambda s: (-_independent(s, outlet_of), s.value))
    names = sorted(countries)
    contested = any(
        a.casefold() != b.casefold() and not (countries[a] and countries[a] == countries[b])
        for i, a in enumerate(names) for b in names[i + 1:]
    )
    return FieldValue(
        ranked[0].value, "most independent sources, then name",
        tuple(sorted(supports, key=lambda s: s.value)), contested,
    )


def choose_count(refs: list[EventRef], name: str) -> CountRange | None:
    figures: list[SourcedCount] = []
    for ref in refs:
        count: Count | None = getattr(ref.event, name)
        if count is not None:
            figures.append(SourcedCount(
                ref.key, ref.source_group, count.min, count.max, count.text, count.start, count.end
            ))
    if not figures:
        return None
    lows = [f.min if f.min is not None else 0 for f in figures]
    # An open-ended figure ("more than 100") has no maximum, so neither has the range.
    highs = [f.max for f in figures]
    high = None if any(h is None for h in highs) else max(highs)
    conservative = min(f.min if f.min is not None else f.max for f in figures)
    # Some two ranges are disjoint exactly when the highest minimum exceeds the lowest maximum.
    contested = max(lows) > min(h if h is not None else float("inf") for h in highs)
    return CountRange(
        min(lows), high, conservative, "range: min of minimums, max of maximums; conservative: lowest sourced figure",
        tuple(figures), contested,
    )


def grade_of(refs: list[EventRef], fields: dict[str, FieldValue], independent: int) -> str:
    """The grade rules of the module docstring of :mod:`newsledger.resolve.incidents`."""
    if any(r.event.certainty == "denied" for r in refs) or any(
        fields[n].contested for n in ("date", "place", "actor1", "actor2")
    ):
        return "contested"
    actors = {
        s.value.casefold() for n in ("actor1", "actor2") for s in fields[n].candidates
    }
    if any(r.claim_source and r.claim_source.casefold() in actors for r in refs):
        return "acknowledged"
    return "several sources" if independent >= 2 else "single source"
