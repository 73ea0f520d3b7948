"""The values resolution works with: a mention (:class:`EventRef`), an incident and its fields, a decision.

Frozen dataclasses, so an incident is a value: the same members give an equal
incident whatever order they came in. The rules that make them are in
:mod:`newsledger.resolve.incidents` (the rules, documented),
:mod:`newsledger.resolve.rules` (what makes two mentions one event) and
:mod:`newsledger.resolve.fields` (each field's canonical value).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsledger.schema import Event


@dataclass(frozen=True)
class EventRef:
    """One event mention with the article facts resolution needs.

    ``source_group`` is the article id of the syndication group (the article
    itself, or the one it duplicates). ``claim_source`` is the canonical name of
    who stands behind the event's claim, when known (for the grade); ``url`` and
    ``title`` only travel to the incident's list of reports. ``people`` are the
    people the event's words and the article's lead name, folded
    (:func:`newsledger.resolve.people.people_named`): the victims and suspects
    a later report names again.
    """

    article_id: str
    source_group: str
    outlet: str | None
    event: Event
    published: dt.date | None
    claim_source: str | None = None
    url: str | None = None
    title: str | None = None
    people: frozenset[str] = frozenset()

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
class KeptApart:
    """Another incident a link to this one was refused with, and why (``show`` prints it).

    ``member`` is the other incident's smallest member key, which stays put when
    a ledger gives the incident an older id.
    """

    incident: str
    member: str
    reason: str


@dataclass(frozen=True)
class Incident:
    """One real-world event as the ledger tells it, with every source's version.

    ``event_type`` is ACLED's event type of the canonical sub-type; ``plover``
    the PLOVER code the members give for it. ``time_precision`` and
    ``geo_precision`` are ACLED's codes (1 most precise to 3) derived from the
    canonical date interval and place. ``reports`` are the member mentions
    themselves, in member order, for evidence. ``attempted`` holds when every
    report tells of an attempt only ("pursued a third tanker").
    ``independent_sources`` counts the sources that tell the event as news;
    ``recalled_sources`` those more that only recall it (a ``background`` report:
    "the Sept. 2 strike that killed 11"). ``kept_apart`` are the incidents a link
    to this one was refused with. ``follow_ups`` are the members that joined as
    later news of the event (an arrest, a hearing), whose days are not the event's.
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
    kept_apart: tuple[KeptApart, ...] = ()
    recalled_sources: int = 0
    follow_ups: tuple[str, ...] = ()


def incident_id(member_keys: Iterable[str]) -> str:
    """Stable id from the smallest member key, whatever the order members came in."""
    return "inc-" + hashlib.sha256(min(member_keys).encode("utf-8")).hexdigest()[:16]



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
