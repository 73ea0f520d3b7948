"""The ledger read a page at a time: incident summaries, the change feed, counts per day, an article's incidents.

The HTTP API and the pages list thousands of incidents, so they read the flat
columns of ``incidents`` (what a list, a map point or a timeline bar needs),
not each incident's whole JSON: :func:`summaries` pages them in a chosen
order with a keyset cursor (the last row's sort value and id, so a page never
repeats or skips a row when others are added before it), and as of a past
moment reads the versions then current instead, filtered and sorted the same
way. :func:`changes` is the feed another system follows the ledger with:
every version written since a moment, oldest first, each named by what it
was (new, updated, merged, split, corrected, retired). :func:`timeline` counts
incidents and deaths per day or week.

Hand-written on SQLAlchemy: the keyset conditions depend on the ledger's own
sort keys (dates kept as ISO text, counts that may be unknown).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from newsledger.errors import LedgerError
from newsledger.ledger.versions import ACTIVE, REPLACED, RETIRED, IncidentFilter, current_query, flat_columns, versions_at
from newsledger.store.models import IncidentReportRow, IncidentRow, IncidentVersionRow

# Sort names a person may ask for, and the column behind each. A leading "-" sorts descending.
SORTS = {
    "date": IncidentRow.date_start,
    "deaths": IncidentRow.fatalities_conservative,
    "reports": IncidentRow.reports,
    "grade": IncidentRow.grade_rank,
    "id": IncidentRow.id,
}
SUMMARY_FIELDS = (
    "id", "event_type", "sub_event_type", "date_start", "date_end", "country_code", "admin1", "location",
    "latitude", "longitude", "geo_precision", "actor1", "actor2", "fatalities_min", "fatalities_max",
    "fatalities_conservative", "injured_min", "injured_max", "arrested_min", "arrested_max", "grade",
    "independent_sources", "reports", "contested",
)
MAX_PAGE = 1000
CHANGE_KINDS = ("new", "updated", "merged", "split", "corrected", "retired")


@dataclass(frozen=True)
class Page:
    """One page of incident summaries, how many match in all, and the cursor of the next page (None: last)."""

    items: list[dict[str, Any]]
    total: int
    next_cursor: str | None


def check_sort(sort: str) -> tuple[str, bool]:
    """``"-date"`` -> ``("date", True)``.

    Raises:
        LedgerError: not a sort the ledger knows.
    """
    name, descending = sort.removeprefix("-"), sort.startswith("-")
    if name not in SORTS:
        raise LedgerError(f"cannot sort by {sort!r}; use one of {', '.join(SORTS)}, with - for descending.")
    return name, descending


def encode_cursor(sort: str, value: Any, ident: str) -> str:
    raw = json.dumps([sort, value, ident], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """The (sort value, id) a cursor resumes after.

    Raises:
        LedgerError: the cursor is not one this ledger made, or was made for another sort.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, ident = json.loads(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise LedgerError(f"cursor {cursor[:40]!r} is not one a page of this ledger gave.") from None
    if made_for != sort or not isinstance(ident, str) or not isinstance(value, str | int | float | None):
        raise LedgerError(f"cursor {cursor[:40]!r} was made for another sort than {sort!r}; start again without it.")
    return value, ident


def summaries(session: Session, where: IncidentFilter, as_of: dt.datetime | None = None, sort: str = "-date",
              limit: int = 100, cursor: str | None = None) -> Page:
    """A page of incident summaries (:data:`SUMMARY_FIELDS`, plus ``updated_at``) in ``sort`` order.

    An unknown value (no date, no toll) sorts before every known one, so it
    comes last in a descending sort, as SQLite's indexes hold it.

    Raises:
        LedgerError: an unknown sort, a limit out of 1..MAX_PAGE, or a cursor this sort did not make.
    """
    name, descending = check_sort(sort)
    if not 1 <= limit <= MAX_PAGE:
        raise LedgerError(f"limit {limit}: ask for 1 to {MAX_PAGE} incidents a page.")
    after = decode_cursor(cursor, sort) if cursor else None
    rows, total = _select(session, where, as_of, name, descending, limit + 1, after)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(sort, rows[-1][_column_name(name)], rows[-1]["id"]) if more else None
    return Page(rows, total, next_cursor)


def all_summaries(session: Session, where: IncidentFilter, as_of: dt.datetime | None = None,
                  limit: int = 20_000, fields: tuple[str, ...] = SUMMARY_FIELDS) -> list[dict[str, Any]]:
    """Every incident the filter keeps, latest first, at most ``limit``, in one read (maps, timelines):
    only ``fields`` of :data:`SUMMARY_FIELDS` (always ``id`` and ``date_start``), without ``updated_at``."""
    fields = tuple(dict.fromkeys(("id", "date_start", *fields)))
    if as_of is None:
        query = current_query(where).with_only_columns(*(getattr(IncidentRow, f) for f in fields))
        query = query.order_by(IncidentRow.date_start.desc().nulls_last(), IncidentRow.id.desc()).limit(limit)
        return [dict(zip(fields, row)) for row in session.execute(query)]
    rows = _as_of(session, where, as_of, "date", True, limit, None)[0]
    return [{f: row[f] for f in fields} for row in rows]


def _select(session: Session, where: IncidentFilter, as_of: dt.datetime | None, name: str, descending: bool,
            limit: int, after: tuple[Any, str] | None) -> tuple[list[dict[str, Any]], int]:
    if as_of is None:
        return _current(session, where, name, descending, limit, after)
    return _as_of(session, where, as_of, name, descending, limit, after)


def _column_name(name: str) -> str:
    return {"date": "date_start", "deaths": "fatalities_conservative", "grade": "grade_rank"}.get(name, name)


def _current(session: Session, where: IncidentFilter, name: str, descending: bool, limit: int,
             after: tuple[Any, str] | None) -> tuple[list[dict[str, Any]], int]:
    base = current_query(where).with_only_columns(IncidentRow.id)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    key, ident = SORTS[name], IncidentRow.id
    columns = [getattr(IncidentRow, f) for f in SUMMARY_FIELDS] + [IncidentRow.grade_rank, IncidentRow.updated_at]
    query = current_query(where).with_only_columns(*columns)
    if after is not None:
        query = query.where(_beyond(key, ident, *after, descending))
    # Unknown first going up, last going down: SQLite's index order, written out for PostgreSQL.
    order = (key.desc().nulls_last(), ident.desc()) if descending else (key.asc().nulls_first(), ident.asc())
    rows = [_summary(dict(row)) for row in session.execute(query.order_by(*order).limit(limit)).mappings()]
    return rows, total


def _beyond(key, ident, value: Any, last_id: str, descending: bool):
    """SQL for the rows after (``value``, ``last_id``) in the order of :func:`_current` (None sorts first)."""
    if value is None:
        tie = key.is_(None) & ((ident < last_id) if descending else (ident > last_id))
        return tie if descending else or_(tie, key.is_not(None))
    if descending:
        return or_(key < value, and_(key == value, ident < last_id), key.is_(None))
    return or_(key > value, and_(key == value, ident > last_id))


def _as_of(session: Session, where: IncidentFilter, as_of: dt.datetime, name: str, descending: bool, limit: int,
           after: tuple[Any, str] | None) -> tuple[list[dict[str, Any]], int]:
    rows = []
    for version in versions_at(session, as_of).values():
        if version.status != ACTIVE or not where.matches(version.detail):
            continue
        flat = flat_columns(version.detail)
        rows.append(_summary({**{f: flat.get(f) for f in SUMMARY_FIELDS}, "id": version.incident_id,
                              "grade_rank": flat["grade_rank"], "updated_at": version.created_at}))
    total = len(rows)
    column = _column_name(name)

    def key(value: Any, ident: str) -> tuple[bool, Any, str]:
        return (value is not None, value if value is not None else 0, ident)

    rows.sort(key=lambda r: key(r[column], r["id"]), reverse=descending)
    if after is not None:
        mark = key(*after)
        rows = [r for r in rows if (key(r[column], r["id"]) < mark if descending else key(r[column], r["id"]) > mark)]
    return rows[:limit], total


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    updated = row["updated_at"]
    if updated.tzinfo is None:  # SQLite keeps UTC stamps without their offset
        updated = updated.replace(tzinfo=dt.UTC)
    row["updated_at"] = updated.isoformat()
    return row


def changes(session: Session, since: dt.datetime | None = None, after: int | None = None,
            limit: int = 100) -> list[dict[str, Any]]:
    """Versions written after ``since`` (a moment) or after feed position ``after``, oldest first.

    Each is ``{"seq", "at", "incident_id", "version", "kind", "status", "replaced_by", "reason"}``;
    ``seq`` orders the feed and resumes it (pass the last one seen as ``after``).
    """
    if not 1 <= limit <= MAX_PAGE:
        raise LedgerError(f"limit {limit}: ask for 1 to {MAX_PAGE} changes a page.")
    query = select(IncidentVersionRow)
    if since is not None:
        query = query.where(IncidentVersionRow.created_at > since.astimezone(dt.UTC))
    if after is not None:
        query = query.where(IncidentVersionRow.id > after)
    rows = session.scalars(query.order_by(IncidentVersionRow.id).limit(limit))
    return [
        {
            "seq": row.id, "at": _utc(row.created_at).isoformat(), "incident_id": row.incident_id,
            "version": row.version, "kind": change_kind(row), "status": row.status,
            "replaced_by": row.replaced_by, "reason": row.reason,
        }
        for row in rows
    ]


def change_kind(row: IncidentVersionRow) -> str:
    """What a version was, in the feed's words (:data:`CHANGE_KINDS`)."""
    reason = row.reason or ""
    if reason.startswith("split by"):
        return "split"
    if reason.startswith("correction of"):
        return "corrected"
    if row.status == REPLACED or reason.startswith("merge by"):
        return "merged"
    if row.status == RETIRED:
        return "retired"
    return "new" if row.version == 1 else "updated"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def timeline(rows: list[dict[str, Any]], unit: str = "day") -> list[dict[str, Any]]:
    """Incidents and deaths (conservative figures) per day or ISO week of their first day, in date order.

    Raises:
        LedgerError: ``unit`` is neither day nor week.
    """
    if unit not in ("day", "week"):
        raise LedgerError(f"timeline unit {unit!r}: use day or week.")
    incidents: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    for row in rows:
        if not row.get("date_start"):
            continue
        day = dt.date.fromisoformat(row["date_start"][:10])
        start = day - dt.timedelta(days=day.weekday()) if unit == "week" else day
        incidents[start.isoformat()] += 1
        deaths[start.isoformat()] += row.get("fatalities_conservative") or 0
    return [{"start": start, "incidents": incidents[start], "deaths": deaths[start]} for start in sorted(incidents)]


def incidents_of_article(session: Session, article_id: str) -> dict[str, str]:
    """For each event of an article's latest run the ledger took in: the incident it joined (or why none)."""
    rows = session.scalars(select(IncidentReportRow).where(IncidentReportRow.article_id == article_id))
    latest = max((r.run_id for r in rows), default=None)
    rows = session.scalars(select(IncidentReportRow).where(
        IncidentReportRow.article_id == article_id, IncidentReportRow.run_id == latest,
    ))
    return {row.event_key: row.incident_id or f"none: {row.excluded}" for row in rows}


__all__ = [
    "CHANGE_KINDS", "MAX_PAGE", "SORTS", "SUMMARY_FIELDS", "Page", "all_summaries", "change_kind", "changes",
    "check_sort",
    "decode_cursor", "encode_cursor", "incidents_of_article", "summaries", "timeline",
]
