"""The local runner: every step of a batch in this one process, in the order documents come.

:func:`ingest` drives the steps of :mod:`newsledger.runners.stages`: the
documents read and cleaned are decided one by one as the extractor asks for
them (so the extractor batches them for spaCy as it likes), and each result
goes to the one :class:`~newsledger.runners.stages.Writer`. A runner that
extracts in other processes keeps the same shape: decisions and writes stay
here, only ``extract_many`` moves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence

from newsledger.config import Settings
from newsledger.errors import StoreUnavailableError
from newsledger.runners.stages import (
    LEDGER_EVERY,
    BatchStopped,
    BatchSummary,
    Dedupe,
    Duplicate,
    Extractor,
    Writer,
    iter_articles,
    load_near_duplicates,
)
from newsledger.schema import Article, IngestFailure

LOGGER = logging.getLogger(__name__)


def ingest(
    sources: Sequence[str],
    store,
    extractor: Extractor,
    defaults: dict | None = None,
    on_progress: Callable[[Article | IngestFailure], None] | None = None,
    ledger_every: int = LEDGER_EVERY,
    settings: Settings | None = None,
) -> BatchSummary:
    """Read, clean, decide, extract and store ``sources``; return what happened to each.

    ``settings`` default to the extractor's own (a :class:`~newsledger.pipeline.Pipeline`
    has them), else to the environment's.

    Raises:
        BatchStopped: the database could take no more writes (disk full,
            read-only, locked); what was stored before is kept.
    """
    settings = settings or getattr(extractor, "settings", None) or Settings()
    summary = BatchSummary()
    # What decides a run: a Pipeline names its trained models too; a bare extractor has its runs.
    identity = getattr(extractor, "identity", None) or extractor.runs
    writer = Writer(store, summary, ledger_every, identity)
    try:
        dedupe = Dedupe(store, identity, load_near_duplicates(store))

        def to_extract() -> Iterator[Article]:
            for item in iter_articles(sources, defaults, settings):
                if on_progress:
                    on_progress(item)
                if isinstance(item, IngestFailure):
                    writer.record_failure(item)
                    continue
                decision = dedupe.decide(item)
                if isinstance(decision, Duplicate):
                    writer.duplicate(decision)
                    continue
                writer.expect(decision)
                yield decision.article

        for result in extractor.extract_many(to_extract()):
            writer.write(result)
        writer.finish()
    except StoreUnavailableError as exc:
        raise BatchStopped(exc, summary) from exc
    return summary
