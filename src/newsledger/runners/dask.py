"""Extraction on a Dask cluster: its workers run the pipeline, this process (the client) decides and writes.

:class:`DaskExtractor` is an extract step like
:class:`~newsledger.runners.processes.ProcessExtractor`, over the workers of a
Dask ``distributed`` cluster: ``newsledger ingest --dask tcp://scheduler:8786``
connects to a running scheduler, ``--dask local`` starts a ``LocalCluster`` of
one single-threaded worker process per core. Each batch of articles is one
task; a worker loads the spaCy pipeline the first time it gets a batch and
keeps it (one per worker process, keyed by the settings). Results are taken
in the order the articles came, at most two batches per worker in flight, so
the one writer here stores exactly what a local run stores.

A worker that dies mid-batch loses nothing: the scheduler gives its tasks to
another worker (Dask recomputes lost results; ``retries`` covers a task that
raised), and since results are written only here, in order, nothing is stored
twice. The database never travels: workers need the package and the spaCy
pipeline installed (the same ``pip install``), not the database. A worker
whose install differs (another newsledger, spaCy pipeline, extractor or
event classifier version) refuses the batch, since its results would be
stored under this process's run: the ingest stops with one line naming the
difference, before anything of that batch is written.

Hand-written over ``distributed``'s futures: the order and the window are a
deque of futures, as for the local process pool.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsledger.config import Settings
from newsledger.errors import MissingExtraError, NewsledgerError
from newsledger.pipeline import Pipeline
from newsledger.runners.processes import IN_FLIGHT_PER_WORKER, batches
from newsledger.schema import Article, ExtractionResult

LOGGER = logging.getLogger(__name__)

# A task that raised is tried this many more times (a lost worker's tasks are recomputed anyway).
RETRIES = 2
_PIPELINES: dict[str, Pipeline] = {}


def extract_on_worker(articles: Sequence[Article], settings: dict[str, Any],
                      identity: dict[str, Any] | None = None) -> list[ExtractionResult]:
    """One batch on a Dask worker, with the pipeline it loaded for these settings.

    ``identity`` is the client's :attr:`Pipeline.identity`: a worker whose own
    differs raises :class:`NewsledgerError` instead of extracting.
    """
    key = repr(sorted(settings.items()))
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline(Settings(**settings))
    if identity is not None and pipeline.identity != identity:
        differ = sorted(k for k in identity.keys() | pipeline.identity.keys()
                        if identity.get(k) != pipeline.identity.get(k))
        raise NewsledgerError(
            "a Dask worker's install differs from this one in " + ", ".join(
                f"{k} ({pipeline.identity.get(k)!r} there, {identity.get(k)!r} here)" for k in differ)
            + ": install the same newsledger and spaCy pipeline on every worker")
    return list(pipeline.extract_many(articles))


def _client(address: str, workers: int | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtraError(
            "--dask needs Dask's distributed package: pip install -e \".[dask]\" (or \"newsledger[dask]\")"
        ) from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        return Client(cluster), cluster
    try:
        return Client(address, timeout="30s"), None
    except OSError as exc:
        raise NewsledgerError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


class DaskExtractor:
    """The extract step over a Dask cluster (see the module docstring); close it when done."""

    def __init__(self, pipeline: Pipeline, address: str, workers: int | None = None) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self.runs = pipeline.runs
        self.identity = pipeline.identity
        self.batch_size = pipeline.settings.batch_size
        self.client, self._cluster = _client(address, workers)

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """Every article's result, in the order the articles came."""
        settings = self.settings.model_dump()
        window = self.workers * IN_FLIGHT_PER_WORKER
        chunks = batches(articles, self.batch_size)
        pending: deque = deque()
        try:
            while True:
                while len(pending) < window and (chunk := next(chunks, None)) is not None:
                    pending.append(self.client.submit(extract_on_worker, chunk, settings, self.identity,
                                                      pure=False, retries=RETRIES))
                if not pending:
                    return
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


__all__ = ["DaskExtractor", "extract_on_worker"]
