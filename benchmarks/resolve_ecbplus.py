"""Cross-document event coreference on ECB+: our incidents against gold event chains, on the mentions we cover.

ECB+ (Cybulska and Vossen 2014, CC BY 3.0) annotates every event mention
(``ACTION_*`` and ``NEG_ACTION_*`` markables) in news articles of 43 topics, each
topic holding two real incidents of one kind, with chains across documents
(``CROSS_DOC_COREF``, whose ``note`` is the instance id) and within one
(``INTRA_DOC_COREF``, chains that join no cross-document instance: kept as a
chain of their document, as ECB+'s own README describes them). Any other
mention is a singleton. Only mentions in the sentences listed in
``ECBplus_coreference_sentences.csv`` are scored, the usual evaluation. Only the
training and development topics are here (Cybulska and Vossen 2015's split);
the test topics (36-45) are kept apart and never read.

How: each document's text is rebuilt from its tokens (one space between
tokens, a newline between sentences; an ``ecbplus`` file's sentence 0 is the
page's address, kept as the article's url and out of the text), and goes
through the full pipeline as an article of its own outlet, with no title and
no publication date: ECB+ gives none, and the ``ecb``/``ecbplus`` half is gold
information about which incident a document tells. Every event extracted from
every document goes into one :class:`newsledger.resolve.Resolver` pool, with no
topic information: the published systems cluster within gold topics (or
predicted ones), so one pool of all topics is the harder setting. Without a
publication date an event links only when its own words date it, so many
covered events join no incident.

Matching rule (as :mod:`benchmarks.coref_meantime`): a gold mention is
*covered* when its character span overlaps one of our events' trigger or
later references (``Event.mentions``); where several overlap, the event whose
trigger starts first wins. Our cluster of a covered mention is its event's
incident, or the event alone when it joined none (every mention of one event
stays together). Scores are MUC, B-cubed, CEAF-e and CoNLL F1 on covered
mentions only (gold chains restricted to them), for the training topics, the
development topics, and the violent or crime topics (of both), each scored on
its own mentions of the one pool. Beside ours: the *lemma baseline* (covered
mentions whose lowercased gold text is the same word form are one cluster,
across documents, also with no topic information) and all singletons, on the
same mentions. Newsledger codes conflict, protest and coercion events, so
coverage is low outside the violent topics and the scores say how well the
mentions we find are linked. The anchor (0.80-0.88 CoNLL F1 for recent systems)
is on the test topics with all gold mentions and gold or predicted topics: not
comparable, a sense of scale only.

CEAF-e is computed per connected part of the mention graph (mentions joined
by a gold or a predicted cluster), which gives the same optimum as one
alignment: clusters in different parts share no mention, so their similarity
is zero; it keeps the cubic alignment to small matrices.

    python -m benchmarks.resolve_ecbplus [--topics 12,18] [--dev-only] [--limit-docs N]
"""

from __future__ import annotations

import argparse
import csv
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from benchmarks.coref_meantime import Clustering, bcubed, ceaf_e, match_gold, muc

DEVELOPMENT_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TEST_TOPICS = range(36, 46)
VIOLENT_TOPICS = (3, 8, 12, 13, 14, 16, 18, 19, 21, 22, 24, 26, 32, 33, 35)
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
ANCHOR = 0.80
ANCHOR_NAME = "published, test topics, gold mentions: not comparable"


@dataclass(frozen=True)
class GoldMention:
    """One gold event mention: its span in the rebuilt text and its chain label."""

    doc: str
    m_id: str
    tag: str
    start: int
    end: int
    text: str
    sentence: int
    chain: str  # the cross-document instance id, a within-document chain, or a singleton label


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ file: the rebuilt text, the page's address if given, the scored gold mentions."""

    name: str  # "12_1ecbplus"
    topic: int
    text: str
    url: str | None
    mentions: tuple[GoldMention, ...]


def read_scored_sentences(path: Path) -> dict[str, set[int]]:
    """``ECBplus_coreference_sentences.csv`` as document name ("12_1ecbplus") -> sentence numbers."""
    scored: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            scored[f"{record['Topic'].strip()}_{record['File'].strip()}"].add(int(record["Sentence Number"]))
    return dict(scored)


