"""Claim certainty, polarity and time status against MEANTIME's event factuality.

MEANTIME (NewsReader, CC BY 4.0) annotates every event mention in 120 English
Wikinews articles with ``certainty`` (CERTAIN, PROBABLE, POSSIBLE),
``polarity`` (POS, NEG) and ``time`` (NON_FUTURE, FUTURE), each possibly
UNDERSPECIFIED. newsledger labels claims, not events, so each event is scored
with the smallest claim whose content span holds the event's first token; an
event that no claim holds is "uncovered" and only counts against coverage.

Our labels map onto MEANTIME's: asserted, reported and denied are CERTAIN,
uncertain and alleged are NOT_CERTAIN (gold PROBABLE or POSSIBLE); negative
polarity or a denial is NEG; future and hypothetical are FUTURE. Gold
UNDERSPECIFIED (or empty) values are left out of that attribute's scores.
A claim's labels describe its main predicate, while MEANTIME labels every event
(purpose infinitives, relative clauses, nominalisations), so a second block
scores only the events at a root of their claim in spaCy's parse (the token
whose head lies outside the claim: the main verb of a sentence or of a quote).

Each article's first sentence is its headline and the second its dateline;
newsledger reads a headline as ``Article.title``, so the text handed to it is
the body (sentence 2 on, sentences joined by a space since MEANTIME keeps no
paragraphs) and events in headline and dateline are not scored.

The files are CAT XML: tokens with sentence numbers but no spacing, so the text
is rebuilt here with Penn-Treebank detokenisation rules while a map from token
to character offsets is kept. No library served: sacremoses' and NLTK's
detokenisers return only a string, without the offsets the alignment needs,
and no maintained reader for CAT XML exists. There is no published anchor for
claim-level labels scored on MEANTIME events; the anchor column shows the
majority-class baseline on the same events ("always CERTAIN", "always POS",
"always NON_FUTURE"), so a reader sees whether the rules beat doing nothing.

    python -m benchmarks.factuality_meantime [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from benchmarks.common import Row, print_table, require_data

DATASET = "MEANTIME en"
OUTLET = "Wikinews"

CERTAIN, NOT_CERTAIN = "CERTAIN", "NOT_CERTAIN"
GOLD_CERTAINTY = {"CERTAIN": CERTAIN, "PROBABLE": NOT_CERTAIN, "POSSIBLE": NOT_CERTAIN}
OUR_CERTAINTY = {
    "asserted": CERTAIN, "reported": CERTAIN, "denied": CERTAIN,
    "uncertain": NOT_CERTAIN, "alleged": NOT_CERTAIN,
}
GOLD_POLARITY = {"POS": "POS", "NEG": "NEG"}
GOLD_TIME = {"NON_FUTURE": "NON_FUTURE", "FUTURE": "FUTURE"}
OUR_TIME = {"past": "NON_FUTURE", "ongoing": "NON_FUTURE", "future": "FUTURE", "hypothetical": "FUTURE"}

BODY_SENTENCE = 2  # sentence 0 is the headline, 1 the dateline

# Penn-Treebank tokens that attach to the word before or after them.
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "”", "’", "...", "n't", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "`", "“", "‘", "US$", "#", "£", "€", "¥"}
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
# The tokeniser wrote double quotes as `` and ''; single opening quotes as `, closed by a
# straight ' (so ` goes back to ', or the quote finder would see a curly mark never closed).
_RENDER = {"``": "“", "''": "”", "`": "'"}


@dataclass(frozen=True)
class GoldEvent:
    """One MEANTIME event mention: where its first token lies and its factuality."""

    start: int
    end: int
    text: str
    certainty: str | None  # CERTAIN, NOT_CERTAIN, or None where MEANTIME leaves it unspecified
    polarity: str | None
    time: str | None


@dataclass(frozen=True)
class MeantimeDoc:
    """A MEANTIME article: headline, body rebuilt as plain text, gold body events, creation date."""

    name: str
    title: str
    text: str
    published: dt.date | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class ScoredEvent:
    """A gold event beside the labels of the claim that holds it (None when uncovered)."""

    doc: str
    event: GoldEvent
    claim_text: str | None
    certainty: str | None
    polarity: str | None
    time: str | None
    main_predicate: bool = False  # the event is a root of the claim's parse, not in a subordinate clause


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with Treebank spacing; return the text and each token's (start, end)."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    straight_open = False  # a straight " opens and closes by turns
    glue_next = True
    for token in tokens:
        rendered = _RENDER.get(token, token)
        opening = closing = False
        if token == '"':
            straight_open = not straight_open
            opening, closing = straight_open, not straight_open
        glue = glue_next or closing or token in _NO_SPACE_BEFORE or token.lower().startswith(_CLITICS)
        sep = "" if glue else " "
        parts.append(sep + rendered)
        length += len(sep)
        offsets.append((length, length + len(rendered)))
        length += len(rendered)
        glue_next = opening or token in _NO_SPACE_AFTER
    return "".join(parts), offsets


def _attr(element: ET.Element, name: str, allowed: dict[str, str]) -> str | None:
    return allowed.get(element.get(name, ""))


def read_meantime(path: Path) -> MeantimeDoc:
    """Read one CAT XML file: headline, rebuilt body text, gold body events and creation date.

    Sentence 0 is the headline and sentence 1 the dateline; newsledger takes a
    headline as metadata (``Article.title``), never as text, so the body starts
    at sentence 2 and events in the first two sentences are left out.
    """
    root = ET.parse(path).getroot()
    token_elements = root.findall("token")
    sentences = [int(t.get("sentence", "0")) for t in token_elements]
    title = detokenise([t.text or "" for t, s in zip(token_elements, sentences) if s == 0])[0]
    body = [i for i, s in enumerate(sentences) if s >= BODY_SENTENCE]
    text, body_offsets = detokenise([token_elements[i].text or "" for i in body])
    offsets = dict(zip(body, body_offsets))
    position = {t.get("t_id"): i for i, t in enumerate(token_elements)}
    markables = root.find("Markables")
    events: list[GoldEvent] = []
    published = None
    for element in markables if markables is not None else []:
        if element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            try:
                published = dt.date.fromisoformat(element.get("value", "")[:10])
            except ValueError:
                published = None
        anchors = [position[a.get("t_id")] for a in element.findall("token_anchor") if a.get("t_id") in position]
        if element.tag != "EVENT_MENTION" or not anchors or min(anchors) not in offsets:
            continue
        first = min(anchors)
        events.append(GoldEvent(
            start=offsets[first][0],
            end=offsets[first][1],
            text=text[offsets[first][0] : offsets[max(anchors)][1]],
            certainty=_attr(element, "certainty", GOLD_CERTAINTY),
            polarity=_attr(element, "polarity", GOLD_POLARITY),
            time=_attr(element, "time", GOLD_TIME),
        ))
    events.sort(key=lambda e: e.start)
    return MeantimeDoc(root.get("doc_name") or path.stem, title, text, published, tuple(events))


def corpus_paths() -> list[Path]:
    """The English intra-document files, sorted by file name across the four topics."""
    root = require_data("meantime", "intra-doc_annotation")
    return sorted(root.glob("*/*.xml"), key=lambda p: p.name)


class ClaimExtractor:
    """Claims for a text: the full pipeline when it fills claims, else quotes then claims directly."""

    def __init__(self) -> None:
        from newsledger.pipeline import Pipeline

        self.pipeline = Pipeline()
        # Until the pipeline runs the claims stage, call the extractors as the claims tests do.
        self.via_pipeline = "claims" in self.pipeline.runs.get("extractors", {})

    def claims(self, text: str, title: str, published: dt.date | None) -> tuple[list, Doc]:
        """The claims and the parse they were read from (parsed again here when the pipeline ran)."""
        from newsledger.schema import Article

        article = Article.from_text(text, title=title, published=published, outlet=OUTLET)
        # The pipeline keeps its parse to itself; spaCy parses a text the same way twice.
        doc = self.pipeline.nlp(text)
        if self.via_pipeline:
            return list(self.pipeline.extract(article).claims), doc
        from newsledger.extract.claims import extract_claims
        from newsledger.extract.entities import extract_entities
        from newsledger.extract.quotes import extract_quotes

        quotes, _ = extract_quotes(doc, extract_entities(doc))
        return extract_claims(doc, quotes, article)[0], doc


def _is_claim_root(doc: Doc, start: int, end: int, char: int) -> bool:
    """Whether the token at ``char`` is a root of the span ``start:end``: its head lies outside, or is itself."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    return token.head.i == token.i or not start <= token.head.idx < end


