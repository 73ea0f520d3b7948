"""Casualty figures read off the parse: who counts, and what is a running total (spaCy model).

Sentences written for these tests. Each case names the word the figure hangs
from and the figure expected, with the words it must come from.
"""

from __future__ import annotations

import pytest

from newsledger.extract.casualties import counts_near, is_tally

pytestmark = pytest.mark.model


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "anchor", "kind", "expected"),
    [
        ("A 2-year-old child died after being shot in the chest.", "died", "fatalities", (1, 1, "A 2-year-old child")),
        ("Police said a woman and two girls were killed in the fire.", "killed", "fatalities", (3, 3, None)),
        ("A 24-year-old man was shot and killed outside a bar.", "shot", "fatalities", (1, 1, None)),
        ("One person was fatally shot at a grocery store.", "shot", "fatalities", (1, 1, None)),
        ("Four people were found shot to death in a home.", "shot", "fatalities", (4, 4, "Four people")),
        ("The gunman killed an 80-year-old civilian on Monday.", "killed", "fatalities", (1, 1, None)),
        ("Gunmen killed 12 soldiers and wounded 20 others.", "killed", "injured", (20, 20, "20 others")),
    ],
)
def test_figures(nlp, sentence, anchor, kind, expected):
    doc = nlp(sentence)
    count = counts_near(_token(doc, anchor)).get(kind)
    assert count is not None, f"no {kind} in {sentence!r}"
    low, high, words = expected
    assert (count.min, count.max) == (low, high)
    assert sentence[count.start : count.end] == count.text
    if words is not None:
        assert count.text == words


def test_a_date_is_not_a_count(nlp):
    doc = nlp("A teen was killed Monday night, Aug. 24, in a shooting.")
    count = counts_near(_token(doc, "killed")).get("fatalities")
    assert count is None or (count.min, count.max) == (1, 1)


@pytest.mark.parametrize(
    ("sentence", "word", "tally"),
    [
        ("The strike brings the death toll to at least 64.", "toll", True),
        ("More than 80 people have been killed since September.", "killed", True),
        ("Eleven people have died so far this year in such attacks.", "died", True),
        ("At least 80 people were killed in 21 strikes.", "killed", True),
        ("The strike killed three people on Tuesday.", "killed", False),
        ("Three people died at the scene.", "died", False),
    ],
)
def test_running_totals(nlp, sentence, word, tally):
    assert is_tally(_token(nlp(sentence), word)) is tally


def test_a_running_total_is_no_figure_unless_asked(nlp):
    doc = nlp("The strike brings the death toll to at least 64.")
    strike = _token(doc, "strike")
    assert "fatalities" not in counts_near(strike)
    assert counts_near(_token(doc, "toll"), tallies=True)["fatalities"].min == 64
