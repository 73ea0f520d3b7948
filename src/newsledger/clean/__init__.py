"""Clean: a :class:`~newsledger.schema.RawDocument` in, an :class:`~newsledger.schema.Article` out.

HTML goes through trafilatura twice: once favouring precision (with its
readability/jusText fallbacks) and once favouring recall with trafilatura's own
algorithm only. The precise text is kept when the two runs agree on where the
article is (it is at least half as long as the broad text and 80% of its words
are in it); otherwise the broad text is kept, because the fallbacks then found
a different block of the page or the precise run dropped most of the article.
On the article-extraction benchmark this scores above either run alone (see
``benchmarks/main_text.py``). Plain text goes through
:func:`~newsledger.clean.boilerplate.strip_debris`.

Clean never rewrites words: it normalises line endings and Unicode spaces,
cuts debris at the edges, and every later offset refers to the text it returns.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass

import trafilatura

from newsledger.clean.boilerplate import ends_sentence, normalise_whitespace, strip_debris
from newsledger.schema import Article, IngestFailure, RawDocument

LOGGER = logging.getLogger(__name__)

__all__ = ["MainText", "extract_main_text", "prepare"]

# The precise run is trusted when it is at least this share of the broad run...
MIN_PRECISE_LENGTH_SHARE = 0.5
# ...and at least this share of its words also occur in the broad run.
MIN_PRECISE_WORDS_SHARED = 0.8
# Extracted HTML text this short and without a finished sentence is page furniture.
MIN_WORDS_WITHOUT_SENTENCE = 10

_WORD = re.compile(r"\w+")
# trafilatura looks for "html" this far into a page to accept it as one.
_HEAD_CHARS = 50


@dataclass(frozen=True)
class MainText:
    """The main text of an HTML page and the metadata trafilatura found in it."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


def prepare(raw: RawDocument) -> Article | IngestFailure:
    """Turn one raw document into a cleaned article, or say why it cannot be.

    Metadata already on ``raw`` (from a feed, a JSONL line, a sidecar file or the
    command line) wins over what is found in the page.

    Returns:
        An :class:`Article` whose ``id`` is the content hash of its text, or an
        :class:`IngestFailure` such as ``"no main text found"``.
    """
    if raw.html is not None:
        try:
            main = extract_main_text(raw.html, url=raw.url)
        except Exception as exc:  # a parser bug on one page must not stop the batch
            LOGGER.warning("main-text extraction failed on %s: %s", raw.origin, exc)
            return IngestFailure(raw.origin, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
        if main is None:
            return IngestFailure(raw.origin, "no main text found")
        text = strip_debris(normalise_whitespace(main.text), headline_runs=False)
        if not _has_prose(text):
            return IngestFailure(raw.origin, "no main text found")
    elif raw.text is not None:
        main = MainText(text="")
        text = strip_debris(normalise_whitespace(raw.text))
    else:
        return IngestFailure(raw.origin, "document has neither text nor HTML")
    text = text.strip()
    if not text:
        return IngestFailure(raw.origin, "no main text found")
    return Article.from_text(
        text,
        url=raw.url or main.url,
        title=raw.title or main.title,
        outlet=raw.outlet or main.outlet,
        published=raw.published or main.published,
        language=raw.language or "en",
        origin=raw.origin,
    )


def extract_main_text(html: str, url: str | None = None) -> MainText | None:
    """The article text and metadata of an HTML page, or None when it has none.

    Args:
        html: the page's markup.
        url: where the page was fetched from, if known (helps trafilatura's
            metadata and link handling).
    """
    if "html" not in html.lstrip()[:_HEAD_CHARS].lower():
        # A fragment (a feed item's body): trafilatura refuses markup that does
        # not look like a page, so give it one.
        html = f"<html><body>{html}</body></html>"
    precise = trafilatura.bare_extraction(
        html, url=url, favor_precision=True, include_comments=False, with_metadata=True
    )
    broad = trafilatura.bare_extraction(html, url=url, favor_recall=True, fast=True, include_comments=False)
    precise_text = (precise.text or "") if precise is not None else ""
    broad_text = (broad.text or "") if broad is not None else ""
    text = choose_main_text(precise_text, broad_text)
    if not text.strip():
        return None
    return MainText(
        text=text,
        title=_clean_meta(precise.title) if precise is not None else None,
        published=_parse_date(precise.date) if precise is not None else None,
        url=_clean_meta(precise.url) if precise is not None else None,
        outlet=_clean_meta(precise.sitename) if precise is not None else None,
    )


def choose_main_text(precise: str, broad: str) -> str:
    """Pick the precise extraction when it agrees with the broad one, else the broad one."""
    if not precise:
        return broad
    if not broad:
        return precise
    if len(precise) < MIN_PRECISE_LENGTH_SHARE * len(broad):
        return broad
    precise_words = Counter(_WORD.findall(precise))
    total = sum(precise_words.values())
    if not total:
        return broad
    shared = sum((precise_words & Counter(_WORD.findall(broad))).values())
    return precise if shared / total >= MIN_PRECISE_WORDS_SHARED else broad


def _has_prose(text: str) -> bool:
    """Whether extracted text reads as an article rather than a menu left on an empty page."""
    # A navigation-only page still yields a few link words ("Home"); real text,
    # even a one-sentence brief, finishes a sentence or runs longer than a menu item.
    return len(text.split()) >= MIN_WORDS_WITHOUT_SENTENCE or any(ends_sentence(line) for line in text.split("\n"))


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean_meta(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
