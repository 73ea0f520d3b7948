"""Filters by type or family, dates, country and grade, now and as of a moment; text as a person writes it.

On hand-built event mentions (:mod:`tests.ledger.reports`), no spaCy. The
ledger holds three incidents: the Mosul air strike (three outlets, then a
fourth), the vague strike in Iraq (``wire``, one outlet) and the Kharkiv
missile strike (one outlet).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.ledger import IncidentFilter, LedgerError
from newsledger.ledger.queries import incident_filter, parse_moment
from tests.ledger.reports import BUILDERS, T0, Clock, articles_of, ledger_of

ALL = {"mosul", "wire", "kharkiv"}
# ledger_of updates once per report in BUILDERS order, an hour apart from T0:
# courier, post, radio, kharkiv, wire, bulletin, undated. Four hours in, the wire is not there yet.
BEFORE_WIRE = T0 + dt.timedelta(hours=4)


@pytest.fixture(scope="module")
def filtered(module_databases, results):
    clock = Clock()
    ledger = ledger_of(module_databases, results, tuple(BUILDERS), clock)
    return ledger, clock


def names(details: list[dict], results) -> set[str]:
    known = {results["courier"].article.id: "mosul", results["wire"].article.id: "wire",
             results["kharkiv"].article.id: "kharkiv"}
    return {known[a] for d in details for a in articles_of(d) if a in known}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ({}, ALL),
        ({"type_": "Air/drone strike"}, {"mosul", "wire"}),
        ({"type_": "air/DRONE strike"}, {"mosul", "wire"}),
        ({"type_": "Shelling/artillery/missile attack"}, {"kharkiv"}),
        ({"type_": "Explosions/Remote violence"}, ALL),
        ({"type_": "attack"}, ALL),  # the family
        ({"type_": "protest"}, set()),
        ({"type_": "Peaceful protest"}, set()),
        ({"since": "2024-03-11"}, {"kharkiv"}),
        ({"until": "2024-03-10"}, {"mosul", "wire"}),
        ({"since": "2024-03-10", "until": "2024-03-10"}, {"mosul", "wire"}),
        ({"since": "2024-03-14"}, set()),
        ({"until": "2024-03-09"}, set()),
        ({"country": "Iraq"}, {"mosul", "wire"}),
        ({"country": "iq"}, {"mosul", "wire"}),
        ({"country": "Ukraine"}, {"kharkiv"}),
        ({"country": "UA"}, {"kharkiv"}),
        ({"country": "Syria"}, set()),
        ({"min_grade": "single source"}, ALL),
        ({"min_grade": "several sources"}, {"mosul"}),
        ({"min_grade": "acknowledged"}, set()),
        ({"min_grade": "contested"}, ALL),
        ({"type_": "attack", "country": "Iraq", "min_grade": "several sources"}, {"mosul"}),
    ],
    ids=lambda v: (",".join(f"{k}={w}" for k, w in v.items()) or "no filter") if isinstance(v, dict) else None,
)
def test_filters_agree_now_and_as_of(filtered, results, text, expected):
    ledger, clock = filtered
    where = incident_filter(**text)
    now = ledger.incidents(where)
    assert names(now, results) == expected
    # The as-of path filters stored versions in Python, the current one in SQL: the same answer.
    assert ledger.incidents(where, as_of=clock.now) == now
    assert names(ledger.incidents(where, as_of=BEFORE_WIRE), results) == expected - {"wire"}


def test_a_filter_from_text_is_the_filter_of_values(filtered):
    ledger, _ = filtered
    assert incident_filter("attack", "2024-03-01", "2024-03-31", "Iraq", "single source") == IncidentFilter(
        type="attack", since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31), country="IQ", min_grade="single source"
    )
    assert ledger.incidents(IncidentFilter(country="iq")) == ledger.incidents(incident_filter(country="Iraq"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ({"since": "March"}, "since 'March' is not a date"),
        ({"until": "2024-13-01"}, "until '2024-13-01' is not a date"),
        ({"country": "Atlantis"}, "country 'Atlantis': no such country"),
        ({"min_grade": "confirmed"}, "unknown grade 'confirmed'"),
    ],
)
def test_a_value_that_is_not_one_is_refused_by_name(text, message):
    with pytest.raises(LedgerError, match=message):
        incident_filter(**text)


def test_a_moment_in_any_zone_is_the_same_moment_in_utc():
    one_pm = dt.datetime(2026, 1, 1, 13, 0, tzinfo=dt.UTC)
    assert parse_moment("2026-01-01T18:30+05:30") == one_pm
    assert parse_moment("2026-01-01T06:00-07:00") == one_pm
    assert parse_moment("2026-01-01T13:00") == one_pm  # no zone: UTC
    assert parse_moment("2026-01-01") == dt.datetime(2026, 1, 1, 23, 59, 59, 999999, tzinfo=dt.UTC)  # the day's end
    assert parse_moment(None) is None
    with pytest.raises(LedgerError, match="as-of 'yesterday' is not a date or time"):
        parse_moment("yesterday")
