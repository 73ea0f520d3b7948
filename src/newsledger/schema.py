"""Result types shared by every stage, and the JSON contract they serialise to.

Every stage hands the next one frozen dataclasses defined here: ingest yields
:class:`RawDocument` (or :class:`IngestFailure`), clean turns it into an
:class:`Article`, the extractors return lists of mentions, and the pipeline
bundles them into an :class:`ExtractionResult`, whose :meth:`to_dict` is the
``newsledger/1`` JSON object documented in ``newsledger-1.schema.json``.

Every mention carries ``start`` and ``end``: character offsets into
``Article.text`` (the cleaned text), so ``text[start:end] == mention.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from newsledger.taxonomy import PLACE_PRECISIONS, TIME_PRECISIONS  # noqa: F401  (part of the contract)

SCHEMA_VERSION = "newsledger/1"

_SPACE_RUN = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """The form of a text that decides its identity: NFKC, whitespace collapsed."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_id(text: str) -> str:
    """Content-hash id: syndicated exact copies of one text share it."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RawDocument:
    """One document as read from its source, before cleaning.

    Exactly one of ``text`` (plain text) and ``html`` is set. ``origin`` says
    where it came from (a path, ``path:line`` for JSONL, ``path#record`` for
    WARC or feeds, ``<stdin>``) and is what failures are reported against.
    """

    origin: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None


@dataclass(frozen=True)
class IngestFailure:
    """A document that could not be read; recorded, never raised through a batch."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A cleaned article. All offsets in its extractions refer to ``text``."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = "en"
    origin: str | None = None

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Article:
        return cls(id=article_id(text), text=text, **metadata)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


@dataclass(frozen=True)
class Entity:
    """A named entity mention; ``canonical`` names the entity all its mentions share."""

    id: str
    text: str
    label: str
    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class TimeMention:
    """A time expression with a TIMEX3-style ``value`` resolved against publication.

    ``interval`` is the inclusive calendar span ``value`` covers (ISO dates), or
    None for vague references and durations. ``note`` says why ``value`` is
    null or what was assumed.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    interval: tuple[str, str] | None = None
    note: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place mention resolved to a gazetteer entry (or a sea/region point)."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature_code: str | None
    precision: str


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who a quote or claim comes from, as written and as resolved.

    ``kind`` is person, organisation, outlet (the reporter's own voice),
    anonymous (an unnamed source: "a source", "officials"), or group (a named
    class of people: "law-of-war experts"). ``canonical`` is the entity the
    mention resolves to (``entity_id`` where it is one of the article's
    entities); for anonymous sources ``affiliation`` names the organisation
    they are tied to when the text says ("the network's source" -> CNN).
    """

    kind: str
    canonical: str | None
    mention: TextSpan | None = None
    entity_id: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Cue:
    """A word or phrase that signals attribution, hedging, negation or tense."""

    type: str  # attribution, hedge, allegation, denial, negation, future, hypothetical
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """Reported speech: direct (in quotation marks), indirect, according_to, or floating."""

    id: str
    kind: str
    content: TextSpan
    speaker: Speaker | None
    cue: TextSpan | None
    claim_id: str | None = None
    inherited: bool = False  # speaker taken from the quote before (same speech continued)


@dataclass(frozen=True)
class Claim:
    """A proposition the article presents, who stands behind it, and how firmly."""

    id: str
    content: TextSpan
    source: Speaker
    certainty: str  # asserted, reported, alleged, uncertain, denied
    polarity: str  # positive, negative
    time_status: str  # past, ongoing, future, hypothetical
    cues: list[Cue] = field(default_factory=list)
    quote_id: str | None = None

    @property
    def source_span(self) -> TextSpan | None:
        """Where the text names the source (None for the outlet's own voice)."""
        return self.source.mention


@dataclass(frozen=True)
class Actor:
    """Who did it, or to whom: a mention, its entity, ACLED actor category and country."""

    mention: TextSpan
    canonical: str
    entity_id: str | None
    category: str | None  # state forces, rebel group, political militia, identity militia, rioters, protesters, civilians, external/other
    country_code: str | None


