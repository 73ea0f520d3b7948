"""The events extractor end to end on ACLED notes: every coded field, on the fixed test split.

Each record of ``acled/acled-sample-dev.jsonl`` (6,221 real ACLED events of
2022) pairs a short English note with the fields an ACLED coder filled in. The
note, without ACLED's coding annotations (a leading label such as "Property
destruction:" and bracketed remarks such as "[size=no report]" name the answer
and never occur in news), runs through the whole pipeline as an article. The
opening date and place clauses stay: they are what this benchmark scores, and
:func:`~newsledger.extract.event_types.clean_acled_note` (the classifier's
cleaning) drops them, so it is not used here. Only the
``test`` part of the documented split
(:func:`~newsledger.extract.event_types.acled_split`) is read, the part the
sub-type classifier never saw. The publication date given to each note is the
record's own ``event_date``: ACLED notes begin "On 3 March 2022, ...", so the
date is written in the text anyway, and a relative word ("yesterday") would be
read against the event day rather than the unknown day of the report.

Our *main event* for a note is its first event that is not an aggregate
("dozens of strikes"), else its first event. Every figure is over all the
notes of the part unless said otherwise; a note with no event, or an event
with no value for a field, counts as wrong for that field.

- event detected: the share of notes with at least one event;
- sub-type accuracy and weighted F1 (per-class F1 weighted by gold support,
  "(no event)" a predicted class of its own), event-type accuracy;
- date exact (our interval is the gold day) and within (the gold day lies in
  our interval); the share dated from the note's own words is shown beside,
  because an undated event falls back to the week before publication;
- location within 25 km and 161 km of ACLED's point (haversine), country
  (ACLED's country name mapped to ISO 3166 alpha-2 with pycountry, plus the
  names pycountry does not know), admin1 (names compared loosely: accents,
  punctuation and words like "state" or "province" ignored, one name's words
  a subset of the other's);
- fatalities exact: ACLED codes an unknown toll as 0, so a missing count is
  read as 0 and compared with the gold number; a range (min != max) is never
  exact. Given again on the notes whose gold toll is above 0;
- actor 1 category: ACLED's ``inter1`` code (1 state forces, 2 rebel groups,
  3 political militias, 4 identity militias, 5 rioters, 6 protesters,
  7 civilians, 8 external/other forces) against our ``Actor.category``;
- notes per second through the full pipeline with events (one process,
  spaCy model already loaded).

The anchor is the best sub-type weighted F1 of CASE 2021 shared task 2,
subtask 1 (Haneczok et al. 2021: 25 ACLED sub-types, transformers trained on
ACLED notes): 0.839, on its own test set, not this split.

Weighted F1 is written out here: scikit-learn is not a dependency. The
distance is :func:`newsledger.geodesy.distance_km`, the project's own.

Also given: the share of notes giving exactly one non-aggregate event (a
note tells one event, so more is over-splitting and none a miss), and for
each gold sub-type the share of its notes where some event of that sub-type
was found (detection, whatever the main event).

Run: ``python -m benchmarks.events_fields_acled [--limit N] [--errors K]``;
``--news FILE.jsonl --limit N`` instead counts the sub-types found in the
first N articles of an uncoded news file (``text`` and ``published`` fields).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from newsledger.geodesy import distance_km
from newsledger.schema import Article, Event, ExtractionResult

DATASET = "ACLED 2022 sample, test split"
CASE2021_WEIGHTED_F1 = 0.839
CASE2021 = "CASE 2021 task 2 best, other test set"
NO_EVENT = "(no event)"

# ACLED's inter1/inter2 codes for our actor categories (ACLED codebook, "Actor types").
INTER_CODES = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other": 8,
}
# ACLED country names pycountry's lookup does not resolve.
ACLED_COUNTRIES = {
    "Bailiwick of Guernsey": "GG", "Cape Verde": "CV", "Curacao": "CW", "Democratic Republic of Congo": "CD",
    "East Timor": "TL", "Ivory Coast": "CI", "Kosovo": "XK", "Palestine": "PS", "Reunion": "RE",
    "Russia": "RU", "Turkey": "TR",
}
# "Looting: On 3 May ...", "Movement of forces: ..."; never "On 3 May" or "Around 3 May".
_NOTE_LABEL = re.compile(r"^(?!(?:On|Around)\b)[A-Z][A-Za-z/ -]{0,40}:\s+")
_NOTE_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
# Words that name the kind of region, not which one ("Sindh Province", "Shan State").
ADMIN_KIND_WORDS = {
    "state", "province", "region", "oblast", "governorate", "department", "departement", "district",
    "county", "prefecture", "division", "territory", "capital", "federal", "autonomous", "republic",
    "of", "the", "city", "municipality", "krai", "kray", "okrug", "voivodeship", "wilayah", "special",
}


# --- running the pipeline -----------------------------------------------------------------------

def events_wired(pipeline) -> bool:
    """Whether the pipeline runs the events extractor itself (it records the version it ran)."""
    return "events" in pipeline.runs.get("extractors", {})


def extract_with_events(pipeline, articles: Iterable[Article]) -> Iterator[tuple[ExtractionResult, list[Event]]]:
    """Each article's extraction result and events, in order.

    Uses ``result.events`` once the pipeline fills it; until then runs
    :func:`newsledger.extract.events.extract_events` on the pipeline's own
    parse and results. An events failure there is recorded on the result, as
    the pipeline records any stage's failure, and the article counts as having
    no events.
    """
    if events_wired(pipeline):
        for result in pipeline.extract_many(articles):
            yield result, result.events
        return
    from newsledger.extract.events import extract_events
    from newsledger.schema import ExtractionError

    pairs = ((a.text, a) for a in articles)
    for doc, article in pipeline.nlp.pipe(pairs, as_tuples=True, batch_size=pipeline.settings.batch_size):
        # The pipeline's per-article step, on the parse we keep: parsing twice would halve
        # the speed reported here. Goes away when the pipeline fills result.events.
        result = pipeline._extract_doc(doc, article)
        if result.events:
            yield result, result.events
            continue
        try:
            events = extract_events(doc, article, result.entities, result.times, result.places,
                                    result.quotes, result.claims)
        except Exception as exc:  # one note's failure is a measured failure, not a lost run
            result.errors.append(ExtractionError(stage="events", message=f"{type(exc).__name__}: {exc}"))
            events = []
        yield result, events


def main_event(events: list[Event]) -> Event | None:
    """The event a one-event note is about: the first that is not an aggregate, else the first."""
    return next((e for e in events if not e.aggregate), events[0] if events else None)


# --- the data ---------------------------------------------------------------------------------

def load_test_records(path: Path, limit: int | None = None) -> list[dict]:
    """The test part of the split, ordered by ``event_id_cnty``; the first ``limit`` of them."""
    from newsledger.extract.event_types import acled_split

    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    chosen = sorted(
        (r for r in rows if r.get("notes") and r.get("sub_event_type") and acled_split(r["event_id_cnty"]) == "test"),
        key=lambda r: r["event_id_cnty"],
    )
    return chosen[:limit] if limit else chosen


def note_text(note: str) -> str:
    """An ACLED note without its coding annotations: the leading label and bracketed remarks."""
    return _NOTE_BRACKETS.sub("", _NOTE_LABEL.sub("", note.strip())).strip()


def note_article(record: dict) -> Article:
    """A record's note as an article published on the event day."""
    import datetime as dt

    return Article.from_text(note_text(record["notes"]), published=dt.date.fromisoformat(record["event_date"]))


