"""The ledger's questions in the words a person gives them: dates, moments, countries, filters.

Every interface (the command line, the HTTP API, pages) takes text from a
person; these turn it into an :class:`~newsledger.ledger.versions.IncidentFilter`
and an ``as_of`` moment, or raise a :class:`~newsledger.errors.LedgerError`
that names the value and what is expected (not a flag of one interface).
Country names and codes resolve through ``pycountry``.
"""

from __future__ import annotations

import datetime as dt

from newsledger.errors import LedgerError
from newsledger.ledger.versions import IncidentFilter


def parse_day(text: str | None, what: str = "date") -> dt.date | None:
    """``YYYY-MM-DD`` as a date (None stays None).

    Raises:
        LedgerError: ``text`` is not such a date; ``what`` names the value.
    """
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise LedgerError(f"{what} {text!r} is not a date: use YYYY-MM-DD.") from None


def parse_moment(text: str | None, what: str = "as-of") -> dt.datetime | None:
    """A moment in UTC (a time in another zone is the same moment; a bare date is the end of that day).

    Raises:
        LedgerError: ``text`` is neither a date nor an ISO time.
    """
    if text is None:
        return None
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time.max, dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise LedgerError(
            f"{what} {text!r} is not a date or time: use YYYY-MM-DD or YYYY-MM-DDTHH:MM."
        ) from None
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def country_code(text: str | None) -> str | None:
    """The ISO 3166 alpha-2 code of a country given by code or name ("VE", "Venezuela").

    Raises:
        LedgerError: no country has that name or code.
    """
    if text is None:
        return None
    import pycountry

    try:
        found = pycountry.countries.lookup(text.strip())
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(text.strip())[0]
        except LookupError:
            raise LedgerError(f"country {text!r}: no such country; use a name or an ISO code such as VE.") from None
    return found.alpha_2


def incident_filter(type_: str | None = None, since: str | None = None, until: str | None = None,
                    country: str | None = None, min_grade: str | None = None) -> IncidentFilter:
    """An :class:`IncidentFilter` from text as a person writes it.

    Raises:
        LedgerError: a date, country or grade that is not one.
    """
    return IncidentFilter(
        type=type_, since=parse_day(since, "since"), until=parse_day(until, "until"),
        country=country_code(country), min_grade=min_grade,
    )
