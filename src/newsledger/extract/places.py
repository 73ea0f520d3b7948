"""Place mentions (toponyms) found in an article and resolved to gazetteer entries.

The entry point of place extraction, in two steps: detection
(:mod:`newsledger.extract.toponyms`: the NER's places, names it missed or
mislabelled, curated seas and regions, demonyms as evidence of countries) and
geoparsing (:mod:`newsledger.extract.geoparse`: each name's gazetteer reading,
scored by the kind of place and by the article's other places, refined over a
few rounds). :func:`extract_places` runs both; names the NER was unsure of are
kept only when the first reading of the sure ones vouches for them, and every
other use of a name kept once takes its reading (one sense per discourse:
"Gainesville" in a headline, "a Gainesville man", "Gainesville residents").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsledger.extract.entities import align_with_places
from newsledger.extract.gazetteer import COUNTRY, load_gazetteer
from newsledger.extract.geoparse import resolve_span, resolve_spans  # noqa: F401  (part of this module's API)
from newsledger.extract.registry import Extractor
from newsledger.extract.toponyms import (
    IN_ADMIN1,
    IN_COUNTRY,
    SURE,
    container_after,
    demonym_countries,
    detect_toponyms,
    in_areas,
    repeated_toponyms,
    weak_toponyms,
)
from newsledger.nlp import doc_text
from newsledger.schema import PLACE_KIND, Entity, PlaceMention

VERSION = "places.v2"
# Extraction keeps a mention only if its best reading scores at least this: a
# village known only by a secondary spelling, in no country the article names,
# scores about 0.7; any country scores over 10.
MIN_SCORE = 2.0


def extract_places(doc: Doc, entities: list[Entity]) -> list[PlaceMention]:
    """Return the article's place mentions, each resolved to one gazetteer entry.

    Names the NER tagged as places are resolved first; names it tagged as a
    person or organisation, or missed, are added when the text or the article
    vouches for them (see :func:`weak_toponyms`), and everything is then
    resolved together.
    """
    text = doc_text(doc)
    hints = demonym_countries(entities)
    spans = detect_toponyms(doc, entities)
    weak = weak_toponyms(doc, entities, spans)
    if weak:
        first = [m for m in resolve_spans(text, spans, hints, MIN_SCORE) if m is not None]
        areas = {(m.country_code, m.admin1) for m in first if m.admin1}
        countries = {m.country_code for m in first if m.precision == "country"} | set(hints)
        gaz = load_gazetteer()
        for span, need in weak:
            readings = gaz.lookup(text[span[0] : span[1]])
            if need == SURE or (need == IN_ADMIN1 and in_areas(readings, areas)) or (
                need == IN_COUNTRY and any(c.place.country_code in countries for c in readings)
            ):
                spans.append(span)
        spans.sort()
    resolved = [m for m in resolve_spans(text, spans, hint_countries=hints, min_score=MIN_SCORE) if m is not None]
    # Other uses of an accepted name take its reading: one sense per discourse.
    by_span = {(m.start, m.end): m for m in resolved}
    for (start, end), same in repeated_toponyms(doc, entities, list(by_span)):
        mention = by_span[same]
        boxes = container_after(text, end)
        if boxes and not any(_in_box(mention, box) for box in boxes):
            continue  # "IRA, Vt.": not the Ira named elsewhere in New York
        by_span[(start, end)] = replace(mention, text=text[start:end], start=start, end=end)
    return [by_span[span] for span in sorted(by_span)]


def _in_box(mention: PlaceMention, box) -> bool:
    """Whether a resolved mention lies in the country or admin1 region ``box`` (a gazetteer place)."""
    if box.kind == COUNTRY:
        return mention.country_code == box.country_code
    return mention.country_code == box.country_code and mention.admin1 == box.name


def _run(doc: Doc, article, found) -> dict:
    # Entities that name a resolved place take its name (and a place's label).
    places = extract_places(doc, found["entities"])
    return {"places": places, "entities": align_with_places(found["entities"], places)}


EXTRACTOR = Extractor(
    name="places", version=VERSION, needs=("entities",), sets=("places", "entities"), run=_run,
    mentions=PLACE_KIND,
)
