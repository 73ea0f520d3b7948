"""Incident exports: the ``newsledger-incident/1`` dicts as JSONL, CSV, GeoJSON, ACLED CSV and PLOVER JSONL.

Every writer takes an iterable of the dicts :func:`newsledger.resolve.incident_to_dict`
returns (what the store snapshots) and a text stream, writes as it reads, and
returns how many incidents it wrote; :func:`write_incidents` picks one by name
(:data:`INCIDENT_FORMATS`). Open files with ``newline=""`` for the CSV formats,
as the ``csv`` module asks.

- ``jsonl``: each dict on one line, as is.
- ``csv``: one row per incident, :data:`CSV_COLUMNS`; lists joined with ``"; "``,
  booleans ``true``/``false``, an unknown value blank.
- ``geojson``: an RFC 7946 FeatureCollection written feature by feature; a Point
  ``[longitude, latitude]`` (WGS 84, no ``crs`` member) for an incident with a
  located place, ``null`` geometry otherwise; the properties are the CSV row
  (numbers and booleans as JSON ones).
- ``acled``: ACLED's columns in the codebook's order (:data:`ACLED_COLUMNS`, the
  order of ACLED's own exports since the 2023 column changes). Rules applied,
  from ACLED's codebook as the acledR package documents it (dtacled/acledR
  ``vignettes/time.Rmd``, ``actors_interactions.Rmd``, ``fatalities.Rmd``,
  ``geography.Rmd``, ``event_types.Rmd``) and ACLED's "Guide to 2023 ACLED
  Column Changes" (acleddata.com):

  * ``event_date`` (yyyy-mm-dd): the day when ``time_precision`` is 1; for a
    range (2, a few days or a week; 3, longer) the middle day of the range, as
    ACLED codes "the middle of that week" and "the month's mid-point". A range
    longer than a month keeps code 3 (ACLED would not code it) and the range is
    written in ``tags`` as ``date range=start/end``.
  * ``inter1``/``inter2``: the actor codes 1-8, 0 for no actor, blank for a
    named actor whose category is unknown; ``interaction``: the two codes as
    the smallest number (37, never 73), ``10 * code`` when one side is empty,
    blank when a code is unknown or there is no actor.
  * ``disorder_type``: Political violence for Battles, Explosions/Remote
    violence, Violence against civilians and Mob violence; Demonstrations for
    the other Protests and Riots; "Political violence; Demonstrations" for
    Excessive force against protesters (both, the codebook's value); Strategic
    developments for Strategic developments.
  * ``civilian_targeting``: "Civilian targeting" for Violence against civilians
    or when either actor is civilians (code 7), else blank.
  * ``fatalities``: the conservative figure (the lowest any source gave), 0 when
    no source gave one, as ACLED codes.
  * ``iso`` and ``country``: ISO 3166 numeric code and name (the common name
    where pycountry has one) of the place's country; ``admin1`` the place's
    admin1 name, ``admin2`` the place itself when it is an admin2 region,
    ``location``/``latitude``/``longitude`` the place, ``geo_precision`` the
    incident's.
  * ``source``: the outlets in alphabetical order, ``"; "``-separated (a report
    without an outlet gives its URL's host); ``notes``: the distinct evidence
    texts of the reports, verbatim, in member order, joined by a space.
  * ``event_id_cnty``: the place's ISO alpha-3 code (``XXX`` when unknown) and
    the incident id's 16 hex digits, so a row leads back to its incident;
    ``timestamp``: the Unix time (midnight UTC) of the newest report's
    publication date, so an export is the same each time it is run.
  * Left blank, because nothing newsledger extracts holds them: ``assoc_actor_1``
    and ``assoc_actor_2``, ``region`` (ACLED's own region table ships with no
    package), ``admin3`` and ``admin2`` below admin2 precision (the gazetteer
    keeps no admin2 for a town), ``source_scale`` (an outlet's reach is unknown).
  * Sub-types newsledger adds beyond ACLED become what ACLED's definitions give
    (:data:`ACLED_EQUIVALENTS`, read against the definitions in
    :mod:`newsledger.extract.event_types`): Vessel seizure/interdiction is
    Looting/property destruction (goods or property seized outside a violent
    engagement); Military build-up is Change to group/activity (forces moved);
    Blockade, Sanctions and Authorisation/declaration are Other. The original
    is kept in ``tags`` as ``newsledger sub-type=...``; ``attempted`` and
    ``contested=field,...`` are tags too.

- ``plover``: one JSON object a line with the field names of the PLOVER manual's
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

Hand-written: no package writes ACLED's or PLOVER's formats (the ``acled`` PyPI
package reads ACLED's web API), and the standard library's ``csv`` and ``json``
do the quoting.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO
from urllib.parse import urlparse

import pycountry

from newsledger import __version__
from newsledger.errors import NewsledgerError
from newsledger.extract.event_types import (
    BATTLES,
    EXPLOSIONS,
    NEWSLEDGER_SUBTYPES,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
    VIOLENCE_AGAINST_CIVILIANS,
    event_type_of,
)
from newsledger.resolve.serialize import flat_fields

INCIDENT_FORMATS = ("csv", "jsonl", "geojson", "acled", "plover")

CSV_COLUMNS = (
    "id", "family", "event_type", "sub_event_type", "sub_event_type_contested", "attempted",
    "plover_event", "plover_mode",
    "date_start", "date_end", "time_precision", "date_contested",
    "country_code", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "place_contested",
    "actor1", "actor1_category", "actor1_country", "inter1",
    "actor2", "actor2_category", "actor2_country", "inter2",
    "fatalities_min", "fatalities_max", "fatalities_conservative",
    "injured_min", "injured_max", "injured_conservative",
    "arrested_min", "arrested_max", "arrested_conservative",
    "grade", "independent_sources", "sources", "reports", "outlets", "contested", "urls",
)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
ACLED_EQUIVALENTS = {
    "Vessel seizure/interdiction": "Looting/property destruction",
    "Blockade": "Other",
    "Sanctions": "Other",
    "Military build-up": "Change to group/activity",
    "Authorisation/declaration": "Other",
}
# Sub-types whose disorder type is not their event type's (see the module docstring).
DISORDER_BY_SUBTYPE = {
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}
DISORDER_TYPES = {
    BATTLES: "Political violence", EXPLOSIONS: "Political violence",
    VIOLENCE_AGAINST_CIVILIANS: "Political violence", PROTESTS: "Demonstrations", RIOTS: "Demonstrations",
    STRATEGIC_DEVELOPMENTS: "Strategic developments",
}
CIVILIANS = 7
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
CODER = f"newsledger {__version__}"
LIST_SEPARATOR = "; "


# --- entry point -------------------------------------------------------------------------------


def write_incidents(incidents: Iterable[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write incident dicts to ``out`` in format ``fmt`` (one of :data:`INCIDENT_FORMATS`).

    Returns:
        How many incidents were written.

    Raises:
        NewsledgerError: ``fmt`` is not a known format.
    """
    writers: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
        "csv": write_incidents_csv, "jsonl": write_incidents_jsonl, "geojson": write_incidents_geojson,
        "acled": write_acled_csv, "plover": write_plover_jsonl,
    }
    if fmt not in writers:
        raise NewsledgerError(
            f"unknown incident export format {fmt!r}: choose one of {', '.join(INCIDENT_FORMATS)}"
        )
    return writers[fmt](incidents, out)