def read_ecb_document(path: Path, sentences: set[int] | None = None) -> EcbDocument:
    """One CAT file: text rebuilt from its tokens, its event mentions (in ``sentences`` only, when given)."""
    root = ET.parse(path).getroot()
    name = path.stem
    address_line = name.endswith("ecbplus")  # sentence 0 of the added half is the page's address
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    address: list[str] = []
    position, previous = 0, None
    for token in root.iter("token"):
        word, sentence = token.text or "", int(token.get("sentence", "0"))
        if address_line and sentence == 0:
            address.append(word)
            continue
        if previous is not None:
            pieces.append("\n" if sentence != previous else " ")
            position += 1
        offsets[token.get("t_id")] = (position, position + len(word))
        sentence_of[token.get("t_id")] = sentence
        pieces.append(word)
        position += len(word)
        previous = sentence
    text = "".join(pieces)
    chains = _chains(root, name)
    mentions = []
    for markable in _children(root, "Markables"):
        anchors = [a.get("t_id") for a in markable.findall("token_anchor") if a.get("t_id") in offsets]
        if not markable.tag.startswith(EVENT_TAGS) or not anchors:
            continue
        sentence = sentence_of[anchors[0]]
        if sentences is not None and sentence not in sentences:
            continue
        start, end = min(offsets[a][0] for a in anchors), max(offsets[a][1] for a in anchors)
        m_id = markable.get("m_id")
        mentions.append(GoldMention(
            name, m_id, markable.tag, start, end, text[start:end], sentence,
            chains.get(m_id, f"singleton:{name}:{m_id}"),
        ))
    return EcbDocument(name, int(name.split("_")[0]), text, "".join(address) or None, tuple(mentions))


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    section = root.find(tag)
    return [] if section is None else list(section)


def _chains(root: ET.Element, name: str) -> dict[str, str]:
    """Mention id -> chain label: the instance id of its cross-document chain, else its within-document chain."""
    chains: dict[str, str] = {}
    for relation in _children(root, "Relations"):
        if relation.tag == "CROSS_DOC_COREF":
            label = relation.get("note") or f"cross:{name}:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            label = f"intra:{name}:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chains.setdefault(source.get("m_id"), label)
    return chains


def corpus_topics(folder: Path) -> list[int]:
    """The topics present (training and development only: the test topics are never looked for)."""
    found = (int(p.name) for p in (folder / "ECB+").iterdir() if p.is_dir() and p.name.isdigit())
    return sorted(t for t in found if t not in TEST_TOPICS)


def read_topics(topics: Iterable[int], folder: Path, limit_docs: int | None = None) -> list[EcbDocument]:
    """Every document of ``topics`` (at most ``limit_docs`` of each, by file name), scored sentences only."""
    scored = read_scored_sentences(folder / "ECBplus_coreference_sentences.csv")
    documents = []
    for topic in topics:
        if topic in TEST_TOPICS:
            raise ValueError(f"topic {topic} is a test topic (36-45), kept apart from the benchmark")
        paths = sorted((folder / "ECB+" / str(topic)).glob(f"{topic}_*.xml"), key=_document_order)
        if not paths:
            raise ValueError(f"topic {topic} has no files under {folder / 'ECB+'}")
        for path in paths[:limit_docs]:
            documents.append(read_ecb_document(path, scored.get(path.stem, set())))
    return documents


def _document_order(path: Path) -> tuple[int, str]:
    number = path.stem.split("_", 1)[1]
    digits = "".join(c for c in number if c.isdigit())
    return int(digits), number


# --- scoring -------------------------------------------------------------------------


def _parts(gold: Clustering, predicted: Clustering) -> list[list[Hashable]]:
    """Mentions in connected parts: two mentions are joined when a gold or a predicted cluster holds both."""
    parent = {m: m for m in gold}

    def find(m):
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for clustering in (gold, predicted):
        first: dict[Hashable, Hashable] = {}
        for mention in gold:
            label = clustering[mention]
            if label in first:
                parent[find(mention)] = find(first[label])
            else:
                first[label] = mention
    parts: dict[Hashable, list] = defaultdict(list)
    for mention in gold:
        parts[find(mention)].append(mention)
    return list(parts.values())


