"""Incident exports: the ledger's incidents as JSONL, CSV, GeoJSON, ACLED CSV and PLOVER JSONL.

:func:`write_incidents` is the entry point: it takes an iterable of
:class:`newsledger.incident.IncidentRecord` values or of the
``newsledger-incident/1`` dicts the store keeps (each read into a record), a
text stream and a format name (:data:`INCIDENT_FORMATS`), writes as it reads,
and returns how many incidents it wrote. Open files with ``newline=""`` for
the CSV formats, as the ``csv`` module asks.

One module per format, each with its mapping decisions written out in its
docstring: :mod:`newsledger.export.incident_table` (``csv``, ``jsonl``),
:mod:`newsledger.export.geojson` (``geojson``), :mod:`newsledger.export.acled`
(``acled``: ACLED's codebook columns, how each is coded, what is left blank
and why, and how newsledger's own sub-types map onto ACLED's) and
:mod:`newsledger.export.plover` (``plover``: the PLOVER manual's fields).
What every format decides alike (countries, lists, cells) is in
:mod:`newsledger.export.incident_common`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TextIO

from newsledger.errors import NewsledgerError
from newsledger.export.acled import (
    ACLED_COLUMNS,
    ACLED_EQUIVALENTS,
    CIVILIANS,
    DISORDER_BY_SUBTYPE,
    DISORDER_TYPES,
    acled_event_date,
    acled_row,
    acled_subtype,
    disorder_type,
    interaction_code,
    write_acled_csv,
)
from newsledger.export.geojson import geojson_feature, write_incidents_geojson
from newsledger.export.incident_common import CODER, LIST_SEPARATOR
from newsledger.export.incident_table import (
    CSV_COLUMNS,
    incident_row,
    write_incidents_csv,
    write_incidents_jsonl,
)
from newsledger.export.plover import (
    PLOVER_CODEBOOK,
    PLOVER_SECTORS,
    QUAD_CODES,
    plover_record,
    write_plover_jsonl,
)
from newsledger.incident import IncidentRecord

INCIDENT_FORMATS = ("csv", "jsonl", "geojson", "acled", "plover")

Writer = Callable[[Iterable[IncidentRecord | dict[str, Any]], TextIO], int]
WRITERS: dict[str, Writer] = {
    "csv": write_incidents_csv, "jsonl": write_incidents_jsonl, "geojson": write_incidents_geojson,
    "acled": write_acled_csv, "plover": write_plover_jsonl,
}


def write_incidents(incidents: Iterable[IncidentRecord | dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write incidents to ``out`` in format ``fmt`` (one of :data:`INCIDENT_FORMATS`).

    Args:
        incidents: :class:`~newsledger.incident.IncidentRecord` values or their dicts, read one at a time.
        out: the text stream to write to.
        fmt: the format's name.

    Returns:
        How many incidents were written.

    Raises:
        NewsledgerError: ``fmt`` is not a known format.
    """
    if fmt not in WRITERS:
        raise NewsledgerError(
            f"unknown incident export format {fmt!r}: choose one of {', '.join(INCIDENT_FORMATS)}"
        )
    return WRITERS[fmt](incidents, out)


__all__ = [
    "ACLED_COLUMNS", "ACLED_EQUIVALENTS", "CIVILIANS", "CODER", "CSV_COLUMNS", "DISORDER_BY_SUBTYPE",
    "DISORDER_TYPES", "INCIDENT_FORMATS", "LIST_SEPARATOR", "PLOVER_CODEBOOK", "PLOVER_SECTORS", "QUAD_CODES",
    "WRITERS", "acled_event_date", "acled_row", "acled_subtype", "disorder_type", "geojson_feature",
    "incident_row", "interaction_code", "plover_record", "write_acled_csv", "write_incidents",
    "write_incidents_csv", "write_incidents_geojson", "write_incidents_jsonl", "write_plover_jsonl",
]
