"""The typed incident: pydantic models of the ``newsledger-incident/1`` JSON.

An incident crosses every boundary above resolution: the store keeps it in
``incidents.detail`` and in each ``incident_versions`` row, the ledger reads it
back, and every incident export writes it. :class:`IncidentRecord` is that JSON
as a typed value, field for field what
:func:`newsledger.resolve.serialize.incident_to_dict` produces (plus the
``corrections`` a person's decisions add):

- each field the sources may disagree on (:class:`SubtypeField`,
  :class:`PloverField`, :class:`DateField`, :class:`PlaceField`,
  :class:`ActorField`) has its canonical ``value``, the ``rule`` that chose
  it, whether it is ``contested``, and every ``candidates`` value with the
  sources (syndication groups) and member mentions behind it;
- fatalities, injured and arrested are a :class:`FigureRange`: the range
  across sources, the conservative figure, and each source's
  :class:`SourcedFigure` with the offsets of its words in its article;
- :class:`Report` is one member mention with its article, outlet and the
  offsets of its trigger and evidence sentence;
- :class:`IncidentVersion` is one entry of an incident's history (status,
  reason, time, and the incident as it then stood).

``IncidentRecord.model_validate(detail)`` reads a stored dict and
:meth:`IncidentRecord.to_dict` gives back the same dict, keys in the same order
(so a JSON export of either is byte-identical). Keys are written in the order
they came in: the dicts ``incident_to_dict`` builds all share one order, but a
correction can create a count the ledger writes in another, and what is stored
is given back as stored. The JSON Schema of the records,
``newsledger-incident-1.schema.json`` beside this module, is generated from
these models by :func:`incident_json_schema` (the tests check the committed
file is current).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    model_serializer,
    model_validator,
)

from newsledger.taxonomy import GRADES, PLACE_PRECISIONS

SCHEMA = "newsledger-incident/1"
SCHEMA_PATH = Path(__file__).with_name("newsledger-incident-1.schema.json")
SCHEMA_ID = "https://newsledger.invalid/schema/newsledger-incident-1.schema.json"

Grade = Literal[GRADES]  # type: ignore[valid-type]
PlacePrecision = Literal[PLACE_PRECISIONS]  # type: ignore[valid-type]
VersionStatus = Literal["active", "replaced", "retired"]


class _Record(BaseModel):
    """Frozen, no unknown keys, and keys written back in the order they were read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    _key_order: tuple[str, ...] | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_key_order(cls, data: Any, handler: Any) -> Any:
        record = handler(data)
        if isinstance(data, dict):
            keys = tuple(data)
            # Only an order other than the fields' own needs remembering.
            if keys != tuple(key for key in (f.alias or n for n, f in cls.model_fields.items()) if key in data):
                record._key_order = keys
        return record

    @model_serializer(mode="wrap")
    def _in_key_order(self, handler: Any) -> Any:
        dumped = handler(self)
        if self._key_order and isinstance(dumped, dict):
            dumped = {
                **{key: dumped[key] for key in self._key_order if key in dumped},
                **{key: value for key, value in dumped.items() if key not in self._key_order},
            }
        return dumped


class Span(_Record):
    """Words of an article: ``text`` is the article's text from ``start`` to ``end`` (character offsets)."""

    text: str
    start: int
    end: int


