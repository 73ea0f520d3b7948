"""Extraction on every core: worker processes run the pipeline, this process keeps deciding and writing.

:class:`ProcessExtractor` is an extract step (``runs``, ``identity``,
``settings``, ``extract_many``) over ``workers`` processes, each of which loads
the spaCy pipeline once and extracts batches of articles. Batches go out as
they are read and their results come back *in the order the articles came*,
so the one :class:`~newsledger.runners.stages.Writer` stores them exactly as a
single process would: the same articles, runs, mentions, ledger updates and
incident ids (tested against ``--workers 1``). At most two batches per worker
are in flight, so memory does not grow with the input.

A short input (fewer articles than one batch for each worker) is extracted
here with the pipeline this process already holds: starting workers (each
loads spaCy, several seconds) would cost more than it saves. If a worker dies
(killed, out of memory), its batches are sent again to a fresh pool; an
article that kills a worker twice gets an extraction error of stage
``"worker"`` and is stored like any other failure, and the batch goes on.

Hand-written over :mod:`concurrent.futures`: its process pool reports a dead
worker (``BrokenProcessPool``) instead of hanging, which ``multiprocessing.Pool``
does not; the ordering and the bounded window are a deque of futures.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsledger.config import Settings
from newsledger.pipeline import Pipeline
from newsledger.schema import Article, ExtractionError, ExtractionResult

LOGGER = logging.getLogger(__name__)

# Batches in flight per worker: one being extracted, one waiting.
IN_FLIGHT_PER_WORKER = 2
# Tries of a batch on fresh pools before its articles are tried one by one.
BATCH_TRIES = 2

_PIPELINE: Pipeline | None = None


def _start_worker(settings: dict[str, Any]) -> None:
    """Load the pipeline once in a worker process."""
    global _PIPELINE
    _PIPELINE = Pipeline(Settings(**settings))


def extract_batch(articles: Sequence[Article]) -> list[ExtractionResult]:
    """What a worker does with one batch (the pipeline it loaded at start)."""
    assert _PIPELINE is not None, "worker started without its pipeline"
    return list(_PIPELINE.extract_many(articles))


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def worker_failure(article: Article, why: str) -> ExtractionResult:
    """The result of an article no worker could extract: no extractions, one error saying why."""
    return ExtractionResult(article=article, errors=[ExtractionError(stage="worker", message=why)])


class ProcessExtractor:
    """The extract step over ``workers`` processes (see the module docstring)."""

    def __init__(self, pipeline: Pipeline, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.pipeline = pipeline
        self.workers = workers
        self.settings = pipeline.settings
        self.runs = pipeline.runs
        self.identity = pipeline.identity
        self.batch_size = pipeline.settings.batch_size

    def _pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        # Spawned, not forked: a fork would copy this process's open database connections.
        return ProcessPoolExecutor(
            workers or self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(self.settings.model_dump(),),
        )

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """Every article's result, in the order the articles came."""
        chunks = batches(articles, self.batch_size)
        first = list(itertools.islice(chunks, self.workers))
        chunks = itertools.chain(first, chunks)
        if self.workers == 1 or len(first) < self.workers:
            for chunk in chunks:  # one worker asked for, or too little for more: this process is the worker
                yield from self.pipeline.extract_many(chunk)
            return
        yield from self._in_pool(chunks)

    def _in_pool(self, chunks: Iterator[list[Article]]) -> Iterator[ExtractionResult]:
        window = self.workers * IN_FLIGHT_PER_WORKER
        self._executor = self._pool()
        pending: deque[tuple[list[Article], Future]] = deque()
        try:
            while True:
                while len(pending) < window and (chunk := next(chunks, None)) is not None:
                    pending.append((chunk, self._submit(chunk, pending)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    self._restart(pending)
                    results = self._again(chunk)
                yield from results
        finally:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[Article], pending: deque) -> Future:
        try:
            return self._executor.submit(extract_batch, chunk)
        except BrokenProcessPool:
            self._restart(pending)
            return self._executor.submit(extract_batch, chunk)

    def _restart(self, pending: deque) -> None:
        """A worker died and took the pool with it: a fresh pool, and every batch in flight sent again."""
        LOGGER.warning("an extraction worker died; its batches are extracted again")
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._pool()
        for number, (chunk, _) in enumerate(list(pending)):
            pending[number] = (chunk, self._executor.submit(extract_batch, chunk))

    def _again(self, chunk: list[Article]) -> list[ExtractionResult]:
        """A batch whose worker died: once more whole, then article by article, each in a fresh pool."""
        for _ in range(BATCH_TRIES - 1):
            results = self._alone(chunk)
            if results is not None:
                return results
        out = []
        for article in chunk:
            results = self._alone([article])
            out += results if results is not None else [worker_failure(article, "the extraction worker died on it")]
        return out

    def _alone(self, chunk: list[Article]) -> list[ExtractionResult] | None:
        pool = self._pool(1)
        try:
            return pool.submit(extract_batch, chunk).result()
        except BrokenProcessPool:
            return None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["ProcessExtractor", "batches", "extract_batch", "worker_failure"]
