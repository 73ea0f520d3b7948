"""Link event mentions from many articles into incidents: which mentions are one event.

Two mentions *link* (:func:`~newsledger.resolve.rules.link_score`) when kind,
date, evidence, article and attempt below hold; they are *compatible*
(:func:`~newsledger.resolve.rules.compatible`) when place and actors hold too,
which the grouping of incidents requires of every pair of members:

- **kind**: the same family of :func:`newsledger.taxonomy.family_of`
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
- **evidence**: absence of conflict is not enough. Two agreements are
  needed: both name a place of admin2 precision or finer (and they agree), they
  share a named actor, both are dated (by the text, not by publication window),
  their evidence sentences share wording (at least :data:`WORDING_MIN_SHARED`
  content-word stems, Snowball's English stemmer, spaCy's stop words, making
  at least :data:`WORDING_MIN_OVERLAP` of the shorter sentence's) or, for the
  events the articles are about (not recalled ones), their titles do (at
  least :data:`TITLE_MIN_SHARED` stems), and one for each person both name.
  The count is the link's score.
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

Links are not incidents: single links chain (two strikes on different days
each link to a vague third report), so the connected components of the link
graph are only where incidents are looked for. Inside a component,
:func:`newsledger.resolve.clusters.cluster` takes the links strongest first
(by score, then by key) and joins two groups only when all their members
agree: a day common to every member's interval, places pairwise compatible,
named actors pairwise compatible, death tolls within
:data:`~newsledger.resolve.clusters.TOLL_FACTOR` times plus
:data:`~newsledger.resolve.clusters.TOLL_SLACK` of each other, clock times
given for one day at most :data:`~newsledger.resolve.clusters.CLOCK_APART_MINUTES`
apart ("2:30 a.m." and "10 p.m." are two shootings), no article
holding a member on both sides, no split decision between them. Places and
actors that conflict do not stop a link; they make the grouping refuse it, and
each refusal is kept on both incidents with its reason (``kept_apart``). The
grouping depends only on the component's members and links, which makes the
result independent of input order and makes :meth:`Resolver.add` in pieces
equal to one batch; the ledger re-resolves whole components for the same
reason.

**Follow-ups.** A report of later news (an arrest, a hearing) dates the event
it recalls by its own day. Two mentions whose days do not overlap still link
when the later one is dated by its report's day (or the day before), both name
the same person (:mod:`newsledger.resolve.people`), the gap is at most
:data:`FOLLOW_UP_DAYS`, and they share the town or a second name; the later
group then joins as follow-ups, whose days do not date the incident.
**Recalled events.** A background mention with its own date joins like any
other; it is a *recalled* report, counted in ``recalled_sources``, not among
the independent sources.

Aggregates ("dozens of strikes this year"), future and
hypothetical mentions and negated ones ("no strike took place") never join: they
get no incident. Candidates come from an index by (family, day, country), and
by (family, person named), so each mention is compared only with mentions of
its kind, days and country, or naming its people.

Each field of an :class:`Incident` keeps every competing value with the sources
(syndication groups) behind it, the canonical value and the rule that chose it:

- sub-type: most independent sources, then the more specific (the family default
  "Attack" loses to "Air/drone strike"), then alphabetical; contested when two
  specific sub-types compete.
- date: the intersection of the dated intervals of the members that are not
  follow-ups when non-empty, else their union (contested: only a reviewer's
  merge can join such members); publication windows only when no member is dated.
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

from newsledger.resolve.fields import build_incident
from newsledger.resolve.resolver import Resolver, resolve
from newsledger.resolve.rules import (
    FINE_PLACE_RANK,
    FOLLOW_UP_DAYS,
    INFERRED_WINDOW_DAYS,
    MAX_LINK_SPAN_DAYS,
    MIN_EVIDENCE,
    NEVER_JOIN_TIME,
    RADIUS_KM,
    TITLE_MIN_SHARED,
    WORDING_MIN_OVERLAP,
    WORDING_MIN_SHARED,
    Node,
    actors_compatible,
    compatible,
    content_stems,
    distance_km,
    effective_interval,
    evidence_count,
    is_joinable,
    kind_of,
    named,
    places_compatible,
    shares_actor,
    similar_wording,
    why_excluded,
)
from newsledger.resolve.types import (
    Constraint,
    CountRange,
    EventRef,
    FieldValue,
    Incident,
    KeptApart,
    SourcedCount,
    Support,
    incident_id,
)
from newsledger.taxonomy import GRADES  # moved

__all__ = [
    "FINE_PLACE_RANK", "FOLLOW_UP_DAYS", "GRADES", "INFERRED_WINDOW_DAYS", "MAX_LINK_SPAN_DAYS", "MIN_EVIDENCE", "NEVER_JOIN_TIME",
    "RADIUS_KM", "TITLE_MIN_SHARED", "WORDING_MIN_OVERLAP", "WORDING_MIN_SHARED", "Constraint", "CountRange", "EventRef", "FieldValue",
    "Incident", "KeptApart", "Node", "Resolver", "SourcedCount", "Support", "actors_compatible", "build_incident", "compatible",
    "content_stems", "distance_km", "effective_interval", "evidence_count", "incident_id", "is_joinable", "kind_of",
    "named", "places_compatible", "resolve", "shares_actor", "similar_wording", "why_excluded",
]