def ceaf_e_by_parts(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """CEAF-e as :func:`benchmarks.coref_meantime.ceaf_e`, aligned part by part (see module docstring)."""
    total, keys, responses = 0.0, 0, 0
    for part in _parts(gold, predicted):
        key = {m: gold[m] for m in part}
        response = {m: predicted[m] for m in part}
        n_keys, n_responses = len(set(key.values())), len(set(response.values()))
        precision, _, _ = ceaf_e(key, response)
        total += precision * n_responses
        keys += n_keys
        responses += n_responses
    if not keys:
        return 0.0, 0.0, 0.0
    p, r = total / responses, total / keys
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score_f1(gold: Clustering, predicted: Clustering) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e and CoNLL F1 over the mentions of ``gold``."""
    found = {"MUC": muc(gold, predicted)[2], "B3": bcubed(gold, predicted)[2],
             "CEAF-e": ceaf_e_by_parts(gold, predicted)[2]}
    found["CoNLL"] = sum(found.values()) / 3
    return found


# --- the benchmark ---------------------------------------------------------------------


@dataclass(frozen=True)
class Covered:
    """A covered gold mention, our cluster of it, and whether the resolver took its event (it has an incident)."""

    mention: GoldMention
    topic: int
    cluster: str
    linked: bool


def resolve_documents(documents: list[EcbDocument], pipeline=None) -> tuple[list[Covered], int]:
    """Extract every document, resolve all events in one pool; covered mentions and failed documents."""
    from newsledger.pipeline import Pipeline
    from newsledger.resolve import EventRef, Resolver
    from newsledger.schema import Article

    pipeline = pipeline or Pipeline()
    articles = [
        Article.from_text(doc.text, title=None, url=doc.url, outlet=f"ECB+ {doc.name}", published=None,
                          origin=doc.name)
        for doc in documents
    ]
    refs: list[EventRef] = []
    matched: list[tuple[GoldMention, int, str]] = []
    failed = 0
    for doc, article, result in zip(documents, articles, pipeline.extract_many(articles)):
        failed += bool(result.errors)
        refs += [EventRef(article.id, article.id, article.outlet, event, None) for event in result.events]
        for mention, event_id in match_gold(doc, result.events).items():
            matched.append((mention, doc.topic, f"{article.id}:{event_id}"))
    resolver = Resolver()
    resolver.add(refs)
    covered = []
    for mention, topic, key in matched:
        incident = resolver.incident_of(key)
        covered.append(Covered(mention, topic, incident or key, incident is not None))
    return covered, failed


def score_subset(name: str, scored: int, covered: list[Covered]) -> list[Row]:
    """The rows of one set of topics: coverage, then ours, the lemma baseline and singletons on covered mentions."""
    dataset = f"ECB+ {name}"
    n = len(covered)
    rows = [
        Row(dataset, "gold event mentions covered (of scored)", n / scored if scored else 0.0, n=scored),
        Row(dataset, "covered mentions the resolver took (event dated by its words)",
            sum(c.linked for c in covered) / n if n else 0.0, n=n),
    ]
    if not n:
        return rows
    rows.append(Row(dataset, "covered mentions in a cluster spanning documents",
                    _share_across_documents(covered, lambda c: c.cluster),
                    _share_across_documents(covered, lambda c: c.mention.chain), "gold", n=n))
    gold = {c.mention: c.mention.chain for c in covered}
    ours = score_f1(gold, {c.mention: c.cluster for c in covered})
    lemma = score_f1(gold, {c.mention: c.mention.text.lower() for c in covered})
    singletons = score_f1(gold, {c.mention: c.mention for c in covered})
    for metric in ("MUC", "B3", "CEAF-e"):
        rows.append(Row(dataset, f"{metric} F1", ours[metric], lemma[metric], "lemma baseline", n=n))
    rows += [
        Row(dataset, "CoNLL F1", ours["CoNLL"], ANCHOR, ANCHOR_NAME, n=n),
        Row(dataset, "CoNLL F1, lemma baseline", lemma["CoNLL"], ANCHOR, ANCHOR_NAME, n=n),
        Row(dataset, "CoNLL F1, all-singletons baseline", singletons["CoNLL"], ANCHOR, ANCHOR_NAME, n=n),
    ]
    return rows


def _share_across_documents(covered: list[Covered], label_of) -> float:
    documents: dict[Hashable, set[str]] = defaultdict(set)
    for c in covered:
        documents[label_of(c)].add(c.mention.doc)
    return sum(len(documents[label_of(c)]) > 1 for c in covered) / len(covered)


def run_resolve_ecbplus(topics: Iterable[int] | None = None, limit_docs: int | None = None,
                        pipeline=None) -> list[Row]:
    """Score our incidents on ECB+'s event chains: all ``topics`` (default every one present) in one pool."""
    folder = require_data("ecbplus")
    chosen = sorted(set(topics)) if topics is not None else corpus_topics(folder)
    documents = read_topics(chosen, folder, limit_docs)
    covered, failed = resolve_documents(documents, pipeline)
    subsets = [
        ("training topics", lambda t: t not in DEVELOPMENT_TOPICS),
        ("development topics", lambda t: t in DEVELOPMENT_TOPICS),
        ("violent or crime topics", lambda t: t in VIOLENT_TOPICS),
    ]
    rows = []
    for name, holds in subsets:
        docs = [d for d in documents if holds(d.topic)]
        if docs:
            scored = sum(len(d.mentions) for d in docs)
            rows += score_subset(name, scored, [c for c in covered if holds(c.topic)])
    rows.append(Row("ECB+ all topics read", "documents with an extraction error",
                    failed / len(documents) if documents else 0.0, n=len(documents)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default=None, help="comma-separated topics (default: every one present)")
    parser.add_argument("--dev-only", action="store_true", help="the development topics only")
    parser.add_argument("--limit-docs", type=int, default=None, help="at most N documents of each topic")
    args = parser.parse_args()
    topics = [int(t) for t in args.topics.split(",")] if args.topics else None
    if args.dev_only:
        topics = [t for t in topics or DEVELOPMENT_TOPICS if t in DEVELOPMENT_TOPICS]
    started = time.perf_counter()
    rows = run_resolve_ecbplus(topics, args.limit_docs)
    print_table("Cross-document event coreference (ECB+, training and development topics, one pool)", rows)
    print(f"wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
