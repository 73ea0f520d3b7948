"""Time expressions on TimeBank + AQUAINT (TBAQ-cleaned, TimeML): spans and TIMEX3 values.

Each ``.tml`` file is read with the standard library (the format is a handful
of inline tags, and no TimeML reader is among the project's dependencies): the
``<TEXT>`` element's tags are stripped to give the plain text and the gold
``TIMEX3`` offsets in it, and the document creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``, inside ``<DCT>``) becomes the
``published`` date the extractor resolves against; the DCT itself is never
scored. Scoring follows TempEval-3: span precision, recall and F1 with strict
(exact offsets) and relaxed (any overlap) matching, value accuracy on relaxed
matches, and value F1, where a system mention counts as correct when it
overlaps a gold one and has the same value (correct / system, correct / gold).

The anchors are HeidelTime's TempEval-3 Task A figures (UzZaman et al. 2013:
strict F1 81.34, relaxed F1 90.30, value F1 77.61), measured on the TempEval-3
platinum test set, not on TBAQ: a guide to the order of magnitude, not a
like-for-like comparison.

MEANTIME's 120 English Wikinews articles (CAT XML; tokens joined back into
text; only the annotated title and first sentences; the dateline's creation
date left out) are scored the same way as a held-out check: the rules were
written while reading TBAQ's errors; MEANTIME was scored only afterwards, and
its errors were used to fix plain bugs, not to tune rules.

    python -m benchmarks.times_tbaq [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

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


# MEANTIME annotates the title, the dateline and the first four sentences (numbered 0 to 5) only.
MEANTIME_LAST_SENTENCE = 5
_NO_SPACE_BEFORE = {",", ".", ";", ":", "'s", "n't", ")", "?", "!", "%", "'", "''"}
_NO_SPACE_AFTER = {"(", "$", "``"}


def read_meantime(path: Path) -> TimemlDoc:
    """A MEANTIME (CAT XML) document: tokens joined back into text, its TIMEX3s, its creation date.

    Only the annotated sentences are kept (MEANTIME annotates the title, the
    dateline and the first four sentences), and the creation date's own tokens
    (the dateline) are left out, as TBAQ keeps its DCT outside ``<TEXT>``.
    """
    root = ElementTree.parse(path).getroot()
    markables = root.find("Markables")
    timexes = [] if markables is None else list(markables.iter("TIMEX3"))
    dct, dct_tokens = None, set()
    for timex in timexes:
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_tokens = {a.get("t_id") for a in timex.iter("token_anchor")}
            value = timex.get("value") or ""
            us_order = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)  # one file writes "03-02-2009"
            try:
                dct = dt.date(int(us_order[3]), int(us_order[1]), int(us_order[2])) if us_order else dt.date.fromisoformat(value[:10])
            except ValueError:
                dct = None  # two files have no creation time: relative values stay empty there
    text, offsets, sentence, previous = "", {}, None, ""
    for token in root.iter("token"):
        if token.get("t_id") in dct_tokens or int(token.get("sentence") or 0) > MEANTIME_LAST_SENTENCE:
            continue
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            text += "\n"
        elif text and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            text += " "
        offsets[token.get("t_id")] = (len(text), len(text) + len(word))
        text += word
        sentence, previous = token.get("sentence"), word
    gold = []
    for timex in timexes:
        ids = [a.get("t_id") for a in timex.iter("token_anchor") if a.get("t_id") in offsets]
        if timex.get("functionInDocument") == "CREATION_TIME" or not ids:
            continue
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        gold.append(GoldTimex(start, end, text[start:end], timex.get("value") or "", timex.get("type") or ""))
    return TimemlDoc(path.stem, text, dct, tuple(sorted(gold, key=lambda g: g.start)))


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


def rows_from(counts: Counts, dataset: str = DATASET) -> list[Row]:
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
                   errors: list | None = None, per_subset: bool = False) -> list[Row]:
    """Extract time expressions from TBAQ documents and score them against the gold TIMEX3s.

    Args:
        limit: only the first ``limit`` documents (sorted by subset, then name).
        subsets: which TBAQ folders to read.
        errors: when a list, each miss, spurious match, extent and value error is
            appended as ``(document, kind, system text, system value, gold text, gold value)``.
        per_subset: add each subset's own rows after the combined ones.
    """
    from newsledger.extract.times import extract_times
    from newsledger.nlp import load_nlp

    paths = corpus_paths(subsets)[:limit] if limit else corpus_paths(subsets)
    docs = [read_timeml(p) for p in paths]
    nlp = load_nlp()
    total, by_subset = Counts(), {name: Counts() for name in subsets}
    for path, doc, parsed in zip(paths, docs, nlp.pipe(d.text for d in docs)):
        mentions = extract_times(parsed, doc.dct)
        found: list | None = [] if errors is not None else None
        score_document(doc.timexes, mentions, total, found)
        score_document(doc.timexes, mentions, by_subset[path.parent.name])
        if errors is not None:
            errors.extend((doc.name, *error) for error in found)
    rows = rows_from(total, f"{DATASET} {'+'.join(subsets)}")
    if per_subset and len(subsets) > 1:
        for name in subsets:
            rows += rows_from(by_subset[name], f"{DATASET} {name}")
    return rows


def run_times_meantime(limit: int | None = None, errors: list | None = None) -> list[Row]:
    """The same scoring on MEANTIME's 120 English Wikinews articles, a set the rules were never tuned on."""
    from newsledger.extract.times import extract_times
    from newsledger.nlp import load_nlp

    paths = sorted(require_data("meantime", "intra-doc_annotation").glob("*/*.xml"))[:limit or None]
    docs = [read_meantime(p) for p in paths]
    counts = Counts()
    for doc, parsed in zip(docs, load_nlp().pipe(d.text for d in docs)):
        found: list | None = [] if errors is not None else None
        score_document(doc.timexes, extract_times(parsed, doc.dct), counts, found)
        if errors is not None:
            errors.extend((doc.name, *error) for error in found)
    return rows_from(counts, "MEANTIME en (held out)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--errors", action="store_true", help="print every miss, spurious match and wrong value")
    args = parser.parse_args()
    errors: list | None = [] if args.errors else None
    rows = run_times_tbaq(args.limit, errors=errors, per_subset=True)
    print_table("Time expressions: TimeBank + AQUAINT (TBAQ-cleaned), TempEval-3 scoring", rows)
    print("Anchors: HeidelTime's TempEval-3 Task A figures (UzZaman et al. 2013) were measured on the")
    print("TE3 platinum test set, not on TBAQ; they show the order of magnitude only. The rules were")
    print("developed while reading TBAQ errors (generic rules only), so TBAQ is no blind test. MEANTIME is")
    print("the held-out check: it was scored only once the rules were written, and its error list was used")
    print("to fix plain bugs (matches inside words such as 'A350s', \"80's\"), never to tune a rule.\n")
    print_table("Time expressions: MEANTIME English Wikinews (held out), same scoring", run_times_meantime(args.limit, errors))
    for error in errors or []:
        print(" | ".join(str(x) for x in error))


if __name__ == "__main__":
    main()
