"""Toponym detection: where an article names a place.

The first half of place extraction (:mod:`newsledger.extract.places`; the
second is :mod:`newsledger.extract.geoparse`). Detection takes the NER's GPE
and LOC mentions (split into the gazetteer's names where the NER joined or
qualified them: "Greenbrier-Pocahontas County", "the Indian Ocean coast"),
country and region names the NER tagged as something else or missed, curated
seas and regions matched in the text with their modifiers ("the eastern
Pacific"), datelines ("TORRINGTON —") and county lists ("Becker, Clay and
Wilkin counties"). Names the NER gave to a person or an organisation, or
missed, come back as weak toponyms, each with what must hold for it to be
kept (:func:`weak_toponyms`): capitalised words the gazetteer knows, cued by
a locative word ("in Moorhead"), a noun of residence ("a Gainesville man"), a
container ("Bantam, Conn."), a list that is mostly places, or by naming a
country or first-level region outright. Other uses of a name accepted once
follow it (:func:`repeated_toponyms`). A place inside a longer name ("the
Ohio Department of Transportation", "Secretary of War", "Andrew Jackson"),
next to "-based", or at a street crossing is never one. Demonyms
("Venezuelan") are not places, but they count as evidence of which countries
an article is about (:func:`demonym_countries`). Hand-written for the same
reason as geoparsing: no maintained library detects toponyms against this
gazetteer offline. spaCy's ``PhraseMatcher`` was considered: it would have to
hold the gazetteer's 650,000 names as patterns in every process, and matching
is the easy part; deciding which capitalised words are places is the work
here, so each capitalised run is looked up in the gazetteer's index instead
(about a millisecond an article).
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
    fold,
    fold_loose,
    load_gazetteer,
    strip_admin_words,
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
_NOT_PLACES = {"north", "south", "east", "west", "the north", "the south", "the east", "the west", "midwest",
               # Words, months and holidays that are also the names of towns somewhere.
               "god", "congress", "parliament", "christmas", "easter", "heaven", "hell", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "metro"}


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
        comma = text.find(", ", start, end)
        if comma > start and _contained(gaz, text, start, comma):
            # "Wainwright, Alta" as one name: the town and its region.
            spans[(start, comma)] = None
            spans[_CONTAINER.match(text, comma).span(1)] = None
            continue
        if ent.label in _PLACE_LABELS:
            for part in _known_parts(gaz, text, start, end):
                spans[part] = None
        elif ent.label in {"ORG", "PERSON", "FAC"} and _names_country_or_region(gaz, text[start:end]):
            spans[(start, end)] = None  # "Venezuela" tagged ORG is still the country
        elif ent.label == "FAC" and (town := _site_town(gaz, text, start, end)) is not None:
            spans[town] = None  # "Baghdad International Airport": the airport is in Baghdad
            other.append((ent.start, ent.end))
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
    blocked = _name_spans(doc, entities)
    for start, end in [*dateline_toponyms(text), *county_list_toponyms(text)]:
        if not any(s < end and start < e for s, e in spans) and not _inside_name(blocked, start, end):
            spans[(start, end)] = None
    return sorted(spans)


def _known_parts(gaz: Gazetteer, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A place span the gazetteer does not know, as the known names inside it.

    "Greenbrier-Pocahontas County", "Norman to D.C." and "the Indian Ocean coast"
    are names joined or qualified; a span with no known part is kept whole
    (resolution drops it), so a name inside an institution's ("the Henderson
    County Jail") never comes out on its own.
    """
    if _known(gaz, text[start:end]):
        return [(start, end)]
    parts = []
    joins = list(_JOINS.finditer(text, start, end))
    cuts = [start, *(i for m in joins for i in m.span()), end]
    for s, e in zip(cuts[::2], cuts[1::2]):
        piece = text[s:e]
        lead = _QUALIFIERS.match(piece)
        tail = re.search(r"(?: [a-z][\w-]*)+$", piece)
        s, e = s + (lead.end() if lead else 0), e - (len(tail.group()) if tail else 0)
        known = e - s >= 3 and text[s].isupper() and _could_be_place(gaz, text, s, e)
        if known and any(not c.alternate for c in gaz.lookup(text[s:e])):
            parts.append((s, e))
    if any(m.group().strip() in "-–—/" for m in joins) and len(parts) < len(joins) + 1:
        return [(start, end)]  # "Rojo-Rivas": a hyphenated name is split only into names it is made of
    return parts or [(start, end)]