def align(doc: MeantimeDoc, claims: list, parsed: Doc | None = None) -> list[ScoredEvent]:
    """Pair each gold event with the smallest claim whose content holds its first token."""
    scored = []
    for event in doc.events:
        holders = [c for c in claims if c.content.start <= event.start and event.end <= c.content.end]
        if not holders:
            scored.append(ScoredEvent(doc.name, event, None, None, None, None))
            continue
        claim = min(holders, key=lambda c: c.content.end - c.content.start)
        polarity = "NEG" if claim.polarity == "negative" or claim.certainty == "denied" else "POS"
        span = claim.content
        main = parsed is not None and _is_claim_root(parsed, span.start, span.end, event.start)
        scored.append(ScoredEvent(
            doc.name, event, claim.content.text,
            OUR_CERTAINTY[claim.certainty], polarity, OUR_TIME[claim.time_status], main,
        ))
    return scored


def class_f1(pairs: list[tuple[str, str]], label: str) -> float:
    """F1 of one class over (gold, predicted) pairs."""
    tp = sum(g == label and p == label for g, p in pairs)
    predicted = sum(p == label for _, p in pairs)
    gold = sum(g == label for g, _ in pairs)
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def accuracy(pairs: list[tuple[str, str]]) -> float:
    """Share of (gold, predicted) pairs that agree."""
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0


