"""Edge debris: the seed's trailing headlines go, Wikinews articles stay whole, nothing is invented."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.clean.boilerplate import ends_sentence, is_boilerplate_line, normalise_whitespace, strip_debris

# Real paragraphs (Wikinews, CC BY 2.5) for the synthetic cases below.
BODY = (
    "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia. "
    "A suspected gas leak led to an explosion, followed by the ten-storey building coming down.\n"
    "The 1973 building was home to over 1,000 people; 48 apartments were damaged. Rescuers, working in "
    "temperatures well below freezing, recovered at least ten survivors from the debris on Monday.\n"
    "The Investigative Committee and the Federal Security Service said they believe gas, which leaks "
    "relatively frequently in Russia, was the trigger for the disaster which occurred at 6am.\n"
    "Search and rescue was suspended on Tuesday, when the rubble was judged too dangerous to search "
    "because the remaining part of the building could collapse."
)
LAST_SENTENCE_END = "could collapse."


def test_seed_ends_with_its_last_sentence(shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    cleaned = strip_debris(text)
    assert cleaned.endswith("flooded the country with drugs.")
    for headline_word in ("Iran", "South Park", "CFPB", "Alex Jones", "CBS"):
        assert headline_word not in cleaned
    assert text.startswith(cleaned)
    # The article itself is whole: its first sentence and the Hegseth quote are kept.
    assert cleaned.startswith("The CIA reportedly carried out a drone strike")
    assert "al-Qaeda of our hemisphere" in cleaned


def test_every_wikinews_article_is_left_intact(shared_data):
    path = shared_data / "wikinews-conflict" / "articles.jsonl"
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 39
    changed = [a["title"] for a in articles if strip_debris(a["text"]) != a["text"]]
    assert changed == []
    # Joined with single newlines, as a plain-text copy of a page often is, too.
    changed = [a["title"] for a in articles if strip_debris(a["text"].replace("\n\n", "\n")) != a["text"].replace("\n\n", "\n")]
    assert changed == []


@pytest.mark.parametrize(
    "debris",
    [
        # A related-stories list: short headlines without full stops.
        "Ukraine war: latest updates from the front line\nMarkets slide as oil prices climb again\n"
        "Opinion: the quiet crisis in rural hospitals\nWeather warning issued for the weekend",
        # The same with its header and one headline that ends with a period.
        "Related stories\nFloods displace thousands in Kerala\nTrain strike called off after late talks\n"
        "Minister resigns over expenses claims.",
        # Social buttons, an advertisement and a cookie notice.
        "Share this article\nAdvertisement\nWe use cookies to improve your experience. "
        "By continuing to browse you accept our cookie policy.",
        # Wire-service credits and a copyright line.
        "(Reporting by Jane Doe in Moscow; Editing by Tom Hogue)\n© 2019 Thomson Reuters. All rights reserved.",
        # A newsletter prompt and a read-more link.
        "Read more: How the collapse unfolded\nSign up for our daily newsletter to get the news in your inbox.",
    ],
)
def test_trailing_debris_is_removed(debris):
    assert strip_debris(f"{BODY}\n{debris}") == BODY
    assert strip_debris(f"{BODY}\n\n{debris}\n") == BODY


@pytest.mark.parametrize(
    "debris",
    [
        "Skip to main content",
        "Home\nWorld\nEurope\nRussia",
        "By Jane Doe and Ali Khan, Reuters",
        "Advertisement\nBy Jane Doe\nUpdated: 12 May 2020 10:31 BST",
        "Listen to this article\n5 min read",
    ],
)
def test_leading_debris_is_removed(debris):
    assert strip_debris(f"{debris}\n{BODY}") == BODY


@pytest.mark.parametrize(
    "text",
    [
        # A list introduced by a colon belongs to the article.
        BODY + "\nThe victims named by officials were:\nIvan Petrov, 34\nOlga Petrova, 31\nMaria Ivanova, 8",
        # A short closing quote paragraph with a full stop is prose.
        BODY + '\n"We will rebuild," the mayor said.',
        # Two short lines are not a run.
        BODY + "\nMore on this story later\nPhotos from the scene",
        # Short sentences that all end with full stops are prose, not headlines.
        BODY + "\nThe mayor declared mourning.\nSchools were closed.\nFlags flew at half mast.",
        # A title line before the article is not debris.
        "Magnitogorsk apartment building collapses after explosion, dozens dead\n" + BODY,
        # A sentence that merely starts like a timestamp.
        "Published reports said 39 people died.\n" + BODY,
    ],
)
def test_article_text_is_kept(text):
    assert strip_debris(text) == text


def test_hard_wrapped_text_is_left_alone():
    words = BODY.replace("\n", " ").split()
    wrapped = "\n".join(" ".join(words[i : i + 11]) for i in range(0, len(words), 11))
    assert strip_debris(wrapped) == wrapped


def test_headline_runs_can_be_turned_off_for_extracted_html():
    text = BODY + "\nFloods displace thousands in Kerala\nTrain strike called off\nMinister resigns over claims"
    assert strip_debris(text, headline_runs=False) == text
    assert strip_debris(text + "\nAdvertisement", headline_runs=False) == text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Share on Facebook Share on Twitter Email", True),
        ("By Monday, the toll was 40", False),
        ("Published 3 hours ago", True),
        ("Reporting by the BBC suggested that the toll would rise.", False),
        ("The cookie jar was found in the rubble.", False),
    ],
)
def test_boilerplate_lines(line, expected):
    assert is_boilerplate_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("the dock area where they load the boats up with drugs.”", True),
        ("Bari Weiss’ ‘interference’", False),
        ("Is this the end?", True),
        ("Tour dates:", False),
    ],
)
def test_ends_sentence_looks_past_closing_quotes(line, expected):
    assert ends_sentence(line) is expected


def test_normalise_whitespace_changes_only_spacing():
    raw = "\ufeffFirst\u00a0line \r\nSecond\u2009line\u200b\rThird\n\n"
    assert normalise_whitespace(raw) == "First line\nSecond line\nThird"


_lines = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Advertisement", "Related stories", "Share this", "By Jane Doe", "Home", "", BODY]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines, max_size=12).map("\n".join))
def test_strip_is_a_slice_and_idempotent(text):
    once = strip_debris(text)
    assert once in text
    assert strip_debris(once) == once


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(BODY.split("\n") + ["Breaking headline here now", "Advertisement"]), max_size=10).map("\n".join))
def test_strip_cuts_only_at_line_boundaries(text):
    once = strip_debris(text)
    if once == text:
        return
    starts = [i for i in range(len(text)) if text.startswith(once, i)]
    assert any(
        (i == 0 or text[i - 1] == "\n") and (i + len(once) == len(text) or text[i + len(once)] == "\n") for i in starts
    )