@dataclass(frozen=True)
class EventDate:
    """A time expression dating an event; ``inferred`` when not in the event's own sentence."""

    text: str | None
    start: int | None
    end: int | None
    value: str | None
    precision: str
    interval: tuple[str, str] | None
    inferred: bool = False


@dataclass(frozen=True)
class Count:
    """A casualty or arrest figure: a range with the words it came from.

    ``max`` None with ``min`` set means open-ended ("more than 100": min 101);
    both None never happens: an unknown figure is no Count at all.
    """

    min: int | None
    max: int | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Plover:
    """PLOVER coding of an event."""

    type: str
    mode: str | None


@dataclass(frozen=True)
class Event:
    """One event mention: what happened, who did it to whom, where, when, how many.

    ``subtype`` is an ACLED sub-event type or a documented newsledger one;
    ``subtype_rule`` says what chose it (a trigger rule or the classifier).
    ``mentions`` are the other words of the article that tell the same event
    ("the strike", "the operation", "killing three"); ``statements`` are quote
    ids that speak of it. ``background`` marks an earlier event the article
    recalls; ``field_rules`` says, for each filled field, which rule chose its
    value (its own clause, another mention, the lead, the dateline, the
    publication window).
    """

    id: str
    type: str
    subtype: str
    plover: Plover | None
    trigger: TextSpan
    evidence: TextSpan
    actor1: Actor | None
    actor2: Actor | None
    target: TextSpan | None
    location: PlaceMention | None
    date: EventDate | None
    fatalities: Count | None
    injured: Count | None
    arrested: Count | None
    certainty: str
    polarity: str
    time_status: str
    claim_id: str | None
    aggregate: bool = False
    attempted: bool = False
    background: bool = False
    subtype_rule: str = ""
    field_rules: dict[str, str] = field(default_factory=dict)
    mentions: list[TextSpan] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ExtractionError:
    """One extractor failing on one article: recorded, the rest goes on."""

    stage: str
    message: str


@dataclass(frozen=True)
class MentionKind:
    """How one kind of flat mention (a span with fields of its own) sits in flat exports.

    The extractor that makes such mentions names its kind in its declaration
    (``Extractor(..., mentions=PLACE_KIND)``); the CSV export reads
    :data:`FLAT_MENTION_KINDS` from here, below the extractors.
    """

    kind: str  # one row's ``kind``: "place"
    field: str  # the ExtractionResult list that holds them: "places"
    columns: tuple[str, ...]  # the kind's own columns


ENTITY_KIND = MentionKind("entity", "entities", ("label", "canonical"))
TIME_KIND = MentionKind("time", "times", ("value", "precision", "interval_start", "interval_end"))
PLACE_KIND = MentionKind(
    "place", "places", ("name", "geonameid", "country_code", "admin1", "lat", "lon", "feature_code", "precision")
)
# In the order their extractors run (a test holds the two together); a new flat kind is
# stored in a new ExtractionResult field below and listed here beside it.
FLAT_MENTION_KINDS = (ENTITY_KIND, TIME_KIND, PLACE_KIND)


@dataclass(frozen=True)
class ExtractionResult:
    """Everything extracted from one article, in the ``newsledger/1`` contract."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    runs: dict[str, Any] = field(default_factory=dict)
    errors: list[ExtractionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "article": self.article.to_dict(),
            "text": self.article.text,
            "entities": [_plain(e) for e in self.entities],
            "times": [_plain(t) for t in self.times],
            "places": [_plain(p) for p in self.places],
            "quotes": [_plain(q) for q in self.quotes],
            "claims": [{**_plain(c), "source_span": _plain(c.source_span)} for c in self.claims],
            "events": [_plain(e) for e in self.events],
            "runs": self.runs,
            "errors": [_plain(e) for e in self.errors],
            "warnings": list(self.warnings),
        }


def _plain(obj: Any) -> Any:
    """A dataclass as JSON-ready data (tuples become lists)."""
    if dataclasses.is_dataclass(obj):
        return {k: _plain(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj
