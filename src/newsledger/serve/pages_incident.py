"""One incident's page: every field with its rule, competing values and sources, the evidence, the history,
and (for a reviewer) the forms that merge, split and correct it.

The page is ``newsledger show`` on the web: each field's value, the rule that
chose it, whether sources contest it, every candidate value with the reports
behind it; each source's figures quoted from its article; each report's
evidence sentence in its article's words with the characters the values came
from marked (the trigger, the figures, the place where the place came from
that report); syndicated copies, look-alikes kept apart, corrections, and
every version, each a link to the incident as it then stood (``as_of``).

The review forms post to ``/incidents/{id}/merge|split|correct`` with the
session's CSRF token and call the same ledger methods as the API; on success
they redirect (303) to the incident, where the change shows in the fields and
the history at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from newsledger.errors import LedgerError, NotFoundError
from newsledger.incident import FigureRange, IncidentRecord, Report
from newsledger.ledger.queries import parse_moment
from newsledger.ledger.service import CORRECTABLE
from newsledger.serve.deps import Caller, caller
from newsledger.serve.pages_common import LoginNeeded, PageRoute, error_page, page, viewer
from newsledger.serve.render import (
    Excerpt,
    Highlight,
    dates_text,
    excerpt,
    incident_path,
    place_text,
    range_text,
    utc,
    web_url,
)
from newsledger.serve.security import CSRF_FIELD, csrf_ok

router = APIRouter(route_class=PageRoute, include_in_schema=False)

FIELDS = {"sub_event_type": "Sub-event type", "date": "Date", "place": "Place", "actor1": "Actor 1",
          "actor2": "Actor 2"}
FIGURES = {"fatalities": "Fatalities", "injured": "Injured", "arrested": "Arrested"}
ROLES = {"account": "account", "follow-up": "follow-up (later news of the event)",
         "recalled": "recalled (a later article recalling the event)"}
MAX_ID = 200
MAX_NOTE = 2000
FORM_EXPIRED = ("the form did not carry this session's token (it expired, or came from another site): "
                "reload the page and send it again.")


@dataclass(frozen=True)
class Source:
    """A report behind a value: its outlet (or article) and the anchor of the report on the page."""

    label: str
    anchor: str | None


@dataclass(frozen=True)
class Candidate:
    value: str
    chosen: bool
    sources: list[Source]


@dataclass(frozen=True)
class FieldView:
    name: str
    label: str
    value: str
    rule: str
    contested: bool
    candidates: list[Candidate]
    notes: list[str]


@dataclass(frozen=True)
class FigureLine:
    """One source's figure, the words it was read from, and those words in their article."""

    range: str
    text: str
    start: int
    end: int
    source: Source
    excerpt: Excerpt | None


@dataclass(frozen=True)
class FigureView:
    name: str
    label: str
    range: str
    conservative: int | None
    rule: str
    contested: bool
    lines: list[FigureLine]


@dataclass(frozen=True)
class ReportView:
    report: Report
    number: int
    anchor: str
    link: str | None
    role: str
    excerpt: Excerpt | None
    copies: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class VersionView:
    version: int
    status: str
    reason: str
    created_at: dt.datetime
    replaced_by: str | None
    href: str
    viewing: bool


def _value_text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "date":
        return dates_text(value[0], value[1])
    if name == "place":
        return f"{place_text(value.name, value.country_code, value.precision)} ({value.precision})"
    return str(value)


def _same(one: Any, other: Any) -> bool:
    """Whether two field values are the same value (places compared by their fields alone)."""
    if hasattr(one, "model_dump") and hasattr(other, "model_dump"):
        return one.model_dump() == other.model_dump()
    return one == other


def _field_views(record: IncidentRecord, source_of: dict[str, Source]) -> list[FieldView]:
    views = []
    for name, label in FIELDS.items():
        current = getattr(record, name)
        notes = []
        if name == "date":
            notes.append(f"ACLED time_precision {current.time_precision}")
        elif name == "place":
            notes.append(f"ACLED geo_precision {current.geo_precision}")
            if current.value is not None and current.value.lat is not None and current.value.lon is not None:
                notes.append(f"at {current.value.lat:.4f}, {current.value.lon:.4f}")
            if current.value is not None and current.value.admin1:
                notes.append(f"in {current.value.admin1}")
        elif name.startswith("actor"):
            notes += [f"{what} {value}" for what, value in (
                ("category", current.category), ("country", current.country_code), ("ACLED inter", current.inter),
            ) if value is not None]
        candidates = [
            Candidate(_value_text(name, c.value), _same(c.value, current.value),
                      list(dict.fromkeys(source_of.get(m, Source(m, None)) for m in c.members)))
            for c in current.candidates
        ]
        views.append(FieldView(name, label, _value_text(name, current.value), current.rule, current.contested,
                               candidates, notes))
    return views


