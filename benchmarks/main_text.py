"""Main-text extraction on the article-extraction benchmark (181 HTML pages with their article bodies).

Each page goes through newsledger's own ingest (``read_sources`` on the
``.html.gz`` file) and :func:`newsledger.clean.prepare`, and the cleaned text is
scored against ``ground-truth.json`` exactly as the benchmark's ``evaluate.py``
does: word tokens (``\\w+``), 4-word shingles counted with multiplicity,
per-page true/false positives and negatives normalised by their sum, precision
and recall averaged over pages (pages with nothing predicted are left out of
precision), and F1 the harmonic mean of those two averages. Bootstrap standard
deviations (1000 resamples of pages, fixed seed) are printed under the table.

For comparison it also scores trafilatura's plain ``extract(html,
include_comments=False)``, the call the benchmark used for its published
trafilatura figure, with the version installed here.

Run: ``python -m benchmarks.main_text [--limit N] [--no-baseline]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data

DATASET = "article-extraction"
# Published F1 on these 181 pages (the benchmark's README, latest evaluation).
ANCHORS = (
    ("trafilatura 2.0", 0.958),
    ("newspaper4k", 0.949),
    ("readability-lxml", 0.922),
    ("goose3", 0.896),
    ("full-text baseline", 0.665),
)
ANCHOR_PRECISION = 0.938  # trafilatura 2.0
ANCHOR_RECALL = 0.978  # trafilatura 2.0
SHINGLE_SIZE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 42

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Scores:
    """Benchmark metrics for one system over a set of pages, with its per-page counts."""

    f1: float
    precision: float
    recall: float
    f1_std: float
    n: int
    counts: tuple[tuple[float, float, float], ...]


def page_ids(data_dir: Path, limit: int | None = None) -> list[str]:
    """Page ids sorted, the first ``limit`` of them when given."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    return ids[:limit] if limit else ids


def shingle_counts(text: str | None, n: int = SHINGLE_SIZE) -> Counter:
    """Shingles of ``n`` word tokens with their counts, as the benchmark counts them."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_tp_fp_fn(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """True positives, false positives, false negatives of one page, normalised to sum to 1."""
    expected, predicted = shingle_counts(true), shingle_counts(pred)
    tp = float(sum((expected & predicted).values()))
    fp = float(sum((predicted - expected).values()))
    fn = float(sum((expected - predicted).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aggregate(counts: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """F1, precision, recall over pages, as ``evaluate.py`` computes them."""
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    return 2 * precision * recall / (precision + recall), precision, recall


def score(truth: dict[str, str], predictions: dict[str, str | None]) -> Scores:
    """Score predicted article bodies against the true ones, with a bootstrap std of F1."""
    counts = tuple(page_tp_fp_fn(truth[k], predictions.get(k)) for k in sorted(truth))
    f1, precision, recall = aggregate(counts)
    samples = [aggregate([counts[i] for i in sample])[0] for sample in _bootstrap_samples(len(counts))]
    return Scores(f1, precision, recall, statistics.stdev(samples), len(counts), counts)


def paired_difference(ours: Scores, other: Scores) -> tuple[float, float]:
    """F1 of ``ours`` minus ``other`` on the same pages, and its paired bootstrap std."""
    diffs = [
        aggregate([ours.counts[i] for i in sample])[0] - aggregate([other.counts[i] for i in sample])[0]
        for sample in _bootstrap_samples(len(ours.counts))
    ]
    return ours.f1 - other.f1, statistics.stdev(diffs)


def _bootstrap_samples(n: int) -> list[list[int]]:
    rng = random.Random(BOOTSTRAP_SEED)
    return [[rng.randrange(n) for _ in range(n)] for _ in range(BOOTSTRAP_SAMPLES)]


def newsledger_text(path: Path) -> str | None:
    """The article text newsledger's ingest and clean produce for one page, or None."""
    from newsledger.clean import prepare
    from newsledger.ingest import read_sources
    from newsledger.schema import Article, RawDocument

    texts = []
    for raw in read_sources([str(path)]):
        article = prepare(raw) if isinstance(raw, RawDocument) else raw
        if isinstance(article, Article):
            texts.append(article.text)
    return "\n".join(texts) or None


def trafilatura_text(path: Path) -> str | None:
    """trafilatura's plain extraction, as the benchmark ran it."""
    import gzip

    import trafilatura

    with gzip.open(path, "rt", encoding="utf8") as handle:
        return trafilatura.extract(handle.read(), include_comments=False)


def score_system(
    data_dir: Path, ids: Sequence[str], extract: Callable[[Path], str | None]
) -> Scores:
    """Run one extractor over the pages ``ids`` and score it."""
    truth_all = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: truth_all[k].get("articleBody", "") for k in ids}
    predictions = {k: extract(data_dir / "html" / f"{k}.html.gz") for k in ids}
    return score(truth, predictions)


def run_main_text(limit: int | None = None, baseline: bool = True) -> list[Row]:
    """Benchmark rows: newsledger against each published anchor, then trafilatura measured here."""
    data_dir = require_data(DATASET)
    ids = page_ids(data_dir, limit)
    ours = score_system(data_dir, ids, newsledger_text)
    rows = [Row(DATASET, "F1 (prepare)", ours.f1, anchor, name, ours.n) for name, anchor in ANCHORS]
    rows.append(Row(DATASET, "precision (prepare)", ours.precision, ANCHOR_PRECISION, "trafilatura 2.0", ours.n))
    rows.append(Row(DATASET, "recall (prepare)", ours.recall, ANCHOR_RECALL, "trafilatura 2.0", ours.n))
    rows.append(Row(DATASET, "F1 std, bootstrap (prepare)", ours.f1_std, None, "", ours.n))
    if baseline:
        import trafilatura

        base = score_system(data_dir, ids, trafilatura_text)
        label = f"trafilatura {trafilatura.__version__} extract()"
        rows.append(Row(DATASET, f"F1 ({label}, measured here)", base.f1, 0.958, "trafilatura 2.0", base.n))
        rows.append(Row(DATASET, f"precision ({label})", base.precision, ANCHOR_PRECISION, "trafilatura 2.0", base.n))
        rows.append(Row(DATASET, f"recall ({label})", base.recall, ANCHOR_RECALL, "trafilatura 2.0", base.n))
        rows.append(Row(DATASET, f"F1 std, bootstrap ({label})", base.f1_std, None, "", base.n))
        diff, diff_std = paired_difference(ours, base)
        rows.append(Row(DATASET, "F1 prepare minus extract(), same pages", diff, None, "", ours.n))
        rows.append(Row(DATASET, "std of that difference, paired bootstrap", diff_std, None, "", ours.n))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages by id")
    parser.add_argument("--no-baseline", action="store_true", help="skip the trafilatura baseline")
    args = parser.parse_args(argv)
    rows = run_main_text(limit=args.limit, baseline=not args.no_baseline)
    print_table("Main text: token-shingle F1 on the article-extraction benchmark", rows)


if __name__ == "__main__":
    main()
