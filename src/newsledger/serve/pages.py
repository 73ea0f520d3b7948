"""The pages: the incident list, the map, the timeline, logging in and out (one incident and one article are
in :mod:`~newsledger.serve.pages_incident` and :mod:`~newsledger.serve.pages_article`).

Pages are views of the same ledger calls as the API, and every page's data is
also JSON there: the list is ``/api/v1/incidents``, the map draws
``/api/v1/incidents/map``, the timeline counts what ``/api/v1/incidents/timeline``
counts. Filters travel in the query string (a form submitted by GET), so any
view of the ledger can be shared as a link, and the list, map, timeline and
exports of one filter link to each other. A filter that is not one shows the
form again with what is wrong (400), never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from newsledger.export.incidents import INCIDENT_FORMATS
from newsledger.ledger.browse import MAX_PAGE, SORTS, timeline
from newsledger.serve import pages_article, pages_incident
from newsledger.serve.accounts import authenticate
from newsledger.serve.api.filters import Filters, filters
from newsledger.serve.api.incidents import all_matching, read_page
from newsledger.serve.deps import ApiError, Caller, caller
from newsledger.serve.pages_common import PageRoute, error_page, local_path, page, viewer
from newsledger.serve.render import bar_chart, bin_end, filled_bins, with_query
from newsledger.serve.security import CSRF_FIELD, csrf_ok, csrf_token
from newsledger.taxonomy import EVENT_TYPES, FAMILIES, GRADES, SUBTYPES

router = APIRouter(route_class=PageRoute, include_in_schema=False)

STATIC = Path(__file__).resolve().parent / "static"
# The front-end packages the map needs, copied from npm at install time.
MAP_VENDOR = (
    "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/markercluster/leaflet.markercluster.js",
    "vendor/markercluster/MarkerCluster.css", "vendor/markercluster/MarkerCluster.Default.css",
    "vendor/topojson/topojson-client.min.js", "vendor/world-atlas/countries-50m.json",
)
# Each filter and the longest value it takes (as the API's).
FILTER_LIMITS = {"type": 200, "since": 40, "until": 40, "country": 100, "min_grade": 40, "as_of": 60,
                 "bbox": 200, "q": 200}
PAGE_SIZE = 50
# The list's sortable columns, and the direction a first click sorts in.
SORT_COLUMNS = {"date": "-date", "deaths": "-deaths", "grade": "-grade", "reports": "-reports"}
TYPE_SUGGESTIONS = tuple(dict.fromkeys([*(s.name for s in SUBTYPES), *EVENT_TYPES, *FAMILIES]))
LOGIN_FAILED = "wrong user name or password."
FORM_EXPIRED = ("the form did not carry this session's token (it expired, or came from another site): "
                "reload the page and send it again.")


@dataclass(frozen=True)
class FilterForm:
    """The filters as typed (for the form), parsed (None when one is wrong), and what is wrong."""

    values: dict[str, str]
    found: Filters | None
    error: str | None
    hidden: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> dict[str, str]:
        """The query string of the filters, for links to the other views and the exports."""
        return dict(self.found.query) if self.found else {k: v for k, v in self.values.items() if v.strip()}


def read_filters(request: Request, **hidden: str) -> FilterForm:
    """The filters of the request's query string, checked as the API checks them."""
    values = {name: request.query_params.get(name, "") for name in FILTER_LIMITS}
    for name, limit in FILTER_LIMITS.items():
        if len(values[name]) > limit:
            return FilterForm(values, None, f"{name}: use at most {limit} characters.", hidden)
    try:
        found = filters(**{name: value or None for name, value in values.items()})
    except ApiError as exc:
        return FilterForm(values, None, exc.message, hidden)
    return FilterForm(values, found, None, hidden)


def _form_context(form: FilterForm, action: str) -> dict:
    return {"form": form, "action": action, "grades": GRADES, "type_suggestions": TYPE_SUGGESTIONS,
            "query": form.query}


# The incident list -----------------------------------------------------------------------------


@router.get("/", name="incident_list_page")
def incident_list(request: Request, who: Caller = Depends(viewer)) -> Response:
    """Incidents passing the filters, a page at a time, sortable, with links to the map, timeline and exports."""
    sort = request.query_params.get("sort", "-date")
    # The form keeps the sort when filtering again, unless the sort is what is wrong.
    form = read_filters(request, **({"sort": sort} if sort.removeprefix("-") in SORTS else {}))
    error = form.error
    limit = PAGE_SIZE
    limit_text = request.query_params.get("limit", "")
    if error is None and limit_text:
        limit = int(limit_text) if re.fullmatch(r"\d{1,4}", limit_text) else 0
        if not 1 <= limit <= MAX_PAGE:
            error = f"limit {limit_text[:20]!r}: ask for 1 to {MAX_PAGE} incidents a page."
    cursor = request.query_params.get("cursor") or None
    if error is None and cursor and len(cursor) > 500:
        error = "cursor: not one a page of this ledger gave; start again without it."
    result = None
    if error is None:
        try:
            result = read_page(request.app.state.ledger, form.found, sort, limit, cursor)
        except ApiError as exc:
            error = exc.message
    query = form.query
    kept = {**query, "limit": limit_text or None}
    columns = {}
    for name, first in SORT_COLUMNS.items():
        current = sort.removeprefix("-") == name
        target = ("-" + name if sort == name else name) if current else first
        direction = ("descending" if sort.startswith("-") else "ascending") if current else None
        columns[name] = {"href": with_query("/", kept, sort=target), "direction": direction}
    following = None
    if result is not None and result.next_cursor:
        following = with_query("/", kept, sort=sort, cursor=result.next_cursor)
    return page(
        request, "list.html", who, 400 if error else 200, section="incidents", error=error,
        **_form_context(form, "/"), result=result, columns=columns, sort=sort, cursor=cursor, following=following,
        first_page=with_query("/", kept, sort=sort) if cursor else None,
        exports=[(fmt, with_query(f"/api/v1/export/{fmt}", query)) for fmt in INCIDENT_FORMATS],
    )


