"""Cross-document event coreference on MEANTIME: our incident links against gold event instances.

MEANTIME (NewsReader, CC BY 4.0) links event mentions in 120 English Wikinews
articles (Airbus, Apple, GM, stock market) to event instances shared across
documents (``intra_cross-doc_annotation``: an ``EVENT`` with an
``instance_id``, its mentions joined to it by ``REFERS_TO``). Each article's
body (sentence 2 on, as in :mod:`benchmarks.factuality_meantime`) goes through
the pipeline with the document's creation time as publication date, all event
mentions of all articles are resolved together into incidents, and our links
are scored against the gold instances.

Matching rule: a gold event mention (its anchor tokens' character span) is
*matched* to one of our event mentions when it overlaps the event's trigger or
one of its later references (``Event.mentions``); where several overlap, the one
whose trigger starts first wins. Scores are computed over matched gold mentions
only (the gold clusters restricted to them; gold mentions tied to no instance
are singletons); our cluster of a matched mention is its incident, or the event
alone when it joined none (an aggregate, a future event). The count of matched
gold mentions is printed: newsledger codes conflict, protest and coercion
events, so most business events in MEANTIME are never extracted, and the scores
say how well the mentions we do find are linked, not how many we find.

Metrics: MUC, B-cubed and CEAF-e (entity-based, optimal one-to-one cluster
alignment), and CoNLL F1 (their mean), as in the CoNLL-2012 scorer; a
singleton-only baseline (every mention its own cluster) is printed beside
ours. The anchor is about 0.80 CoNLL F1 for recent cross-document event
coreference systems on ECB+, a different corpus with gold mentions. Hand-written
scoring: the reference scorer is a Perl script, and the Python ports on PyPI
(e.g. ``coval``) are unmaintained and not installable from a plain registry
name; the three metrics are short and the alignment is a textbook Hungarian
algorithm.

    python -m benchmarks.coref_meantime [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from benchmarks.factuality_meantime import BODY_SENTENCE, detokenise

DATASET = "MEANTIME en cross-doc"
ANCHOR = 0.80
ANCHOR_NAME = "ECB+ recent systems, other corpus"

Clustering = dict[Hashable, Hashable]  # mention -> cluster label


@dataclass(frozen=True)
class GoldMention:
    doc: str
    m_id: str
    start: int
    end: int
    instance: str  # the gold instance id, or a singleton label


@dataclass(frozen=True)
class CrossDoc:
    name: str
    title: str
    text: str
    published: dt.date | None
    mentions: tuple[GoldMention, ...]


def read_cross_doc(path: Path) -> CrossDoc:
    """One CAT file: body text rebuilt, event mentions in the body with their gold instance."""
    root = ET.parse(path).getroot()
    name = root.get("doc_id") or path.stem
    tokens = root.findall("token")
    sentences = [int(t.get("sentence", "0")) for t in tokens]
    title = detokenise([t.text or "" for t, s in zip(tokens, sentences) if s == 0])[0]
    body = [i for i, s in enumerate(sentences) if s >= BODY_SENTENCE]
    text, body_offsets = detokenise([tokens[i].text or "" for i in body])
    offsets = dict(zip(body, body_offsets))
    position = {t.get("t_id"): i for i, t in enumerate(tokens)}
    markables = root.find("Markables")
    instances = {e.get("m_id"): e.get("instance_id") for e in markables if e.tag == "EVENT" and e.get("instance_id")}
    instance_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if relation.tag == "REFERS_TO" and target is not None and target.get("m_id") in instances:
            for source in relation.findall("source"):
                instance_of[source.get("m_id")] = instances[target.get("m_id")]
    published = None
    mentions = []
    for element in markables:
        if element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            try:
                published = dt.date.fromisoformat(element.get("value", "")[:10])
            except ValueError:
                published = None
        if element.tag != "EVENT_MENTION":
            continue
        anchors = [position[a.get("t_id")] for a in element.findall("token_anchor") if a.get("t_id") in position]
        if not anchors or any(a not in offsets for a in anchors):
            continue
        m_id = element.get("m_id")
        mentions.append(GoldMention(
            name, m_id, offsets[min(anchors)][0], offsets[max(anchors)][1],
            instance_of.get(m_id, f"singleton:{name}:{m_id}"),
        ))
    return CrossDoc(name, title, text, published, tuple(mentions))


def corpus_paths() -> list[Path]:
    root = require_data("meantime", "intra_cross-doc_annotation")
    return sorted(root.glob("*/*.xml"), key=lambda p: p.name)


# --- scoring -------------------------------------------------------------------------


def _clusters(assignment: Clustering) -> list[set]:
    groups: dict[Hashable, set] = defaultdict(set)
    for mention, label in assignment.items():
        groups[label].add(mention)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """MUC: links, as Vilain et al. (1995)."""
    def recall(key: Clustering, response: Clustering) -> float:
        num = den = 0
        for cluster in _clusters(key):
            parts = {response[m] for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num / den if den else 0.0
    r, p = recall(gold, predicted), recall(predicted, gold)
    return p, r, _f1(p, r)


def bcubed(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """B-cubed (Bagga and Baldwin, 1998): per-mention overlap of its two clusters."""
    gold_sets = {label: c for c in _clusters(gold) for label in [gold[next(iter(c))]]}
    pred_sets = {label: c for c in _clusters(predicted) for label in [predicted[next(iter(c))]]}
    p = r = 0.0
    for mention in gold:
        g, s = gold_sets[gold[mention]], pred_sets[predicted[mention]]
        common = len(g & s)
        p += common / len(s)
        r += common / len(g)
    n = len(gold)
    p, r = (p / n, r / n) if n else (0.0, 0.0)
    return p, r, _f1(p, r)


def ceaf_e(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """CEAF-e (Luo, 2005): best one-to-one alignment of clusters by phi4 similarity."""
    keys, responses = _clusters(gold), _clusters(predicted)
    if not keys or not responses:
        return 0.0, 0.0, 0.0
    similarity = [[2 * len(k & s) / (len(k) + len(s)) for s in responses] for k in keys]
    total = max_assignment(similarity)
    p, r = total / len(responses), total / len(keys)
    return p, r, _f1(p, r)


def max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment (Hungarian algorithm, O(n^3))."""
    rows, cols = len(weights), len(weights[0])
    n = max(rows, cols)
    # Minimise cost = -weight on a square matrix padded with zeros.
    cost = [[-(weights[i][j]) if i < rows and j < cols else 0.0 for j in range(n)] for i in range(n)]
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    match, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [float("inf")] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(-cost[match[j] - 1][j - 1] for j in range(1, n + 1) if match[j])


