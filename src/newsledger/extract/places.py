"""Place mentions (toponyms) found in an article and resolved to gazetteer entries.

Detection takes the NER's GPE and LOC mentions, country and region names the
NER tagged as something else or missed, and curated seas and regions matched
in the text with their modifiers ("the eastern Pacific"). Demonyms ("Venezuelan")
are not places, but they count as evidence of which countries an article is
about.

Resolution scores every candidate a name may refer to and lets the article
decide, in the way geoparsers such as Mordecai and CLAVIN do: a prior from the
kind of place (country, region, admin1, city by population, admin2), then
context from the article's other places (the countries and admin1 regions they
probably lie in, weighted by how often they are named), an explicit container
("Alexandria, La."), and a penalty for a continent the article never touches.
The other places' evidence is itself uncertain, so the scores are refined in a
few rounds, each name reading the others' current distributions; all mentions
of one name in an article share one reading. No maintained library does this
offline for spaCy 3.8 (Mordecai 3 needs Elasticsearch and a GeoNames index;
geotext and geograpy do no disambiguation), hence this module.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from newsledger.extract.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    Candidate,
    Gazetteer,
    Place,
    fold_loose,
    load_gazetteer,
    strip_admin_words,
)
from newsledger.schema import Entity, PlaceMention
from newsledger.nlp import doc_text

VERSION = "places.v1"

MAX_CANDIDATES = 60
ROUNDS = 3
# Extraction keeps a mention only if its best reading scores at least this: a
# village known only by a secondary spelling, in no country the article names,
# scores about 0.7; any country scores over 10.
MIN_SCORE = 2.0

_KIND_PRIOR = {COUNTRY: 11.0, REGION: 9.0, ADMIN1: 7.0, ADMIN2: 4.0}
_DIRECTIONS = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western"
    r"|south-?eastern|south-?western|northeast|northwest|southeast|southwest)"
)
_LEADING_WORDS = re.compile(rf"^(?:the\s+)?(?:{_DIRECTIONS}\s+)?", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Curated names that are also ordinary words or brands: only "the Gulf", "the Amazon".
_NEEDS_THE = {"gulf", "amazon", "arctic", "golan", "sinai", "channel"}
_PLACE_LABELS = {"GPE", "LOC"}
_CITY_CUE = re.compile(r"\b(?:city|town|village|capital|port|suburb) of\s+$", re.IGNORECASE)
_CITY_AFTER = re.compile(r" city\b")
_LOCATIVE = {"in", "at", "from", "near", "into", "outside", "inside", "across", "around", "toward", "towards",
             "via", "through", "throughout", "between", "to", "of"}
_MOVEMENT = {"entered", "captured", "seized", "reached", "shelled", "bombed", "raided", "stormed", "besieged",
             "overran", "retook", "recaptured", "evacuated", "visited", "fled"}
_NOT_PLACES = {"north", "south", "east", "west", "the north", "the south", "the east", "the west", "midwest"}


@dataclass(frozen=True)
class _Group:
    """All mentions of one name in an article, resolved together."""

    key: str
    text: str
    spans: tuple[tuple[int, int], ...]
    candidates: tuple[Candidate, ...]
    priors: tuple[float, ...]
    city_cue: bool = False


# --------------------------------------------------------------------- detection
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
            if need == SURE or (need == IN_ADMIN1 and _in_areas(readings, areas)) or (
                need == IN_COUNTRY and any(c.place.country_code in countries for c in readings)
            ):
                spans.append(span)
        spans.sort()
    resolved = resolve_spans(text, spans, hint_countries=hints, min_score=MIN_SCORE)
    return [m for m in resolved if m is not None]


def demonym_countries(entities: Iterable[Entity]) -> list[str]:
    """Country codes the article's NORP mentions point to ("Venezuelan" -> VE)."""
    gaz = load_gazetteer()
    out = []
    for ent in entities:
        if ent.label == "NORP":
            code = gaz.demonym_country(_POSSESSIVE.sub("", ent.text))
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


def _in_areas(readings: Sequence[Candidate], areas: set[tuple[str, str]]) -> bool:
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
    match = _LEADING_THE.match(text[start:end])
    if match and end - start > match.end():
        start += match.end()
    tail = _POSSESSIVE.search(text[start:end])
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