# --- comparing fields -------------------------------------------------------------------------

def country_code(acled_name: str) -> str | None:
    """ISO 3166 alpha-2 code of an ACLED country name."""
    import pycountry

    if acled_name in ACLED_COUNTRIES:
        return ACLED_COUNTRIES[acled_name]
    try:
        return pycountry.countries.lookup(acled_name).alpha_2
    except LookupError:
        return None


def _name_words(name: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in ADMIN_KIND_WORDS}


def same_admin1(ours: str | None, gold: str | None) -> bool:
    """Loose admin1 match: "Shan State" ~ "Shan-North", "Donetsk Oblast" ~ "Donetsk"."""
    if not ours or not gold:
        return False
    a, b = _name_words(ours), _name_words(gold)
    return bool(a and b) and (a <= b or b <= a)


def fatalities_read(event: Event | None) -> int | None:
    """Our toll as ACLED would code it: no count is 0; an exact count its number; a range None."""
    if event is None or event.fatalities is None:
        return 0
    count = event.fatalities
    return count.min if count.min is not None and count.min == count.max else None


def f1_by_label(gold: list[str], predicted: list[str]) -> dict[str, tuple[float, int]]:
    """Per-label F1 and gold support, for every label in gold or predictions."""
    true_pos, pred_count, gold_count = Counter(), Counter(predicted), Counter(gold)
    for g, p in zip(gold, predicted):
        if g == p:
            true_pos[g] += 1
    return {
        label: (2 * true_pos[label] / (pred_count[label] + gold_count[label]), gold_count[label])
        for label in set(gold) | set(predicted)
    }


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """Per-label F1 averaged with gold support as weights (scikit-learn's ``average="weighted"``)."""
    scores = f1_by_label(gold, predicted)
    return sum(f1 * support for f1, support in scores.values()) / len(gold) if gold else 0.0


