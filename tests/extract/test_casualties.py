"""Casualty figures as ranges; no model needed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract.casualties import parse_number, parse_quantity


@pytest.mark.parametrize(
    "text, value",
    [("17", 17), ("1,200", 1200), ("two", 2), ("forty-two", 42), ("two dozen", 24), ("a dozen", 12),
     ("three hundred", 300), ("dozen", 12), ("many", None), ("", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("more than 100 people", (101, None)),
        ("at least 20", (20, None)),
        ("between 36 and 40 people", (36, 40)),
        ("up to 40", (None, 40)),
        ("fewer than ten", (None, 9)),
        ("dozens", (12, None)),
        ("hundreds of people", (100, None)),
        ("six others", (6, 6)),
        ("39", (39, 39)),
        ("20 to 30", (20, 30)),
        ("people", None),
    ],
)
def test_parse_quantity(phrase, expected):
    assert parse_quantity(phrase.split()) == expected


@given(st.lists(st.text(max_size=12), max_size=8))
def test_parse_quantity_never_raises(words):
    result = parse_quantity(words)
    assert result is None or (isinstance(result, tuple) and len(result) == 2)
