"""What every incident format shares: typed records in, country names, lists, cells, line and CSV writing.

Every incident writer takes :class:`newsledger.incident.IncidentRecord` values
or the ``newsledger-incident/1`` dicts the store keeps (read into records by
:func:`as_record`), so the formats read typed fields, never string keys. The
mapping decisions every format makes alike are here, once:

- a country is pycountry's record for the place's ISO alpha-2 code (none for
  a code pycountry lacks, such as XK), named by its common name where
  pycountry has one ("Iran", not "Iran, Islamic Republic of"), as ACLED writes;
- a list in one cell is its distinct non-empty values in first-seen order,
  joined with :data:`LIST_SEPARATOR`;
- in a CSV cell an unknown value is blank and a boolean ``true``/``false``
  (lower case, as in the JSON exports);
- a JSON line keeps text readable (``ensure_ascii=False``);
- the coder is this version of newsledger (:data:`CODER`).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from typing import Any, TextIO

import pycountry

from newsledger import __version__
from newsledger.incident import IncidentRecord, as_record

CODER = f"newsledger {__version__}"
LIST_SEPARATOR = "; "


def as_records(incidents: Iterable[IncidentRecord | dict[str, Any]]) -> Iterable[IncidentRecord]:
    """:func:`as_record` over a stream, one at a time (writers write as they read)."""
    return (as_record(incident) for incident in incidents)


@functools.lru_cache(maxsize=512)
def country(code: str | None) -> Any:
    """pycountry's record for an ISO alpha-2 code, or None (no code, or one pycountry lacks: XK)."""
    return pycountry.countries.get(alpha_2=code) if code else None


def country_name(found: Any) -> str | None:
    """The common name where pycountry has one, else its name; None without a country."""
    return (getattr(found, "common_name", None) or found.name) if found else None


def unique(values: Iterable[str | None]) -> list[str]:
    """Distinct non-empty values in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))


def cell(value: Any) -> Any:
    """A CSV cell: blank for unknown, ``true``/``false`` for booleans (csv would write "True")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    """A header and one row per dict; returns how many rows."""
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
        written += 1
    return written


def write_lines(lines: Iterable[str], out: TextIO) -> int:
    """Each string and a newline; returns how many lines."""
    written = 0
    for line in lines:
        out.write(line)
        out.write("\n")
        written += 1
    return written