# --- the benchmark ----------------------------------------------------------------------------

@dataclass(frozen=True)
class NoteOutcome:
    """One note's gold record beside our main event (None: no event) and all events found."""

    record: dict
    event: Event | None
    n_events: int
    error: bool
    # (sub-type, aggregate) of every event found, in text order.
    found: tuple[tuple[str, bool], ...] = ()


def extract_notes(records: list[dict], pipeline=None) -> tuple[list[NoteOutcome], float]:
    """Our main event for each record, and the seconds the extraction took (model loaded before)."""
    from newsledger.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    started = time.perf_counter()
    outcomes = []
    for record, (result, events) in zip(records, extract_with_events(pipeline, map(note_article, records))):
        found = tuple((e.subtype, e.aggregate) for e in events)
        outcomes.append(NoteOutcome(record, main_event(events), len(events), bool(result.errors), found))
    return outcomes, time.perf_counter() - started


def score_notes(outcomes: list[NoteOutcome], seconds: float | None = None, name: str = DATASET) -> list[Row]:
    """The table rows for a list of outcomes."""
    from newsledger.taxonomy import event_type_of

    n = len(outcomes)
    if not n:
        return []
    gold_sub = [o.record["sub_event_type"] for o in outcomes]
    ours_sub = [o.event.subtype if o.event else NO_EVENT for o in outcomes]
    gold_type = [event_type_of(g) for g in gold_sub]
    ours_type = [o.event.type if o.event else NO_EVENT for o in outcomes]
    hits: dict[str, list[bool]] = {key: [] for key in (
        "date_exact", "date_within", "date_text", "loc25", "loc161", "country", "admin1",
        "fat_exact", "fat_positive", "actor1",
    )}
    for o in outcomes:
        gold, event = o.record, o.event
        day = gold["event_date"]
        interval = event.date.interval if event and event.date else None
        hits["date_exact"].append(interval is not None and tuple(interval) == (day, day))
        hits["date_within"].append(interval is not None and interval[0] <= day <= interval[1])
        hits["date_text"].append(bool(event and event.date and event.date.text is not None))
        place = event.location if event else None
        km = math.inf
        if place is not None and place.lat is not None and place.lon is not None:
            km = distance_km(gold["latitude"], gold["longitude"], place.lat, place.lon)
        hits["loc25"].append(km <= 25)
        hits["loc161"].append(km <= 161)
        hits["country"].append(place is not None and place.country_code == country_code(gold["country"]))
        hits["admin1"].append(place is not None and same_admin1(place.admin1, gold.get("admin1")))
        gold_toll = int(gold["fatalities"] or 0)
        exact = fatalities_read(event) == gold_toll
        hits["fat_exact"].append(exact)
        if gold_toll > 0:
            hits["fat_positive"].append(exact)
        category = event.actor1.category if event and event.actor1 else None
        hits["actor1"].append(INTER_CODES.get(category) == int(gold["inter1"] or 0))

    detected = [(g, p) for g, p in zip(gold_sub, ours_sub) if p != NO_EVENT]

    def share(key: str) -> float:
        return sum(hits[key]) / len(hits[key]) if hits[key] else 0.0

    rows = [
        Row(name, "event detected (>=1 event)", sum(o.n_events > 0 for o in outcomes) / n, n=n),
        Row(name, "sub-type accuracy", sum(g == p for g, p in zip(gold_sub, ours_sub)) / n, n=n),
        Row(name, "sub-type accuracy, notes with an event",
            sum(g == p for g, p in detected) / len(detected) if detected else 0.0, n=len(detected)),
        Row(name, "sub-type weighted F1", weighted_f1(gold_sub, ours_sub), CASE2021_WEIGHTED_F1, CASE2021, n=n),
        Row(name, "event type accuracy", sum(g == p for g, p in zip(gold_type, ours_type)) / n, n=n),
        Row(name, "date exact (interval == gold day)", share("date_exact"), n=n),
        Row(name, "date within (gold day in interval)", share("date_within"), n=n),
        Row(name, "date taken from the note's words", share("date_text"), n=n),
        Row(name, "location within 25 km", share("loc25"), n=n),
        Row(name, "location within 161 km", share("loc161"), n=n),
        Row(name, "location country correct", share("country"), n=n),
        Row(name, "location admin1 correct (loose names)", share("admin1"), n=n),
        Row(name, "fatalities exact (none read as 0)", share("fat_exact"), n=n),
        Row(name, "fatalities exact, gold > 0", share("fat_positive"), n=len(hits["fat_positive"])),
        Row(name, "actor 1 category (inter1) accuracy", share("actor1"), n=n),
        Row(name, "notes with an extraction error", sum(o.error for o in outcomes) / n, n=n),
    ]
    if seconds:
        rows.append(Row(name, "notes per second (full pipeline with events)", n / seconds, n=n))
    rows.append(Row(name, "notes giving exactly one non-aggregate event",
                    sum(sum(not aggregate for _, aggregate in o.found) == 1 for o in outcomes) / n, n=n))
    rows.extend(detection_by_subtype(outcomes, name))
    return rows


