"""The ``incidents`` and ``incident_versions`` rows: writing a version, reading the ledger now or as of then.

The current ledger is read with SQL on the flat columns of ``incidents``; the
ledger as of a past moment from the latest version of each incident stamped at
or before it, filtered in Python with the same :class:`IncidentFilter`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from newsledger.errors import LedgerError
from newsledger.resolve.serialize import flat_fields
from newsledger.store.models import EventRow, IncidentReportRow, IncidentRow, IncidentVersionRow
from newsledger.taxonomy import FAMILIES, GRADE_RANK

ACTIVE, REPLACED, RETIRED = "active", "replaced", "retired"


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents to list: type (sub-type, ACLED event type or family), dates, country, grade.

    ``since``/``until`` keep incidents whose date interval overlaps them;
    ``country`` is an ISO 3166 alpha-2 code; ``min_grade`` keeps grades ranked
    at least as high (single source < several sources < acknowledged; contested
    ranks lowest, so only ``min_grade="contested"`` or none lists it);
    ``bbox`` (west, south, east, north in degrees) keeps incidents placed inside
    it (west greater than east crosses the antimeridian); ``text`` keeps
    incidents whose reports' evidence sentences contain it (case folded).
    """

    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    min_grade: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if self.min_grade is not None and self.min_grade not in GRADE_RANK:
            raise LedgerError(f"unknown grade {self.min_grade!r}; use one of {', '.join(GRADE_RANK)}.")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
                raise LedgerError(
                    f"bounding box {','.join(map(str, self.bbox))}: use west,south,east,north in degrees "
                    "(longitudes -180 to 180, latitudes -90 to 90, south below north)."
                )

    def matches(self, detail: dict[str, Any]) -> bool:
        """The filter applied to an incident dict (the ``as_of`` path; the current one is SQL)."""
        flat = flat_columns(detail)
        if self.type and self.type.casefold() not in {
            (flat["sub_event_type"] or "").casefold(), (flat["event_type"] or "").casefold(), detail["family"]
        }:
            return False
        if self.country and (flat["country_code"] or "") != self.country.upper():
            return False
        if self.since and (flat["date_end"] is None or flat["date_end"] < self.since.isoformat()):
            return False
        if self.until and (flat["date_start"] is None or flat["date_start"] > self.until.isoformat()):
            return False
        if self.bbox and not in_bbox(flat["latitude"], flat["longitude"], self.bbox):
            return False
        if self.text and not any(self.text.casefold() in r["evidence"]["text"].casefold() for r in detail["reports"]):
            return False
        return not (self.min_grade and flat["grade_rank"] < GRADE_RANK[self.min_grade])


def in_bbox(lat: float | None, lon: float | None, bbox: tuple[float, float, float, float]) -> bool:
    """Whether a point lies in a (west, south, east, north) box; west above east wraps the antimeridian."""
    if lat is None or lon is None:
        return False
    west, south, east, north = bbox
    across = lon >= west or lon <= east if west > east else west <= lon <= east
    return south <= lat <= north and across


@dataclass(frozen=True)
class Version:
    """One row of an incident's history."""

    incident_id: str
    version: int
    status: str
    replaced_by: str | None
    reason: str
    created_at: dt.datetime
    detail: dict[str, Any] | None


def normal(detail: dict[str, Any]) -> dict[str, Any]:
    """The dict as the JSON column gives it back (lists for tuples), so comparisons are exact."""
    return json.loads(json.dumps(detail))


# Columns of ``incidents`` filled from :func:`~newsledger.resolve.serialize.flat_fields` as they are.
FLAT_FIELDS = (
    "event_type", "sub_event_type", "attempted", "plover_event", "plover_mode", "date_start", "date_end",
    "time_precision", "country_code", "admin1", "location", "latitude", "longitude", "geo_precision",
    "actor1", "actor2", "fatalities_min", "fatalities_max", "fatalities_conservative",
    "injured_min", "injured_max", "arrested_min", "arrested_max", "grade", "independent_sources",
)


def flat_columns(detail: dict[str, Any]) -> dict[str, Any]:
    """The ``incidents`` table's filter columns from an incident dict."""
    fields = flat_fields(detail)
    return {
        **{name: fields[name] for name in FLAT_FIELDS},
        "grade_rank": GRADE_RANK[detail["grade"]],
        "reports": len(detail["members"]),
        "contested": ", ".join(detail["contested"]) or None,
    }


