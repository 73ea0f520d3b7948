"""One poll of the watched sources, and the loop that polls them every so often.

:meth:`Watcher.poll` lists every source, picks the pages to look at (those
never seen first, then those seen in the last ``recheck_days`` whose listing
does not say they are unchanged, least recently checked first, at most
``max_pages``), checks each (a conditional GET, or a file's size and time) and
hands what was read anew to the batch's own steps
(:mod:`newsledger.runners.stages`: clean, decide, extract, one writer), so a
watched page is cleaned, deduplicated, extracted and stored exactly as
``newsledger ingest`` would do it. A page whose text changed is a new article
that replaces the earlier one: its version is recorded (``article_versions``)
before the ledger's update, which withdraws the earlier version's reports and
records the change on the same incident. Each page that cannot be fetched or
read is one recorded failure (``ingest_failures``, and the page's own count);
the poll goes on with the next page. The poll's report counts pages and
incidents and lists the incidents the ledger's change feed shows changed
since the poll began.

:meth:`Watcher.polls` repeats the poll every ``every`` seconds (measured from
one poll's start to the next) until interrupted; the caller (the CLI) turns
Ctrl+C into one line.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from newsledger.config import Settings
from newsledger.errors import LedgerError, StoreUnavailableError
from newsledger.ledger import Ledger
from newsledger.ledger.versions import flat_columns
from newsledger.runners.stages import (
    BatchStopped,
    BatchSummary,
    Dedupe,
    Duplicate,
    Extractor,
    Writer,
    clean,
    load_near_duplicates,
)
from newsledger.schema import Article, IngestFailure
from newsledger.store.models import utc_now
from newsledger.watch.fetch import ROBOTS_REFUSAL, FetchConfig, Fetcher
from newsledger.watch.sources import Check, FolderSource, Item, Listing, WebSource
from newsledger.watch.state import PageCheck, PageState, WatchState

LOGGER = logging.getLogger(__name__)

# Days after it was first seen that a page is still fetched again to see whether it changed.
RECHECK_DAYS = 7.0
# Change-feed entries read per request.
_CHANGES_PAGE = 500


@dataclass(frozen=True)
class IncidentChange:
    """An incident that a poll created or changed, as the change feed names it, with what a line shows."""

    incident_id: str
    kind: str  # new, updated, merged, split, corrected, retired (the feed's words)
    seq: int
    replaced_by: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    sub_event_type: str | None = None
    location: str | None = None
    country_code: str | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None


@dataclass
class PollReport:
    """What one poll did: sources, pages, failures, the batch, and the incidents it changed."""

    started: dt.datetime
    sources: int = 0
    sources_failed: int = 0  # sources that listed nothing because they could not be read
    checked: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    batch: BatchSummary = field(default_factory=BatchSummary)
    changes: list[IncidentChange] = field(default_factory=list)
    error: str | None = None  # the database refused a write: the poll stopped there

    @property
    def nothing_read(self) -> bool:
        """Every source failed to list (a wrong URL, a host down)."""
        return self.sources > 0 and self.sources_failed == self.sources

    def line(self) -> str:
        """The one-line summary printed after each poll."""
        ledger = self.batch.ledger
        merged = f", {len(ledger.replaced)} merged away" if ledger.replaced else ""
        stopped = f"; stopped: {self.error}" if self.error else ""
        return (
            f"{self.checked} pages checked: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed; incidents: {len(ledger.created)} new, {len(ledger.changed)} updated{merged}"
            f"{stopped}"
        )


@dataclass
class _Poll:
    """What one poll carries from page to page: its report, the batch's steps, and what each page gave."""

    report: PollReport
    writer: Writer
    dedupe: Dedupe
    checks: list[PageCheck] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)  # page -> the article its one document became
    outcome: dict[str, str] = field(default_factory=dict)  # page read anew -> "new" or "changed"


