"""How the ledger's values are written for people, the same in the terminal and on the pages.

Casualty ranges as "12", "12-20", "12+"; deaths with the conservative figure
where it differs, "12-15 (12)"; dates as one day or "start..end"; places as
"Mosul, IQ" (a country by its name alone). Plain text: whoever shows it
escapes it (``cli/terminal.py``, the pages' templates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def range_text(low: int | None, high: int | None) -> str:
    """A range as people write it: "12", "12-20", "12+" (open-ended); "" when unknown."""
    if low is None and high is None:
        return ""
    if high is None:
        return f"{low}+"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low}-{high}"


def deaths_text(low: int | None, high: int | None, conservative: int | None) -> str:
    """Deaths as a range and, where it differs, the conservative figure: "12-15 (12)"."""
    span = range_text(low, high)
    if not span:
        return ""
    return span if conservative is None or str(conservative) == span else f"{span} ({conservative})"


def dates_text(start: Any, end: Any) -> str:
    """One day, or ``start..end``."""
    start, end = _iso(start), _iso(end)
    if not start:
        return ""
    return start if not end or end == start else f"{start}..{end}"


def place_text(name: str | None, country_code: str | None, precision: str | None = None) -> str:
    """A place as a reader names it: "Mosul, IQ" (or "Iraq" for a country)."""
    if not name:
        return ""
    if country_code and precision != "country":
        return f"{name}, {country_code}"
    return name


def _iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


__all__ = ["dates_text", "deaths_text", "place_text", "range_text"]
