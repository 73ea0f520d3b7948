"""``/api/v1/incidents``: the list (filters, sort, cursor), one incident with its history, the map and timeline data."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from newsledger.errors import LedgerError, NotFoundError
from newsledger.incident import IncidentRecord, IncidentVersion
from newsledger.ledger import Ledger
from newsledger.ledger.browse import MAX_PAGE, SUMMARY_FIELDS, timeline
from newsledger.serve.api.filters import Filters, filters
from newsledger.serve.deps import ApiError, get_ledger, reader
from newsledger.serve.models import Error, IncidentOut, IncidentPage
from newsledger.serve.render import utc

router = APIRouter(prefix="/incidents", tags=["incidents"], dependencies=[Depends(reader)])
ERRORS = {400: {"model": Error}, 401: {"model": Error}, 404: {"model": Error}}
# The map and the timeline draw every matching incident: at most this many.
MAP_LIMIT = 20_000
MAP_FIELDS = ("latitude", "longitude", "event_type", "sub_event_type", "location", "country_code",
              "fatalities_conservative", "grade", "reports", "geo_precision")


def read_page(ledger: Ledger, found: Filters, sort: str, limit: int, cursor: str | None):
    try:
        return ledger.page(found.where, found.as_of, sort, limit, cursor)
    except LedgerError as exc:
        raise ApiError(400, str(exc)) from None


def all_matching(ledger: Ledger, found: Filters, fields: tuple[str, ...] = SUMMARY_FIELDS) -> list[dict[str, Any]]:
    """``fields`` of every incident the filters keep, up to :data:`MAP_LIMIT`, newest first."""
    return ledger.all_summaries(found.where, found.as_of, MAP_LIMIT, fields)


@router.get("", response_model=IncidentPage, responses=ERRORS, summary="List incidents")
def list_incidents(
    request: Request,
    found: Filters = Depends(filters),
    sort: str = Query("-date", max_length=20, description="date, deaths, reports, grade or id; - for descending"),
    limit: int = Query(100, ge=1, le=MAX_PAGE),
    cursor: str | None = Query(None, max_length=500, description="next_cursor of the page before"),
    ledger: Ledger = Depends(get_ledger),
) -> dict[str, Any]:
    """Incidents that pass the filters, a page at a time, in ``sort`` order."""
    page = read_page(ledger, found, sort, limit, cursor)
    following = None
    if page.next_cursor:
        query = {**found.query, "sort": sort, "limit": str(limit), "cursor": page.next_cursor}
        following = str(request.url_for("list_incidents")) + "?" + urlencode(query)
    return {"items": page.items, "total": page.total, "next_cursor": page.next_cursor, "next": following}


@router.get("/map", responses=ERRORS, summary="Incidents as map points (GeoJSON)")
def map_points(found: Filters = Depends(filters), ledger: Ledger = Depends(get_ledger)) -> JSONResponse:
    """A GeoJSON FeatureCollection of the placed incidents that pass the filters (at most 20,000)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": {
                "id": row["id"], "event_type": row["event_type"], "sub_event_type": row["sub_event_type"],
                "date": row["date_start"], "location": row["location"], "country_code": row["country_code"],
                "deaths": row["fatalities_conservative"], "grade": row["grade"], "reports": row["reports"],
                "geo_precision": row["geo_precision"],
            },
        }
        for row in all_matching(ledger, found, MAP_FIELDS)
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    # Thousands of plain values: written as they are, without FastAPI's per-value encoding.
    return JSONResponse({"type": "FeatureCollection", "features": features})


@router.get("/timeline", responses=ERRORS, summary="Incidents and deaths per day or week")
def incident_timeline(
    found: Filters = Depends(filters),
    unit: str = Query("day", pattern="^(day|week)$"),
    ledger: Ledger = Depends(get_ledger),
) -> dict[str, Any]:
    """Counts of the incidents that pass the filters, by the day (or ISO week) they began."""
    return {"unit": unit, "bins": timeline(all_matching(ledger, found, ("fatalities_conservative",)), unit)}


@router.get("/{incident_id}", response_model=IncidentOut, responses=ERRORS, summary="One incident")
def one_incident(
    incident_id: str,
    as_of: str | None = Query(None, max_length=60, description="the incident as it stood then"),
    ledger: Ledger = Depends(get_ledger),
) -> dict[str, Any]:
    """The typed incident (reports, figures, candidates), the ids it was reached through, and its versions."""
    from newsledger.ledger.queries import parse_moment

    try:
        moment = parse_moment(as_of)
        detail, path = ledger.get(incident_id, moment)
    except NotFoundError as exc:
        raise ApiError(404, str(exc)) from None
    except LedgerError as exc:
        raise ApiError(400 if as_of else 404, str(exc)) from None
    return {"incident": IncidentRecord.model_validate(detail), "reached_through": path,
            "history": history_of(ledger, detail["id"])}


@router.get("/{incident_id}/history", response_model=list[IncidentVersion], responses=ERRORS,
            summary="An incident's versions")
def incident_history(incident_id: str, ledger: Ledger = Depends(get_ledger)) -> list[IncidentVersion]:
    """Every version of the incident, oldest first, each with the incident as it then stood."""
    versions = history_of(ledger, incident_id)
    if not versions:
        raise ApiError(404, f"no incident {incident_id}.")
    return versions


def history_of(ledger: Ledger, incident_id: str) -> list[IncidentVersion]:
    return [
        IncidentVersion.model_validate({
            "incident_id": v.incident_id, "version": v.version, "status": v.status, "replaced_by": v.replaced_by,
            "reason": v.reason, "created_at": utc(v.created_at), "incident": v.detail,
        })
        for v in ledger.history(incident_id)
    ]

