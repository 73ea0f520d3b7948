"""prepare(): HTML pages and plain text become articles with metadata; empty ones become failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsledger.clean import choose_main_text, prepare
from newsledger.schema import Article, IngestFailure, RawDocument, article_id

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _page() -> RawDocument:
    html = (FIXTURES / "paris-police.html").read_text(encoding="utf-8")
    return RawDocument(origin="paris-police.html", html=html)


def test_page_main_text_without_site_furniture():
    article = prepare(_page())
    assert isinstance(article, Article)
    assert "an IT worker went on a stabbing spree, killing four." in article.text
    assert article.text.endswith('my first thoughts go to the families of the victims and their relatives."')
    for furniture in ("Related stories", "cookie", "Share on Facebook", "Crime and law", "Indonesian security minister"):
        assert furniture not in article.text


def test_page_metadata_comes_from_the_page():
    article = prepare(_page())
    assert article.title == "Four stabbed to death at Paris police headquarters"
    assert article.published == dt.date(2019, 10, 5)
    assert article.url == "https://en.wikinews.org/wiki/Four_stabbed_to_death_at_Paris_police_headquarters"
    assert article.outlet == "Wikinews"
    assert article.origin == "paris-police.html"


def test_metadata_on_the_raw_document_wins():
    raw = _page()
    given = RawDocument(
        origin=raw.origin, html=raw.html, title="Given title", published=dt.date(2019, 10, 4), outlet="Given outlet"
    )
    article = prepare(given)
    assert (article.title, article.published, article.outlet) == ("Given title", dt.date(2019, 10, 4), "Given outlet")


def test_plain_text_is_normalised_and_debris_cut_but_words_kept():
    text = (
        "Officials said the three officers were stabbed with a kitchen knife in their offices.\u00a0The woman was "
        "killed in a stairwell.\r\nThe police headquarters was blocked off after the attack. Cité station, part of "
        "the Paris Métro, was temporarily closed.\r\nThe attacker was shot dead by police, officials said.\r\n"
        "Advertisement\r\n"
    )
    article = prepare(RawDocument(origin="t.txt", text=text))
    assert article.text == (
        "Officials said the three officers were stabbed with a kitchen knife in their offices. The woman was "
        "killed in a stairwell.\nThe police headquarters was blocked off after the attack. Cité station, part of "
        "the Paris Métro, was temporarily closed.\nThe attacker was shot dead by police, officials said."
    )
    assert article.id == article_id(article.text)
    assert article.language == "en"


def test_same_text_same_id_whatever_the_spacing():
    a = prepare(RawDocument(origin="a", text="Four were killed in Paris.\nThe attacker was shot."))
    b = prepare(RawDocument(origin="b", text="Four were killed in Paris.\r\nThe attacker was shot.\n\n"))
    assert a.id == b.id


def test_feed_item_fragment_is_extracted():
    fragment = (
        "<p>On Friday, the United States Department of Transportation announced new restrictions on flights to "
        "Cuba.</p><p>The new policy is to take effect in December.</p>"
    )
    article = prepare(RawDocument(origin="feed#1", html=fragment))
    assert article.text == (
        "On Friday, the United States Department of Transportation announced new restrictions on flights to Cuba.\n"
        "The new policy is to take effect in December."
    )


@pytest.mark.parametrize(
    "raw",
    [
        RawDocument(origin="nav.html", html="<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        RawDocument(origin="blank.txt", text=" \n\u00a0\n"),
        RawDocument(origin="nothing"),
    ],
)
def test_documents_without_main_text_are_failures(raw):
    result = prepare(raw)
    assert isinstance(result, IngestFailure)
    assert result.origin == raw.origin
    assert result.reason in ("no main text found", "document has neither text nor HTML")


@pytest.mark.parametrize(
    ("precise", "broad", "expected"),
    [
        # The runs agree: the precise one has dropped a teaser line.
        ("Police said four died.\nThe attacker was shot.", "Police said four died.\nThe attacker was shot.\nSee also", "precise"),
        # The precise run lost most of the article.
        ("Police said four died.", "Police said four died.\nThe attacker was shot.\nHe was 45 and lived in Gonesse.", "broad"),
        # The precise run found another block of the page.
        ("Subscribe to our newsletter for daily updates on the news", "Police said four died. The attacker was shot.", "broad"),
        ("", "Police said four died.", "broad"),
        ("Police said four died.", "", "precise"),
    ],
)
def test_choose_main_text(precise, broad, expected):
    assert choose_main_text(precise, broad) == (precise if expected == "precise" else broad)


def test_seed_article_through_prepare(shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    article = prepare(RawDocument(origin="seed", text=text))
    assert article.text.endswith("and flooded the country with drugs.")
    assert "Labubu" not in article.text and "60 Minutes" not in article.text
    # Only the trailing headlines went: the article's text is a prefix of the file's.
    assert text.startswith(article.text)
    assert len(article.text.split("\n")) == len(text.split("\n")) - 6
