"""Train the ACLED sub-event type classifier that ships in ``newsledger/models/acled_subtype``.

Reads ACLED records (JSON lines with ``event_id_cnty``, ``notes`` and
``sub_event_type``), cleans each note of ACLED's coding annotations
(:func:`newsledger.extract.event_types.clean_acled_note`), splits the records
by a hash of ``event_id_cnty`` (:func:`~newsledger.extract.event_types.acled_split`:
70% train, 10% dev, 20% test), and trains spaCy's ``textcat`` (exclusive
classes) with ``spacy train`` on the train part, keeping the best model on the
dev part. The test part is never read here: the benchmark
(``python -m benchmarks.events_acled``) scores it.

Run from the repository root::

    python training/train_event_classifier.py \\
        --data ../shared/data/acled/acled-sample-dev.jsonl \\
        --out src/newsledger/models/acled_subtype

Written as a thin wrapper because spaCy's CLI needs its data as ``DocBin``
files and knows nothing of the split or of the model's provenance record,
which this script adds to the model's ``meta.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin

from newsledger.extract.event_types import acled_split, clean_acled_note, subtype

HERE = Path(__file__).resolve().parent
DEFAULT_CONFIG = HERE / "acled_subtype.cfg"
MODEL_VERSION = "1.0.0"


def read_records(path: Path) -> list[dict]:
    """ACLED records with a note and a known sub-type, in file order."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("notes") and record.get("sub_event_type"):
                    subtype(record["sub_event_type"])  # fail loudly on a label outside the taxonomy
                    records.append(record)
    return records


def write_docbin(nlp, records: list[dict], labels: list[str], path: Path) -> None:
    """One ``Doc`` per record, its sub-type as the single positive category."""
    docbin = DocBin()
    for record in records:
        doc = nlp.make_doc(clean_acled_note(record["notes"]))
        doc.cats = {label: float(label == record["sub_event_type"]) for label in labels}
        docbin.add(doc)
    docbin.to_disk(path)


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ACLED JSON-lines file")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the trained model to")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="spaCy training config")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    records = read_records(args.data)
    parts = {"train": [], "dev": [], "test": []}
    for record in records:
        parts[acled_split(record["event_id_cnty"])].append(record)
    # Only sub-types seen in training can be learnt; the others are left out of the label set.
    labels = sorted({r["sub_event_type"] for r in parts["train"]})
    print(f"records: {len(records)}  train {len(parts['train'])}  dev {len(parts['dev'])}  "
          f"test {len(parts['test'])} (not used)  labels {len(labels)}")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="acled-textcat-") as tmp:
        work = Path(tmp)
        nlp = spacy.blank("en")
        write_docbin(nlp, parts["train"], labels, work / "train.spacy")
        write_docbin(nlp, parts["dev"], labels, work / "dev.spacy")
        overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": args.seed,
        }
        spacy_train(args.config, work / "output", overrides=overrides)
        best = work / "output" / "model-best"
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(best, args.out)
    seconds = time.perf_counter() - started

    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="acled_subtype",
        version=MODEL_VERSION,
        description="ACLED sub-event type classifier (spaCy textcat) trained on ACLED event notes.",
        author="newsledger",
        license="see MODEL_CARD.md (trained on ACLED data: credit ACLED)",
        sources=[{"name": "ACLED event records (acledR test data)", "url": "https://acleddata.com",
                  "license": "ACLED terms of use; acledR repository GPL-3.0"}],
    )
    meta["newsledger"] = {
        "data_file": args.data.name,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "split": "newsledger.extract.event_types.acled_split (sha256(event_id_cnty)[:8] % 100: "
                 "0-19 test, 20-29 dev, 30-99 train)",
        "n_train": len(parts["train"]),
        "n_dev": len(parts["dev"]),
        "train_label_counts": dict(sorted(Counter(r["sub_event_type"] for r in parts["train"]).items())),
        "config": args.config.name,
        "seed": args.seed,
        "training_seconds": round(seconds, 1),
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({directory_bytes(args.out) / 1e6:.1f} MB) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