def _pairs(scored: list[ScoredEvent], attribute: str) -> list[tuple[str, str]]:
    return [
        (getattr(s.event, attribute), getattr(s, attribute))
        for s in scored
        if getattr(s, attribute) is not None and getattr(s.event, attribute) is not None
    ]


# attribute, its two classes, and the minority class whose F1 is reported
ATTRIBUTES = (
    ("certainty", (CERTAIN, NOT_CERTAIN), NOT_CERTAIN),
    ("polarity", ("POS", "NEG"), "NEG"),
    ("time", ("NON_FUTURE", "FUTURE"), "FUTURE"),
)


def _attribute_rows(dataset: str, scored: list[ScoredEvent], subset: str, macro: bool) -> list[Row]:
    rows = []
    for attribute, classes, minority in ATTRIBUTES:
        pairs = _pairs(scored, attribute)
        majority = Counter(g for g, _ in pairs).most_common(1)[0][0] if pairs else ""
        baseline = [(g, majority) for g, _ in pairs]
        label = f"always {majority}"
        rows.append(Row(dataset, f"{attribute} accuracy{subset}", accuracy(pairs), accuracy(baseline),
                        label, len(pairs)))
        if macro:
            rows.append(Row(
                dataset, f"{attribute} macro-F1 ({'/'.join(classes)}){subset}",
                sum(class_f1(pairs, c) for c in classes) / len(classes),
                sum(class_f1(baseline, c) for c in classes) / len(classes), label, len(pairs),
            ))
        rows.append(Row(dataset, f"{attribute} {minority} F1{subset}", class_f1(pairs, minority),
                        class_f1(baseline, minority), label, sum(g == minority for g, _ in pairs)))
    return rows


def rows_from(scored: list[ScoredEvent], dataset: str = DATASET) -> list[Row]:
    """Coverage, then accuracy and F1 per attribute beside the majority-class baseline.

    The second block keeps only events at a root of their claim (the
    predicate the claim's labels describe); the first counts every event the
    claim holds, including those in subordinate clauses, which a claim-level
    label can only approximate.
    """
    covered = [s for s in scored if s.claim_text is not None]
    main = [s for s in covered if s.main_predicate]
    share = len(covered) / len(scored) if scored else 0.0
    return [
        Row(dataset, "event coverage (held by a claim)", share, None, "", len(scored)),
        *_attribute_rows(dataset, covered, "", macro=True),
        Row(dataset, "share of covered events at a root of their claim",
            len(main) / len(covered) if covered else 0.0, None, "", len(covered)),
        *_attribute_rows(dataset, main, ", claim roots", macro=False),
    ]


def score_documents(limit: int | None = None) -> list[ScoredEvent]:
    """Extract claims from the first ``limit`` MEANTIME documents (sorted by name) and align their events."""
    paths = corpus_paths()
    docs = [read_meantime(p) for p in (paths[:limit] if limit else paths)]
    extractor = ClaimExtractor()
    scored: list[ScoredEvent] = []
    for doc in docs:
        claims, parsed = extractor.claims(doc.text, doc.title, doc.published)
        scored.extend(align(doc, claims, parsed))
    return scored


def run_factuality_meantime(limit: int | None = None) -> list[Row]:
    """The benchmark table on the first ``limit`` documents (all 120 when None)."""
    return rows_from(score_documents(limit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (sorted by name)")
    parser.add_argument("--errors", action="store_true", help="print every covered event whose labels disagree")
    args = parser.parse_args()
    scored = score_documents(args.limit)
    print_table("Factuality: claim certainty, polarity and time vs MEANTIME event attributes", rows_from(scored))
    print("Anchor: the majority-class baseline on the same covered events (no published figure for")
    print("claim-level labels scored on MEANTIME events).\n")
    if args.errors:
        for s in scored:
            if s.claim_text is None:
                continue
            wrong = [
                f"{a}: gold {getattr(s.event, a)} ours {getattr(s, a)}"
                for a in ("certainty", "polarity", "time")
                if getattr(s.event, a) is not None and getattr(s.event, a) != getattr(s, a)
            ]
            if wrong:
                head = "head" if s.main_predicate else "sub"
                print(f"{s.doc} | {s.event.text!r} ({head}) | {'; '.join(wrong)} | {s.claim_text[:160]!r}")


if __name__ == "__main__":
    main()
