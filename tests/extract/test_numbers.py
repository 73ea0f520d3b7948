"""One number reader for counts and for time expressions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract import casualties, timeunits
from newsledger.extract.numbers import parse_number


@pytest.mark.parametrize("text, value", [
    ("17", 17), ("1,200", 1200), ("two", 2), ("forty-two", 42), ("two dozen", 24), ("a dozen", 12),
    ("dozen", 12), ("three hundred", 300), ("two hundred and fifty", 250), ("a hundred", 100),
    ("twelve hundred", 1200), ("two thousand five hundred", 2500), ("one thousand two hundred", 1200),
    ("zero", None), ("a", None), ("many", None), ("", None), ("1.5", None), ("a couple of", None),
])
def test_counts(text, value):
    found = parse_number(text, count=True)
    assert found == value
    assert found is None or type(found) is int
    assert casualties.parse_number(text) == value


@pytest.mark.parametrize("text, value", [
    ("twenty four", 24.0), ("twenty-four", 24.0), ("1 1/2", 1.5), ("1,5", 1.5), ("1,000", 1000.0),
    ("1.25", 1.25), ("a", 1), ("an", 1), ("a couple of", 2), ("a half", 0.5), ("zero", 0.0),
    ("two thousand five hundred", 2500.0), ("several", None), ("dozens of", None), ("two dozen", None),
    ("", None),
])
def test_time_quantities(text, value):
    assert parse_number(text) == value
    assert timeunits.parse_number(text) == value


@given(st.text(alphabet="0123456789,.-/ adefhinorstuvwxyz", max_size=40), st.booleans())
def test_never_raises(text, count):
    value = parse_number(text, count=count)
    assert value is None or value >= 0