def write_incidents_jsonl(incidents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Each incident dict as it is, one JSON object a line (UTF-8 text kept readable)."""
    return _write_lines((json.dumps(incident, ensure_ascii=False) for incident in incidents), out)


def write_incidents_csv(incidents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A header and one :data:`CSV_COLUMNS` row per incident."""
    return _write_csv((incident_row(i) for i in incidents), CSV_COLUMNS, out)


def write_acled_csv(incidents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A header and one :data:`ACLED_COLUMNS` row per incident (rules in the module docstring)."""
    return _write_csv((acled_row(i) for i in incidents), ACLED_COLUMNS, out)


def write_plover_jsonl(incidents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One PLOVER record a line (fields in the module docstring)."""
    return _write_lines((json.dumps(plover_record(i), ensure_ascii=False) for i in incidents), out)


def write_incidents_geojson(incidents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """An RFC 7946 FeatureCollection, written one feature at a time."""
    out.write('{"type": "FeatureCollection", "features": [')
    written = 0
    for incident in incidents:
        out.write(",\n" if written else "\n")
        out.write(json.dumps(geojson_feature(incident), ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written


# --- flat row, shared by CSV and GeoJSON ----------------------------------------------------------


def incident_row(incident: dict[str, Any]) -> dict[str, Any]:
    """The flat :data:`CSV_COLUMNS` values of one incident (None where unknown)."""
    row = {
        **flat_fields(incident),
        "country": _country_name(_country((incident["place"].get("value") or {}).get("country_code"))),
        "sources": len(incident["sources"]),
        "reports": len(incident["reports"]),
        "outlets": LIST_SEPARATOR.join(incident["outlets"]),
        "contested": LIST_SEPARATOR.join(incident["contested"]),
        "urls": LIST_SEPARATOR.join(_unique(r["url"] for r in incident["reports"])),
    }
    return {column: row[column] for column in CSV_COLUMNS}


def geojson_feature(incident: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: a ``[longitude, latitude]`` Point, or null geometry with no located place."""
    where = incident["place"].get("value") or {}
    lat, lon = where.get("lat"), where.get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": incident["id"], "geometry": geometry, "properties": incident_row(incident)}


# --- ACLED ---------------------------------------------------------------------------------------


def acled_subtype(subtype: str) -> tuple[str, str | None]:
    """ACLED's sub-event type for a newsledger sub-type, and the original when it had to be mapped."""
    if subtype in ACLED_EQUIVALENTS:
        return ACLED_EQUIVALENTS[subtype], subtype
    if subtype in NEWSLEDGER_SUBTYPES:
        # A sub-type added to the taxonomy without an ACLED equivalent must not pass as ACLED's.
        raise NewsledgerError(f"newsledger sub-type {subtype!r} has no ACLED equivalent in ACLED_EQUIVALENTS")
    return subtype, None


def disorder_type(event_type: str, subtype: str) -> str:
    """ACLED's disorder type of an event type and sub-event type (module docstring)."""
    return DISORDER_BY_SUBTYPE.get(subtype) or DISORDER_TYPES[event_type]


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's joint code: the smaller digit first (37, not 73); ``10 * code`` with one actor."""
    if inter1 is None or inter2 is None or (inter1 == 0 and inter2 == 0):
        return None
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high


def acled_event_date(start: str, end: str, time_precision: int) -> str:
    """The day ACLED codes for an interval: the day itself, else the middle of the range."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if time_precision == 1:
        return first.isoformat()
    return (first + dt.timedelta(days=(last - first).days // 2)).isoformat()


def acled_row(incident: dict[str, Any]) -> dict[str, Any]:
    """The :data:`ACLED_COLUMNS` values of one incident (None where blank)."""
    subtype, original = acled_subtype(incident["sub_event_type"]["value"])
    event_type = event_type_of(subtype)
    date, place = incident["date"], incident["place"]
    where = place.get("value") or {}
    country = _country(where.get("country_code"))
    inter1, inter2 = incident["actor1"]["inter"], incident["actor2"]["inter"]
    precision = date["time_precision"]
    event_date = acled_event_date(date["start"], date["end"], precision) if date["start"] else None
    tags = []
    if original:
        tags.append(f"newsledger sub-type={original}")
    if date["start"] and precision != 1:
        tags.append(f"date range={date['start']}/{date['end']}")
    if incident["attempted"]:
        tags.append("attempted")
    if incident["contested"]:
        tags.append("contested=" + ",".join(incident["contested"]))
    fatalities = incident["fatalities"]
    return {
        "event_id_cnty": (country.alpha_3 if country else "XXX") + incident["id"].removeprefix("inc-"),
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": precision,
        "disorder_type": disorder_type(event_type, subtype),
        "event_type": event_type,
        "sub_event_type": subtype,
        "actor1": incident["actor1"]["value"],
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": incident["actor2"]["value"],
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if event_type == VIOLENCE_AGAINST_CIVILIANS or CIVILIANS in (inter1, inter2) else None,
        "iso": int(country.numeric) if country else None,
        "region": None,
        "country": _country_name(country),
        "admin1": where.get("admin1"),
        "admin2": where.get("name") if where.get("precision") == "admin2" else None,
        "admin3": None,
        "location": where.get("name"),
        "latitude": where.get("lat"),
        "longitude": where.get("lon"),
        "geo_precision": place["geo_precision"],
        "source": LIST_SEPARATOR.join(_unique([*incident["outlets"], *_hosts_without_outlet(incident["reports"])])),
        "source_scale": None,
        "notes": " ".join(_unique(r["evidence"]["text"] for r in incident["reports"])),
        "fatalities": fatalities["conservative"] if fatalities else 0,
        "tags": LIST_SEPARATOR.join(tags) or None,
        "timestamp": _timestamp(incident["reports"]),
    }


def _hosts_without_outlet(reports: list[dict[str, Any]]) -> list[str | None]:
    return [urlparse(r["url"]).hostname for r in reports if not r["outlet"] and r["url"]]


def _timestamp(reports: list[dict[str, Any]]) -> int | None:
    published = [r["published"] for r in reports if r["published"]]
    if not published:
        return None
    newest = dt.date.fromisoformat(max(published)[:10])
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


# --- PLOVER --------------------------------------------------------------------------------------


def plover_record(incident: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of one incident (fields in the module docstring)."""
    code = incident["plover"].get("value") or {}
    event, mode = code.get("event"), code.get("mode")
    actors = [_plover_actor(incident[role]) for role in ("actor1", "actor2")]
    if mode == "sideAB":  # two-sided violence: every party is a source, there is no recipient
        source, recipient = [a for a in actors if a], []
    else:
        source, recipient = [a for a in actors[:1] if a], [a for a in actors[1:] if a]
    reports = incident["reports"]
    cited = next((r for r in reports if r["sub_event_type"] == incident["sub_event_type"]["value"]), reports[0])
    counts = {name: (incident[name] or {}).get("conservative") for name in ("fatalities", "injured", "arrested")}
    return {
        "id": incident["id"],
        "has_event": event is not None,
        "date": incident["date"]["start"],
        "enddate": incident["date"]["end"],
        "source": source,
        "recipient": recipient,
        "event": [event] if event else [],
        "mode": [mode] if mode else [],
        "context": [],
        "event_loc": _plover_location(incident["place"].get("value")),
        "event_text": _unique(r["trigger"]["text"] for r in reports),
        "quad_code": QUAD_CODES.get(event),
        "dead": counts["fatalities"],
        "injured": counts["injured"],
        "arrested": counts["arrested"],
        "text": cited["evidence"]["text"],
        "text_info": _text_info(cited["evidence"]),
        "cite_info": _cite_info(cited),
        "coder": CODER,
        "newsledger": {
            "acled_sub_event_type": acled_subtype(incident["sub_event_type"]["value"])[0],
            "time_precision": incident["date"]["time_precision"],
            "geo_precision": incident["place"]["geo_precision"],
            "grade": incident["grade"],
            "independent_sources": incident["independent_sources"],
            "contested": incident["contested"],
            "attempted": incident["attempted"],
            **{name: incident[name] and {k: incident[name][k] for k in ("min", "max", "conservative")}
               for name in ("fatalities", "injured", "arrested")},
            "reports": [
                {
                    "member": r["member"],
                    "text": r["evidence"]["text"],
                    "text_info": _text_info(r["evidence"]),
                    "event_text": r["trigger"]["text"],
                    "event_text_info": _text_info(r["trigger"]),
                    "cite_info": _cite_info(r),
                }
                for r in reports
            ],
        },
    }


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any] | None:
    if not actor["value"]:
        return None
    country = _country(actor["country_code"])
    found = {
        "code": country.alpha_3 if country else None,
        "sector": PLOVER_SECTORS.get(actor["category"]),
        "identifier_text": actor["value"],
    }
    return {k: v for k, v in found.items() if v is not None}


def _plover_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """A location object with GeoNames' field names (as the PLOVER manual asks), unknown ones left out."""
    if not place:
        return None
    feature = place.get("feature_code") or ""
    country = _country(place.get("country_code"))
    found = {
        "geonameid": place.get("geonameid"),
        "name": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        # GeoNames' classes: P populated places, A countries and administrative divisions.
        "feature class": "P" if feature.startswith("PPL") else "A" if feature[:3] in ("ADM", "PCL") else None,
        "feature code": place.get("feature_code"),
        "country code": place.get("country_code"),
        "cc3": country.alpha_3 if country else None,
    }
    return {k: v for k, v in found.items() if v is not None}


def _text_info(span: dict[str, Any]) -> dict[str, int]:
    return {"start": span["start"], "end": span["end"]}


def _cite_info(report: dict[str, Any]) -> dict[str, Any]:
    found = {
        "citation": report["article_id"], "url": report["url"], "title": report["title"],
        "publication": report["outlet"], "coder": CODER, "codebook": PLOVER_CODEBOOK,
    }
    return {k: v for k, v in found.items() if v is not None}


# --- shared helpers ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _country(code: str | None) -> Any:
    """pycountry's record for an ISO alpha-2 code, or None (no code, or one pycountry lacks: XK)."""
    return pycountry.countries.get(alpha_2=code) if code else None


def _country_name(country: Any) -> str | None:
    # The common name where pycountry has one ("Iran", not "Iran, Islamic Republic of"), as ACLED writes.
    return (getattr(country, "common_name", None) or country.name) if country else None


def _unique(values: Iterable[str | None]) -> list[str]:
    """Distinct non-empty values in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):  # lower case as in the JSON exports; csv would write "True"
        return "true" if value else "false"
    return value


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        written += 1
    return written


def _write_lines(lines: Iterable[str], out: TextIO) -> int:
    written = 0
    for line in lines:
        out.write(line)
        out.write("\n")
        written += 1
    return written
