"""Police actions in IndiaPoliceEvents sentences, read off the events extractor (zero-shot rules).

IndiaPoliceEvents (Halterman, Keith, Sarwar and O'Connor, Findings of ACL
2021) labels every sentence of 1,257 Times of India articles from March 2002
(Gujarat) with the answers to five questions about the police: KILL ("did
police kill someone?"), ARREST, FAIL (to intervene), FORCE (killing or other
force) and ANY_ACTION. The texts are as the corpus has them: mostly lower-case,
with mojibake quotes ("â€œ").

Each article (``docs.jsonl``, published on its ``metadata.jsonl`` date) runs
through the whole pipeline; each event is put in every annotated sentence that
holds the first character of its trigger or of one of its mentions (an event
is told once per article, by all its words; sentence offsets are rebuilt by finding
``sents.jsonl``'s sentences in order in the article text; every one is found,
and the benchmark stops if one is not). Events whose claim is negative ("no
arrests were made") are skipped. A sentence is predicted

- ARREST if it holds an *Arrests* event or any event with an arrest count;
- KILL if it holds a violent event (types Battles, Explosions/Remote violence,
  Violence against civilians, Riots, or *Excessive force against
  protesters*) with a death toll above 0 or a killing trigger ("killed",
  "shot dead", "lynched");
- FORCE if it is KILL, or holds a violent event as above or a *Protest with
  intervention*;
- ANY_ACTION if any of the three; FAIL never (no rule reads inaction).

The questions are about the police, so in the ``police`` reading (the main
one) KILL and FORCE also need the event's actor 1 to be state forces, except
for *Protest with intervention* and *Excessive force*, whose intervening side
is the police by definition; the ``any actor`` reading drops that condition.

Figures: per-label precision, recall and F1 over sentences (the measure of
the corpus's ``evaluate.py``, task 1), and example-based F1 as ConfliBERT's
``example_based.py`` computes it: over the sentences where gold or predicted
label sets are non-empty, the mean of 2|gold & predicted| / (|gold| +
|predicted|). The published anchors (BERT 0.649, ConfliBERT 0.673; Hu et al.,
NAACL 2022) are example-F1 over all five labels of supervised models, on
ConfliBERT's own test split of the sentences; ours, over all five labels with
FAIL never predicted, is on every sentence of the documents read, with no
training. Example-F1 over the three labels the rules predict is given too.

Both measures are written out here: the corpus's and ConfliBERT's scripts
are not packages and need scikit-learn and numpy for a few sums.

Run: ``python -m benchmarks.events_india_police [--limit N] [--errors K]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from benchmarks.events_fields_acled import extract_with_events
from newsledger.schema import Article, Event

DATASET = "IndiaPoliceEvents"
LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
PREDICTED = ("KILL", "ARREST", "FORCE")
CONFLIBERT_EXAMPLE_F1 = 0.673
CONFLIBERT = "ConfliBERT, supervised, its own test split"
OTHER_ANCHORS = "BERT-base (supervised, same split as ConfliBERT): example-F1 0.649"

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
EXCESSIVE = "Excessive force against protesters"
INTERVENTION = "Protest with intervention"
ARRESTS = "Arrests"
# Trigger words that say someone died, whatever the toll says.
KILLING_WORDS = {"kill", "killed", "killing", "killings", "murder", "murdered", "massacre", "massacred",
                 "lynch", "lynched", "behead", "beheaded", "assassinate", "assassinated", "execute", "executed"}
SHOOTING_WORDS = {"shoot", "shot", "gun", "gunned"}
DEATH_NEIGHBOURS = {"dead", "down"}


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence: where it lies in its article, and its gold labels."""

    doc_id: int
    sent_id: int
    start: int
    end: int
    labels: frozenset[str]


@dataclass(frozen=True)
class Document:
    doc_id: int
    text: str
    published: dt.date | None
    sentences: tuple[Sentence, ...]


