"""Quotes on PolNeAR: content spans (exact and overlap), speaker and cue accuracy.

PolNeAR (``quotes/polnear``: 2016 US election news, BRAT standoff with
``Source``, ``Cue`` and ``Content`` spans joined by an ``Attribution`` event)
annotates every attribution, beliefs and intentions included. We score our
quotes against it:

- content precision/recall/F1, exact (same span once surrounding whitespace and
  punctuation are trimmed) and overlap (characters shared, one-to-one, largest
  overlap first);
- speaker accuracy: on overlap-matched pairs whose gold has a Source, our
  speaker's mention overlaps the gold Source span, or resolves to the same
  entity name as the gold source text;
- cue accuracy: on matched pairs, our cue overlaps the gold Cue;
- each split by kind: direct (gold content holds a quotation mark; ours:
  the same test) and indirect (the rest).

Our quotes sharing one cue count as one attribution (a quote split around
"she said", a verbatim fragment inside its paraphrase), as PolNeAR tags each
token with one attribution. Articles with
several annotators use the first annotation file by name.

Run: ``python -m benchmarks.quotes_polnear [--split train dev] [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data

QUOTE_MARKS = "“”\"«»„"
_TRIM = " \t\n,.;:!?\"“”‘’'«»„()—–-"


@dataclass(frozen=True)
class Attribution:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_text: str
    direct: bool


def load_article(ann: Path, text: str) -> list[Attribution]:
    """Parse one BRAT file into attributions (discontinuous spans become their hull)."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            fields = line.split("\t")
            if len(fields) < 2 or " " not in fields[1]:
                continue  # a damaged line in the corpus: skip it rather than the article
            tid, info, *rest = fields
            label, offsets = info.split(" ", 1)
            try:
                parts = [tuple(map(int, p.split())) for p in offsets.split(";")]
            except ValueError:
                continue
            spans[tid] = (label, min(p[0] for p in parts), max(p[1] for p in parts), rest[0] if rest else "")
        elif line.startswith("E"):
            events.append(dict(arg.split(":") for arg in line.split("\t")[1].split()))
    out = []
    for event in events:
        roles = {role.rstrip("0123456789"): spans.get(tid) for role, tid in event.items()}
        content = roles.get("Content")
        if not content:
            continue
        cue = roles.get("Cue")
        source = roles.get("Source")
        body = text[content[1] : content[2]]
        out.append(
            Attribution(
                content=(content[1], content[2]),
                cue=(cue[1], cue[2]) if cue else None,
                source=(source[1], source[2]) if source else None,
                source_text=source[3] if source else "",
                direct=any(m in body for m in QUOTE_MARKS),
            )
        )
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(frozen=True)
class SystemAttribution:
    """Our quotes grouped as PolNeAR groups them: one attribution per cue."""

    content: "TextSpan"
    speaker: object
    cue: object
    direct: bool


def _system_quotes(result) -> list[SystemAttribution]:
    """Our quotes as attributions.

    PolNeAR tags each token with one attribution and joins a quote split around
    its cue ("“X,” she said, “Y.”") into one: so quotes sharing a cue (a
    continuation inherits its cue) become one attribution spanning them, and a direct quote
    nested in a paraphrase from the same cue counts once. Direct means the
    content holds a quotation mark, the same test as for the gold.
    """
    from newsledger.schema import TextSpan

    groups: dict[object, list] = {}
    order = []
    for q in result.quotes:
        key = (q.cue.start, q.cue.end) if q.cue is not None else ("q", q.id)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(q)
    text = result.article.text
    out = []
    for key in order:
        members = groups[key]
        start = min(q.content.start for q in members)
        end = max(q.content.end for q in members)
        first = members[0]
        body = text[start:end]
        out.append(SystemAttribution(TextSpan(body, start, end), first.speaker, first.cue, any(m in body for m in QUOTE_MARKS)))
    return out


