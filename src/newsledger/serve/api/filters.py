"""The filters every list, map, timeline and export takes, from query parameters, as the CLI's.

``type`` (a sub-type, an ACLED event type or a family), ``since`` and
``until`` (YYYY-MM-DD), ``country`` (a name or ISO code), ``min_grade``,
``as_of`` (a date or an ISO time), ``bbox`` (west,south,east,north) and ``q``
(words in the evidence sentences). A value that is not one is a 400 naming it,
in the words of :mod:`newsledger.ledger.queries`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Query

from newsledger.errors import LedgerError
from newsledger.ledger import IncidentFilter
from newsledger.ledger.queries import incident_filter, parse_moment
from newsledger.serve.deps import ApiError


@dataclass(frozen=True)
class Filters:
    """The parsed filters, and the query string that gives them again (for next-page and export links)."""

    where: IncidentFilter
    as_of: dt.datetime | None
    query: dict[str, str]


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or any(n != n or n in (float("inf"), float("-inf")) for n in numbers):
        raise LedgerError(f"bounding box {text[:80]!r}: use west,south,east,north in degrees, e.g. -80,0,-60,15.")
    return numbers  # type: ignore[return-value]


def filters(
    type: str | None = Query(None, max_length=200, description="sub-type, ACLED event type or family"),
    since: str | None = Query(None, max_length=40, description="YYYY-MM-DD: incidents on or after"),
    until: str | None = Query(None, max_length=40, description="YYYY-MM-DD: incidents on or before"),
    country: str | None = Query(None, max_length=100, description="country name or ISO code"),
    min_grade: str | None = Query(None, max_length=40, description="single source, several sources, acknowledged"),
    as_of: str | None = Query(None, max_length=60, description="the ledger as it stood then (date or ISO time)"),
    bbox: str | None = Query(None, max_length=200, description="west,south,east,north in degrees"),
    q: str | None = Query(None, max_length=200, description="words in the evidence sentences"),
) -> Filters:
    given = {"type": type, "since": since, "until": until, "country": country, "min_grade": min_grade,
             "as_of": as_of, "bbox": bbox, "q": q}
    given = {k: v.strip() for k, v in given.items() if v is not None and v.strip()}
    try:
        where = incident_filter(given.get("type"), given.get("since"), given.get("until"), given.get("country"),
                                given.get("min_grade"))
        where = IncidentFilter(**{**where.__dict__, "bbox": parse_bbox(given.get("bbox")), "text": given.get("q")})
        moment = parse_moment(given.get("as_of"))
    except LedgerError as exc:
        raise ApiError(400, str(exc)) from None
    return Filters(where, moment, given)


__all__ = ["Filters", "filters", "parse_bbox"]
