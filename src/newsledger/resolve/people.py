"""The people a report names about its event: what lets a follow-up find the first report.

A report of an arrest, a charge or a funeral weeks after a shooting names the
victim and the suspect again, while its dates are those of the arrest or the
hearing. :func:`people_named` gives, for one event, the full names of people
(spaCy's PERSON entities of two words or more) in its evidence sentence and,
for the event the article is about (not background), in the article's lead:
where a report names who was killed or charged. Quote speakers are left out
(a police spokesman or a local activist speaks in many stories), and so are
names whose last word is an institution's ("Stroger Hospital", "Crime
Stoppers"), which the small English model takes for people.

Hand-written: a filter over the extractor's own entities and quotes; no
library knows which names identify an event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newsledger.schema import Event

LEAD_CHARS = 600
INSTITUTION_WORDS = frozenset({
    "hospital", "center", "centre", "office", "department", "stoppers", "school", "academy", "university",
    "college", "church", "court", "county", "street", "avenue", "road", "park", "police", "sheriff",
    "news", "press", "times", "post", "tribune", "herald", "journal", "facebook", "twitter",
})
_WORD = re.compile(r"[^\W\d_]+")


def fold_name(name: str) -> str:
    """A name as compared: case, accents and punctuation folded ("José O'Neil" -> "jose o neil")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


def is_full_name(folded: str) -> bool:
    words = folded.split()
    return len(words) >= 2 and words[-1] not in INSTITUTION_WORDS and all(len(w) > 1 for w in words[-1:])


def people_named(event: Event, people: Iterable[tuple[int, int, str]], speakers: Iterable[str] = ()) -> frozenset[str]:
    """The folded full names (see the module docstring) of ``people``: (start, end, canonical) mentions."""
    quiet = {fold_name(s) for s in speakers if s}
    spans = [(event.evidence.start, event.evidence.end)]
    if not event.background:
        spans.append((0, LEAD_CHARS))
    found = set()
    for start, end, canonical in people:
        name = fold_name(canonical)
        if name in quiet or not is_full_name(name):
            continue
        if any(low <= start and end <= high for low, high in spans):
            found.add(name)
    return frozenset(found)


def people_of_result(result) -> dict[str, frozenset[str]]:
    """For each event of an :class:`~newsledger.schema.ExtractionResult`, the people it names."""
    people = [(e.start, e.end, e.canonical) for e in result.entities if e.label == "PERSON"]
    speakers = [q.speaker.canonical for q in result.quotes if q.speaker is not None and q.speaker.canonical]
    return {event.id: people_named(event, people, speakers) for event in result.events}