def score(gold: Clustering, predicted: Clustering) -> dict[str, tuple[float, float, float]]:
    """MUC, B-cubed, CEAF-e (P, R, F1) and CoNLL F1 over the mentions of ``gold``."""
    result = {"MUC": muc(gold, predicted), "B3": bcubed(gold, predicted), "CEAF-e": ceaf_e(gold, predicted)}
    conll = sum(f for _, _, f in result.values()) / 3
    result["CoNLL"] = (conll, conll, conll)
    return result


# --- the benchmark ---------------------------------------------------------------------


def match_gold(doc: CrossDoc, events) -> dict[GoldMention, tuple[str, int]]:
    """Gold mention -> (our event id, trigger start) by the matching rule of the docstring."""
    matched = {}
    ordered = sorted(events, key=lambda e: (e.trigger.start, e.id))
    for mention in doc.mentions:
        for event in ordered:
            spans = [event.trigger, *event.mentions]
            if any(s.start < mention.end and mention.start < s.end for s in spans):
                matched[mention] = event.id
                break
    return matched


def run_coref_meantime(limit: int | None = None) -> list[Row]:
    """Score incident links on MEANTIME's cross-document event instances."""
    from newsledger.pipeline import Pipeline
    from newsledger.resolve import EventRef, Resolver
    from newsledger.schema import Article

    pipeline = Pipeline()
    resolver = Resolver()
    matched: dict[GoldMention, str] = {}
    total_gold = 0
    for path in corpus_paths()[:limit]:
        doc = read_cross_doc(path)
        total_gold += len(doc.mentions)
        article = Article.from_text(doc.text, title=doc.title, published=doc.published, outlet="Wikinews",
                                    origin=str(path))
        events = pipeline.extract(article).events
        resolver.add([EventRef(article.id, article.id, article.outlet, e, article.published) for e in events])
        for mention, event_id in match_gold(doc, events).items():
            matched[mention] = f"{article.id}:{event_id}"
    gold = {m: m.instance for m in matched}
    predicted = {m: resolver.incident_of(key) or key for m, key in matched.items()}
    singletons = {m: m for m in matched}
    ours, baseline = score(gold, predicted), score(gold, singletons)
    n = len(matched)
    cross = len({m.instance for m in matched if not m.instance.startswith("singleton:")})
    rows = [
        Row(DATASET, "gold event mentions matched (of all in bodies)", n / total_gold if total_gold else 0.0, n=n),
        Row(DATASET, "gold instances among matched mentions", float(cross), n=n),
    ]
    for metric in ("MUC", "B3", "CEAF-e"):
        p, r, f = ours[metric]
        rows += [Row(DATASET, f"{metric} P", p, n=n), Row(DATASET, f"{metric} R", r, n=n),
                 Row(DATASET, f"{metric} F1", f, baseline[metric][2], "all singletons", n=n)]
    rows.append(Row(DATASET, "CoNLL F1", ours["CoNLL"][2], ANCHOR, ANCHOR_NAME, n=n))
    rows.append(Row(DATASET, "CoNLL F1, all-singletons baseline", baseline["CoNLL"][2], ANCHOR, ANCHOR_NAME, n=n))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = parser.parse_args()
    print_table("Cross-document event coreference (MEANTIME)", run_coref_meantime(args.limit))


if __name__ == "__main__":
    main()
