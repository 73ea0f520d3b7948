"""Toponym detection: where an article names a place.

The first half of place extraction (:mod:`newsledger.extract.places`; the
second is :mod:`newsledger.extract.geoparse`). Detection takes the NER's GPE
and LOC mentions, country and region names the NER tagged as something else
or missed, and curated seas and regions matched in the text with their
modifiers ("the eastern Pacific"); names the NER gave to a person or an
organisation, or missed, come back as weak toponyms, each with what must hold
for it to be kept (:func:`weak_toponyms`). Demonyms ("Venezuelan") are not
places, but they count as evidence of which countries an article is about
(:func:`demonym_countries`). Hand-written for the same reason as geoparsing:
no maintained library detects toponyms against this gazetteer offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc

from newsledger.extract.gazetteer import (
    ADMIN1,
    ADMIN2,
    COUNTRY,
    REGION,
    Candidate,
    Gazetteer,
    fold_loose,
    load_gazetteer,
)
from newsledger.nlp import doc_text
from newsledger.schema import Entity

LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Curated names that are also ordinary words or brands: only "the Gulf", "the Amazon".
_NEEDS_THE = {"gulf", "amazon", "arctic", "golan", "sinai", "channel"}
_PLACE_LABELS = {"GPE", "LOC"}
_LOCATIVE = {"in", "at", "from", "near", "into", "outside", "inside", "across", "around", "toward", "towards",
             "via", "through", "throughout", "between", "to", "of"}
_MOVEMENT = {"entered", "captured", "seized", "reached", "shelled", "bombed", "raided", "stormed", "besieged",
             "overran", "retook", "recaptured", "evacuated", "visited", "fled"}
_NOT_PLACES = {"north", "south", "east", "west", "the north", "the south", "the east", "the west", "midwest"}


def demonym_countries(entities: Iterable[Entity]) -> list[str]:
    """Country codes the article's NORP mentions point to ("Venezuelan" -> VE)."""
    gaz = load_gazetteer()
    out = []
    for ent in entities:
        if ent.label == "NORP":
            code = gaz.demonym_country(POSSESSIVE.sub("", ent.text))
            if code:
                out.append(code)
    return out


def detect_toponyms(doc: Doc, entities: list[Entity]) -> list[tuple[int, int]]:
    """Character spans of place names in ``doc``: NER places plus curated names in the text."""
    gaz = load_gazetteer()
    text = doc_text(doc)
    spans: dict[tuple[int, int], None] = {}
    other: list[tuple[int, int]] = []
    for ent in entities:
        start, end = _trim(text, ent.start, ent.end)
        if end <= start or not _could_be_place(gaz, text, start, end):
            continue
        if ent.label in _PLACE_LABELS:
            spans[(start, end)] = None
        elif ent.label in {"ORG", "PERSON", "FAC"} and _names_country_or_region(gaz, text[start:end]):
            spans[(start, end)] = None  # "Venezuela" tagged ORG is still the country
        else:
            other.append((ent.start, ent.end))
    for start, end in _curated_matches(text):
        if any(s < end and start < e for s, e in other) or not _could_be_place(gaz, text, start, end):
            continue  # "Union Pacific", "Bank of America": part of another name
        overlapping = [s for s in spans if s[0] < end and start < s[1]]
        if any(e - s >= end - start for s, e in overlapping):
            continue
        for s in overlapping:
            del spans[s]  # "Pacific" from the NER grows to "eastern Pacific"
        spans[(start, end)] = None
    return sorted(spans)


def weak_toponyms(
    doc: Doc, entities: list[Entity], taken: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], str]]:
    """Place names the NER tagged as people or organisations, or missed, with what they need.

    Returns (span, need) pairs. ``SURE``: the text itself vouches for a place
    (a country or admin region's name, "Douglas County", a locative preposition
    before it, a container after it: "Alexandria, La."). ``IN_ADMIN1``: kept
    only if it has a reading in an admin1 region the article's other places
    name. ``IN_COUNTRY``: known only by a secondary spelling ("Maidan Shahr"),
    after a locative word, so kept only in a country the article names.
    """
    gaz = load_gazetteer()
    text = doc_text(doc)
    found: list[tuple[tuple[int, int], str]] = []
    seen = set(taken)

    def consider(start: int, end: int, cued: bool) -> None:
        if (start, end) in seen or any(s < end and start < e for s, e in taken):
            return
        need = _vouched(gaz, doc, start, end, cued)
        if need is not None:
            seen.add((start, end))
            found.append(((start, end), need))

    # An organisation's name cued as a place once ("permission from Congress") but
    # mostly used as an organisation ("members of Congress") is an organisation.
    # For such names "of" and "to" are no cue: "members of Congress", "notice to Congress".
    uses: dict[str, list[bool]] = {}
    for ent in entities:
        if ent.label == "ORG":
            start, _ = _trim(text, ent.start, ent.end)
            uses.setdefault(ent.canonical.lower(), []).append(_cued(text, start, weak=("of", "to")))
    for ent in entities:
        if ent.label not in {"ORG", "PERSON", "FAC", "NORP"}:
            continue
        start, end = _trim(text, ent.start, ent.end)
        if ent.label == "PERSON" and ent.canonical.lower() != text[start:end].lower():
            continue  # "Jackson" elsewhere called "Andrew Jackson" is a person
        cued = _cued(text, start)
        if ent.label == "ORG":
            cues = uses[ent.canonical.lower()]
            cued = cued and 2 * sum(cues) > len(cues)
        consider(start, end, cued)
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in doc:
        # "in Moorhead": a capitalised name the NER missed, right after a locative word.
        if token.lower_ not in _LOCATIVE or token.i + 1 >= len(doc):
            continue
        end_i = token.i + 1
        while end_i < len(doc) and doc[end_i].is_title and end_i not in in_entity and end_i - token.i <= 3:
            end_i += 1
        if end_i > token.i + 1:
            consider(doc[token.i + 1].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text), True)
    return found


