"""Event sub-types on ACLED notes: the packaged classifier on the fixed test split.

ACLED records (``acled/acled-sample-dev.jsonl``: 6,221 events of 2022 from
acledR's test data) pair a short English note with its coded fields. The
records are split by a hash of ``event_id_cnty``
(:func:`newsledger.extract.event_types.acled_split`): the classifier was
trained on ``train``, chosen on ``dev``, and is scored here on ``test``
(1,170 records), which nothing else reads. Notes are cleaned of ACLED's coding
annotations first (:func:`~newsledger.extract.event_types.clean_acled_note`),
as in training.

Figures:

- sub-type accuracy, weighted F1 (per-class F1 weighted by gold support, the
  CASE 2021 measure) and macro F1, over the gold sub-types;
- event-type accuracy, the event type taken from the predicted sub-type;
- the majority-class baseline (the commonest training sub-type) beside them.

The anchor is the best weighted F1 of CASE 2021 shared task 2, subtask 1
(Haneczok et al. 2021: 25 ACLED sub-types, transformers trained on ACLED
notes): 0.839, on its own test set of news-like snippets, not this split.

This script scores the classifier alone, on notes. The other ACLED fields
(date, location, fatalities, actor category) and the sub-type the full events
extractor assigns are scored end to end on the same test split by
``benchmarks/events_fields_acled.py``.

Run: ``python -m benchmarks.events_acled [--part test|dev] [--limit N] [--per-type]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from newsledger.extract.event_types import (
    acled_split,
    classify_subtypes,
    clean_acled_note,
)
from newsledger.taxonomy import event_type_of

DATASET = "ACLED 2022 sample"
CASE2021_WEIGHTED_F1 = 0.839
CASE2021 = "CASE 2021 task 2 best, other test set"


def load_records(path: Path) -> list[dict]:
    """All records with a note and a sub-type."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r.get("notes") and r.get("sub_event_type")]


def split_records(records: list[dict], part: str, limit: int | None = None) -> list[dict]:
    """The records of one split part, ordered by ``event_id_cnty``; the first ``limit`` of them."""
    chosen = sorted((r for r in records if acled_split(r["event_id_cnty"]) == part), key=lambda r: r["event_id_cnty"])
    return chosen[:limit] if limit else chosen


def f1_scores(gold: list[str], predicted: list[str]) -> dict[str, tuple[float, int]]:
    """Per-label F1 and gold support, for every label in gold or predictions."""
    true_pos, pred_count, gold_count = Counter(), Counter(predicted), Counter(gold)
    for g, p in zip(gold, predicted):
        if g == p:
            true_pos[g] += 1
    scores = {}
    for label in set(gold) | set(predicted):
        denominator = pred_count[label] + gold_count[label]
        scores[label] = (2 * true_pos[label] / denominator if denominator else 0.0, gold_count[label])
    return scores


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """Per-class F1 averaged with gold support as weights (scikit-learn's ``average="weighted"``)."""
    scores = f1_scores(gold, predicted)
    return sum(f1 * support for f1, support in scores.values()) / len(gold) if gold else 0.0


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Per-class F1 averaged over the gold classes."""
    scores = f1_scores(gold, predicted)
    labels = set(gold)
    return sum(scores[label][0] for label in labels) / len(labels) if labels else 0.0


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0


def predict_subtypes(notes: list[str]) -> list[str]:
    """The classifier's top sub-type for each (cleaned) note."""
    return [scores[0][0] for scores in classify_subtypes([clean_acled_note(n) for n in notes])]


def run_events_acled(
    part: str = "test", limit: int | None = None, data: Path | None = None, per_type: bool = False
) -> list[Row]:
    """Score the packaged classifier on one split part (``test`` unless choosing a model on ``dev``)."""
    path = data or require_data("acled", "acled-sample-dev.jsonl")
    records = load_records(path)
    chosen = split_records(records, part, limit)
    gold = [r["sub_event_type"] for r in chosen]
    predicted = predict_subtypes([r["notes"] for r in chosen])
    majority = Counter(r["sub_event_type"] for r in records if acled_split(r["event_id_cnty"]) == "train")
    baseline = [majority.most_common(1)[0][0]] * len(gold)
    gold_types = [event_type_of(g) for g in gold]
    n = len(gold)
    name = f"{DATASET} {part}"
    rows = [
        Row(name, "sub-type accuracy", accuracy(gold, predicted), n=n),
        Row(name, "sub-type weighted F1", weighted_f1(gold, predicted), CASE2021_WEIGHTED_F1, CASE2021, n=n),
        Row(name, "sub-type macro F1", macro_f1(gold, predicted), n=n),
        Row(name, "event type accuracy (from sub-type)", accuracy(gold_types, [event_type_of(p) for p in predicted]), n=n),
        Row(name, "majority baseline: sub-type accuracy", accuracy(gold, baseline), n=n),
        Row(name, "majority baseline: sub-type weighted F1", weighted_f1(gold, baseline), n=n),
        Row(name, "majority baseline: event type accuracy",
            accuracy(gold_types, [event_type_of(p) for p in baseline]), n=n),
    ]
    if per_type:
        for label, (f1, support) in sorted(f1_scores(gold, predicted).items(), key=lambda kv: -kv[1][1]):
            rows.append(Row(name, f"F1: {label}", f1, n=support))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="ACLED sub-type classification on the fixed split.")
    parser.add_argument("--part", choices=("test", "dev"), default="test")
    parser.add_argument("--limit", type=int, default=None, help="first N records of the part, by event id")
    parser.add_argument("--per-type", action="store_true", help="add per-sub-type F1 rows")
    args = parser.parse_args()
    rows = run_events_acled(args.part, args.limit, per_type=args.per_type)
    print_table("Event sub-types (ACLED notes, event_types.v1)", rows)


if __name__ == "__main__":
    main()