_JOINS = re.compile(r"\s*[-–—/]\s*(?=[A-Z])| to (?=[A-Z])| and (?=[A-Z])")
_QUALIFIERS = re.compile(
    r"(?:(?:Historic|Downtown|Greater|Metro|Far|[NSEW]\.|North|South|East|West|Northern|Southern|Eastern|Western"
    r"|Central|Upper|Lower)\s+)+(?=[A-Z])"
)


def _known(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer has some reading of a name, with or without its qualifiers."""
    bare = _QUALIFIERS.sub("", name)
    return bool(gaz.lookup(name) or gaz.lookup(bare) or gaz.lookup(strip_admin_words(fold_loose(bare))))


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
        if (start, end) in seen or any(s < end and start < e for s, e in taken) or _street_context(text, start, end):
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
            start, end = _trim(text, ent.start, ent.end)
            cue = _cued(text, start, weak=("of", "to")) or _noun_cued(text, end)
            uses.setdefault(ent.canonical.lower(), []).append(cue)
    for ent in entities:
        if ent.label not in {"ORG", "PERSON", "FAC", "NORP"}:
            continue
        start, end = _trim(text, ent.start, ent.end)
        if ent.label == "PERSON" and ent.canonical.lower() != text[start:end].lower():
            continue  # "Jackson" elsewhere called "Andrew Jackson" is a person
        cued = _cued(text, start) or _noun_cued(text, end)
        if ent.label == "ORG":
            cues = uses[ent.canonical.lower()]
            cued = cued and 2 * sum(cues) >= len(cues)
        consider(start, end, cued)
    # Names the NER missed, or took for a work or product ("Chattanooga" as a PRODUCT).
    in_entity = {i for ent in doc.ents if ent.label_ not in _MISSED_LABELS for i in range(ent.start, ent.end)}
    names = _name_spans(doc, entities)
    people = _people_words(entities)
    for start_i, end_i in _capitalised_runs(doc, in_entity):
        start, end = doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)
        if _inside_name(names, start, end) or _in_longer_name(text, start, end, False):
            continue  # "Congress" in "the Library of Congress", "Miami-Dade", "Cole's Place"
        if fold(text[start:end]) in people:
            continue  # "Cole" where John Cole is a person
        before = doc[start_i - 1] if start_i > 0 else None
        if before is not None and before.lower_ in _LOCATIVE:
            if before.lower_ == "of" and start_i > 1 and doc[start_i - 2].text in _TITLE_HEADS:
                continue  # "Secretary of War", "Bank of Georgia": a title or an institution's name
            consider(start, end, True)  # "in Moorhead"
        elif all(t.pos_ == "PROPN" for t in doc[start_i:end_i]) and (
            _noun_cued(text, end)
            or _contained(gaz, text, start, end)
            # "Vestfold", "New South Wales"; a lone word opening a sentence may be anything ("Vargas fired").
            or ((end_i - start_i > 1 or not doc[start_i].is_sent_start) and _names_region(gaz, text[start:end]))
        ):
            consider(start, end, True)  # "a Gainesville man", "Gatineau, Que."
    # "Churchill, Man.", "Clacton, Essex": the region or county after a place found.
    for start, end in [*taken, *(span for span, need in found if need == SURE)]:
        match = _CONTAINER.match(text, end)
        if match and (container_after(text, end) or _county_after(gaz, text, start, end)):
            consider(match.start(1), match.end(1), True)
    # "Suba, Migori, Homa Bay, Rongo": the other names of a list that is mostly places are places.
    places = [*taken, *(span for span, need in found if need == SURE)]
    for items, joined in _enumerations(text):
        known = [i for i in items if any(s < i[1] and i[0] < e for s, e in places)]
        # Without "and" a list may be "Antioch, Illinois, Rittenhouse": more of it must be known.
        if len(known) >= (2 if joined else 3) and 2 * len(known) >= len(items):
            for start, end in items:
                if (start, end) in known or _inside_name(names, start, end) or fold(text[start:end]) in people:
                    continue
                consider(start, end, True)
    return found


def _people_words(entities: Sequence[Entity]) -> set[str]:
    """Folded words of the article's people's full names: "Cole" where John Cole is a person (a lone
    "CHATTANOOGA" the NER took for a person is no one's name)."""
    return {fold(w) for e in entities if e.label == "PERSON" and " " in e.canonical for w in e.canonical.split()}


_STREET_WORDS = r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Highway|Parkway)"


def _street_context(text: str, start: int, end: int) -> bool:
    """Whether a name is a street's at a crossing ("at Cesar Chavez and Breed Street", "Harrison streets")."""
    after = text[end : end + 40]
    if re.match(rf" and [A-Z][\w.]*(?: [A-Z][\w.]*)? {_STREET_WORDS}", after):
        return True
    if re.match(r" (?:and [A-Z][\w.]* )?(?:streets|avenues|roads)\b", after):
        return True
    return bool(re.search(rf"{_STREET_WORDS} and $|\b(?:corner|intersection) of $", text[max(start - 30, 0) : start]))


# Words that head a title or an institution's name before "of": "Secretary of War", "Bank of Georgia".
_TITLE_HEADS = {
    "Secretary", "Minister", "Ministry", "Department", "Bureau", "Office", "University", "College", "Bank",
    "Church", "Duke", "Duchess", "Earl", "Prince", "Princess", "King", "Queen", "Bishop", "Archbishop",
    "Governor", "Council", "Board", "Court", "Museum", "Library", "Institute", "School", "Hospital", "Chamber",
    "Society", "Association", "League", "Army", "Navy", "Order", "Knights", "Friends", "Sisters", "Lady",
    "Commissioner", "Director", "Chancellor", "Mayor", "President", "Attorney", "Speaker", "Cathedral",
}
# Region names that are also ordinary words: never a place without the NER or a cue.
_GENERIC_REGIONS = {
    "central", "centre", "center", "capital", "western", "eastern", "northern", "southern", "north", "south",
    "east", "west", "coast", "lakes", "islands", "highlands", "upper", "lower", "delta", "plateau", "littoral",
    "river", "mountain", "sud", "nord", "est", "ouest", "north east", "north west", "south east", "south west",
    "interior", "valley", "border", "frontier", "orient", "oriental", "occidental", "victoria", "georgia",
    "washington", "jersey", "hidalgo", "bolivar", "guerrero", "morelos", "madison", "unity", "bar", "pool",
    "store", "acre", "van", "gulf",
}


def _enumerations(text: str) -> Iterator[tuple[list[tuple[int, int]], bool]]:
    """The items of each list of three or more capitalised names ("Cairo, Giza, and Al-Minya"), and
    whether its last item comes after "and" or "or"."""
    for match in _ENUMERATION.finditer(text):
        items = [(match.start() + m.start(), match.start() + m.end()) for m in re.finditer(_LIST_NAME, match.group())]
        yield items, bool(re.search(r" (?:and|or) [^,]*$", match.group()))


def _names_region(gaz: Gazetteer, name: str) -> bool:
    """Whether a name is exactly a country's, an admin1 region's or a county's ("Vestfold", "Walker County")."""
    if fold(name) in _GENERIC_REGIONS:
        return False
    for cand in gaz.lookup(name):
        if cand.alternate:
            continue
        if cand.place.kind in (COUNTRY, REGION, ADMIN1) or (
            cand.place.kind == ADMIN2 and " " in name and fold_loose(cand.place.name) == fold_loose(name)
        ):
            return True
    return False


def _capitalised_runs(doc: Doc, in_entity: set[int]) -> Iterator[tuple[int, int]]:
    """Token ranges of up to three capitalised words outside the NER's names."""
    i = 0
    while i < len(doc):
        if not doc[i].is_title or i in in_entity:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 3 and doc[j].is_title and j not in in_entity:
            j += 1
        yield i, j
        i = j


def _contained(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """Whether a container follows that holds one of the name's readings ("Bantam, Conn.")."""
    boxes = container_after(text, end)
    return any(_lies_in(c.place, box) for c in gaz.lookup(text[start:end]) if not c.alternate for box in boxes)


SURE, IN_ADMIN1, IN_COUNTRY = "sure", "in-admin1", "in-country"

# A report's dateline: "TORRINGTON —", "COLUMBUS, Ohio (AP) —", "BEIRUT:", at the start of a
# paragraph or sentence (after a headline) or after a byline's date ("March 30, 2009 NEWARK --").
# "\x97" is an em dash read from Windows-1252 bytes as Latin-1, common in scraped local news.
_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][\"”']\s)|(?<=\d\s))[ \t]*"
    r"(?P<name>[A-Z][A-Z'’.-]*[A-Z.](?: [A-Z][A-Z'’.-]*[A-Z.]){0,3})"
    r"(?:, (?P<area>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?))?"
    r" *(?:\([A-Za-z]{2,10}\) *)?(?:—|–|--|-|:|\x97)"
)
# Capitalised words that head a paragraph before a dash without naming a place.
_NOT_DATELINES = {
    "update", "updated", "breaking", "exclusive", "watch", "video", "photo", "photos", "opinion", "editorial",
    "analysis", "note", "correction", "live", "alert", "news", "sports", "weather", "review", "commentary",
    "letter", "letters", "file", "more", "latest", "bulletin", "urgent", "flash", "warning", "caption",
}
# "Becker, Clay and Wilkin counties": each name before "counties" is a county.
_LIST_NAME = r"[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+)?"
_COUNTY_LIST = re.compile(rf"((?:{_LIST_NAME}, )*{_LIST_NAME},? (?:and|or|&) {_LIST_NAME}) (counties|parishes)\b")
# "Cairo, Giza, and Al-Minya", "Rogaland, Vestfold, Buskerud": three or more names in a row.
_ENUMERATION = re.compile(
    rf"(?<![\w.]){_LIST_NAME}(?:, {_LIST_NAME})+,? (?:and|or) {_LIST_NAME}"
    rf"|(?<![\w.]){_LIST_NAME}(?:, {_LIST_NAME}){{2,}}"
)
# The region after a place's name: "Alexandria, La.", "Gatineau, Que.".
_CONTAINER = re.compile(r", ([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)")
# Lowercase nouns that make the capitalised name right before them a place: "a Gainesville man",
# "Danbury police", "Oxford residents". Not "Trump voters": no nouns of allegiance; not "the Phillips
# neighborhood": the gazetteer rarely knows a part of a city, and would read a town of that name elsewhere.
_PLACE_NOUNS = {
    "man", "woman", "men", "women", "boy", "girl", "boys", "girls", "teen", "teens", "teenager", "teenagers",
    "youth", "resident", "residents", "native", "natives", "couple", "homeowner", "homeowners", "police",
    "firefighters", "area", "areas", "suburb", "suburbs", "city", "town", "village", "township", "metro",
    "businesses", "taxpayers", "motorists", "outskirts", "downtown",
}


def dateline_toponyms(text: str) -> list[tuple[int, int]]:
    """Spans of the places in a report's datelines ("COLUMBUS, Ohio (AP) —": both names)."""
    gaz = load_gazetteer()
    found = []
    for match in _DATELINE.finditer(text):
        name = match.group("name")
        if sum(ch.isalpha() for ch in name) < 3 or fold(name) in _NOT_DATELINES:
            continue
        readings = [c for c in gaz.lookup(name) if not c.alternate]
        area = match.group("area")
        if area:
            boxes = [c.place for c in gaz.lookup(area) if not c.alternate and c.place.kind in (COUNTRY, ADMIN1)]
            if not boxes:
                continue  # "SMITH, JONES —" or a comma and something else
            readings = [c for c in readings if any(_lies_in(c.place, box) for box in boxes)]
            if readings:
                found.append(match.span("area"))
        if readings:
            found.append(match.span("name"))
    return sorted(found)


def county_list_toponyms(text: str) -> list[tuple[int, int]]:
    """Spans of the names in "Clarke, Madison, Oconee and Oglethorpe counties" that name counties."""
    gaz = load_gazetteer()
    found = []
    for match in _COUNTY_LIST.finditer(text):
        word = " County" if match.group(2) == "counties" else " Parish"
        for part in re.finditer(_LIST_NAME, match.group(1)):
            start, end = part.span()
            name = part.group()
            if name.split()[0] in {"In", "And", "Or", "The", "Both"}:  # "In Clarke and ..." at a sentence's start
                start += len(name.split()[0]) + 1
                name = name.split(" ", 1)[1] if " " in name else ""
            if name and any(c.place.kind == ADMIN2 and not c.alternate for c in gaz.lookup(name + word)):
                start, end = _trim(match.group(1), start, end)  # "Prince George's" -> "Prince George"
                found.append((match.start(1) + start, match.start(1) + end))
    return found


def container_after(text: str, end: int) -> list:
    """The countries and admin1 regions a name right after ``end`` may be ("Alexandria, La.": Louisiana)."""
    match = _CONTAINER.match(text, end)
    if match is None:
        return []
    readings = load_gazetteer().lookup(match.group(1))
    return [c.place for c in readings if not c.alternate and c.place.kind in (COUNTRY, ADMIN1)]


def _county_after(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """Whether the name after the comma is a county holding the name before it ("Clacton, Essex")."""
    match = _CONTAINER.match(text, end)
    areas = {(c.place.country_code, c.place.admin1_code) for c in gaz.lookup(text[start:end]) if not c.alternate}
    return match is not None and any(
        c.place.kind == ADMIN2 and not c.alternate and (c.place.country_code, c.place.admin1_code) in areas
        for c in gaz.lookup(match.group(1))
    )


def _lies_in(place, box) -> bool:
    """Whether ``place`` lies in the country or admin1 region ``box``."""
    if box.kind == COUNTRY:
        return place.country_code == box.country_code and place.kind != COUNTRY
    return (place.country_code, place.admin1_code) == (box.country_code, box.admin1_code) and place.kind != ADMIN1


def _noun_cued(text: str, end: int) -> bool:
    """Whether a place noun follows: "a Gainesville man", "Danbury police"."""
    match = re.match(r" ([a-z]+)\b(?!-)", text[end : end + 20])
    return bool(match) and match.group(1) in _PLACE_NOUNS


def _name_spans(doc: Doc, entities: Sequence[Entity]) -> list[tuple[int, int]]:
    """Spans of every name the NER found (any label), trimmed: places inside them are part of a name."""
    text = doc_text(doc)
    spans = {_trim(text, ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ not in _NUMERIC_LABELS}
    spans |= {_trim(text, ent.start, ent.end) for ent in entities}
    return sorted(spans)


_NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_MISSED_LABELS = {"PRODUCT", "WORK_OF_ART"}


def _inside_name(names: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside a longer name ("Ohio" in "Ohio Department of Transportation")."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in names)


def repeated_toponyms(
    doc: Doc, entities: Sequence[Entity], accepted: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Other uses of names already accepted as places in this article (one sense per discourse).

    Returns (new span, accepted span of the same name) pairs. A use inside a
    longer name ("the Gainesville City Council", "Andrew Jackson"), next to
    another capitalised word ("North Arlington", "Washington Post"), or of a
    name the article also gives a person is left out.
    """
    text = doc_text(doc)
    by_key: dict[str, tuple[int, int]] = {}
    for start, end in accepted:
        by_key.setdefault(fold_loose(text[start:end]), (start, end))
    people = _people_words(entities)
    names = [text[s:e] for s, e in by_key.values() if fold(text[s:e]) not in people]
    if not names:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.@/-])(?:{alternation})(?![\w@/-])", re.IGNORECASE)
    blocked = _name_spans(doc, entities)
    # A use the NER calls a person stays one ("stabbed Welch"), however the name was used elsewhere.
    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    taken = sorted([*accepted, *persons])
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if not text[start].isupper() or any(s < end and start < e for s, e in taken):
            continue
        if not _could_be_place(load_gazetteer(), text, start, end):
            continue  # "US$", "Ohio 63"
        if _inside_name(blocked, start, end) or _in_longer_name(text, start, end):
            continue
        found.append(((start, end), by_key[fold_loose(text[start:end])]))
    return found


def _in_longer_name(text: str, start: int, end: int, before_of: bool = True) -> bool:
    """Whether capitalised words run on either side ("North Arlington", "Gainesville Riding Club",
    "Miami-Dade"); with ``before_of``, also "University of Oxford" (but never "John Smith of Oxford")."""
    if re.match(r"(?:'s|’s)? [A-Z][a-z]|[-–/]", text[end : end + 8]) or (start > 0 and text[start - 1] in "-–/"):
        return True
    before = text[max(start - 30, 0) : start]
    prev = re.search(r"([A-Z][\w'’.]*) (?:of (?:the )?)?$" if before_of else r"([A-Z][\w'’.]*) $", before)
    if prev is None or prev.group(1).endswith("."):
        return False  # "CT. Grand Prairie police": the word before ends a sentence or is a title
    if prev.group(1) in _CONTAINER_WORDS:
        return False  # "the City of Oxford"
    # The first word of a sentence or a headline ("In Gainesville") is not part of a name.
    return not re.search(r"(?:^|[.!?:;\"“”]\s*|\n\s*)[A-Z][\w'’.]* (?:of (?:the )?)?$", before)


_CONTAINER_WORDS = {"City", "Town", "Village", "State", "County", "Borough", "Township", "Province", "Republic"}


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
        # "Maidan Shahr" by a secondary spelling, "NSW" by its region code: after a locative word.
        code = name.isupper() and any(c.place.kind == ADMIN1 for c in readings)
        return IN_COUNTRY if cued and readings and (" " in name.strip() or code) else None
    if any(c.place.kind in (COUNTRY, REGION, ADMIN1) for c in exact):
        return SURE
    if any(c.place.kind == ADMIN2 and fold_loose(c.place.name) == fold_loose(name) for c in exact):
        return SURE  # "Douglas County" is a county whatever the NER says
    if cued:
        return SURE
    if any(c.place.feature_code == "PPLC" for c in exact):
        return IN_COUNTRY  # "Tbilisi says": a capital for its government, in an article on its country
    after = re.match(r",\s*([A-Z][\w.]*(?: [A-Z][a-z]+)?)", text[end : end + 25])
    if after and any(c.place.kind in (COUNTRY, ADMIN1) for c in gaz.lookup(after.group(1))):
        return SURE
    return IN_ADMIN1


def in_areas(readings: Sequence[Candidate], areas: set[tuple[str, str]]) -> bool:
    """Whether a name has an exact reading inside one of the (country, admin1) ``areas``."""
    return any(not c.alternate and (c.place.country_code, c.place.admin1) in areas for c in readings)


# Sites named after the town they serve ("Baghdad International Airport", "Kabul Air Base").
_SITE_OF_TOWN = re.compile(r"\s+(?:International\s+|Regional\s+|Municipal\s+)?(?:Airport|Air\s?[Bb]ase|Airfield|Port|Seaport)$")


def _site_town(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The town an airport, air base or port is named after: where it is."""
    match = _SITE_OF_TOWN.search(text[start:end])
    if match is None or match.start() == 0:
        return None
    town_end = start + match.start()
    name = text[start:town_end]
    if not name[:1].isupper() or not any(c.place.precision == "city" and not c.alternate for c in gaz.lookup(name)):
        return None
    return start, town_end


def _could_be_place(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """False for names that are never a place mention on their own."""
    name = text[start:end]
    if name.lower() in _NOT_PLACES:
        return False  # "the West", "the South": directions, not the towns named so
    if re.match(r"\s*\d|\$", text[end : end + 3]):
        return False  # "US 41", "Route 9": a road; "US$": a currency
    if re.match(r"[-–](?:based|headquartered)\b", text[end : end + 16]):
        return False  # "the Florida-based Southern Command": where an organisation sits, in its description
    # "Ukrainian" tagged GPE is a demonym, not a place.
    return not gaz.demonym_country(name) or any(
        not c.alternate and c.place.kind in (COUNTRY, REGION, ADMIN1) for c in gaz.lookup(name)
    )


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