def load_documents(folder: Path, limit: int | None = None) -> list[Document]:
    """The first ``limit`` documents in ``docs.jsonl`` order, with sentence offsets rebuilt.

    Raises:
        ValueError: a sentence is not found, in order, in its document's text.
    """
    def read(name: str) -> list[dict]:
        with (folder / name).open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    docs = read("docs.jsonl")[:limit] if limit else read("docs.jsonl")
    wanted = {d["doc_id"] for d in docs}
    dates = {m["doc_id"]: m.get("date") for m in read("metadata.jsonl") if m["doc_id"] in wanted}
    sentences: dict[int, list[dict]] = defaultdict(list)
    for s in read("sents.jsonl"):
        if s["doc_id"] in wanted:
            sentences[s["doc_id"]].append(s)
    out = []
    for d in docs:
        text, position, spans = d["doc_text"], 0, []
        for s in sorted(sentences[d["doc_id"]], key=lambda s: s["sent_id"]):
            start = text.find(s["sent_text"], position)
            if start < 0:
                raise ValueError(f"document {d['doc_id']}: sentence {s['sent_id']} is not in the text after {position}")
            position = start + len(s["sent_text"])
            spans.append(Sentence(d["doc_id"], s["sent_id"], start, position, frozenset(s["sent_labels"])))
        published = dt.date.fromisoformat(dates[d["doc_id"]]) if dates.get(d["doc_id"]) else None
        out.append(Document(d["doc_id"], text, published, tuple(spans)))
    return out


# --- from events to sentence labels ----------------------------------------------------------

def _is_police(event: Event) -> bool:
    return event.actor1 is not None and event.actor1.category == "state forces"


def _says_killing(event: Event) -> bool:
    if event.fatalities is not None and (event.fatalities.min or 0) > 0:
        return True
    word = event.trigger.text.lower()
    if word in KILLING_WORDS or any(m.text.lower() in KILLING_WORDS for m in event.mentions):
        return True
    # "shot dead", "gunned down": the word after the trigger says the victim died.
    following = event.evidence.text[event.trigger.end - event.evidence.start:].split()[:3]
    return word in SHOOTING_WORDS and bool(DEATH_NEIGHBOURS & {w.strip(".,;").lower() for w in following})


def event_labels(event: Event, police_only: bool) -> set[str]:
    """The sentence labels one event supports."""
    if event.polarity != "positive":
        return set()
    labels = set()
    if event.subtype == ARRESTS or event.arrested is not None:
        labels.add("ARREST")
    police_side = event.subtype in {EXCESSIVE, INTERVENTION}
    actor_ok = not police_only or police_side or _is_police(event)
    violent = event.type in VIOLENT_TYPES or event.subtype == EXCESSIVE
    if actor_ok and violent and _says_killing(event):
        labels.add("KILL")
    if actor_ok and (violent or event.subtype == INTERVENTION):
        labels.add("FORCE")
    if labels:
        labels.add("ANY_ACTION")
    return labels


def sentence_predictions(document: Document, events: list[Event], police_only: bool) -> list[set[str]]:
    """Predicted labels for each sentence of a document."""
    predicted: list[set[str]] = [set() for _ in document.sentences]
    for event in events:
        labels = event_labels(event, police_only)
        # An event is told by its trigger and by its mentions ("the firing", "killing two"):
        # each sentence holding one of them tells it.
        for char in {event.trigger.start, *(m.start for m in event.mentions)}:
            index = next((i for i, s in enumerate(document.sentences) if s.start <= char < s.end), None)
            if index is not None:
                predicted[index] |= labels
    return predicted


# --- scores ------------------------------------------------------------------------------------

def example_f1(gold: list[frozenset[str]], predicted: list[set[str]], labels: tuple[str, ...]) -> float:
    """ConfliBERT's example-based F1 over ``labels``, skipping items empty on both sides."""
    total, counted = 0.0, 0
    for g, p in zip(gold, predicted):
        g, p = g & set(labels), p & set(labels)
        if g or p:
            total += 2 * len(g & p) / (len(g) + len(p))
            counted += 1
    return total / counted if counted else 0.0