def _match(gold: list[Attribution], system: list, text: str):
    """One-to-one overlap matching, largest overlap first; also the exact matches."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            size = _overlap(g.content, (s.content.start, s.content.end))
            if size:
                pairs.append((size, gi, si))
    pairs.sort(reverse=True)
    used_g, used_s, matched = set(), set(), []
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            matched.append((gold[gi], system[si]))
    exact = 0
    for g, s in matched:
        if _trim(text, *g.content) == _trim(text, s.content.start, s.content.end):
            exact += 1
    return matched, exact


def _speaker_ok(g: Attribution, s, text: str) -> bool:
    speaker = s.speaker
    if speaker is None:
        return False
    if speaker.mention is not None and _overlap(g.source, (speaker.mention.start, speaker.mention.end)):
        return True
    # The gold source is often a pronoun or title; a resolved name that contains it counts too.
    gold = re.sub(r"\W+", " ", g.source_text).strip().lower()
    name = (speaker.canonical or "").lower()
    return bool(gold) and bool(name) and (gold in name or name.split()[-1] in gold.split())


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    matched: int = 0
    exact: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    with_cue: int = 0
    cue_ok: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def iter_documents(splits: tuple[str, ...], limit: int | None):
    """(text, gold attributions, publication date) per article."""
    root = require_data("quotes", "polnear")
    count = 0
    for split in splits:
        anns: dict[str, Path] = {}
        for ann in sorted((root / split / "attributions").glob("*.ann")):
            stem = ann.stem.rsplit("_", 1)[0]
            anns.setdefault(stem, ann)
        for stem in sorted(anns):
            path = root / split / "text" / f"{stem}.txt"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            yield stem, text, load_article(anns[stem], text)
            count += 1
            if limit and count >= limit:
                return


def run_quotes_polnear(splits: tuple[str, ...] = ("train", "dev"), limit: int | None = None, pipeline=None) -> list[Row]:
    """Score the pipeline's quotes on PolNeAR; rows for all, direct and indirect."""
    from newsledger.pipeline import Pipeline
    from newsledger.schema import Article

    pipeline = pipeline or Pipeline()
    tallies = {"all": Tally(), "direct": Tally(), "indirect": Tally()}
    docs = list(iter_documents(splits, limit))
    articles = [Article.from_text(text, origin=stem) for stem, text, _ in docs]
    for (stem, text, gold), result in zip(docs, pipeline.extract_many(articles)):
        system = _system_quotes(result)
        for kind in ("all", "direct", "indirect"):
            g = [a for a in gold if kind == "all" or a.direct == (kind == "direct")]
            s = [q for q in system if kind == "all" or q.direct == (kind == "direct")]
            matched, exact = _match(g, s, text)
            t = tallies[kind]
            t.gold += len(g)
            t.system += len(s)
            t.matched += len(matched)
            t.exact += exact
            for ga, sq in matched:
                if ga.source:
                    t.with_source += 1
                    t.speaker_ok += _speaker_ok(ga, sq, text)
                if ga.cue:
                    t.with_cue += 1
                    t.cue_ok += bool(sq.cue and _overlap(ga.cue, (sq.cue.start, sq.cue.end)))
    rows = []
    name = "PolNeAR " + "+".join(splits)
    for kind, t in tallies.items():
        n = t.gold
        _, _, f_overlap = t.prf(t.matched)
        p_o, r_o, _ = t.prf(t.matched)
        p_e, r_e, f_exact = t.prf(t.exact)
        rows += [
            Row(name, f"{kind}: content overlap precision", p_o, None, "", n),
            Row(name, f"{kind}: content overlap recall", r_o, None, "", n),
            Row(name, f"{kind}: content overlap F1", f_overlap, 0.833, "PARC 3.0-trained model, overlap", n),
            Row(name, f"{kind}: content exact F1", f_exact, 0.593, "PARC 3.0-trained model, exact", n),
            Row(name, f"{kind}: speaker accuracy (matched)", t.speaker_ok / t.with_source if t.with_source else 0.0,
                0.865, "rule-based news quote extractor, own data", t.with_source),
            Row(name, f"{kind}: cue accuracy (matched)", t.cue_ok / t.with_cue if t.with_cue else 0.0, None, "", t.with_cue),
        ]
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", default=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    rows = run_quotes_polnear(tuple(args.split), args.limit)
    print_table(f"Quotes on PolNeAR ({' + '.join(args.split)})", rows)


if __name__ == "__main__":
    main()
