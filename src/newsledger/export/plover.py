"""Incidents as PLOVER records: the PLOVER manual's JSON fields, one record a line.

One JSON object a line with the field names of the PLOVER manual's
"JSON Data Fields" chapter (openeventdata/PLOVER ``PLOVER_MANUAL.tex``, draft
0.7b1): ``id``, ``has_event``, ``date`` and ``enddate`` (the canonical
interval), ``source`` and ``recipient`` (lists of actor objects: ``code`` the
ISO alpha-3 code of the actor's country, ``sector`` REB or CVL where the ACLED
category says so unambiguously, ``identifier_text`` the canonical name;
two-sided violence, mode ``sideAB``, puts both actors in ``source`` as the
manual asks), ``event``/``mode``/``context`` (lists), ``event_loc`` (a location
object with GeoNames' field names), ``event_text`` (the trigger words of every
report), ``quad_code`` (the manual's quad table), ``dead``/``injured``/
``arrested`` (ASSAULT's supplementary fields and the size object's names;
the conservative figures), ``text`` with ``text_info`` (``start``/``end``:
character offsets of that evidence in its article) and ``cite_info``
(``citation`` the article id, ``url``, ``title``, ``publication`` the outlet,
``coder``, ``codebook``) for the report that best carries the canonical
sub-type, and ``coder``. The manual invites extra named fields: ``newsledger``
holds the ACLED sub-type, grade, precisions, ranges and every report's text,
offsets and citation. An incident whose sub-type has no PLOVER category is
written with ``has_event`` false and an empty ``event``. The mode ``aerial``
is newsledger's extension (see ``NEWSLEDGER_PLOVER_MODES``). The manual has no
``resolution`` field and the incident dict keeps no actor mention text, so
``actor_text`` is left out.

Hand-written: no package writes PLOVER's format; the standard library's
``json`` does the quoting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsledger.export.acled import acled_subtype
from newsledger.export.incident_common import (
    CODER,
    as_record,
    as_records,
    country,
    unique,
    write_lines,
)
from newsledger.incident import (
    ActorField,
    FigureRange,
    IncidentRecord,
    Place,
    Report,
    Span,
)

# The PLOVER manual's quad table (0.7b1): verbal/material cooperation, verbal/material conflict.
QUAD_CODES = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
# Only where an ACLED actor category names one PLOVER sector; state forces may be MIL, COP or GOV.
PLOVER_SECTORS = {"rebel group": "REB", "civilians": "CVL"}
PLOVER_CODEBOOK = "PLOVER 0.7b1 (openeventdata/PLOVER) with newsledger's ASSAULT mode aerial"


def write_plover_jsonl(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO) -> int:
    """One PLOVER record a line (fields in the module docstring)."""
    return write_lines((json.dumps(plover_record(i), ensure_ascii=False) for i in as_records(incidents)), out)


def plover_record(incident: IncidentRecord | dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of one incident (fields in the module docstring)."""
    record = as_record(incident)
    code = record.plover.value
    event, mode = (code.event, code.mode) if code else (None, None)
    actors = [_plover_actor(actor) for actor in (record.actor1, record.actor2)]
    if mode == "sideAB":  # two-sided violence: every party is a source, there is no recipient
        source, recipient = [a for a in actors if a], []
    else:
        source, recipient = [a for a in actors[:1] if a], [a for a in actors[1:] if a]
    reports = record.reports
    cited = next((r for r in reports if r.sub_event_type == record.sub_event_type.value), reports[0])
    counts = {name: record.figure(name) for name in ("fatalities", "injured", "arrested")}
    return {
        "id": record.id,
        "has_event": event is not None,
        "date": _iso(record.date.start),
        "enddate": _iso(record.date.end),
        "source": source,
        "recipient": recipient,
        "event": [event] if event else [],
        "mode": [mode] if mode else [],
        "context": [],
        "event_loc": _plover_location(record.place.value),
        "event_text": unique(r.trigger.text for r in reports),
        "quad_code": QUAD_CODES.get(event),
        "dead": _conservative(counts["fatalities"]),
        "injured": _conservative(counts["injured"]),
        "arrested": _conservative(counts["arrested"]),
        "text": cited.evidence.text,
        "text_info": _text_info(cited.evidence),
        "cite_info": _cite_info(cited),
        "coder": CODER,
        "newsledger": {
            "acled_sub_event_type": acled_subtype(record.sub_event_type.value)[0],
            "time_precision": record.date.time_precision,
            "geo_precision": record.place.geo_precision,
            "grade": record.grade,
            "independent_sources": record.independent_sources,
            "contested": list(record.contested),
            "attempted": record.attempted,
            **{name: count and {"min": count.min, "max": count.max, "conservative": count.conservative}
               for name, count in counts.items()},
            "reports": [
                {
                    "member": r.member,
                    "text": r.evidence.text,
                    "text_info": _text_info(r.evidence),
                    "event_text": r.trigger.text,
                    "event_text_info": _text_info(r.trigger),
                    "cite_info": _cite_info(r),
                }
                for r in reports
            ],
        },
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _conservative(count: FigureRange | None) -> int | None:
    return count.conservative if count else None


def _plover_actor(actor: ActorField) -> dict[str, Any] | None:
    if not actor.value:
        return None
    found = country(actor.country_code)
    fields = {
        "code": found.alpha_3 if found else None,
        "sector": PLOVER_SECTORS.get(actor.category),
        "identifier_text": actor.value,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _plover_location(place: Place | None) -> dict[str, Any] | None:
    """A location object with GeoNames' field names (as the PLOVER manual asks), unknown ones left out."""
    if not place:
        return None
    feature = place.feature_code or ""
    found = country(place.country_code)
    fields = {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        # GeoNames' classes: P populated places, A countries and administrative divisions.
        "feature class": "P" if feature.startswith("PPL") else "A" if feature[:3] in ("ADM", "PCL") else None,
        "feature code": place.feature_code,
        "country code": place.country_code,
        "cc3": found.alpha_3 if found else None,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _text_info(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _cite_info(report: Report) -> dict[str, Any]:
    found = {
        "citation": report.article_id, "url": report.url, "title": report.title,
        "publication": report.outlet, "coder": CODER, "codebook": PLOVER_CODEBOOK,
    }
    return {k: v for k, v in found.items() if v is not None}
