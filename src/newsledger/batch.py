"""Batches: sources in, cleaned articles through the pipeline, results out or stored.

:func:`iter_articles` reads and cleans every source, turning each unreadable
document into an :class:`IngestFailure` instead of an exception.
:func:`ingest` adds the store on top: exact duplicates (same content hash) are
skipped before any extraction, near-duplicates are stored and linked with
``duplicate_of``, an article already stored under older extractor versions gets
a new run beside the old one, and a summary counts each outcome with every
failure's reason. An exact duplicate met under another URL or outlet is
recorded as a copy of the stored article (syndication: one source). An article
stored without a publication date and met again with one takes that date and is
extracted again. The ledger takes in the new events as the batch goes, every
:data:`LEDGER_EVERY` stored articles and at the end
(:meth:`newsledger.ledger.Ledger.update`), so a batch cut short leaves its
stored articles in the ledger but for the last few.

When the database cannot take writes at all (disk full, read-only, locked past
the wait), the batch stops at that write with a :class:`BatchStopped` error:
every article saved before it is kept whole, none after it is read, and running
the same command again resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsledger.clean import prepare
from newsledger.clean.dedupe import NearDuplicateIndex
from newsledger.config import Settings
from newsledger.errors import StoreUnavailableError
from newsledger.ingest import check_defaults, read_sources, with_defaults
from newsledger.pipeline import Pipeline
from newsledger.schema import Article, ExtractionResult, IngestFailure
from newsledger.ledger import Ledger, LedgerUpdate

LOGGER = logging.getLogger(__name__)

# Stored articles between two ledger updates within one batch.
LEDGER_EVERY = 25


class BatchStopped(StoreUnavailableError):
    """The store refused a write that no later article could avoid; ``summary`` is what was done."""

    def __init__(self, cause: StoreUnavailableError, summary: BatchSummary) -> None:
        stored = summary.new + summary.reextracted
        super().__init__(f"{cause} ({stored} articles stored in this run before it stopped.)")
        self.cause = cause
        self.summary = summary


@dataclass
class BatchSummary:
    """What one ``ingest`` did, article by article."""

    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    reextracted: int = 0
    copies: int = 0
    dated_later: int = 0  # stored undated, now given a date and extracted again
    undated: int = 0  # stored in this run with no publication date
    extraction_errors: int = 0  # stored, but an extractor failed on them (see ``extraction_errors``)
    failures: list[IngestFailure] = field(default_factory=list)
    ledger: LedgerUpdate = field(default_factory=LedgerUpdate)

    @property
    def read(self) -> int:
        """Documents read successfully (whatever became of them)."""
        return self.new + self.duplicates + self.reextracted

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        dated = f" ({self.dated_later} given a date they lacked)" if self.dated_later else ""
        undated = (
            f"; {self.undated} articles have no publication date, so their events without a full date of "
            f"their own stay out of the ledger: give --published, a sidecar NAME.json or a page's date"
            if self.undated else ""
        )
        return (
            f"{self.new} new ({self.near_duplicates} near-duplicates linked), "
            f"{self.duplicates} duplicates ({self.copies} under a new URL or outlet), "
            f"{self.reextracted} re-extracted{dated}, {len(self.failures)} failed"
            f"{f', {self.extraction_errors} with an extractor error' if self.extraction_errors else ''}; incidents: "
            f"{len(self.ledger.created)} new, {len(self.ledger.changed)} updated, "
            f"{len(self.ledger.replaced)} merged away{undated}"
        )


def iter_articles(
    sources: Sequence[str], defaults: dict | None = None, settings: Settings | None = None
) -> Iterator[Article | IngestFailure]:
    """Read and clean every document in ``sources``; failures are yielded, not raised."""
    settings = settings or Settings()
    checked = check_defaults(defaults)
    for raw in read_sources(sources, max_bytes=settings.max_bytes):
        if isinstance(raw, IngestFailure):
            yield raw
            continue
        try:
            article = prepare(raw)
        except Exception as exc:  # a cleaner bug must not end the batch
            LOGGER.exception("cleaning failed for %s", raw.origin)
            yield IngestFailure(raw.origin, f"cleaning failed: {type(exc).__name__}: {exc}")
            continue
        # Command-line metadata fills only what the document itself does not say,
        # so a page's own publication date wins over --published.
        yield with_defaults(article, checked)


def extract_sources(
    sources: Sequence[str],
    pipeline: Pipeline,
    defaults: dict | None = None,
    on_failure: Callable[[IngestFailure], None] | None = None,
) -> Iterator[ExtractionResult]:
    """Extract every readable document of ``sources``; no database involved."""
    yield from pipeline.extract_many(_articles_only(iter_articles(sources, defaults, pipeline.settings), on_failure))


def ingest(
    sources: Sequence[str],
    store,
    pipeline: Pipeline,
    defaults: dict | None = None,
    on_progress: Callable[[Article | IngestFailure], None] | None = None,
    ledger_every: int = LEDGER_EVERY,
) -> BatchSummary:
    """Read, clean, extract and store ``sources``; return what happened to each.

    Raises:
        BatchStopped: the database could take no more writes (disk full,
            read-only, locked); what was stored before is kept.
    """
    summary = BatchSummary()
    try:
        _ingest(sources, store, pipeline, defaults, on_progress, ledger_every, summary)
    except StoreUnavailableError as exc:
        raise BatchStopped(exc, summary) from exc
    return summary


def _ingest(sources, store, pipeline: Pipeline, defaults, on_progress, ledger_every: int,
            summary: BatchSummary) -> None:
    near_index = NearDuplicateIndex()
    for article_id, text in store.iter_article_texts():
        near_index.add(article_id, text)
    duplicate_of: dict[str, str | None] = {}
    outcome: dict[str, str] = {}  # article id -> "new" | "near" | "reextracted" | "dated", counted once stored
    seen: set[str] = set()
    copies: list[Article] = []
    ledger = Ledger(store)
    unresolved = 0

    def to_extract(items: Iterable[Article | IngestFailure]) -> Iterator[Article]:
        for item in items:
            if on_progress:
                on_progress(item)
            if isinstance(item, IngestFailure):
                summary.failures.append(item)
                store.record_failure(item.origin, item.reason)
                continue
            if item.id in seen:
                summary.duplicates += 1
                copies.append(item)
                continue
            seen.add(item.id)
            stored, published = store.stored_published(item.id)
            if stored:
                if published is None and item.published is not None:
                    outcome[item.id] = "dated"  # extracted again against the date it now has
                    yield item
                    continue
                if store.has_run(item.id, pipeline.runs, published):
                    summary.duplicates += 1
                    copies.append(item)
                    continue
                outcome[item.id] = "reextracted"
                # Relative dates resolve against the date the article is stored with.
                yield dataclasses.replace(item, published=published)
                continue
            match = near_index.find(item.text)
            duplicate_of[item.id] = match
            outcome[item.id] = "near" if match else "new"
            near_index.add(item.id, item.text)
            yield item

    for result in pipeline.extract_many(to_extract(iter_articles(sources, defaults, pipeline.settings))):
        article = result.article
        kind = outcome.pop(article.id)
        try:
            store.save(result, duplicate_of=duplicate_of.pop(article.id, None))
        except StoreUnavailableError:
            raise  # no later article could be saved either: the batch stops here
        except Exception as exc:  # the store rolled this article back; the batch goes on
            LOGGER.info("storing %s failed: %s", article.id, exc)  # the summary lists it
            failure = IngestFailure(article.origin or article.id, f"could not store: {type(exc).__name__}: {exc}")
            summary.failures.append(failure)
            continue
        summary.extraction_errors += bool(result.errors)
        if kind in ("reextracted", "dated"):
            summary.reextracted += 1
            summary.dated_later += kind == "dated"
        else:
            summary.new += 1
            summary.near_duplicates += kind == "near"
            summary.undated += article.published is None
        unresolved += 1
        if unresolved >= ledger_every:
            _update_ledger(ledger, summary)
            unresolved = 0
    # Copies are written once their article is stored (a copy within one batch may come first).
    summary.copies = sum(store.record_copy(copy) for copy in copies if store.has_article(copy.id))
    _update_ledger(ledger, summary)


def _update_ledger(ledger: Ledger, summary: BatchSummary) -> None:
    """Take the articles stored so far into the ledger; a failure is recorded, the articles stay."""
    try:
        summary.ledger = summary.ledger.then(ledger.update())
    except StoreUnavailableError:
        raise
    except Exception as exc:  # the articles are stored; `newsledger resolve` can take them in later
        LOGGER.warning("updating the ledger failed: %s: %s", type(exc).__name__, exc)
        if not any(f.origin == "ledger" for f in summary.failures):
            summary.failures.append(IngestFailure(
                "ledger", f"incidents not updated ({type(exc).__name__}: {exc}); "
                          "the articles are stored, run `newsledger resolve`"))


def _articles_only(
    items: Iterable[Article | IngestFailure], on_failure: Callable[[IngestFailure], None] | None
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, IngestFailure):
            if on_failure:
                on_failure(item)
            continue
        yield item
