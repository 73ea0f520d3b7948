"""Throughput: articles per second end to end, beside spaCy's own ``nlp.pipe``.

Builds a corpus of real news articles from the public data (PolNeAR's
840 + 84 articles, then TR-News until ``--limit`` is reached; 1,000 by
default), writes it as JSONL, and times, each in a fresh process so that peak
memory is measured separately:

- ``spacy``: ``spacy.load(model).pipe(texts)`` alone, the anchor;
- ``extract``: newsledger's pipeline (clean + extractors), no database, for
  three sets of extractors: the foundation (entities, times, places), with
  quotes and claims, and all (with events);
- ``ingest``: ``newsledger ingest`` into a fresh SQLite file (read, clean,
  near-duplicate check, every extractor, store).

Run: ``python -m benchmarks.throughput [--limit 1000]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.common import Row, print_table, require_data


def build_corpus(limit: int) -> list[dict]:
    """Up to ``limit`` real articles as JSONL records with text and publication date."""
    polnear = require_data("quotes", "polnear")
    dates = {}
    for line in (polnear / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5:
            dates[cols[1]] = cols[5]
    records = []
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            published = dates.get(path.stem)
            records.append({"text": path.read_text(encoding="utf-8"), "published": published, "outlet": path.stem.split("_")[0]})
    if len(records) < limit:
        tree = ET.parse(require_data("geoparsing", "TR-News.xml"))
        for article in tree.getroot().iter("article"):
            text = article.findtext("text") or ""
            if text.strip():
                records.append({"text": text})
            if len(records) >= limit:
                break
    return records[:limit]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


EXTRACTOR_SETS = {
    "foundation": "entities,times,places",
    "with quotes and claims": "entities,times,places,quotes,claims",
    "all": "all",
}


def _child(mode: str, corpus: Path, db: Path) -> None:
    """Run one mode in this process and print a JSON line with its figures."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    from newsledger.config import Settings

    mode, _, extractors = mode.partition(":")
    settings = Settings(db=str(db), extractors=extractors or "all")
    if mode == "spacy":
        import spacy

        nlp = spacy.load(settings.spacy_model)
        texts = [r["text"] for r in records]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        elapsed = time.perf_counter() - start
    elif mode == "extract":
        from newsledger.batch import extract_sources
        from newsledger.pipeline import Pipeline

        pipeline = Pipeline(settings)
        start = time.perf_counter()
        n = sum(1 for _ in extract_sources([str(corpus)], pipeline))
        elapsed = time.perf_counter() - start
        assert n == len(records), (n, len(records))
    else:
        from newsledger.batch import ingest
        from newsledger.pipeline import Pipeline
        from newsledger.store import Store

        pipeline = Pipeline(settings)
        store = Store.open(str(db))
        start = time.perf_counter()
        summary = ingest([str(corpus)], store, pipeline)
        elapsed = time.perf_counter() - start
        assert summary.read == len(records), summary.line()
    print(json.dumps({"mode": mode, "n": len(records), "seconds": elapsed, "peak_mib": _peak_mib()}))


def run_throughput(limit: int = 1000) -> list[Row]:
    """Time the three modes over ``limit`` articles; return articles/s and peak MiB rows."""
    records = build_corpus(limit)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        modes = {"spacy": "spaCy nlp.pipe alone"}
        for name, extractors in EXTRACTOR_SETS.items():
            modes[f"extract:{extractors}"] = f"newsledger extract, {name}"
        modes["ingest"] = "newsledger ingest to SQLite, all"
        figures = {}
        for mode in modes:
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.throughput", "--child", mode, str(corpus), str(Path(tmp) / "b.db")],
                check=True, capture_output=True, text=True,
            )
            figures[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    spacy_rate = figures["spacy"]["n"] / figures["spacy"]["seconds"]
    for mode, label in modes.items():
        f = figures[mode]
        rate = f["n"] / f["seconds"]
        anchor = None if mode == "spacy" else spacy_rate
        rows.append(Row("news articles", f"{label}: articles/s", rate, anchor, "spaCy nlp.pipe" if anchor else "", f["n"]))
        rows.append(Row("news articles", f"{label}: peak MiB", f["peak_mib"], None, "", f["n"]))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, corpus, db = args.child
        _child(mode, Path(corpus), Path(db))
        return
    print_table(f"Throughput over {args.limit} real articles (2 cores)", run_throughput(args.limit))


if __name__ == "__main__":
    main()
