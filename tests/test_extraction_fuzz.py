"""Extraction never raises on arbitrary text, and what it returns keeps the contract.

Hypothesis writes texts mixing arbitrary Unicode (control characters, lone
combining marks, right-to-left marks, emoji, very long tokens, runs of
quotation marks) with the words extractors key on (figures such as "1e400" or
"dozens", impossible dates such as "Sept. 31", attribution verbs, casualty
words), and hands batches of them to :meth:`Pipeline.extract_many`. Whatever
an extractor does with them, one result comes out per article, in order, every
offset lies inside the text and points at the text it claims, and the output
validates against ``newsledger-1.schema.json``; the same holds when the texts
are cut into pieces of a few hundred characters, as long documents are.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from unittest import mock

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsledger import pipeline as pipeline_mod
from newsledger.schema import Article
from tests.offsets import mention_spans

pytestmark = pytest.mark.model

SCHEMA = json.loads(files("newsledger").joinpath("newsledger-1.schema.json").read_text(encoding="utf-8"))

TRICKY = [
    "1e400", "1e-400", "NaN", "-0", "99999999999999999999999 people", "dozens", "scores", "a dozen", "hundreds",
    "Sept. 31", "Feb. 30, 2021", "31/02/2020", "2025-13-45", "0000-00-00", "9999-12-31", "the 32nd of May",
    "last week", "next Monday", "in 1e400 days", "3 months ago", "the 1990s", "Q5 2020", "week 54",
    "said", "told reporters", "according to", "reportedly", "denied", "will", "killed", "were injured",
    "arrested", "airstrike", "protesters", "Police", "the president", "he", "Baghdad", "Venezuela",
    "the Caribbean", "Mr.", "U.S.", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
    '""""', "\u201c\u201c\u201d", "\u0301", "\u0308\u0308", "\u200f", "\u200e", "\u202e", "\u2066", "\u200b",
    "\ufeff", "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\U0001f600",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\t", "\n", "\n\n", "\r\n", " ", "  ", ".", ",", ":", "\u2014",
]
SENTENCE = st.builds(
    "{} people were killed and {} {} in {} on {}, {} said.".format,
    st.sampled_from(["Three", "dozens of", "1e400", "more than 100", "-5", "0", "scores of", "12,000,000,000"]),
    st.sampled_from(["others", "dozens", "two"]),
    st.sampled_from(["injured", "arrested", "wounded"]),
    st.sampled_from(["Baghdad", "Maidan Wardak", "the eastern Pacific", "\u202eBaghdad", "Paris, Texas"]),
    st.sampled_from(["Sept. 31", "Monday", "Feb. 29, 2023", "1 January 10000", "the 0th", "2020-02-30"]),
    st.sampled_from(["police", "Police said that", "\u201cthe ministry", "the president", "officials"]),
)
FRAGMENT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(TRICKY),
    SENTENCE,
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(lambda d: d.strftime("%B %d, %Y")),
    st.text(alphabet="abc\u0301\u200d", min_size=200, max_size=3000),  # one very long token
    st.text(alphabet="\"'\u201c\u201d\u2018\u2019\u00ab\u00bb \n", min_size=1, max_size=40),
)
TEXT = st.lists(FRAGMENT, max_size=25).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "", "\n", "\n\n", ". "]), min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps))
    )
)
ARTICLE = st.builds(
    Article.from_text,
    TEXT,
    published=st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max])),
    title=st.one_of(st.none(), st.text(max_size=30)),
)


HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=150, deadline=None, suppress_health_check=HEALTH)
@given(articles=st.lists(ARTICLE, min_size=1, max_size=3))
def test_extraction_never_raises_and_keeps_the_contract(pipeline, articles):
    check_contract(articles, list(pipeline.extract_many(articles)))


@settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(articles=st.lists(ARTICLE, min_size=1, max_size=3))
def test_texts_taken_in_pieces_keep_the_contract(pipeline, articles):
    # Pieces of a few hundred characters: most texts here are cut, at odd places.
    with mock.patch.object(pipeline_mod, "PIECE_CHARS", 300):
        results = list(pipeline.extract_many(articles))
    check_contract(articles, results)


def check_contract(articles, results):
    assert [r.article.id for r in results] == [a.id for a in articles]
    for article, result in zip(articles, results):
        output = result.to_dict()
        jsonschema.validate(output, SCHEMA)
        json.dumps(output, ensure_ascii=False).encode("utf-8")  # writable as the CLI writes it
        text = article.text
        assert output["text"] == text
        for span in mention_spans(output):
            if span["start"] is None:
                assert span["end"] is None, span
                continue
            assert 0 <= span["start"] <= span["end"] <= len(text), span
            if "text" in span and span["text"] is not None:
                assert text[span["start"] : span["end"]] == span["text"], span
        for error in result.errors:
            event(f"extractor error in {error.stage}: {error.message.split(':')[0]}")


@pytest.mark.parametrize("published", [dt.date.min, dt.date(1, 1, 3), dt.date.max])
def test_undated_event_near_the_calendars_ends_is_still_dated_from_publication(pipeline, published):
    # The fuzz found this one: "a week before publication" fell off the calendar.
    result = pipeline.extract(Article.from_text("Three people were killed in Baghdad, police said.", published=published))
    assert result.errors == []
    assert result.events, "the killing is an event"
    interval = result.events[0].date.interval
    assert interval[1] == published.isoformat()
    assert dt.date.fromisoformat(interval[0]) <= published
