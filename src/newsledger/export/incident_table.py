"""Incidents as a table and as lines: the incidents CSV (one row each) and JSONL (each incident's dict).

- ``jsonl``: each incident's ``newsledger-incident/1`` dict on one line, as
  the store keeps it (:meth:`~newsledger.incident.IncidentRecord.to_dict`
  gives back what was read, keys in the same order).
- ``csv``: one row per incident, :data:`CSV_COLUMNS`: the incident's flat
  fields (:meth:`~newsledger.incident.IncidentRecord.flat_fields`, the same
  the ``incidents`` table is filled from), the country's name, the number of
  sources and reports, and the outlets, contested fields and report URLs as
  lists; lists joined with ``"; "``, booleans ``true``/``false``, an unknown
  value blank (:mod:`newsledger.export.incident_common`).

The GeoJSON export's properties are this row too (:mod:`newsledger.export.geojson`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsledger.export.incident_common import (
    LIST_SEPARATOR,
    as_record,
    as_records,
    country,
    country_name,
    unique,
    write_csv,
    write_lines,
)
from newsledger.incident import IncidentRecord

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


def write_incidents_jsonl(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO) -> int:
    """Each incident's dict as it is, one JSON object a line (UTF-8 text kept readable)."""
    return write_lines(
        (json.dumps(record.to_dict(), ensure_ascii=False) for record in as_records(incidents)), out
    )


def write_incidents_csv(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO) -> int:
    """A header and one :data:`CSV_COLUMNS` row per incident."""
    return write_csv((incident_row(i) for i in as_records(incidents)), CSV_COLUMNS, out)


def incident_row(incident: IncidentRecord | dict[str, Any]) -> dict[str, Any]:
    """The flat :data:`CSV_COLUMNS` values of one incident (None where unknown)."""
    record = as_record(incident)
    place = record.place.value
    row = {
        **record.flat_fields(),
        "country": country_name(country(place.country_code if place else None)),
        "sources": len(record.sources),
        "reports": len(record.reports),
        "outlets": LIST_SEPARATOR.join(record.outlets),
        "contested": LIST_SEPARATOR.join(record.contested),
        "urls": LIST_SEPARATOR.join(unique(r.url for r in record.reports)),
    }
    return {column: row[column] for column in CSV_COLUMNS}
