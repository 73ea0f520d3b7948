"""Month and weekday patterns come from one list of names, each pattern as it always matched."""

from __future__ import annotations

import re

import pytest

from newsledger.extract import times, timex
from newsledger.extract.timeunits import MONTH_FORMS, MONTHS, WEEKDAY_FORMS, WEEKDAYS, name_pattern

PROSE_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
               r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
PROSE_WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                 r"|Mon\.|Tues?\.|Wed\.|Thur?s?\.|Fri\.|Sat\.|Sun\.)")
TIMEX_MONTH = (r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december"
               r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
TIMEX_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thurs?|thu|fri|sat|sun)"


def test_patterns_are_the_ones_each_module_always_used():
    assert times._MONTH == name_pattern(MONTH_FORMS, prose=True) == PROSE_MONTH
    assert times._WEEKDAY == name_pattern(WEEKDAY_FORMS, prose=True) == PROSE_WEEKDAY
    assert timex._MONTH == name_pattern(MONTH_FORMS, prose=False, group="month") == TIMEX_MONTH
    assert timex._WEEKDAY == name_pattern(WEEKDAY_FORMS, prose=False, group="weekday") == TIMEX_WEEKDAY


@pytest.mark.parametrize("word, matches", [
    ("Jan", True), ("Jan.", True), ("Mar.", True), ("Mar", False), ("Sept.", True), ("Sep", True),
    ("May", True), ("may", False),
])
def test_prose_month(word, matches):
    assert bool(re.fullmatch(PROSE_MONTH, word)) is matches


@pytest.mark.parametrize("word, matches", [("Thurs.", True), ("Thu.", True), ("Thurs", False), ("Sun", False)])
def test_prose_weekday(word, matches):
    assert bool(re.fullmatch(PROSE_WEEKDAY, word)) is matches


def test_every_abbreviation_a_normalised_expression_holds_has_a_number():
    for forms, numbers, group in ((MONTH_FORMS, MONTHS, "month"), (WEEKDAY_FORMS, WEEKDAYS, "weekday")):
        pattern = re.compile(name_pattern(forms, prose=False, group=group))
        for word in numbers:
            assert pattern.fullmatch(word), word
