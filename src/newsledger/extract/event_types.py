"""Event types: ACLED's codebook notes, the evaluation split, and a trained classifier.

The taxonomy itself (ACLED's event types and sub-event types, newsledger's
additions, their PLOVER codes) is data in :mod:`newsledger.taxonomy`.

:func:`clean_acled_note` turns an ACLED ``notes`` text into a plain report of
the event and :func:`acled_split` files a record in the fixed
train/dev/test split. :func:`classify_subtypes` scores texts over the ACLED sub-types with a small
spaCy ``textcat`` pipeline trained on ACLED event notes
(``training/train_event_classifier.py``) and shipped inside the package
(``newsledger/models/acled_subtype``; see its MODEL_CARD.md: the notes are
ACLED's, and users of the model must credit ACLED). It is loaded once, lazily,
from the installed package; nothing is downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
import warnings

from newsledger.errors import ModelNotFoundError

VERSION = "event_types.v1"


# --- ACLED notes and the fixed evaluation split ------------------------------------------------

# ACLED prefixes some notes with a finer category ("Property destruction: On 3 ...") and
# appends coding remarks in brackets ("[size=no report]", "[coded to X]"): both name or
# betray the label. Every note also opens with the same lead-in, a date and usually a
# place with its districts in parentheses ("On 9 March 2022, in Muse (Muse district,
# Shan-North state), ..."), which news sentences do not share. All of it is dropped so
# that a model trained on notes learns the event, not ACLED's house style.
_NOTE_PREFIX = re.compile(r"^(?!On\b)[A-Z][A-Za-z/ -]{0,40}:\s+")
_NOTE_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_NOTE_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_NOTE_DATE = re.compile(r"^[A-Z][a-z]*\b[^,]{0,80}?\b(?:19|20)\d\d\b,\s*")
_NOTE_PLACE = re.compile(r"^(?:in|near|at|outside|around)\s[^,;.]{0,100},\s*", re.IGNORECASE)


def clean_acled_note(note: str) -> str:
    """An ACLED ``notes`` text as a plain report of the event.

    Drops the leading finer label, bracketed coding remarks, parentheses, and
    the opening date and place clauses; the first letter left is capitalised.
    """
    text = _NOTE_BRACKETS.sub("", _NOTE_PREFIX.sub("", note.strip()))
    text = _NOTE_PARENTHESES.sub("", text).strip()
    text = _NOTE_PLACE.sub("", _NOTE_DATE.sub("", text))
    return text[:1].upper() + text[1:]


def acled_split(event_id: str) -> str:
    """``"train"``, ``"dev"`` or ``"test"`` for an ACLED record, from its ``event_id_cnty``.

    The bucket is the first 8 hex digits of SHA-256 of the id, modulo 100:
    0-19 test (20%), 20-29 dev (10%, a slice of the training 80% used only for
    choosing the model), 30-99 train (70%). Stable across runs, machines and
    record order.
    """
    bucket = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < 20:
        return "test"
    return "dev" if bucket < 30 else "train"


# --- the trained classifier --------------------------------------------------------------------

MODEL_PACKAGE = "newsledger.models"
MODEL_DIR = "acled_subtype"


@functools.lru_cache(maxsize=1)
def load_subtype_model():
    """The packaged ACLED sub-type classifier (a spaCy pipeline), loaded once.

    Raises:
        ModelNotFoundError: the model folder is missing from the installed package.
    """
    import spacy

    root = importlib.resources.files(MODEL_PACKAGE) / MODEL_DIR
    if not root.joinpath("meta.json").is_file():
        raise ModelNotFoundError(
            f"The event sub-type model is missing from the installed package ({root}). "
            "Reinstall newsledger, or rebuild it from a checkout with "
            "`python training/train_event_classifier.py --data acled-sample-dev.jsonl "
            "--out src/newsledger/models/acled_subtype`."
        )
    with importlib.resources.as_file(root) as path, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(path)


@functools.lru_cache(maxsize=1)
def classifier_version() -> str:
    """``name-version+weights`` of the packaged classifier: a retrained model differs even at one version.

    Part of what decides an extraction run (the event sub-types depend on it),
    read from the model's ``meta.json`` and a digest of its weights without
    loading spaCy.
    """
    import json

    root = importlib.resources.files(MODEL_PACKAGE) / MODEL_DIR
    meta = json.loads(root.joinpath("meta.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(root.joinpath("textcat", "model").read_bytes()).hexdigest()[:12]
    return f"{meta.get('name', MODEL_DIR)}-{meta.get('version', '?')}+{digest}"


def classify_subtypes(texts: list[str], batch_size: int = 64) -> list[list[tuple[str, float]]]:
    """Score each text over the ACLED sub-types the model knows, best first.

    Returns one list per text of ``(sub-type, probability)`` pairs summing to 1,
    sorted by probability (ties by name); a blank text gets an empty list.
    The model knows only the sub-types
    present in its training data: no newsledger sub-types, and none of ACLED's
    that the sample lacks (see the model card).
    """
    nlp = load_subtype_model()
    # A text with no tokens has nothing to classify (and the CNN cannot pool an empty doc).
    present = [i for i, text in enumerate(texts) if text.strip()]
    out: list[list[tuple[str, float]]] = [[] for _ in texts]
    for i, doc in zip(present, nlp.pipe((texts[i] for i in present), batch_size=batch_size)):
        out[i] = sorted(doc.cats.items(), key=lambda kv: (-kv[1], kv[0]))
    return out