def _figure_views(record: IncidentRecord, source_of: dict[str, Source], article_of: dict[str, str],
                  texts: dict[str, str]) -> list[FigureView]:
    views = []
    for name, label in FIGURES.items():
        count: FigureRange | None = record.figure(name)
        if count is None:
            continue
        lines = []
        for figure in count.figures:
            article = article_of.get(figure.member)
            words = Highlight(figure.start, figure.end, "figure", f"{name}: {range_text(figure.min, figure.max)}")
            lines.append(FigureLine(
                range_text(figure.min, figure.max), figure.text, figure.start, figure.end,
                source_of.get(figure.member, Source(figure.source, None)),
                excerpt(texts.get(article or ""), figure.start, figure.end, [words], context=100),
            ))
        views.append(FigureView(name, label, range_text(count.min, count.max), count.conservative, count.rule,
                                count.contested, lines))
    return views


def _marks(record: IncidentRecord, report: Report, text: str | None) -> list[Highlight]:
    """The characters of ``report``'s article that this incident's values came from."""
    marks = [
        Highlight(report.evidence.start, report.evidence.end, "evidence", "evidence sentence"),
        Highlight(report.trigger.start, report.trigger.end, "trigger",
                  f"trigger: the words telling the event ({report.sub_event_type})"),
    ]
    for name in FIGURES:
        count = record.figure(name)
        for figure in count.figures if count else ():
            if figure.member == report.member:
                marks.append(Highlight(figure.start, figure.end, "figure",
                                       f"{name}: {range_text(figure.min, figure.max)}"))
    for candidate in record.place.candidates:
        place = candidate.value
        # The place's offsets are those of one of its reports: marked only in the article they point into.
        if report.member in candidate.members and text and text[place.start:place.end] == place.text:
            marks.append(Highlight(place.start, place.end, "place", f"place: {place.name}"))
    return marks


def _history(ledger, incident_id: str, moment: dt.datetime | None) -> list[VersionView]:
    versions = ledger.history(incident_id)
    shown = [v for v in versions if moment is None or utc(v.created_at) <= moment]
    viewing = shown[-1].version if shown else None
    return [
        VersionView(v.version, v.status, v.reason, utc(v.created_at), v.replaced_by,
                    incident_path(incident_id, as_of=utc(v.created_at).isoformat()), v.version == viewing)
        for v in versions
    ]


def incident_view(request: Request, who: Caller, incident_id: str, as_of: str | None = None, *,
                  error: str | None = None, status: int = 200) -> Response:
    """The incident page (also after a decision that failed, with ``error`` and its ``status``)."""
    ledger, store = request.app.state.ledger, request.app.state.store
    if len(incident_id) > MAX_ID:
        return error_page(request, 404, f"no incident {incident_id[:40]}...")
    try:
        moment = parse_moment(as_of or None)
    except LedgerError as exc:
        return error_page(request, 400, str(exc))
    try:
        detail, path = ledger.get(incident_id, moment)
    except LedgerError as exc:  # NotFoundError, or an incident retired with no report left
        return error_page(request, 404, str(exc))
    record = IncidentRecord.model_validate(detail)
    texts = dict(store.iter_texts({r.article_id for r in record.reports}))
    source_of = {r.member: Source(r.outlet or r.article_id, f"report-{n}") for n, r in enumerate(record.reports, 1)}
    article_of = {r.member: r.article_id for r in record.reports}
    copies = {a: store.copies(a) for a in {r.article_id for r in record.reports}}
    reports = [
        ReportView(
            r, n, f"report-{n}", web_url(r.url), ROLES.get(r.role, r.role),
            excerpt(texts.get(r.article_id), r.evidence.start, r.evidence.end,
                    _marks(record, r, texts.get(r.article_id))),
            copies.get(r.article_id, []),
        )
        for n, r in enumerate(record.reports, 1)
    ]
    user = who.user
    flash = request.session.pop("flash", None) if "session" in request.scope else None
    return page(
        request, "incident.html", who, status, section="incidents", error=error, flash=flash,
        incident=record, reached_through=path, as_of=moment, as_of_text=as_of,
        fields=_field_views(record, source_of), figures=_figure_views(record, source_of, article_of, texts),
        reports=reports, history=_history(ledger, record.id, moment),
        review=user is not None and user.may_decide and moment is None,
        correctable=CORRECTABLE,
    )


@router.get("/incidents/{incident_id}", name="incident_page")
def incident_page(request: Request, incident_id: str, as_of: str | None = None,
                  who: Caller = Depends(viewer)) -> Response:
    """One incident, now or as it stood at ``as_of``."""
    return incident_view(request, who, incident_id, as_of)


