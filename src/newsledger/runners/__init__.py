"""Batch runners: the steps of a batch (:mod:`~newsledger.runners.stages`) and what drives them.

:func:`newsledger.runners.local.ingest` runs every step in this process. The
steps pass small frozen records between them, and only the extract step
(``Iterable[Article] -> Iterator[ExtractionResult]``) is free of the
database, so a runner may run it elsewhere while one writer saves.
"""

from newsledger.runners.local import ingest
from newsledger.runners.stages import (
    LEDGER_EVERY,
    BatchStopped,
    BatchSummary,
    Dedupe,
    Duplicate,
    Extractor,
    ToExtract,
    Writer,
    iter_articles,
    load_near_duplicates,
)

__all__ = [
    "LEDGER_EVERY",
    "BatchStopped",
    "BatchSummary",
    "Dedupe",
    "Duplicate",
    "Extractor",
    "ToExtract",
    "Writer",
    "ingest",
    "iter_articles",
    "load_near_duplicates",
]
