"""The steps of a batch, each with explicit inputs and outputs: read, clean, decide, extract, write.

A batch is, in order of data flow:

1. :func:`read`: sources -> :class:`~newsledger.ingest.RawDocument` or
   :class:`~newsledger.schema.IngestFailure` (an unreadable document is a
   failure, never an exception);
2. :func:`clean`: one raw document -> an :class:`Article` (command-line
   metadata filling only what the document does not say) or a failure;
3. :class:`Dedupe` (the decision): one article -> :class:`Duplicate` (stored,
   or met earlier in this batch, with these extractor versions: nothing to
   extract, maybe a copy under another URL) or :class:`ToExtract` (new,
   near-duplicate, re-extracted, or given a date it lacked), with the
   article as it must be extracted, its ``duplicate_of`` and the
   near-duplicate signature to keep with it. It only reads the store;
4. extract: an :class:`Extractor`'s ``extract_many``, ``Iterable[Article] ->
   Iterator[ExtractionResult]``. It touches no database, so a runner may run
   it in other processes; results may come back in any order;
5. :class:`Writer`: the one step that writes. It records failures, saves each
   result with what its decision said, records copies once their article is
   stored, updates the ledger every ``ledger_every`` stored articles and at
   the end, and counts everything in a :class:`BatchSummary`.

The near-duplicate index is kept in the store (``articles.minhash``, written
by the same transaction as its article): :func:`load_near_duplicates` reads
the stored signatures once per batch instead of hashing every stored text.
Articles stored without one (before revision 0006, or saved directly without
a signature) get it lazily, here: their texts are hashed once and the
signatures written back, so the next batch only reads them.

When the database cannot take writes at all (disk full, read-only, locked
past the wait), the writer's :class:`~newsledger.errors.StoreUnavailableError`
goes up to the runner, which stops the batch with :class:`BatchStopped`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from newsledger.clean import prepare
from newsledger.clean.dedupe import (
    NearDuplicateIndex,
    signature_bytes,
    signature_from_bytes,
    text_signature,
)
from newsledger.config import Settings
from newsledger.errors import StoreUnavailableError
from newsledger.ingest import check_defaults, read_sources, with_defaults
from newsledger.ledger import Ledger, LedgerUpdate
from newsledger.schema import Article, ExtractionResult, IngestFailure, RawDocument

LOGGER = logging.getLogger(__name__)

# Stored articles between two ledger updates within one batch.
LEDGER_EVERY = 25

# Signatures computed for older articles written back per transaction.
_SIGNATURES_PER_WRITE = 500

Kind = Literal["new", "near", "reextracted", "dated"]


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
    resumed_files: int = 0  # input files an earlier run of the batch finished: skipped
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
        resumed = f"{self.resumed_files} files finished by an earlier run skipped; " if self.resumed_files else ""
        return (
            f"{resumed}{self.new} new ({self.near_duplicates} near-duplicates linked), "
            f"{self.duplicates} duplicates ({self.copies} under a new URL or outlet), "
            f"{self.reextracted} re-extracted{dated}, {len(self.failures)} failed"
            f"{f', {self.extraction_errors} with an extractor error' if self.extraction_errors else ''}; incidents: "
            f"{len(self.ledger.created)} new, {len(self.ledger.changed)} updated, "
            f"{len(self.ledger.replaced)} merged away{undated}"
        )


@dataclass
class InputFile:
    """One input file of a checkpointed batch: its identity as read, and what is still to store."""

    path: str
    identity: str  # digest of what decides a run
    size: int
    mtime_ns: int
    documents: int = 0
    pending: int = 0  # results expected and not yet stored
    closed: bool = False  # every document read and decided


@dataclass(frozen=True)
class Duplicate:
    """An article with nothing to extract: stored (or met before in this batch) with these versions."""

    article: Article  # as it was read: its URL and outlet may make it a copy


@dataclass(frozen=True)
class ToExtract:
    """An article to extract and save, and what its save must record."""

    article: Article  # as it must be extracted (a re-extraction takes its stored date)
    kind: Kind
    duplicate_of: str | None = None  # the stored or earlier article it nearly duplicates
    minhash: bytes | None = None  # its near-duplicate signature, kept with a new article


class Extractor(Protocol):
    """What the extract step needs: the versions it records, and results for articles."""

    runs: dict[str, Any]

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """One result per article (in any order)."""
        ...


# 1-2. Read and clean -------------------------------------------------------------------------


def read(sources: Sequence[str], settings: Settings) -> Iterator[RawDocument | IngestFailure]:
    """Every document of ``sources``, or the failure that stands for it."""
    yield from read_sources(sources, max_bytes=settings.max_bytes)


def clean(raw: RawDocument, defaults: dict) -> Article | IngestFailure:
    """One document's cleaned article; ``defaults`` (checked) fill what the document does not say."""
    try:
        article = prepare(raw)
    except Exception as exc:  # a cleaner bug must not end the batch
        LOGGER.exception("cleaning failed for %s", raw.origin)
        return IngestFailure(raw.origin, f"cleaning failed: {type(exc).__name__}: {exc}")
    # Command-line metadata fills only what the document itself does not say,
    # so a page's own publication date wins over --published.
    return with_defaults(article, defaults)