def label_scores(gold: list[frozenset[str]], predicted: list[set[str]], label: str) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and gold count of one label over sentences."""
    tp = sum(label in g and label in p for g, p in zip(gold, predicted))
    n_pred = sum(label in p for p in predicted)
    n_gold = sum(label in g for g in gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, n_gold


@dataclass(frozen=True)
class Outcome:
    """Gold and predicted labels for every sentence read, in both readings."""

    sentences: list[Sentence]
    police: list[set[str]]
    any_actor: list[set[str]]
    errors: int
    seconds: float


def extract_documents(documents: list[Document], pipeline=None) -> Outcome:
    from newsledger.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    articles = [Article.from_text(d.text, published=d.published, outlet="Times of India") for d in documents]
    sentences, police, any_actor, errors = [], [], [], 0
    started = time.perf_counter()
    for document, (result, events) in zip(documents, extract_with_events(pipeline, articles)):
        errors += bool(result.errors)
        sentences.extend(document.sentences)
        police.extend(sentence_predictions(document, events, police_only=True))
        any_actor.extend(sentence_predictions(document, events, police_only=False))
    return Outcome(sentences, police, any_actor, errors, time.perf_counter() - started)


def score(outcome: Outcome, n_docs: int) -> list[Row]:
    gold = [s.labels for s in outcome.sentences]
    n = len(gold)
    rows = []
    for reading, predicted in (("police", outcome.police), ("any actor", outcome.any_actor)):
        name = f"{DATASET} ({reading})"
        rows.append(Row(name, "example-F1, 5 labels", example_f1(gold, predicted, LABELS),
                        CONFLIBERT_EXAMPLE_F1, CONFLIBERT, n=n))
        rows.append(Row(name, "example-F1, KILL/ARREST/FORCE", example_f1(gold, predicted, PREDICTED), n=n))
        # ARREST has no actor condition: the any-actor reading repeats it, so only the police one shows it.
        for label in (*PREDICTED, "ANY_ACTION") if reading == "police" else ("KILL", "FORCE", "ANY_ACTION"):
            precision, recall, f1, support = label_scores(gold, predicted, label)
            rows.append(Row(name, f"{label} precision", precision, n=support))
            rows.append(Row(name, f"{label} recall", recall, n=support))
            rows.append(Row(name, f"{label} F1", f1, n=support))
    if n_docs:
        rows.append(Row(DATASET, "documents with an extraction error", outcome.errors / n_docs, n=n_docs))
    if n_docs and outcome.seconds:
        rows.append(Row(DATASET, "documents per second (full pipeline with events)", n_docs / outcome.seconds,
                        n=n_docs))
    return rows


def run_events_india_police(limit: int | None = None, data: Path | None = None, pipeline=None) -> list[Row]:
    """Score the first ``limit`` documents (all 1,257 by default)."""
    folder = data or require_data("india-police-events")
    documents = load_documents(folder, limit)
    return score(extract_documents(documents, pipeline), len(documents))


def print_errors(documents: list[Document], outcome: Outcome, count: int) -> None:
    """Up to ``count`` misses and ``count`` false alarms of the police reading, with their text."""
    texts = {d.doc_id: d.text for d in documents}
    misses = [(s, p) for s, p in zip(outcome.sentences, outcome.police) if (s.labels & set(PREDICTED)) - p]
    alarms = [(s, p) for s, p in zip(outcome.sentences, outcome.police) if (p & set(PREDICTED)) - s.labels]
    for title, items in (("missed", misses), ("false alarms", alarms)):
        print(f"\n{title} ({len(items)}):")
        for s, p in items[:count]:
            gold = sorted(s.labels & set(PREDICTED))
            ours = sorted(p & set(PREDICTED))
            print(f"- doc {s.doc_id} sent {s.sent_id}: gold {gold} ours {ours}\n"
                  f"  {texts[s.doc_id][s.start:s.end][:260]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of docs.jsonl")
    parser.add_argument("--errors", type=int, default=0, help="also print K misses and K false alarms")
    args = parser.parse_args()
    documents = load_documents(require_data("india-police-events"), args.limit)
    outcome = extract_documents(documents)
    print_table("Police events in IndiaPoliceEvents sentences (events.v2, zero-shot rules)",
                score(outcome, len(documents)))
    print(f"Other anchors: {OTHER_ANCHORS}")
    if args.errors:
        print_errors(documents, outcome, args.errors)


if __name__ == "__main__":
    main()
