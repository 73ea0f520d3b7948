"""The local runner: every step of a batch in this one process, in the order documents come.

:func:`ingest` drives the steps of :mod:`newsledger.runners.stages`: the
documents read and cleaned are decided one by one as the extractor asks for
them (so the extractor batches them for spaCy as it likes), and each result
goes to the one :class:`~newsledger.runners.stages.Writer`. A runner that
extracts in other processes keeps the same shape: decisions and writes stay
here, only ``extract_many`` moves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsledger.config import Settings
from newsledger.errors import StoreUnavailableError
from newsledger.ingest import STDIN, expand_sources
from newsledger.runners.stages import (
    LEDGER_EVERY,
    BatchStopped,
    BatchSummary,
    Dedupe,
    Duplicate,
    Extractor,
    InputFile,
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
    checkpoints: bool = True,
) -> BatchSummary:
    """Read, clean, decide, extract and store ``sources``; return what happened to each.

    ``settings`` default to the extractor's own (a :class:`~newsledger.pipeline.Pipeline`
    has them), else to the environment's. With ``checkpoints``, each input file
    whose documents are all stored is recorded (``ingest_files``), and a later
    run with the same pipeline skips it unless it changed: a batch killed at any
    moment resumes with the file it was reading (what of it was stored is a
    duplicate then, not stored twice).

    Raises:
        BatchStopped: the database could take no more writes (disk full,
            read-only, locked); what was stored before is kept.
    """
    settings = settings or getattr(extractor, "settings", None) or Settings()
    summary = BatchSummary()
    # What decides a run: a Pipeline names its trained models too; a bare extractor has its runs.
    identity = getattr(extractor, "identity", None) or extractor.runs
    # A run with other command-line metadata (a --published it lacked) reads the files again.
    digest = identity_digest({**identity, "defaults": defaults or {}})
    writer = Writer(store, summary, ledger_every, identity)
    try:
        dedupe = Dedupe(store, identity, load_near_duplicates(store))

        def decided(items, file: str | None) -> Iterator[Article]:
            for item in items:
                if on_progress:
                    on_progress(item)
                if isinstance(item, IngestFailure):
                    writer.record_failure(item, file)
                    continue
                decision = dedupe.decide(item)
                if isinstance(decision, Duplicate):
                    writer.duplicate(decision, file)
                    continue
                writer.expect(decision, file)
                yield decision.article

        def to_extract() -> Iterator[Article]:
            for source in expand_sources(sources):
                if isinstance(source, IngestFailure):
                    yield from decided([source], None)
                    continue
                checkpoint = input_file(source, digest) if checkpoints else None
                if checkpoint is None:
                    yield from decided(iter_articles([source], defaults, settings), None)
                    continue
                if store.file_finished(checkpoint.path, digest, checkpoint.size, checkpoint.mtime_ns):
                    summary.resumed_files += 1
                    continue
                writer.open_file(checkpoint)
                yield from decided(iter_articles([source], defaults, settings), checkpoint.path)
                writer.close_file(checkpoint.path)

        for result in extractor.extract_many(to_extract()):
            writer.write(result)
        writer.finish()
    except StoreUnavailableError as exc:
        raise BatchStopped(exc, summary) from exc
    return summary


def identity_digest(identity: dict[str, Any]) -> str:
    """A short digest of what decides a run (its checkpoints belong to it)."""
    return hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def input_file(source: str, digest: str) -> InputFile | None:
    """The checkpoint of an input file as it is now, or None for stdin and paths that are no file."""
    if source == STDIN:
        return None
    try:
        status = os.stat(source)
    except OSError:
        return None  # reading it gives its failure
    return InputFile(os.path.abspath(source), digest, status.st_size, status.st_mtime_ns)