def detection_by_subtype(outcomes: list[NoteOutcome], name: str = DATASET) -> list[Row]:
    """For each gold sub-type, commonest first: the share of its notes where some event has that sub-type."""
    by_gold: dict[str, list[bool]] = {}
    for o in outcomes:
        gold = o.record["sub_event_type"]
        by_gold.setdefault(gold, []).append(any(subtype == gold for subtype, _ in o.found))
    ordered = sorted(by_gold.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [Row(name, f"detected: {gold}", sum(hits) / len(hits), n=len(hits)) for gold, hits in ordered]


def run_events_fields_acled(limit: int | None = None, data: Path | None = None, pipeline=None) -> list[Row]:
    """Score the first ``limit`` test-split notes (all of them by default)."""
    path = data or require_data("acled", "acled-sample-dev.jsonl")
    outcomes, seconds = extract_notes(load_test_records(path, limit), pipeline)
    return score_notes(outcomes, seconds)


def print_errors(outcomes: list[NoteOutcome], count: int) -> None:
    """The first ``count`` notes whose sub-type is wrong, with what we found."""
    shown = 0
    for o in outcomes:
        if shown >= count:
            break
        ours = o.event.subtype if o.event else NO_EVENT
        if ours == o.record["sub_event_type"]:
            continue
        shown += 1
        rule = f" [{o.event.subtype_rule}; trigger {o.event.trigger.text!r}]" if o.event else ""
        print(f"- {o.record['event_id_cnty']}: gold {o.record['sub_event_type']!r}, ours {ours!r}{rule}\n"
              f"  {o.record['notes'][:240]}")


def subtypes_on_articles(path: Path, limit: int | None = None, pipeline=None) -> Counter:
    """Sub-types of the events found in the first ``limit`` articles of a JSONL file (``text``, ``published``).

    For news with no ACLED coding (US shooting reports, say): which sub-types
    the extractor gives, counted over every event, aggregates included.
    """
    import datetime as dt

    from newsledger.pipeline import Pipeline

    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(articles) >= limit:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            published = dt.date.fromisoformat(record["published"][:10]) if record.get("published") else None
            articles.append(Article.from_text(record["text"], published=published))
    counts: Counter = Counter()
    for _, events in extract_with_events(pipeline or Pipeline(), articles):
        counts.update(e.subtype for e in events)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N test-split notes, by event id")
    parser.add_argument("--errors", type=int, default=0, help="also print the first K sub-type errors")
    parser.add_argument("--news", type=Path, default=None,
                        help="instead, count the sub-types found in the first --limit articles of this JSONL file")
    args = parser.parse_args()
    if args.news is not None:
        counts = subtypes_on_articles(args.news, args.limit)
        total = sum(counts.values())
        print(f"### Event sub-types found in {args.news.name} ({total} events)\n")
        for subtype, count in counts.most_common():
            print(f"| {subtype} | {count} | {count / total:.3f} |")
        return
    records = load_test_records(require_data("acled", "acled-sample-dev.jsonl"), args.limit)
    outcomes, seconds = extract_notes(records)
    print_table("Events on ACLED notes (events.v2, full pipeline)", score_notes(outcomes, seconds))
    if args.errors:
        print_errors(outcomes, args.errors)


if __name__ == "__main__":
    main()