# The map ---------------------------------------------------------------------------------------


def type_class(event_type: str) -> str:
    """The CSS class of an ACLED event type's colour: ``type-explosions-remote-violence``."""
    return "type-" + re.sub(r"[^a-z0-9]+", "-", event_type.lower()).strip("-")


@router.get("/map", name="incident_map_page")
def incident_map(request: Request, who: Caller = Depends(viewer)) -> Response:
    """The incidents passing the filters on a map drawn from the packaged world atlas (nothing from the internet)."""
    form = read_filters(request)
    missing = [name for name in MAP_VENDOR if not (STATIC / name).is_file()]
    points = with_query("/api/v1/incidents/map", form.query) if form.error is None else None
    return page(
        request, "map.html", who, 400 if form.error else 200, section="map", error=form.error,
        **_form_context(form, "/map"), missing=missing, points=points,
        legend=[(event_type, type_class(event_type)) for event_type in EVENT_TYPES],
    )


# The timeline ----------------------------------------------------------------------------------


@router.get("/timeline", name="incident_timeline_page")
def incident_timeline(request: Request, who: Caller = Depends(viewer)) -> Response:
    """Incidents and deaths per day or week, as bars; choosing a range of bars lists those days."""
    unit = request.query_params.get("unit", "day")
    form = read_filters(request)
    error = form.error
    if error is None and unit not in ("day", "week"):
        error = f"unit {unit[:20]!r}: use day or week."
    charts, bins, table, undated, spaced = [], [], [], 0, True
    list_query = {k: v for k, v in form.query.items() if k not in ("since", "until")}
    if error is None:
        try:
            rows = all_matching(request.app.state.ledger, form.found, ("fatalities_conservative",))
        except ApiError as exc:
            error = exc.message
        else:
            bins, spaced = filled_bins(timeline(rows, unit), unit)
            undated = sum(1 for row in rows if not row.get("date_start"))

            def href(start: str, end: str) -> str:
                return with_query("/", list_query, since=start, until=end)

            table = [{**b, "end": bin_end(b["start"], unit), "href": href(b["start"], bin_end(b["start"], unit))}
                     for b in bins if b["incidents"]]
            charts = [
                ("incidents", "Incidents", bar_chart(bins, "incidents", unit, "incidents", href)),
                ("deaths", "Deaths (conservative figures)", bar_chart(bins, "deaths", unit, "deaths", href)),
            ]
    return page(
        request, "timeline.html", who, 400 if error else 200, section="timeline", error=error,
        **_form_context(form, "/timeline"), unit=unit, charts=charts, bins=table,
        undated=undated, spaced=spaced, list_base=with_query("/", list_query),
        week_link=with_query("/timeline", form.query, unit="week") if unit == "day" else None,
        total_incidents=sum(b["incidents"] for b in bins), total_deaths=sum(b["deaths"] for b in bins),
    )


# Logging in and out ----------------------------------------------------------------------------


@router.get("/login", name="login_page")
def login_form(request: Request, next: str = Query("", max_length=2000)) -> Response:
    """The login form (its token ties the post to this session)."""
    who = caller(request)
    return page(request, "login.html", who, section="login", next=local_path(next) or "", name="",
                login_token=csrf_token(request))


@router.post("/login")
def login(
    request: Request,
    name: str = Form("", max_length=200),
    password: str = Form("", max_length=1024),
    token: str = Form("", alias=CSRF_FIELD, max_length=200),
    next: str = Form("", max_length=2000),
) -> Response:
    """Check the name and password; on success start a fresh session and go back where the person was."""
    if not csrf_ok(request, token):
        return error_page(request, 403, FORM_EXPIRED)
    user = authenticate(request.app.state.store, name, password)
    if user is None:
        return page(request, "login.html", Caller(None, None), 401, section="login", error=LOGIN_FAILED,
                    next=local_path(next) or "", name=name, login_token=csrf_token(request))
    # A new session: nothing from before the login (its token included) carries over.
    request.session.clear()
    request.session["user"] = user.name
    csrf_token(request)
    return RedirectResponse(local_path(next) or "/", status_code=303)


@router.post("/logout")
def logout(request: Request, token: str = Form("", alias=CSRF_FIELD, max_length=200)) -> Response:
    """End the session."""
    if not csrf_ok(request, token):
        return error_page(request, 403, FORM_EXPIRED)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


router.include_router(pages_incident.router)
router.include_router(pages_article.router)

__all__ = ["FilterForm", "error_page", "read_filters", "router", "type_class"]