class Watcher:
    """Polls ``sources`` into ``store`` with ``extractor`` (a loaded :class:`~newsledger.pipeline.Pipeline`).

    Args:
        sources: parsed SOURCEs (:func:`~newsledger.watch.sources.parse_source`).
        store: the database the pages, articles and ledger live in.
        extractor: the extract step; load it once, it serves every poll.
        settings: for the largest document; default the extractor's own.
        fetcher: the HTTP client; default one made from ``fetch``.
        max_pages: at most this many pages looked at per poll (None: all that are due).
        recheck_days: how long after it was first seen a page is fetched again for changes.
        clock: the time pages are stamped with.
    """

    def __init__(self, sources: Sequence[WebSource | FolderSource], store, extractor: Extractor, *,
                 settings: Settings | None = None, fetch: FetchConfig | None = None, fetcher: Fetcher | None = None,
                 max_pages: int | None = None, recheck_days: float = RECHECK_DAYS,
                 clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.sources = list(sources)
        self.store = store
        self.extractor = extractor
        self.settings = settings or getattr(extractor, "settings", None) or Settings()
        self.fetcher = fetcher or Fetcher(fetch or FetchConfig(max_bytes=self.settings.max_bytes))
        self.max_pages = max_pages
        self.recheck = dt.timedelta(days=recheck_days)
        self.clock = clock
        self.state = WatchState(store, clock)
        self.ledger = Ledger(store)

    def close(self) -> None:
        """Close the HTTP client."""
        self.fetcher.close()

    def polls(self, every: float | None = None, sleep: Callable[[float], None] = time.sleep) -> Iterator[PollReport]:
        """Poll, then every ``every`` seconds again, yielding each report; once when ``every`` is None.

        When looping, a poll the database stopped (disk full, locked) is reported
        and the next poll tries again; a single poll raises it.

        Raises:
            BatchStopped: (single poll) the database could take no more writes.
        """
        while True:
            started = time.monotonic()
            if every is None:
                yield self.poll()
                return
            try:
                report = self.poll()
            except StoreUnavailableError as exc:
                report = PollReport(self.clock(), sources=len(self.sources), error=str(exc))
            yield report
            sleep(max(0.0, every - (time.monotonic() - started)))

    def poll(self) -> PollReport:
        """List every source, look at the pages due, ingest what changed; see the module docstring.

        Raises:
            BatchStopped: the database could take no more writes; what was stored is kept.
        """
        report = PollReport(self.clock(), sources=len(self.sources))
        position = self.state.change_position()
        items = self._list(report)
        known = self.state.pages(item.url for item, _ in items)
        due = self._due(items, known)
        if not due:  # nothing to read: no near-duplicate index to load, no ledger update to make
            report.changes = self._changes(position)
            return report
        identity = getattr(self.extractor, "identity", None) or self.extractor.runs
        # One ledger update at the end of the poll, after the pages' versions are recorded.
        writer = Writer(self.store, report.batch, sys.maxsize, identity)
        try:
            work = _Poll(report, writer, Dedupe(self.store, identity, load_near_duplicates(self.store)))

            def to_extract() -> Iterator[Article]:
                for item, source in due:
                    yield from self._look(item, source, known.get(item.url), work)

            for result in self.extractor.extract_many(to_extract()):
                writer.write(result)
            stored = {url: article for url, article in work.versions.items() if self.store.has_article(article)}
            self.state.record_versions(stored)
            writer.finish()
            self._settle(work, stored)
            self.state.checked(work.checks)
            # What the batch itself could not read, clean or store, after what could not be fetched.
            report.failures.extend(report.batch.failures)
        except StoreUnavailableError as exc:
            raise BatchStopped(exc, report.batch) from exc
        report.changes = self._changes(position)
        return report

    # Listing and choosing ----------------------------------------------------------------------

    def _list(self, report: PollReport) -> list[tuple[Item, WebSource | FolderSource]]:
        """Every page the sources list, each URL once; listing failures recorded."""
        items: dict[str, tuple[Item, WebSource | FolderSource]] = {}
        for source in self.sources:
            try:
                listing = source.list(self.fetcher)
            except Exception as exc:  # a bug on one source's listing must not end the watch
                LOGGER.exception("listing %s failed", source.name)
                listing = Listing(source.name, failures=[IngestFailure(source.name, f"cannot be listed: "
                                                                                    f"{type(exc).__name__}: {exc}")])
            for failure in listing.failures:
                self._record(failure, report)
            if listing.failures and not listing.items:
                report.sources_failed += 1
            for item in listing.items:
                items.setdefault(item.url, (item, source))
        return list(items.values())

    def _due(self, items: list[tuple[Item, WebSource | FolderSource]],
             known: dict[str, PageState]) -> list[tuple[Item, WebSource | FolderSource]]:
        """The pages to look at in this poll: never seen ones first, then the least recently checked."""
        now = self.clock()
        fresh, again = [], []
        for item, source in items:
            page = known.get(item.url)
            if page is None:
                fresh.append((item, source))
                continue
            if (page.last_failure or "").startswith(ROBOTS_REFUSAL) and page.failures:
                if self.fetcher.refusal(item.url):
                    continue  # still refused: recorded once, not again every poll
                again.append((item, source))
                continue
            listed_unchanged = item.lastmod and page.last_checked and item.lastmod <= page.last_checked
            if listed_unchanged and not page.failures:
                continue
            if item.path is None and not page.failures and page.first_seen < now - self.recheck:
                continue  # old news: no longer followed for changes
            again.append((item, source))
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        again.sort(key=lambda pair: known[pair[0].url].last_checked or oldest)
        due = fresh + again
        return due if self.max_pages is None else due[: self.max_pages]

    # Looking at one page --------------------------------------------------------------------------

    def _look(self, item: Item, source: WebSource | FolderSource, page: PageState | None,
              work: _Poll) -> Iterator[Article]:
        """Check one page and pass what it holds anew to the batch."""
        report = work.report
        report.checked += 1
        try:
            if isinstance(source, FolderSource):
                check = source.check(item, page, self.fetcher, self.settings.max_bytes)
            else:
                check = source.check(item, page, self.fetcher)
        except Exception as exc:  # a bug on one page must not end the watch: it is that page's failure
            LOGGER.exception("checking %s failed", item.url)
            check = Check("failed", reason=f"cannot be read: {type(exc).__name__}: {exc}")
        if check.status == "failed":
            reason = check.reason or "could not be fetched"
            self.state.failed(item.url, item.source, reason)
            report.failed += 1
            report.failures.append(IngestFailure(item.url, reason))
            return
        done = PageCheck(item.url, item.source, check.etag, check.last_modified, check.content_sha256)
        work.checks.append(done)
        if check.status == "unchanged":
            report.unchanged += 1
            return
        articles: list[str] = []
        for document in check.documents:
            article = document if isinstance(document, IngestFailure) else clean(document, {})
            if isinstance(article, IngestFailure):
                work.writer.record_failure(article)  # a row in ingest_failures, a line in the summary
                done.failure = article.reason
                continue
            articles.append(article.id)
            decision = work.dedupe.decide(article)
            if isinstance(decision, Duplicate):
                work.writer.duplicate(decision)
                continue
            work.writer.expect(decision)
            yield decision.article
        single = len(check.documents) == 1
        if single and done.failure:
            report.failed += 1
        elif single and page is not None and page.article_id == articles[0]:
            report.unchanged += 1  # the body changed, not its text
        else:
            if single:
                work.versions[item.url] = articles[0]
            work.outcome[item.url] = "new" if page is None or (page.article_id is None and single) else "changed"

    def _settle(self, work: _Poll, stored: dict[str, str]) -> None:
        """Count the pages read anew and give each its stored article. One whose article could not be
        stored is a failure that keeps the page's earlier validators, so the next poll reads it again."""
        report = work.report
        for check in work.checks:
            outcome = work.outcome.get(check.url)
            if outcome is None:
                continue
            if check.url in work.versions and check.url not in stored:
                reason = "its article could not be stored (the failure before says why)"
                check.etag = check.last_modified = check.content_sha256 = None
                check.failure = reason
                self.store.record_failure(check.url, reason)
                report.failed += 1
                continue
            check.article_id = stored.get(check.url)
            if outcome == "new":
                report.new += 1
            else:
                report.changed += 1

    def _record(self, failure: IngestFailure, report: PollReport) -> None:
        self.store.record_failure(failure.origin, failure.reason)
        report.failures.append(failure)

    # The change feed ---------------------------------------------------------------------------

    def _changes(self, position: int) -> list[IncidentChange]:
        """The incidents the ledger's change feed lists after ``position``: one each, in feed order."""
        entries: list[dict] = []
        while True:
            page = self.ledger.changes(after=position, limit=_CHANGES_PAGE)
            entries.extend(page)
            if len(page) < _CHANGES_PAGE:
                break
            position = page[-1]["seq"]
        first: dict[str, dict] = {}
        last: dict[str, dict] = {}
        for entry in entries:
            first.setdefault(entry["incident_id"], entry)
            last[entry["incident_id"]] = entry
        changes = []
        for ident, entry in first.items():
            final = last[ident]
            kind = "new" if entry["kind"] == "new" and final["status"] == "active" else final["kind"]
            changes.append(self._change(ident, kind, final))
        return changes

    def _change(self, ident: str, kind: str, entry: dict) -> IncidentChange:
        if entry["status"] != "active":
            return IncidentChange(ident, kind, entry["seq"], entry["replaced_by"])
        try:
            detail, _ = self.ledger.get(ident)
        except LedgerError:
            return IncidentChange(ident, kind, entry["seq"], entry["replaced_by"])
        flat = flat_columns(detail)
        return IncidentChange(
            ident, kind, entry["seq"], entry["replaced_by"], flat["date_start"], flat["date_end"],
            flat["sub_event_type"], flat["location"], flat["country_code"], flat["fatalities_min"],
            flat["fatalities_max"],
        )
