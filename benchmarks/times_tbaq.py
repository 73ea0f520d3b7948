"""Time expressions on TimeBank + AQUAINT (TBAQ-cleaned, TimeML): spans and TIMEX3 values.

Each ``.tml`` file is read without a TimeML library (none is maintained for
Python 3.11; the format is a handful of inline tags): the ``<TEXT>`` element's
tags are stripped to give the plain text and the gold ``TIMEX3`` offsets in
it, and the document creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``, inside ``<DCT>``) becomes the
``published`` date the extractor resolves against; the DCT itself is never
scored. Scoring follows TempEval-3: span precision, recall and F1 with strict
(exact offsets) and relaxed (any overlap) matching, value accuracy on relaxed
matches, and value F1, where a system mention counts as correct when it
overlaps a gold one and has the same value (correct / system, correct / gold).

The anchor is HeidelTime's TempEval-3 value F1 (77.61, UzZaman et al. 2013),
which was measured on the TempEval-3 platinum test set, not on TBAQ: a guide
to the order of magnitude, not a like-for-like comparison.

    python -m benchmarks.times_tbaq [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data

DATASET = "TBAQ"
HEIDELTIME_TE3_VALUE_F1 = 0.776
HEIDELTIME_TE3_STRICT_F1 = 0.813
HEIDELTIME_TE3_RELAXED_F1 = 0.903

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(frozen=True)
class TimemlDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimemlDoc:
    """Plain text of ``<TEXT>``, its gold TIMEX3 spans, and the creation date."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if dct_match:
        value = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
        try:
            dct = dt.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    chunk = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for match in _TAG.finditer(chunk):
        piece = html.unescape(chunk[pos : match.start()])
        parts.append(piece)
        length += len(piece)
        pos = match.end()
        closing, name, attrs, selfclosing = match.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, attr = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", attr.get("value", ""), attr.get("type", "")))
    tail = html.unescape(chunk[pos:])
    parts.append(tail)
    text = "".join(parts)
    timexes = [GoldTimex(t.start, t.end, text[t.start : t.end], t.value, t.type) for t in timexes]
    return TimemlDoc(path.stem, text, dct, tuple(sorted(timexes, key=lambda t: t.start)))


def corpus_paths(subsets: tuple[str, ...] = ("TimeBank", "AQUAINT")) -> list[Path]:
    root = require_data("time", "tbaq")
    return [p for sub in subsets for p in sorted((root / sub).glob("*.tml"))]


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    matched: int = 0
    value_matched: int = 0
    value_system: int = 0
    value_gold: int = 0


def score_document(gold: tuple[GoldTimex, ...], system: list, counts: Counts, errors: list | None = None) -> None:
    """Add one document's TempEval-3 counts; ``system`` holds TimeMention-like objects."""
    counts.gold += len(gold)
    counts.system += len(system)
    spans = {(g.start, g.end) for g in gold}
    counts.strict += sum((s.start, s.end) in spans for s in system)
    for s in system:
        overlapping = [g for g in gold if g.start < s.end and s.start < g.end]
        if overlapping:
            counts.relaxed_system += 1
            counts.value_system += any(g.value == s.value for g in overlapping)
        elif errors is not None:
            errors.append(("spurious", s.text, s.value, "", ""))
    for g in gold:
        overlapping = [s for s in system if g.start < s.end and s.start < g.end]
        if overlapping:
            counts.relaxed_gold += 1
            counts.matched += 1
            good = any(g.value == s.value for s in overlapping)
            counts.value_gold += good
            counts.value_matched += good
            if errors is not None and not good:
                errors.append(("value", overlapping[0].text, overlapping[0].value, g.text, g.value))
            elif errors is not None and (overlapping[0].start, overlapping[0].end) != (g.start, g.end):
                errors.append(("extent", overlapping[0].text, overlapping[0].value, g.text, g.value))
        elif errors is not None:
            errors.append(("missed", "", "", g.text, g.value))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def rows_from(counts: Counts, dataset: str = DATASET, docs: int | None = None) -> list[Row]:
    """The benchmark table: strict and relaxed span scores, value accuracy and value F1."""
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    strict_p, strict_r = ratio(counts.strict, counts.system), ratio(counts.strict, counts.gold)
    relaxed_p, relaxed_r = ratio(counts.relaxed_system, counts.system), ratio(counts.relaxed_gold, counts.gold)
    value_p, value_r = ratio(counts.value_system, counts.system), ratio(counts.value_gold, counts.gold)
    anchor = "HeidelTime, TE3 test set"
    n = counts.gold
    return [
        Row(dataset, "strict span precision", strict_p, None, "", counts.system),
        Row(dataset, "strict span recall", strict_r, None, "", n),
        Row(dataset, "strict span F1", _f1(strict_p, strict_r), HEIDELTIME_TE3_STRICT_F1, anchor, n),
        Row(dataset, "relaxed span precision", relaxed_p, None, "", counts.system),
        Row(dataset, "relaxed span recall", relaxed_r, None, "", n),
        Row(dataset, "relaxed span F1", _f1(relaxed_p, relaxed_r), HEIDELTIME_TE3_RELAXED_F1, anchor, n),
        Row(dataset, "value accuracy on matched spans", ratio(counts.value_matched, counts.matched), None, "", counts.matched),
        Row(dataset, "value F1", _f1(value_p, value_r), HEIDELTIME_TE3_VALUE_F1, anchor, n),
    ]


def run_times_tbaq(limit: int | None = None, subsets: tuple[str, ...] = ("TimeBank", "AQUAINT"),
                   errors: list | None = None) -> list[Row]:
    """Extract time expressions from TBAQ documents (sorted by name, the first ``limit``) and score them."""
    from newsledger.extract.times import extract_times
    from newsledger.nlp import load_nlp

    paths = corpus_paths(subsets)[:limit] if limit else corpus_paths(subsets)
    docs = [read_timeml(p) for p in paths]
    nlp = load_nlp()
    counts = Counts()
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        score_document(doc.timexes, extract_times(parsed, doc.dct), counts, errors)
    return rows_from(counts, f"{DATASET} {'+'.join(subsets)}", len(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each run")
    parser.add_argument("--errors", action="store_true", help="print every miss, spurious match and wrong value")
    args = parser.parse_args()
    errors: list | None = [] if args.errors else None
    rows = run_times_tbaq(args.limit, errors=errors)
    print_table("Time expressions: TimeBank + AQUAINT (TBAQ-cleaned), TempEval-3 scoring", rows)
    print("Anchors: HeidelTime's TempEval-3 Task A figures (UzZaman et al. 2013) were measured on the")
    print("TE3 platinum test set, not on TBAQ; they show the order of magnitude only.\n")
    for error in errors or []:
        print(" | ".join(str(x) for x in error))


if __name__ == "__main__":
    main()