# -------------------------------------------------------------------- resolution
def resolve_span(
    doc: Doc | str, start: int, end: int, context_places: Sequence[PlaceMention] = ()
) -> PlaceMention | None:
    """Resolve the place name at ``doc.text[start:end]`` given places already resolved nearby.

    ``context_places`` (e.g. the article's other mentions) supply the countries,
    admin1 regions and continents that disambiguate the name.
    """
    text = doc if isinstance(doc, str) else doc_text(doc)
    group = _make_group(load_gazetteer(), text, [(start, end)])
    if group is None:
        return None
    context = _Context()
    for place in context_places:
        context.add_mention(place)
    scores = _score(group, context, {}, None)
    best = max(range(len(scores)), key=scores.__getitem__)
    return _mention(text, start, end, group.candidates[best].place)


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    hint_countries: Sequence[str] = (),
    min_score: float | None = None,
) -> list[PlaceMention | None]:
    """Resolve every span of ``text`` jointly; None where no reading is good enough.

    Args:
        text: the article text the offsets refer to.
        spans: (start, end) character offsets of place names.
        hint_countries: country codes the article names otherwise (demonyms).
        min_score: drop readings scoring below this (None keeps every resolvable span).
    """
    gaz = load_gazetteer()
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end in spans:
        by_key[_group_key(text[start:end])].append((start, end))
    groups = [g for g in (_make_group(gaz, text, s) for s in by_key.values()) if g is not None]
    containers = _containers(text, spans, groups)
    dists = [_softmax(g.priors) for g in groups]
    scores: list[list[float]] = [list(g.priors) for g in groups]
    for _ in range(ROUNDS):
        context = _Context()
        for code in hint_countries:
            context.add_country(code, 0.5, None)
        for index, (group, dist) in enumerate(zip(groups, dists)):
            context.add_group(index, group, dist)
        scores = [_score(g, context, containers, i) for i, g in enumerate(groups)]
        dists = [_softmax(s) for s in scores]

    chosen: dict[tuple[int, int], PlaceMention | None] = {}
    for group, group_scores in zip(groups, scores):
        best = max(range(len(group_scores)), key=group_scores.__getitem__)
        keep = min_score is None or group_scores[best] >= min_score
        boxed = containers.get(groups.index(group), set())
        if min_score is not None and boxed and _fits(group.candidates[best].place, boxed) is False:
            keep = False  # "Berkshire, UK" read as Berkshire County, Massachusetts: not this place
        for start, end in group.spans:
            chosen[(start, end)] = _mention(text, start, end, group.candidates[best].place) if keep else None
    return [chosen.get((start, end)) for start, end in spans]


def _group_key(name: str) -> str:
    return fold_loose(_POSSESSIVE.sub("", _LEADING_THE.sub("", name.strip())))


def _make_group(gaz: Gazetteer, text: str, spans: list[tuple[int, int]]) -> _Group | None:
    name = _POSSESSIVE.sub("", text[spans[0][0] : spans[0][1]].strip())
    candidates = _lookup(gaz, name)
    if not candidates:
        return None
    priors = _priors(candidates)
    ranked = sorted(range(len(candidates)), key=lambda i: -priors[i])[:MAX_CANDIDATES]
    return _Group(
        key=_group_key(name),
        text=name,
        spans=tuple(spans),
        candidates=tuple(candidates[i] for i in ranked),
        priors=tuple(priors[i] for i in ranked),
        city_cue=any(
            _CITY_CUE.search(text[max(s - 20, 0) : s]) or _CITY_AFTER.match(text[e : e + 6]) for s, e in spans
        ),
    )


