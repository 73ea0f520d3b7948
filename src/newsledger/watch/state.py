"""What the watch has seen, kept in the ledger's database so that a restart fetches nothing it already has.

``watched_pages`` holds one row per page a source listed: the validators its
server gave (sent back for a conditional request), the digest of the body last
read, the article its latest version became and its failures;
``article_versions`` one row per version of a page, naming the version it
replaces, which the ledger reads to withdraw the earlier version's reports
(:meth:`newsledger.ledger.Ledger.update`). Each call here is one short
transaction, so the watch never holds the database while it fetches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from newsledger.store.models import (
    ArticleVersionRow,
    IncidentVersionRow,
    IngestFailureRow,
    WatchedPageRow,
    utc_now,
)

# Pages read per query when looking up what was seen.
_PAGE = 500


@dataclass(frozen=True)
class PageState:
    """A watched page as the database remembers it (see :class:`~newsledger.store.models.WatchedPageRow`)."""

    url: str
    source: str
    first_seen: dt.datetime
    last_checked: dt.datetime | None
    etag: str | None
    last_modified: str | None
    content_sha256: str | None
    article_id: str | None
    failures: int
    last_failure: str | None


@dataclass
class PageCheck:
    """What one poll learnt about one page, written back by :meth:`WatchState.checked`.

    ``None`` keeps what was stored (a 304 carries no new digest); ``failure`` is
    the reason its body could not be read into an article (counted as a failure,
    though the body's digest is kept so the same body is not read again).
    """

    url: str
    source: str
    etag: str | None = None
    last_modified: str | None = None
    content_sha256: str | None = None
    article_id: str | None = None
    failure: str | None = None


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored time as an aware UTC time (SQLite gives them back without a zone)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class WatchState:
    """The watch's memory in one :class:`~newsledger.store.Store`; ``clock`` stamps what it writes."""

    def __init__(self, store, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def pages(self, urls: Iterable[str]) -> dict[str, PageState]:
        """The stored state of each of ``urls`` that was seen before."""
        wanted = sorted(set(urls))
        found: dict[str, PageState] = {}
        for start in range(0, len(wanted), _PAGE):
            query = select(WatchedPageRow).where(WatchedPageRow.url.in_(wanted[start : start + _PAGE]))
            with self.store.reading("read the watched pages") as session:
                for row in session.scalars(query):
                    found[row.url] = PageState(
                        row.url, row.source, as_utc(row.first_seen), as_utc(row.last_checked), row.etag,
                        row.last_modified, row.content_sha256, row.article_id, row.failures or 0, row.last_failure,
                    )
        return found

    def failed(self, url: str, source: str, reason: str, record: bool = True) -> None:
        """A page that could not be fetched: its failure counted, and (with ``record``) a row in ``ingest_failures``."""
        now = self.clock()
        with self.store.transaction(f"record the failure of {url}") as session:
            row = self._row(session, url, source, now)
            row.failures = (row.failures or 0) + 1
            row.last_failure = reason
            row.last_checked = now
            if record:
                session.add(IngestFailureRow(origin=url, reason=reason, created_at=now))

    def checked(self, checks: Iterable[PageCheck]) -> None:
        """Write back what one poll found on these pages, in one transaction."""
        checks = list(checks)
        if not checks:
            return
        now = self.clock()
        with self.store.transaction("record the pages checked") as session:
            for check in checks:
                row = self._row(session, check.url, check.source, now)
                row.last_checked = now
                for name in ("etag", "last_modified", "content_sha256", "article_id"):
                    if getattr(check, name) is not None:
                        setattr(row, name, getattr(check, name))
                if check.failure:
                    row.failures = (row.failures or 0) + 1
                    row.last_failure = check.failure
                else:
                    row.failures = 0

    def record_versions(self, versions: Mapping[str, str]) -> list[tuple[str, str | None, str]]:
        """Record each page's article (``{url: article_id}``, all stored) as its version, where it is a new one.

        Returns ``(url, replaced article or None, new article)`` for each version written.
        """
        written: list[tuple[str, str | None, str]] = []
        if not versions:
            return written
        now = self.clock()
        with self.store.transaction("record the pages' versions") as session:
            for url, article_id in sorted(versions.items()):
                current = session.scalar(
                    select(ArticleVersionRow.article_id).where(ArticleVersionRow.url == url)
                    .order_by(ArticleVersionRow.id.desc()).limit(1)
                )
                if current == article_id:
                    continue
                session.add(ArticleVersionRow(url=url, article_id=article_id, replaces=current, seen_at=now))
                written.append((url, current, article_id))
        return written

    def versions(self, url: str) -> list[tuple[str, str | None]]:
        """Every version of a page, oldest first: ``(article_id, the article it replaced)``."""
        query = select(ArticleVersionRow.article_id, ArticleVersionRow.replaces).where(
            ArticleVersionRow.url == url).order_by(ArticleVersionRow.id)
        with self.store.reading("read a page's versions") as session:
            return [(row.article_id, row.replaces) for row in session.execute(query)]

    def change_position(self) -> int:
        """The change feed's latest position (``seq``), 0 for an empty ledger: what a poll reads changes after."""
        with self.store.reading("read the ledger's change feed") as session:
            return session.scalar(select(func.max(IncidentVersionRow.id))) or 0

    @staticmethod
    def _row(session, url: str, source: str, now: dt.datetime) -> WatchedPageRow:
        row = session.get(WatchedPageRow, url)
        if row is None:
            row = WatchedPageRow(url=url, source=source, first_seen=now, failures=0)
            session.add(row)
        return row
