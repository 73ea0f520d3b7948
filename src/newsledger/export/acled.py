"""Incidents as ACLED rows: the columns of ACLED's codebook, one row an incident.

ACLED's columns in the codebook's order (:data:`ACLED_COLUMNS`, the
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

Hand-written: no package writes ACLED's format (the ``acled`` PyPI package
reads ACLED's web API); the standard library's ``csv`` does the quoting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import urlparse

from newsledger.errors import NewsledgerError
from newsledger.export.incident_common import (
    LIST_SEPARATOR,
    as_record,
    as_records,
    country,
    country_name,
    unique,
    write_csv,
)
from newsledger.incident import IncidentRecord, Report
from newsledger.taxonomy import (
    BATTLES,
    EXPLOSIONS,
    NEWSLEDGER_SUBTYPES,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
    VIOLENCE_AGAINST_CIVILIANS,
    event_type_of,
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


def write_acled_csv(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO) -> int:
    """A header and one :data:`ACLED_COLUMNS` row per incident (rules in the module docstring)."""
    return write_csv((acled_row(i) for i in as_records(incidents)), ACLED_COLUMNS, out)


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


def acled_event_date(start: str | dt.date, end: str | dt.date, time_precision: int) -> str:
    """The day ACLED codes for an interval: the day itself, else the middle of the range."""
    first, last = (day if isinstance(day, dt.date) else dt.date.fromisoformat(day) for day in (start, end))
    if time_precision == 1:
        return first.isoformat()
    return (first + dt.timedelta(days=(last - first).days // 2)).isoformat()


def acled_row(incident: IncidentRecord | dict[str, Any]) -> dict[str, Any]:
    """The :data:`ACLED_COLUMNS` values of one incident (None where blank)."""
    record = as_record(incident)
    subtype, original = acled_subtype(record.sub_event_type.value)
    event_type = event_type_of(subtype)
    date, where = record.date, record.place.value
    found = country(where.country_code if where else None)
    inter1, inter2 = record.actor1.inter, record.actor2.inter
    precision = date.time_precision
    event_date = acled_event_date(date.start, date.end, precision) if date.start else None
    tags = []
    if original:
        tags.append(f"newsledger sub-type={original}")
    if date.start and precision != 1:
        tags.append(f"date range={date.start.isoformat()}/{date.end.isoformat()}")
    if record.attempted:
        tags.append("attempted")
    if record.contested:
        tags.append("contested=" + ",".join(record.contested))
    fatalities = record.fatalities
    return {
        "event_id_cnty": (found.alpha_3 if found else "XXX") + record.id.removeprefix("inc-"),
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": precision,
        "disorder_type": disorder_type(event_type, subtype),
        "event_type": event_type,
        "sub_event_type": subtype,
        "actor1": record.actor1.value,
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": record.actor2.value,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if event_type == VIOLENCE_AGAINST_CIVILIANS or CIVILIANS in (inter1, inter2) else None,
        "iso": int(found.numeric) if found else None,
        "region": None,
        "country": country_name(found),
        "admin1": where.admin1 if where else None,
        "admin2": where.name if where and where.precision == "admin2" else None,
        "admin3": None,
        "location": where.name if where else None,
        "latitude": where.lat if where else None,
        "longitude": where.lon if where else None,
        "geo_precision": record.place.geo_precision,
        "source": LIST_SEPARATOR.join(unique([*record.outlets, *_hosts_without_outlet(record.reports)])),
        "source_scale": None,
        "notes": " ".join(unique(r.evidence.text for r in record.reports)),
        "fatalities": fatalities.conservative if fatalities else 0,
        "tags": LIST_SEPARATOR.join(tags) or None,
        "timestamp": _timestamp(record.reports),
    }


def _hosts_without_outlet(reports: list[Report]) -> list[str | None]:
    return [urlparse(r.url).hostname for r in reports if not r.outlet and r.url]


def _timestamp(reports: list[Report]) -> int | None:
    published = [r.published for r in reports if r.published]
    if not published:
        return None
    newest = max(published)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