def _lookup(gaz: Gazetteer, name: str) -> list[Candidate]:
    """Candidates for a name, trying plainer forms of it when the full form is unknown."""
    code = gaz.demonym_country(name)
    if code and gaz.country(code):
        # "Canadian" names Canada before Canadian, Texas (a span given to resolve, not detected).
        return [Candidate(gaz.country(code), alternate=True)]
    forms = [name, _LEADING_THE.sub("", name), _LEADING_WORDS.sub("", name)]
    acronym = len(name) <= 4 and name.isupper() and name.isalpha()
    for form in dict.fromkeys(f for f in forms if f):
        found = gaz.lookup(form)
        if acronym:
            # "EU" is not Eu, France: an acronym names a country or region, not a town.
            found = [c for c in found if c.place.kind in (COUNTRY, REGION, ADMIN1)]
        if found:
            return found
    bare = strip_admin_words(fold_loose(name))
    if bare and bare != fold_loose(name):
        found = gaz.lookup(bare)
        if found:
            return found
    return []


def _priors(candidates: Sequence[Candidate]) -> list[float]:
    """Score each candidate before context: kind, population, capital, name quality."""
    out = []
    for cand in candidates:
        place = cand.place
        if place.kind == CITY:
            score = math.log10(place.population + 10)
            if place.feature_code == "PPLC":
                score += 1.5  # "Washington", "Damascus": news names capitals for their governments
        else:
            score = _KIND_PRIOR[place.kind]
            if place.kind == ADMIN1:
                score += 0.3 * math.log10(place.population + 10) - 2.0
        if cand.alternate and place.kind not in (COUNTRY, REGION):
            score -= 2.0
        out.append(score)
    return out


class _Context:
    """What the rest of the article says: weights of countries, admin1 regions, continents."""

    def __init__(self) -> None:
        self.country: dict[str, float] = defaultdict(float)
        self.admin1: dict[tuple[str, str], float] = defaultdict(float)
        self.continent: dict[str, float] = defaultdict(float)
        # Each group's own contribution, so that a name is not its own evidence.
        self.own_country: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.own_admin1: dict[int, dict[tuple, float]] = defaultdict(lambda: defaultdict(float))
        self.own_continent: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        # Where the other towns and counties most likely are: (lat, lon, group). Country and
        # admin1 points are rough centres, too far from most of their towns to count.
        self.points: list[tuple[float, float, int | None]] = []

    def add_country(self, code: str, weight: float, group: int | None) -> None:
        gaz = load_gazetteer()
        self.country[code] += weight
        continent = gaz.continent(code)
        if continent:
            self.continent[continent] += weight
        if group is not None:
            self.own_country[group][code] += weight
            if continent:
                self.own_continent[group][continent] += weight

    def add_group(self, index: int, group: _Group, dist: Sequence[float]) -> None:
        weight = math.sqrt(min(len(group.spans), 9))
        for cand, p in zip(group.candidates, dist):
            place = cand.place
            if p < 0.01:
                continue
            if place.country_code:
                self.add_country(place.country_code, weight * p, index)
            elif place.continent:
                self.continent[place.continent] += weight * p
                self.own_continent[index][place.continent] += weight * p
            if place.admin1_code and place.kind in (CITY, ADMIN2, ADMIN1):
                key = (place.country_code, place.admin1_code)
                self.admin1[key] += weight * p
                self.own_admin1[index][key] += weight * p
            if p >= 0.5 and place.kind in (CITY, ADMIN2):
                self.points.append((place.lat, place.lon, index))

    def add_mention(self, mention: PlaceMention) -> None:
        if mention.country_code:
            self.add_country(mention.country_code, 1.0, None)
        if mention.admin1:
            for cand in load_gazetteer().lookup(mention.admin1):
                if cand.place.kind == ADMIN1 and cand.place.country_code == mention.country_code:
                    self.admin1[(cand.place.country_code, cand.place.admin1_code)] += 1.0


