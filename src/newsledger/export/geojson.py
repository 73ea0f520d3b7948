"""Incidents as GeoJSON: an RFC 7946 FeatureCollection that GIS tools and GDAL open.

Written feature by feature as the incidents are read. Each incident is a
Feature whose ``id`` is the incident id; its geometry a Point
``[longitude, latitude]`` (WGS 84, so no ``crs`` member, as RFC 7946 asks) when
its place has a point, ``null`` otherwise; its properties the incidents CSV
row (:func:`newsledger.export.incident_table.incident_row`), numbers and
booleans as JSON ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsledger.export.incident_common import as_record
from newsledger.export.incident_table import incident_row
from newsledger.incident import IncidentRecord


def write_incidents_geojson(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO) -> int:
    """An RFC 7946 FeatureCollection, written one feature at a time."""
    out.write('{"type": "FeatureCollection", "features": [')
    written = 0
    for incident in incidents:
        out.write(",\n" if written else "\n")
        out.write(json.dumps(geojson_feature(incident), ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written


def geojson_feature(incident: IncidentRecord | dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: a ``[longitude, latitude]`` Point, or null geometry with no located place."""
    record = as_record(incident)
    where = record.place.value
    lat, lon = (where.lat, where.lon) if where else (None, None)
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": record.id, "geometry": geometry, "properties": incident_row(record)}
