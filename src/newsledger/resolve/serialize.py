"""An incident as a JSON-ready dict: what the store snapshots and every export reads.

The dict is self-contained: each field's competing values with the sources and
member mentions behind them, each source's casualty figure with its evidence
words, and every report (article, outlet, URL, the event's trigger and evidence
sentence with offsets). A version of an incident stored in the ledger's history
is exactly this dict, so ``--as-of`` and the exports need nothing else; its typed
form is :class:`newsledger.incident.IncidentRecord` (:func:`incident_record`).

ACLED's interaction codes (``inter1``/``inter2``) are derived from the actor
categories the event extractor assigns, in the codebook's order: 1 state forces,
2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
6 protesters, 7 civilians, 8 external/other forces, 0 no actor; None for a named
actor whose category is unknown.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from newsledger.incident import SCHEMA, IncidentRecord
from newsledger.resolve.types import CountRange, EventRef, FieldValue, Incident
from newsledger.schema import PlaceMention

INTER_CODES = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other": 8,
}


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    """The ``newsledger-incident/1`` dict of an incident (see the module docstring)."""
    date = incident.date.canonical
    return {
        "schema": SCHEMA,
        "id": incident.id,
        "family": incident.family,
        "event_type": incident.event_type,
        "sub_event_type": _field(incident.subtype),
        "attempted": incident.attempted,
        "plover": _field(incident.plover, lambda v: {"event": v[0], "mode": v[1]} if v else None),
        "date": {
            **_field(incident.date, lambda v: list(v) if v else None),
            "start": date[0] if date else None,
            "end": date[1] if date else None,
            "time_precision": incident.time_precision,
        },
        "place": {**_field(incident.place, _place), "geo_precision": incident.geo_precision},
        "actor1": _actor(incident, "actor1"),
        "actor2": _actor(incident, "actor2"),
        "fatalities": _count(incident.fatalities),
        "injured": _count(incident.injured),
        "arrested": _count(incident.arrested),
        "sources": list(incident.sources),
        "outlets": list(incident.outlets),
        # Who stands behind the reports' claims: the people and organisations the outlets cite.
        "claim_sources": sorted({r.claim_source for r in incident.reports if r.claim_source}),
        "independent_sources": incident.independent_sources,
        "recalled_sources": incident.recalled_sources,
        "grade": incident.grade,
        "contested": list(incident.contested),
        "members": list(incident.members),
        "reports": [_report(ref, ref.key in incident.follow_ups) for ref in incident.reports],
        "kept_apart": [
            {"incident": k.incident, "member": k.member, "reason": k.reason} for k in incident.kept_apart
        ],
    }


def _field(value: FieldValue, show=lambda v: v) -> dict[str, Any]:
    return {
        "value": show(value.canonical),
        "rule": value.rule,
        "contested": value.contested,
        "candidates": [
            {"value": show(s.value), "sources": list(s.sources), "members": list(s.members)}
            for s in value.candidates
        ],
    }


def _place(place: PlaceMention | None) -> dict[str, Any] | None:
    return dataclasses.asdict(place) if place is not None else None


def _actor(incident: Incident, role: str) -> dict[str, Any]:
    value: FieldValue = getattr(incident, role)
    category = country = None
    for ref in incident.reports:
        actor = getattr(ref.event, role)
        if actor is not None and actor.canonical == value.canonical:
            category, country = actor.category, actor.country_code
            break
    return {
        **_field(value),
        "category": category,
        "country_code": country,
        # No actor is 0 in ACLED's codebook; a named actor of unknown category has no code.
        "inter": INTER_CODES.get(category) if value.canonical else 0,
    }


def _count(count: CountRange | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {
        "min": count.min,
        "max": count.max,
        "conservative": count.conservative,
        "rule": count.rule,
        "contested": count.contested,
        "figures": [dataclasses.asdict(f) for f in count.figures],
    }


def _report(ref: EventRef, follow_up: bool = False) -> dict[str, Any]:
    event = ref.event
    return {
        "member": ref.key,
        "article_id": ref.article_id,
        "event_id": event.id,
        "source": ref.source_group,
        "outlet": ref.outlet,
        "url": ref.url,
        "title": ref.title,
        "published": ref.published.isoformat() if ref.published else None,
        "claim_source": ref.claim_source,
        "role": "recalled" if event.background else "follow-up" if follow_up else "account",
        "sub_event_type": event.subtype,
        "certainty": event.certainty,
        "trigger": dataclasses.asdict(event.trigger),
        "evidence": dataclasses.asdict(event.evidence),
    }


def incident_record(incident: Incident) -> IncidentRecord:
    """The typed ``newsledger-incident/1`` record of an incident (:func:`incident_to_dict`, validated)."""
    return IncidentRecord.model_validate(incident_to_dict(incident))


def flat_fields(detail: dict[str, Any] | IncidentRecord) -> dict[str, Any]:
    """The scalar fields of an incident dict, one flat name each, for tables and CSV rows.

    The ``incidents`` table and the incidents CSV both start from these
    (:meth:`newsledger.incident.IncidentRecord.flat_fields`).
    """
    record = detail if isinstance(detail, IncidentRecord) else IncidentRecord.model_validate(detail)
    return record.flat_fields()