SURE, IN_ADMIN1, IN_COUNTRY = "sure", "in-admin1", "in-country"


def _cued(text: str, start: int, weak: tuple[str, ...] = ()) -> bool:
    """Whether a locative word (other than ``weak`` ones) or a verb of movement comes right before."""
    before = text[max(start - 15, 0) : start].split()
    if not before or before[-1].lower() in weak:
        return False
    return before[-1].lower() in _LOCATIVE or before[-1].lower() in _MOVEMENT


def _vouched(gaz: Gazetteer, doc: Doc, start: int, end: int, cued: bool) -> str | None:
    """What a possible place name needs to be kept (see :func:`weak_toponyms`); None: not a place."""
    text = doc_text(doc)
    name = text[start:end]
    if not _could_be_place(gaz, text, start, end):
        return None
    readings = gaz.lookup(name)
    exact = [c for c in readings if not c.alternate]
    if not exact:
        return IN_COUNTRY if cued and readings and " " in name.strip() else None
    if any(c.place.kind in (COUNTRY, REGION, ADMIN1) for c in exact):
        return SURE
    if any(c.place.kind == ADMIN2 and fold_loose(c.place.name) == fold_loose(name) for c in exact):
        return SURE  # "Douglas County" is a county whatever the NER says
    if cued:
        return SURE
    after = re.match(r",\s*([A-Z][\w.]*(?: [A-Z][a-z]+)?)", text[end : end + 25])
    if after and any(c.place.kind in (COUNTRY, ADMIN1) for c in gaz.lookup(after.group(1))):
        return SURE
    return IN_ADMIN1


def in_areas(readings: Sequence[Candidate], areas: set[tuple[str, str]]) -> bool:
    """Whether a name has an exact reading inside one of the (country, admin1) ``areas``."""
    return any(not c.alternate and (c.place.country_code, c.place.admin1) in areas for c in readings)


def _could_be_place(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """False for names that are never a place mention on their own."""
    name = text[start:end]
    if name.lower() in _NOT_PLACES:
        return False  # "the West", "the South": directions, not the towns named so
    if re.match(r"\s*\d|\$", text[end : end + 3]):
        return False  # "US 41", "Route 9": a road; "US$": a currency
    if gaz.demonym_country(name) and not any(
        not c.alternate and c.place.kind in (COUNTRY, REGION, ADMIN1) for c in gaz.lookup(name)
    ):
        return False  # "Ukrainian" tagged GPE is a demonym, not a place
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A mention without a leading "the" or a trailing possessive."""
    match = LEADING_THE.match(text[start:end])
    if match and end - start > match.end():
        start += match.end()
    tail = POSSESSIVE.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def _names_country_or_region(gaz: Gazetteer, name: str) -> bool:
    return any(not c.alternate and c.place.kind in (COUNTRY, REGION) for c in gaz.lookup(name))


_CURATED_RE: re.Pattern | None = None


def _curated_pattern() -> re.Pattern:
    """One regex for every country and curated region name, longest first."""
    global _CURATED_RE
    if _CURATED_RE is None:
        gaz = load_gazetteer()
        names = set(gaz.display_names(kinds=(COUNTRY, REGION)))
        names |= {n[0].upper() + n[1:] for n in names if n[0].islower()}
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        _CURATED_RE = re.compile(rf"(?<![\w.-])(?:{alternation})(?![\w-])")
    return _CURATED_RE


def _curated_matches(text: str) -> Iterator[tuple[int, int]]:
    for match in _curated_pattern().finditer(text):
        start, end = match.span()
        if text[start:end].lower() in _NEEDS_THE and not text[:start].rstrip().lower().endswith("the"):
            continue
        after = text[end : end + 30]
        if re.match(r" (?:[A-Z][a-z]|of [A-Z])", after):
            continue  # "Pacific Fleet", "Gulf Cooperation Council": a longer name
        before = text[max(start - 30, 0) : start]
        prev = re.search(r"([A-Z][\w'’]*)\s+$", before)
        if prev and not re.search(r"(?:^|[.!?\n]\s*)\S+\s+$", before) and prev.group(1) not in {"The"}:
            continue  # "Trans Pacific", "Bank America": preceded by another capitalised word
        yield start, end
