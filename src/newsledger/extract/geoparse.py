"""Geoparsing: which gazetteer entry each place name in an article refers to.

The second half of place extraction (:mod:`newsledger.extract.places`; the
first is :mod:`newsledger.extract.toponyms`). Resolution scores every
candidate a name may refer to and lets the article decide, in the way
geoparsers such as Mordecai and CLAVIN do: a prior from the kind of place
(country, region, admin1, city by population, admin2), then context from the
article's other places (the countries and admin1 regions they probably lie in,
weighted by how often they are named; names too weak to be kept give no
evidence), an explicit container ("Alexandria, La.", though not a capital in a
list: "Moscow, Kiev, Minsk"), a county list ("Clarke and Oconee counties"), and
a penalty for a continent the article never touches. The other
places' evidence is itself uncertain, so the scores are refined in a few
rounds, each name reading the others' current distributions; all mentions of
one name in an article share one reading. No maintained library does this
offline for spaCy 3.8 (Mordecai 3 needs Elasticsearch and a GeoNames index;
geotext and geograpy do no disambiguation), hence this module.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
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
from newsledger.extract.toponyms import LEADING_THE, POSSESSIVE
from newsledger.geodesy import distance_km
from newsledger.nlp import doc_text
from newsledger.schema import PlaceMention

MAX_CANDIDATES = 60
ROUNDS = 3

_KIND_PRIOR = {COUNTRY: 11.0, REGION: 9.0, ADMIN1: 7.0, ADMIN2: 4.0}
_DIRECTIONS = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western"
    r"|south-?eastern|south-?western|northeast|northwest|southeast|southwest)"
)
_LEADING_WORDS = re.compile(rf"^(?:the\s+)?(?:{_DIRECTIONS}\s+)?", re.IGNORECASE)
_CITY_CUE = re.compile(r"\b(?:city|town|village|capital|port|suburb) of\s+$", re.IGNORECASE)
_CITY_AFTER = re.compile(r" city\b")
# "Clarke, Madison and Oconee counties": what may follow each name of a county list.
_COUNTIES_AFTER = re.compile(
    r"(?:(?:,|, and|, or| and| or| &) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)* (?:counties|parishes)\b"
)


@dataclass(frozen=True)
class _Group:
    """All mentions of one name in an article, resolved together."""

    key: str
    text: str
    spans: tuple[tuple[int, int], ...]
    candidates: tuple[Candidate, ...]
    priors: tuple[float, ...]
    city_cue: bool = False
    county_cue: bool = False


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
            if min_score is not None and max(scores[index]) < min_score:
                continue  # a name that will be dropped ("Titan" the company) is no evidence for the others
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
    return fold_loose(POSSESSIVE.sub("", LEADING_THE.sub("", name.strip())))


def _make_group(gaz: Gazetteer, text: str, spans: list[tuple[int, int]]) -> _Group | None:
    name = POSSESSIVE.sub("", text[spans[0][0] : spans[0][1]].strip())
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
        county_cue=any(_COUNTIES_AFTER.match(text, e) for _, e in spans),
    )


def _lookup(gaz: Gazetteer, name: str) -> list[Candidate]:
    """Candidates for a name, trying plainer forms of it when the full form is unknown."""
    code = gaz.demonym_country(name)
    if code and gaz.country(code):
        # "Canadian" names Canada before Canadian, Texas (a span given to resolve, not detected).
        return [Candidate(gaz.country(code), alternate=True)]
    forms = [name, LEADING_THE.sub("", name), _LEADING_WORDS.sub("", name)]
    acronym = len(name) <= 4 and name.isupper() and name.isalpha()
    for form in dict.fromkeys(f for f in forms if f):
        found = gaz.lookup(form)
        if acronym:
            # "EU" is not Eu, France: an acronym names a country or region, not a town; a
            # four-letter word in capitals may still be a large city ("ROME —" in a dateline).
            found = [
                c for c in found
                if c.place.kind in (COUNTRY, REGION, ADMIN1)
                or (len(name) == 4 and c.place.kind == CITY and c.place.population >= 100_000)
            ]
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
            box = _box(groups[j])
            for k, i in enumerate(chain):
                if i == j:
                    continue
                # The name right before is inside ("Stroud, Ontario": not the Stroud in England); one
                # further back only if it can be ("Denver, Indianapolis, Louisville, Ky." is a list), and
                # never a capital's ("Moscow, Kiev, Minsk": not Moscow inside Ukraine).
                adjacent = k == len(chain) - 1 and not _is_capital_city(groups[j])
                if adjacent or any(_fits(c.place, box) for c in groups[i].candidates):
                    out[i] |= box
        if j is not None:
            chain.append(j)
    return out


def _box(group: _Group) -> set:
    """The countries and admin1 regions a container name may be."""
    box: set = set()
    for cand in group.candidates:
        if cand.place.kind == COUNTRY:
            box.add(cand.place.country_code)
        elif cand.place.kind == ADMIN1:
            box.add((cand.place.country_code, cand.place.admin1_code))
            box.add((cand.place.country_code, "*"))  # an admin1 after an admin1: a list
    return box


def _is_capital_city(group: _Group) -> bool:
    """Whether a name is also a national capital or a city of a million (Kiev, Minsk, Riga)."""
    return any(
        c.place.kind == CITY
        and (c.place.feature_code == "PPLC" or (not c.alternate and c.place.population >= 1_000_000))
        for c in group.candidates
    )


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
        if group.county_cue and place.kind == ADMIN2:
            score += 4.0  # "Clarke, Madison and Oconee counties": the counties, not towns of those names
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
        if distance_km(lat, lon, place.lat, place.lon) <= 250.0:
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