# Decisions -------------------------------------------------------------------------------------


def _reviewer(request: Request, incident_id: str, token: str) -> Caller | Response:
    """The reviewer sending a decision form, or the response refusing it (403, or a redirect to log in)."""
    if not csrf_ok(request, token):
        return error_page(request, 403, FORM_EXPIRED)
    who = caller(request)
    if who.user is None:
        raise LoginNeeded(incident_path(incident_id))
    if not who.user.may_decide:
        return error_page(request, 403, f"{who.user.name} may not make decisions.")
    return who


def _decided(request: Request, who: Caller, incident_id: str, call) -> Any:
    """Run a decision; a ledger error shows the incident again with the message (400, or 404 for an unknown id)."""
    try:
        return call()
    except NotFoundError as exc:
        return incident_view(request, who, incident_id, error=str(exc), status=404)
    except LedgerError as exc:
        return incident_view(request, who, incident_id, error=str(exc), status=400)


def _flash(request: Request, *parts: str | list[str]) -> None:
    """A message for the next page: text, and incident links made by :func:`_link`, in order."""
    request.session["flash"] = [part if isinstance(part, list) else [part, None] for part in parts]


def _link(incident_id: str) -> list[str]:
    return [incident_id, incident_path(incident_id)]


@router.post("/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: str, others: str = Form("", max_length=5000),
          note: str = Form("", max_length=MAX_NOTE),
          token: str = Form("", alias=CSRF_FIELD, max_length=200)) -> Response:
    """Merge other incidents (ids separated by spaces or commas) into this one."""
    who = _reviewer(request, incident_id, token)
    if isinstance(who, Response):
        return who
    ids = [ident for ident in re.split(r"[\s,]+", others.strip()) if ident]
    if not ids:
        return incident_view(request, who, incident_id, error="merge: name the incident(s) to merge with this one.",
                             status=400)
    if any(len(ident) > MAX_ID for ident in ids) or len(ids) > 99:
        return incident_view(request, who, incident_id, error="merge: those are not incident ids.", status=400)
    merged = _decided(request, who, incident_id,
                      lambda: request.app.state.ledger.merge([incident_id, *ids], note.strip() or None,
                                                             by=who.user.name))
    if isinstance(merged, Response):
        return merged
    _flash(request, f"Merged {', '.join([incident_id, *ids])}: the incident is now ", _link(merged), ".")
    return RedirectResponse(incident_path(merged), status_code=303)


@router.post("/incidents/{incident_id}/split")
def split(request: Request, incident_id: str, members: list[str] = Form([]),
          note: str = Form("", max_length=MAX_NOTE),
          token: str = Form("", alias=CSRF_FIELD, max_length=200)) -> Response:
    """Take the chosen reports out of this incident into one of their own."""
    who = _reviewer(request, incident_id, token)
    if isinstance(who, Response):
        return who
    chosen = [m for m in members if m]
    if not chosen:
        return incident_view(request, who, incident_id, error="split: choose the reports to take out.", status=400)
    if any(len(m) > 2 * MAX_ID for m in chosen) or len(chosen) > 1000:
        return incident_view(request, who, incident_id, error="split: those are not reports of this incident.",
                             status=400)
    parts = _decided(request, who, incident_id,
                     lambda: request.app.state.ledger.split(incident_id, chosen, note.strip() or None,
                                                            by=who.user.name))
    if isinstance(parts, Response):
        return parts
    rest, new = parts
    _flash(request, "Split: the reports left in are ", _link(rest), "; the reports taken out are now ", _link(new),
           ".")
    return RedirectResponse(incident_path(rest), status_code=303)


@router.post("/incidents/{incident_id}/correct")
def correct(request: Request, incident_id: str, field_name: str = Form("", alias="field", max_length=40),
            value: str = Form("", max_length=500), note: str = Form("", max_length=MAX_NOTE),
            token: str = Form("", alias=CSRF_FIELD, max_length=200)) -> Response:
    """Set one field of this incident by hand."""
    who = _reviewer(request, incident_id, token)
    if isinstance(who, Response):
        return who
    if field_name not in CORRECTABLE:
        return incident_view(request, who, incident_id, status=400,
                             error=f"correct: choose one of the fields {', '.join(CORRECTABLE)}.")
    if not value.strip():
        return incident_view(request, who, incident_id, error="correct: give the right value.", status=400)
    done = _decided(request, who, incident_id,
                    lambda: request.app.state.ledger.correct(incident_id, field_name, value.strip(),
                                                             note.strip() or None, by=who.user.name))
    if isinstance(done, Response):
        return done
    _flash(request, f"Corrected {field_name} of ", _link(incident_id), ".")
    return RedirectResponse(incident_path(incident_id), status_code=303)


__all__ = ["incident_view", "router"]
