"""Every core, then a cluster: ``ingest`` with worker processes and on Dask, beside spaCy's own multi-process pipe.

The corpus is :func:`benchmarks.throughput.build_corpus` (1,000 real news
articles by default: PolNeAR's, then TR-News), written as one JSONL file.
Each mode runs in a fresh process (so that its memory is its own) and is
timed from the start of the batch to its end, model loading excluded where
it can be (spaCy's, and the parent pipeline's; worker processes load theirs
inside the timed run, as a user's do):

- ``spacy:N``: ``nlp.pipe(texts, n_process=N, batch_size=16)``, the anchor;
- ``ingest:N``: ``newsledger ingest --workers N`` into a fresh SQLite file
  (read, clean, near-duplicate check, every extractor in N processes, one
  writer storing and updating the ledger);
- ``dask:N``: the same with ``--dask local`` and a ``LocalCluster`` of N
  single-threaded worker processes;
- ``ingest-pg:N`` (not run unless asked for): ``ingest --workers N`` into a
  fresh database on a private PostgreSQL server (Debian's binaries, started
  as the tests start theirs, but with ``fsync``, ``synchronous_commit`` and
  ``full_page_writes`` left on), to set the writer's cost on PostgreSQL
  beside SQLite's.

Peak memory is the parent's (``ru_maxrss``) and the largest child's
(``RUSAGE_CHILDREN``; Dask's workers are children of its nanny processes, so
for Dask the figure is the nanny's and a worker's as the OS counts them).
Articles per day is articles per second times 86,400.

    python -m benchmarks.parallel [--limit 1000] [--modes spacy:1,spacy:2,ingest:1,ingest:2,dask:1,dask:2]
    python -m benchmarks.parallel --limit 300 --modes ingest:1,ingest-pg:1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, print_table
from benchmarks.throughput import build_corpus

DATASET = "news articles"
MODES = ("spacy:1", "spacy:2", "ingest:1", "ingest:2", "dask:1", "dask:2")


def _mib(usage: resource.struct_rusage) -> float:
    return usage.ru_maxrss / 1024


def _child(mode: str, corpus: Path, db: Path | str) -> None:
    """Run one mode here and print one JSON line: seconds, articles, parent and largest child MiB."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    kind, _, number = mode.partition(":")
    workers = int(number)
    from newsledger.config import Settings

    settings = Settings(db=str(db))
    if kind == "spacy":
        import spacy

        nlp = spacy.load(settings.spacy_model)
        texts = [r["text"] for r in records]
        start = time.perf_counter()
        done = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=settings.batch_size))
    else:
        from newsledger.batch import ingest
        from newsledger.pipeline import Pipeline
        from newsledger.store import Store

        pipeline = Pipeline(settings)
        store = Store.open(db if kind != "ingest-pg" else str(db))
        if kind == "dask":
            from newsledger.runners.dask import DaskExtractor

            extractor = DaskExtractor(pipeline, "local", workers)
        else:
            from newsledger.runners.processes import ProcessExtractor

            extractor = ProcessExtractor(pipeline, workers)
        start = time.perf_counter()
        summary = ingest([str(corpus)], store, pipeline, extractor=extractor, checkpoints=False)
        done = summary.new + summary.duplicates
        if kind == "dask":
            extractor.close()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "articles": done, "parent_mib": _mib(resource.getrusage(resource.RUSAGE_SELF)),
        "child_mib": _mib(resource.getrusage(resource.RUSAGE_CHILDREN)),
    }))


def _run(mode: str, corpus: Path, folder: Path, server=None) -> dict:
    db = folder / f"{mode.replace(':', '-')}.db"
    if mode.startswith("ingest-pg:"):
        db = server.create_database("parallel", empty=True)
    done = subprocess.run([sys.executable, "-m", "benchmarks.parallel", "--child", mode, str(corpus), str(db)],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_parallel(limit: int = 1000, modes: tuple[str, ...] = MODES) -> list[Row]:
    records = build_corpus(limit)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="parallel-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        server = None
        if any(mode.startswith("ingest-pg:") for mode in modes):
            from tests.postgres import PostgresServer

            server = PostgresServer.start(durable=True)
        try:
            found = {mode: _run(mode, corpus, folder, server) for mode in modes}
        finally:
            if server is not None:
                server.stop()
    rate = {mode: f["articles"] / f["seconds"] for mode, f in found.items()}
    names = {"spacy": "spaCy nlp.pipe(n_process={n})", "ingest": "newsledger ingest --workers {n}",
             "ingest-pg": "newsledger ingest --workers {n}, PostgreSQL",
             "dask": "newsledger ingest --dask local, {n} workers"}
    for mode, figures in found.items():
        kind, _, n = mode.partition(":")
        name = names[kind].format(n=n)
        anchor = rate.get(f"spacy:{n}") if kind != "spacy" else None
        if kind == "ingest-pg" and f"ingest:{n}" in rate:
            # One process does everything at N = 1: the difference in seconds an article is the writers'.
            rows.append(Row(DATASET, f"{name}: ms an article more than into SQLite",
                            1000 / rate[mode] - 1000 / rate[f"ingest:{n}"], n=figures["articles"]))
        rows += [
            Row(DATASET, f"{name}: articles/s", rate[mode], anchor, f"spaCy n_process={n}" if anchor else "",
                n=figures["articles"]),
            Row(DATASET, f"{name}: articles/day", rate[mode] * 86_400, n=figures["articles"]),
            Row(DATASET, f"{name}: peak MiB, this process", figures["parent_mib"], n=figures["articles"]),
            Row(DATASET, f"{name}: peak MiB, largest child process", figures["child_mib"], n=figures["articles"]),
        ]
        if anchor:
            rows.append(Row(DATASET, f"{name}: share of spaCy's rate", rate[mode] / anchor, 0.8, "target",
                            n=figures["articles"]))
    for kind in ("ingest", "dask", "spacy"):
        if f"{kind}:1" in rate and f"{kind}:2" in rate:
            rows.append(Row(DATASET, f"{names[kind].format(n='1 -> 2')}: scaling ratio",
                            rate[f"{kind}:2"] / rate[f"{kind}:1"], 2.0, "linear", n=2))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, corpus, db = args.child
        _child(mode, Path(corpus), db if "://" in db else Path(db))
        return
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    print_table(f"Ingest on every core and on Dask, {args.limit} real articles ({os.cpu_count()} cores)",
                run_parallel(args.limit, modes))


if __name__ == "__main__":
    main()
