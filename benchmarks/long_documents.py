"""Long documents: time and peak memory of extracting one text of 100 kB to 5 MB.

A document up to ``NEWSLEDGER_MAX_BYTES`` (5,000,000 bytes) must be processed,
not end a batch, with memory bounded. Each text is built from real local-news
reports (``../shared/data/gun-violence``), whole paragraphs drawn in a fixed
shuffled order until the size is reached, and extracted by the full pipeline
in a fresh process so that its peak resident memory is its own. A short
article is measured the same way as the baseline. Every offset is checked
(``text[start:end]`` equals the mention's text) and the result is validated
against the ``newsledger/1`` schema.

Run: ``python -m benchmarks.long_documents [--sizes 100000,1000000,5000000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, print_table, require_data

DEFAULT_SIZES = (2_000, 250_000, 1_200_000, 5_000_000)


def build_text(size: int, seed: int = 7) -> str:
    """About ``size`` characters of real news paragraphs, blank-line separated."""
    paragraphs: list[str] = []
    with (require_data("gun-violence") / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["text"].split("\n"):
                if len(paragraph) > 80:
                    paragraphs.append(paragraph.strip())
            if len(paragraphs) > 20_000:
                break
    random.Random(seed).shuffle(paragraphs)
    chosen, total = [], 0
    for paragraph in paragraphs * (1 + size // max(1, sum(map(len, paragraphs)))):
        if total >= size:
            break
        chosen.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(chosen)[:size]


def _child(path: Path) -> None:
    """Extract the text at ``path`` once; print seconds, peak MiB and what came out."""
    import datetime as dt

    import jsonschema

    from newsledger.pipeline import Pipeline
    from newsledger.schema import Article

    text = path.read_text(encoding="utf-8")
    pipeline = Pipeline()
    article = Article.from_text(text, published=dt.date(2020, 1, 1))
    start = time.perf_counter()
    result = pipeline.extract(article)
    seconds = time.perf_counter() - start
    output = result.to_dict()
    schema = json.loads((Path(__import__("newsledger").__file__).parent / "newsledger-1.schema.json").read_text())
    jsonschema.validate(output, schema)
    wrong = sum(
        output["text"][m["start"]:m["end"]] != m["text"]
        for kind in ("entities", "times", "places")
        for m in output[kind]
    )
    print(json.dumps({
        "chars": len(output["text"]), "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "entities": len(output["entities"]), "events": len(output["events"]),
        "errors": len(output["errors"]), "wrong_offsets": wrong,
    }))


def run_long_documents(sizes: tuple[int, ...] = DEFAULT_SIZES) -> list[Row]:
    """One row set per size: seconds, characters per second, peak MiB, offsets wrong, errors."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"text-{size}.txt"
            path.write_text(build_text(size), encoding="utf-8")
            out = subprocess.run([sys.executable, "-m", "benchmarks.long_documents", "--child", str(path)],
                                 check=True, capture_output=True, text=True)
            f = json.loads(out.stdout.strip().splitlines()[-1])
            label = f"{f['chars']:,} characters"
            rows += [
                Row("gun-violence paragraphs", f"{label}: seconds", f["seconds"], None, "", f["events"]),
                Row("gun-violence paragraphs", f"{label}: characters/s", f["chars"] / f["seconds"], None, "", None),
                Row("gun-violence paragraphs", f"{label}: peak MiB", f["peak_mib"], None, "", None),
                Row("gun-violence paragraphs", f"{label}: wrong offsets", f["wrong_offsets"], None, "",
                    f["entities"]),
                Row("gun-violence paragraphs", f"{label}: extractor errors", f["errors"], None, "", None),
            ]
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(Path(args.child))
        return
    sizes = tuple(int(s) for s in args.sizes.split(","))
    print_table("One long document through the whole pipeline (one process each)", run_long_documents(sizes))


if __name__ == "__main__":
    main()