def _containers(text: str, spans: Sequence[tuple[int, int]], groups: list[_Group]) -> dict[int, set]:
    """For each group, the countries and admin1s named after it in a comma chain.

    In "Reading, Berkshire, UK" and "Houston, Dallas, Texas" every later name
    that is most likely a country or admin1 region contains the earlier ones.
    """
    group_of = {span: i for i, g in enumerate(groups) for span in g.spans}
    ordered = sorted(set(spans))
    out: dict[int, set] = defaultdict(set)
    chain: list[int] = []
    for index, (start, end) in enumerate(ordered):
        linked = index > 0 and re.fullmatch(r",\s*|\s+\(", text[ordered[index - 1][1] : start])
        if not linked:
            chain = []
        j = group_of.get((start, end))
        if j is not None and groups[j].candidates[0].place.kind in (COUNTRY, ADMIN1):
            box: set = set()
            for cand in groups[j].candidates:
                if cand.place.kind == COUNTRY:
                    box.add(cand.place.country_code)
                elif cand.place.kind == ADMIN1:
                    box.add((cand.place.country_code, cand.place.admin1_code))
                    box.add((cand.place.country_code, "*"))  # an admin1 after an admin1: a list
            for i in chain:
                if i != j:
                    out[i] |= box
        if j is not None:
            chain.append(j)
    return out


def _fits(place: Place, box: set) -> bool | None:
    """Whether a reading lies in a container; None where containers do not apply to it."""
    if place.kind in (CITY, ADMIN2):
        return (place.country_code, place.admin1_code) in box or place.country_code in box
    if place.kind == ADMIN1:
        return place.country_code in box or (place.country_code, "*") in box
    return None


def _score(group: _Group, context: _Context, containers: dict[int, set], index: int | None) -> list[float]:
    """Prior plus context for each candidate of ``group``."""
    own_c = context.own_country.get(index, {}) if index is not None else {}
    own_a = context.own_admin1.get(index, {}) if index is not None else {}
    own_k = context.own_continent.get(index, {}) if index is not None else {}
    countries = {c: w - own_c.get(c, 0.0) for c, w in context.country.items()}
    top_country = max([1.0, *countries.values()])
    continents = {c: w - own_k.get(c, 0.0) for c, w in context.continent.items()}
    total_continent = sum(continents.values())
    boxed = containers.get(index, set()) if index is not None else set()
    scores = []
    for cand, prior in zip(group.candidates, group.priors):
        place = cand.place
        score = prior
        named = max(countries.get(place.country_code, 0.0), 0.0) if place.country_code else 0.0
        # Being in (or being) a country the article names at all counts most; its main one a little more.
        score += 2.5 * min(named, 1.0) + 1.0 * named / top_country
        if place.kind in (CITY, ADMIN2, ADMIN1):
            # A town in (or the admin1 region of) a region the other names lie in.
            weight = context.admin1.get((place.country_code, place.admin1_code), 0.0)
            weight -= own_a.get((place.country_code, place.admin1_code), 0.0)
            score += 2.5 * min(max(weight, 0.0), 1.0)
        if place.kind in (CITY, ADMIN2) and _near(place, context.points, index):
            score += 1.5  # Hall County beside Gainesville, Georgia, not Hall County, Nebraska
        if boxed and _fits(place, boxed):
            score += 6.0
        if group.city_cue and place.kind == CITY:
            score += 2.0  # "the city of Aden": the city, not the governorate
        if place.continent and total_continent >= 1.0:
            share = max(continents.get(place.continent, 0.0), 0.0) / total_continent
            if share < 0.15:
                # A country named outright is rarely a mistake, so it loses less.
                score -= (2.0 if place.kind == COUNTRY else 4.0) * (1.0 - share / 0.15)
        scores.append(score)
    return scores


def _near(place: Place, points: Sequence[tuple[float, float, int | None]], index: int | None) -> bool:
    """Whether another name most likely lies within 250 km (a cheap box test, then haversine)."""
    for lat, lon, group in points:
        if group == index or abs(lat - place.lat) > 2.5:
            continue
        if abs(lon - place.lon) > 2.5 / max(math.cos(math.radians(lat)), 0.2):
            continue
        p1, p2 = math.radians(lat), math.radians(place.lat)
        dlon = math.radians(place.lon - lon)
        a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
        if 12742.0 * math.asin(min(1.0, math.sqrt(a))) <= 250.0:
            return True
    return False


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _mention(text: str, start: int, end: int, place: Place) -> PlaceMention:
    return PlaceMention(
        text=text[start:end],
        start=start,
        end=end,
        name=place.name,
        geonameid=place.geonameid,
        country_code=place.country_code,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        feature_code=place.feature_code,
        precision=place.precision,
    )