def write_version(session: Session, row: IncidentRow, status: str, replaced_by: str | None,
                  detail: dict[str, Any] | None, reason: str, now: dt.datetime) -> None:
    """Bring an incident row to its new state and record that state as its next version."""
    row.version += 1
    row.status, row.replaced_by, row.updated_at = status, replaced_by, now
    if detail is not None:
        row.detail = detail
        for name, value in flat_columns(detail).items():
            setattr(row, name, value)
    elif row.reports is None:
        row.reports = 0
    session.add(IncidentVersionRow(
        incident_id=row.id, version=row.version, status=status, replaced_by=replaced_by,
        reason=reason, created_at=now, detail=detail,
    ))


def current_query(where: IncidentFilter):
    """SQL for the active incidents' dicts that pass the filter."""
    query = select(IncidentRow.detail).where(IncidentRow.status == ACTIVE)
    if where.type:
        wanted = where.type.casefold()
        query = query.where(or_(
            func.lower(IncidentRow.sub_event_type) == wanted, func.lower(IncidentRow.event_type) == wanted,
            IncidentRow.id.in_(family_ids(wanted)),
        ))
    if where.country:
        query = query.where(IncidentRow.country_code == where.country.upper())
    if where.since:
        query = query.where(IncidentRow.date_end >= where.since.isoformat())
    if where.until:
        query = query.where(IncidentRow.date_start <= where.until.isoformat())
    if where.min_grade:
        query = query.where(IncidentRow.grade_rank >= GRADE_RANK[where.min_grade])
    if where.bbox:
        west, south, east, north = where.bbox
        lon = IncidentRow.longitude
        across = or_(lon >= west, lon <= east) if west > east else lon.between(west, east)
        query = query.where(IncidentRow.latitude.between(south, north), across)
    if where.text:
        query = query.where(IncidentRow.id.in_(evidence_ids(where.text)))
    return query


def evidence_ids(text: str):
    """SQL for the ids of incidents with a report whose evidence sentence contains ``text`` (any case)."""
    pattern = "%" + text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (
        select(IncidentReportRow.incident_id)
        .join(EventRow, and_(EventRow.run_id == IncidentReportRow.run_id, EventRow.event_key == IncidentReportRow.event_key))
        .where(IncidentReportRow.incident_id.is_not(None), func.lower(EventRow.evidence_text).like(pattern, escape="\\"))
    )


def family_ids(family: str):
    """SQL for the ids of incidents whose sub-type is of this family."""
    # The family ("attack", "protest") lives in the JSON detail; its sub-types are a short list.
    return select(IncidentRow.id).where(IncidentRow.sub_event_type.in_(sorted(FAMILIES.get(family, ()))))


def version_of(row: IncidentVersionRow) -> Version:
    """A version row as a plain value."""
    return Version(row.incident_id, row.version, row.status, row.replaced_by, row.reason, row.created_at, row.detail)


def versions_at(session: Session, as_of: dt.datetime, incident_id: str | None = None) -> dict[str, Version]:
    """The latest version of each incident stamped at or before ``as_of`` (naive means UTC)."""
    # Stamps are UTC; SQLite keeps them without an offset, so compare in UTC.
    as_of = as_of.astimezone(dt.UTC) if as_of.tzinfo else as_of.replace(tzinfo=dt.UTC)
    query = select(IncidentVersionRow).where(IncidentVersionRow.created_at <= as_of)
    if incident_id is not None:
        query = query.where(IncidentVersionRow.incident_id == incident_id)
    latest: dict[str, Version] = {}
    for row in session.scalars(query.order_by(IncidentVersionRow.incident_id, IncidentVersionRow.version)):
        latest[row.incident_id] = version_of(row)
    return latest


def state_at(session: Session, incident_id: str, as_of: dt.datetime | None):
    """``(status, replaced_by, detail)`` of an incident now or at ``as_of``; None if it did not exist."""
    if as_of is None:
        row = session.get(IncidentRow, incident_id)
        return None if row is None else (row.status, row.replaced_by, row.detail if row.status == ACTIVE else None)
    version = versions_at(session, as_of, incident_id).get(incident_id)
    return None if version is None else (version.status, version.replaced_by, version.detail)


__all__ = [
    "ACTIVE", "REPLACED", "RETIRED", "IncidentFilter", "Version", "current_query", "evidence_ids", "flat_columns",
    "in_bbox", "normal",
    "state_at", "version_of", "versions_at", "write_version",
]