def iter_articles(
    sources: Sequence[str], defaults: dict | None = None, settings: Settings | None = None
) -> Iterator[Article | IngestFailure]:
    """Read and clean every document in ``sources``; failures are yielded, not raised."""
    settings = settings or Settings()
    checked = check_defaults(defaults)
    for raw in read(sources, settings):
        yield raw if isinstance(raw, IngestFailure) else clean(raw, checked)


# 3. Decide -----------------------------------------------------------------------------------


def load_near_duplicates(store) -> NearDuplicateIndex:
    """The near-duplicate index of every stored article, from the signatures the store keeps.

    An article without a current signature (stored before they were kept, or
    with other hashing parameters) has its text hashed now, and the signature
    is written back so that the next batch only reads it.

    Raises:
        StoreUnavailableError: writing the computed signatures was refused.
    """
    index = NearDuplicateIndex()
    missing: list[str] = []
    for article_id, data in store.iter_minhashes():
        current, minhash = signature_from_bytes(data) if data is not None else (False, None)
        if current:
            index.add_signature(article_id, minhash)
        else:
            missing.append(article_id)
    if not missing:
        return index
    computed: dict[str, bytes] = {}
    for article_id, text in store.iter_texts(missing):
        minhash = text_signature(text)
        index.add_signature(article_id, minhash)
        computed[article_id] = signature_bytes(minhash)
        if len(computed) >= _SIGNATURES_PER_WRITE:  # short write transactions
            store.save_minhashes(computed)
            computed = {}
    store.save_minhashes(computed)
    LOGGER.info("computed and kept the near-duplicate signatures of %d stored articles", len(missing))
    return index


class Dedupe:
    """The decision for each article: a duplicate, or what to extract and how to save it.

    Only reads the store. Articles decided here go into ``index`` at once, so a
    near-duplicate of an article earlier in the same batch is found even
    before that article is saved.
    """

    def __init__(self, store, identity: dict[str, Any], index: NearDuplicateIndex) -> None:
        self.store = store
        self.identity = identity  # what decides a run (see Pipeline.identity)
        self.index = index
        self._seen: set[str] = set()

    def decide(self, article: Article) -> Duplicate | ToExtract:
        """What to do with ``article`` (met in this order within the batch)."""
        if article.id in self._seen:
            return Duplicate(article)
        self._seen.add(article.id)
        stored, published = self.store.stored_published(article.id)
        if stored:
            if published is None and article.published is not None:
                return ToExtract(article, "dated")  # extracted again against the date it now has
            if self.store.has_run(article.id, self.identity, published):
                return Duplicate(article)
            # Relative dates resolve against the date the article is stored with.
            return ToExtract(dataclasses.replace(article, published=published), "reextracted")
        minhash = text_signature(article.text)
        match = self.index.find_signature(minhash)
        self.index.add_signature(article.id, minhash)
        return ToExtract(article, "near" if match else "new", match, signature_bytes(minhash))


# 5. Write ------------------------------------------------------------------------------------


