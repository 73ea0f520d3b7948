"""Batches: sources in, cleaned articles through the pipeline, results out or stored.

:func:`iter_articles` reads and cleans every source, turning each unreadable
document into an :class:`IngestFailure` instead of an exception;
:func:`extract_sources` extracts them with no database involved.
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

This module is the batch API callers use; the steps themselves are in
:mod:`newsledger.runners.stages` and the loop that drives them in one process in
:mod:`newsledger.runners.local`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from newsledger.pipeline import Pipeline
from newsledger.runners import local
from newsledger.runners.stages import (
    LEDGER_EVERY,
    BatchStopped,
    BatchSummary,
    iter_articles,
)
from newsledger.schema import Article, ExtractionResult, IngestFailure

__all__ = ["LEDGER_EVERY", "BatchStopped", "BatchSummary", "extract_sources", "ingest", "iter_articles"]


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
    checkpoints: bool = True,
    extractor=None,
) -> BatchSummary:
    """Read, clean, extract and store ``sources``; return what happened to each.

    ``extractor`` runs the extraction instead of ``pipeline`` in this process
    (worker processes or a cluster: :mod:`newsledger.runners.processes`,
    :mod:`newsledger.runners.dask`). With ``checkpoints``, input files finished
    by an earlier run with the same pipeline are skipped (see
    :func:`newsledger.runners.local.ingest`).

    Raises:
        BatchStopped: the database could take no more writes (disk full,
            read-only, locked); what was stored before is kept.
    """
    return local.ingest(
        sources, store, extractor or pipeline, defaults, on_progress, ledger_every, settings=pipeline.settings,
        checkpoints=checkpoints,
    )


def _articles_only(
    items: Iterable[Article | IngestFailure], on_failure: Callable[[IngestFailure], None] | None
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, IngestFailure):
            if on_failure:
                on_failure(item)
            continue
        yield item