class Place(_Record):
    """A place as the gazetteer resolved it, with the offsets of the words that named it."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    country_code: str | None = Field(description="ISO 3166-1 alpha-2")
    admin1: str | None
    lat: float | None
    lon: float | None
    feature_code: str | None = Field(description="GeoNames feature code")
    precision: PlacePrecision


class PloverValue(_Record):
    """A PLOVER event category and mode."""

    event: str
    mode: str | None


class NameCandidate(_Record):
    """One competing sub-type or actor name, and who gives it."""

    value: str
    sources: list[str] = Field(description="syndication groups (article ids) giving this value")
    members: list[str] = Field(description="member mention keys giving this value")


class PloverCandidate(_Record):
    """One competing PLOVER code, and who gives it."""

    value: PloverValue
    sources: list[str]
    members: list[str]


class DateCandidate(_Record):
    """One competing date interval (first and last day), and who gives it."""

    value: tuple[dt.date, dt.date]
    sources: list[str]
    members: list[str]


class PlaceCandidate(_Record):
    """One competing place, and who gives it."""

    value: Place
    sources: list[str]
    members: list[str]


class SubtypeField(_Record):
    """The ACLED sub-event type (or newsledger's addition) and its competing values."""

    value: str
    rule: str
    contested: bool
    candidates: list[NameCandidate]


class PloverField(_Record):
    """The PLOVER code and its competing values."""

    value: PloverValue | None
    rule: str
    contested: bool
    candidates: list[PloverCandidate]


class DateField(_Record):
    """The date interval, its competing values, and ACLED's ``time_precision`` (1 a day to 3 longer)."""

    value: tuple[dt.date, dt.date] | None
    rule: str
    contested: bool
    candidates: list[DateCandidate]
    start: dt.date | None
    end: dt.date | None
    time_precision: int | None


class PlaceField(_Record):
    """The place, its competing values, and ACLED's ``geo_precision`` (1 a town or site to 3 a province or more)."""

    value: Place | None
    rule: str
    contested: bool
    candidates: list[PlaceCandidate]
    geo_precision: int | None


class ActorField(_Record):
    """An actor (canonical name), its competing names, ACLED category, country and ``inter`` code."""

    value: str | None
    rule: str
    contested: bool
    candidates: list[NameCandidate]
    category: str | None
    country_code: str | None
    inter: int | None = Field(description="ACLED's interaction code: 1-8, 0 no actor, null a category unknown")


class SourcedFigure(_Record):
    """One member mention's figure (a range; ``max`` null when open-ended) and the words it was read from."""

    member: str
    source: str
    min: int | None
    max: int | None
    text: str
    start: int
    end: int


class FigureRange(_Record):
    """Fatalities, injured or arrested across sources: the range, the conservative figure, each source's."""

    min: int | None
    max: int | None
    conservative: int | None = Field(description="the lowest figure a source gave (ACLED's practice)")
    rule: str
    contested: bool
    figures: list[SourcedFigure]


class Report(_Record):
    """One member mention: its article, outlet, the claim's source, and its trigger and evidence offsets."""

    member: str
    article_id: str
    event_id: str
    source: str = Field(description="the syndication group (article id) it counts under")
    outlet: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    claim_source: str | None
    role: Literal["account", "follow-up", "recalled"] = Field(
        "account", description=(
            "follow-up: later news of the event (an arrest, a hearing), whose days are not the event's; "
            "recalled: a later article recalling the event (its figures count, not as an account)"
        ),
    )
    sub_event_type: str
    certainty: str
    trigger: Span
    evidence: Span


class KeptApart(_Record):
    """Another incident a link to this one was refused with, and why."""

    incident: str
    member: str = Field(description="the other incident's smallest member key")
    reason: str


class Correction(_Record):
    """A person's correction of one field, with the value it replaced."""

    decision: int
    field: str
    value: Any
    before: Any
    note: str | None


class IncidentRecord(_Record):
    """One incident as the ledger keeps it: ``newsledger-incident/1``."""

    model_config = ConfigDict(title="newsledger-incident/1: one incident of the ledger")

    schema_: Literal["newsledger-incident/1"] = Field(alias="schema")
    id: str
    family: str
    event_type: str
    sub_event_type: SubtypeField
    attempted: bool = False
    plover: PloverField
    date: DateField
    place: PlaceField
    actor1: ActorField
    actor2: ActorField
    fatalities: FigureRange | None
    injured: FigureRange | None
    arrested: FigureRange | None
    sources: list[str]
    outlets: list[str]
    claim_sources: list[str] = []
    independent_sources: int
    recalled_sources: int = 0
    grade: Grade
    contested: list[str]
    members: list[str]
    reports: list[Report]
    kept_apart: list[KeptApart] = []
    corrections: list[Correction] = []

    def to_dict(self) -> dict[str, Any]:
        """The ``newsledger-incident/1`` dict: what was read, the same keys in the same order."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def figure(self, name: str) -> FigureRange | None:
        """``fatalities``, ``injured`` or ``arrested`` by name."""
        if name not in ("fatalities", "injured", "arrested"):
            raise KeyError(name)
        return getattr(self, name)

    def flat_fields(self) -> dict[str, Any]:
        """The scalar fields, one flat name each, for the ``incidents`` table and the incidents CSV."""
        place, plover = self.place.value, self.plover.value
        fields = {
            "id": self.id,
            "family": self.family,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type.value,
            "sub_event_type_contested": self.sub_event_type.contested,
            "attempted": self.attempted,
            "plover_event": plover.event if plover else None,
            "plover_mode": plover.mode if plover else None,
            "date_start": _iso(self.date.start),
            "date_end": _iso(self.date.end),
            "time_precision": self.date.time_precision,
            "date_contested": self.date.contested,
            "country_code": place.country_code if place else None,
            "admin1": place.admin1 if place else None,
            "location": place.name if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": self.place.geo_precision,
            "place_contested": self.place.contested,
        }
        for role, actor in (("actor1", self.actor1), ("actor2", self.actor2)):
            fields.update({
                role: actor.value, f"{role}_category": actor.category, f"{role}_country": actor.country_code,
                f"inter{role[-1]}": actor.inter,
            })
        for name in ("fatalities", "injured", "arrested"):
            count = self.figure(name)
            fields.update({
                f"{name}_{part}": getattr(count, part) if count else None for part in ("min", "max", "conservative")
            })
        fields.update({"grade": self.grade, "independent_sources": self.independent_sources})
        return fields


class IncidentVersion(_Record):
    """One entry of an incident's history: its status then, why it changed, when, and the incident as it stood.

    ``incident`` is None for a version that retired the incident or pointed it
    at the one it was merged into (``replaced_by``).
    """

    incident_id: str
    version: int
    status: VersionStatus
    replaced_by: str | None
    reason: str
    created_at: dt.datetime
    incident: IncidentRecord | None


def as_record(incident: IncidentRecord | dict[str, Any]) -> IncidentRecord:
    """The typed record of an incident given as a record or as its ``newsledger-incident/1`` dict."""
    return incident if isinstance(incident, IncidentRecord) else IncidentRecord.model_validate(incident)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def incident_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`IncidentRecord`, as committed beside this module."""
    schema = IncidentRecord.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def write_incident_json_schema(path: Path = SCHEMA_PATH) -> None:
    """Write :func:`incident_json_schema` to ``path`` (run when the models change, then commit the file)."""
    path.write_text(json.dumps(incident_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = [
    "SCHEMA", "SCHEMA_PATH", "ActorField", "Correction", "DateCandidate", "DateField", "FigureRange",
    "IncidentRecord", "IncidentVersion", "NameCandidate", "Place", "PlaceCandidate", "PlaceField", "PloverCandidate",
    "PloverField", "PloverValue", "Report", "SourcedFigure", "Span", "SubtypeField", "incident_json_schema",
    "write_incident_json_schema",
]