class Writer:
    """The batch's one writer: failures, saves, copies and ledger updates, counted in ``summary``.

    :meth:`expect` each decision before its result comes to :meth:`write`;
    results may come in any order. A near-duplicate whose original is
    expected but not yet written waits for it (its ``duplicate_of`` must name
    a stored article), so the stored rows do not depend on the order.
    """

    def __init__(self, store, summary: BatchSummary, ledger_every: int = LEDGER_EVERY,
                 identity: dict[str, Any] | None = None) -> None:
        self.store = store
        self.identity = identity  # what decides a run, as the extract step declares it
        self.summary = summary
        self.ledger_every = ledger_every
        self.ledger = Ledger(store)
        self._expected: dict[str, ToExtract] = {}
        self._waiting: dict[str, list[ExtractionResult]] = {}  # original's id -> its near-duplicates' results
        self._copies: list[Article] = []
        self._unresolved = 0
        # Input files being read (checkpoints): what each still waits for, and whose each article is.
        self._files: dict[str, InputFile] = {}
        self._file_of: dict[str, str] = {}

    def record_failure(self, failure: IngestFailure, file: str | None = None) -> None:
        """A document that could not be read or cleaned (of input ``file``, when checkpointed)."""
        self.summary.failures.append(failure)
        self.store.record_failure(failure.origin, failure.reason)
        self._count(file)

    def duplicate(self, item: Duplicate, file: str | None = None) -> None:
        """An article not extracted again; recorded as a copy at the end if its URL or outlet is new."""
        self.summary.duplicates += 1
        self._copies.append(item.article)
        self._count(file)

    def expect(self, decision: ToExtract, file: str | None = None) -> None:
        """A decision whose result will come to :meth:`write`."""
        self._expected[decision.article.id] = decision
        if file is not None:
            self._count(file)
            self._files[file].pending += 1
            self._file_of[decision.article.id] = file

    def open_file(self, checkpoint: InputFile) -> None:
        """Input ``checkpoint.path`` is being read: its checkpoint is written once all of it is stored."""
        self._files[checkpoint.path] = checkpoint

    def close_file(self, path: str) -> None:
        """Every document of input ``path`` is read and decided."""
        self._files[path].closed = True
        self._checkpoint(path)

    def _count(self, file: str | None) -> None:
        if file is not None:
            self._files[file].documents += 1

    def _checkpoint(self, path: str) -> None:
        checkpoint = self._files[path]
        if checkpoint.closed and checkpoint.pending == 0:
            del self._files[path]
            self.store.finish_file(checkpoint.path, checkpoint.identity, checkpoint.size, checkpoint.mtime_ns,
                                   checkpoint.documents)

    def write(self, result: ExtractionResult) -> None:
        """Save one result as its decision says (or hold it until its original is written).

        Raises:
            StoreUnavailableError: the database can take no more writes.
        """
        decision = self._expected[result.article.id]
        if decision.duplicate_of in self._expected:
            self._waiting.setdefault(decision.duplicate_of, []).append(result)
            return
        ready = [result]
        while ready:
            current = ready.pop(0)
            self._save(current)
            ready.extend(self._waiting.pop(current.article.id, []))

    def finish(self) -> None:
        """Write what still waits, the copies and the last ledger update."""
        for results in list(self._waiting.values()):  # originals that never came back
            for result in results:
                self._save(result)
        self._waiting.clear()
        # Copies are written once their article is stored (a copy within one batch may come first).
        self.summary.copies = sum(
            self.store.record_copy(copy) for copy in self._copies if self.store.has_article(copy.id)
        )
        self._update_ledger()

    def _save(self, result: ExtractionResult) -> None:
        article = result.article
        decision = self._expected.pop(article.id)
        try:
            self._store(result, decision)
        finally:
            file = self._file_of.pop(article.id, None)
            if file is not None:
                self._files[file].pending -= 1
        if file is not None:
            self._checkpoint(file)

    def _store(self, result: ExtractionResult, decision: ToExtract) -> None:
        article = result.article
        try:
            self.store.save(result, duplicate_of=decision.duplicate_of, minhash=decision.minhash,
                            identity=self.identity)
        except StoreUnavailableError:
            raise  # no later article could be saved either: the batch stops here
        except Exception as exc:  # the store rolled this article back; the batch goes on
            LOGGER.info("storing %s failed: %s", article.id, exc)  # the summary lists it
            failure = IngestFailure(article.origin or article.id, f"could not store: {type(exc).__name__}: {exc}")
            self.summary.failures.append(failure)
            return
        summary = self.summary
        summary.extraction_errors += bool(result.errors)
        if decision.kind in ("reextracted", "dated"):
            summary.reextracted += 1
            summary.dated_later += decision.kind == "dated"
        else:
            summary.new += 1
            summary.near_duplicates += decision.kind == "near"
            summary.undated += article.published is None
        self._unresolved += 1
        if self._unresolved >= self.ledger_every:
            self._update_ledger()
            self._unresolved = 0

    def _update_ledger(self) -> None:
        """Take the articles stored so far into the ledger; a failure is recorded, the articles stay."""
        try:
            self.summary.ledger = self.summary.ledger.then(self.ledger.update())
        except StoreUnavailableError:
            raise
        except Exception as exc:  # the articles are stored; `newsledger resolve` can take them in later
            LOGGER.warning("updating the ledger failed: %s: %s", type(exc).__name__, exc)
            if not any(f.origin == "ledger" for f in self.summary.failures):
                self.summary.failures.append(IngestFailure(
                    "ledger", f"incidents not updated ({type(exc).__name__}: {exc}); "
                              "the articles are stored, run `newsledger resolve`"))
