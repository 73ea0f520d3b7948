"""The ledger database: open (and migrate) it, save extraction results, read them back.

:class:`Store` wraps one SQLAlchemy engine. ``Store.open`` takes a bare path
(an SQLite file) or a database URL and runs Alembic's ``upgrade head`` on it,
so a fresh file gets every table and an old one is brought up to date without
the user touching Alembic. ``save`` writes one :class:`ExtractionResult` in one
transaction: the article if it is new, and a run with its mentions, quotes,
claims, events, errors and warnings unless a run with the same extractor versions and
model is already stored. Reading back rebuilds the ``newsledger/1`` dict
through the schema's own ``to_dict`` (see :mod:`newsledger.store.rows`) so the
export contract has one definition.

Reads are paged in short transactions: a long read on SQLite would hold a lock
that stops a writer in the same program (``ingest`` reads the near-duplicate
signatures, and computes those an older article lacks, while it saves). Each
article's near-duplicate signature is kept in its row (``articles.minhash``),
written by the same ``save`` that writes the article. Writes go through
:func:`newsledger.store.faults.transaction`: a full disk, a read-only file or a
write lock held too long by another process is one
:class:`~newsledger.errors.StoreUnavailableError` line, and opening a new
database from two processes at once migrates it once (the first takes the
write lock, the second waits and finds it done).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, bindparam, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from newsledger.errors import MissingExtraError, StoreError, StoreUnavailableError, UnstorableResultError
from newsledger.store.faults import Faults, lock_timeout_from_env, reading, transaction
from newsledger.schema import Article, ExtractionResult
from newsledger.store.models import (
    ARTICLE_MINHASH,
    ArticleCopyRow,
    ArticleRow,
    ClaimRow,
    EntityRow,
    EventRow,
    ExtractionErrorRow,
    IncidentRow,
    IngestFailureRow,
    IngestFileRow,
    PlaceRow,
    QuoteRow,
    RunRow,
    TimeRow,
)
from newsledger.store.rows import RUN_CHILD_MODELS, article_row, result_dict, run_rows

LOGGER = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
RUN_KEYS = ("extractors", "spacy_model", "newsledger")
# ExtractionResult fields with a table or column; any other (a field added to the
# schema later) must be empty, or saving would drop it silently. A new table is a
# new revision.
STORED_FIELDS = frozenset(
    {"article", "entities", "times", "places", "quotes", "claims", "events", "runs", "errors", "warnings"}
)
# Key of the PostgreSQL advisory lock held while migrating ("nl" in ASCII).
_MIGRATION_LOCK = 0x6E6C
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# Rows (texts, or whole results with their mentions) read per short transaction.
_PAGE = 500
_ARTICLES = ArticleRow.__table__


class SaveStatus(enum.StrEnum):
    """What :meth:`Store.save` wrote."""

    NEW_ARTICLE = "new_article"  # the article, a run and its mentions
    NEW_RUN = "new_run"  # a run with new versions beside the article's earlier runs
    UNCHANGED = "unchanged"  # nothing: this article was stored with these versions


@dataclass(frozen=True)
class SaveOutcome:
    """The result of one :meth:`Store.save`; ``run_id`` is the new or the matching run."""

    article_id: str
    status: SaveStatus
    run_id: int

    @property
    def written(self) -> bool:
        return self.status is not SaveStatus.UNCHANGED


def database_url(url_or_path: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL for a bare path (an SQLite file) or a URL used as is.

    Raises:
        StoreError: the URL cannot be parsed.
    """
    text = os.fspath(url_or_path)
    if _URL_SCHEME.match(text):
        try:
            return make_url(text)
        except ArgumentError as exc:
            raise StoreError(
                f"{text!r} is not a database URL ({exc}); pass a file path or a URL such as sqlite:///ledger.db."
            ) from exc
    if text == ":memory:":
        return URL.create("sqlite")
    return URL.create("sqlite", database=str(Path(text).expanduser()))


def run_signature(runs: dict[str, Any], published: dt.date | None = None) -> str:
    """Canonical JSON of what decides a run's output.

    That is: the extractor versions, the spaCy model, the newsledger version,
    the trained models the extractors read (``runs["models"]``, e.g. the event
    sub-type classifier; see ``Pipeline.identity``), and ``published``, the date
    relative expressions were resolved against (an article first stored
    without one and met again with one is extracted again). Keys that are
    absent are left out.
    """
    decided: dict[str, Any] = {"extractors": runs.get("extractors") or {}, "spacy_model": runs.get("spacy_model")}
    for key in ("newsledger", "models"):
        if runs.get(key):
            decided[key] = runs[key]
    if published is not None:
        decided["published"] = published.isoformat()
    return json.dumps(decided, sort_keys=True, separators=(",", ":"))


class Store:
    """One ledger database. Create with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine, faults: Faults | None = None) -> None:
        self.engine = engine
        self.faults = faults or Faults(str(engine.url), None, lock_timeout_from_env())

    def transaction(self, what: str, exclusive: bool = False, names: Iterable[str] = ()):
        """A write transaction (see :func:`newsledger.store.faults.transaction`); ``what`` words its errors.

        ``exclusive`` holds the ledger's lock: one such transaction at a time
        in every process (ledger updates and a person's decisions, which read
        the ledger and write it back). ``names`` are the keys of rows it may
        create that another process may be creating at the same moment.
        """
        return transaction(self.engine, self.faults, what, exclusive, names)

    def reading(self, what: str):
        """A read session whose driver errors become one-line :class:`StoreError`s."""
        return reading(self.engine, self.faults, what)

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str], lock_timeout: float | None = None) -> Store:
        """Open the database at a path or URL, creating or migrating its tables.

        A bare path is an SQLite file (created if absent; its folder must
        exist); ``:memory:`` is a private in-memory database. A URL such as
        ``sqlite:///ledger.db`` or ``postgresql+psycopg://user@host/ledger`` is
        used as is. ``lock_timeout`` is how many seconds a write waits for
        another process's lock (default ``NEWSLEDGER_LOCK_TIMEOUT``, else 60).

        Raises:
            StoreError: the database cannot be reached, is not a database, or
                was written by a newer newsledger.
            StoreUnavailableError: it needs migrating and cannot be written.
            MissingExtraError: the URL needs a driver that is not installed.
        """
        url = database_url(url_or_path)
        given = os.fspath(url_or_path)
        shown = url.render_as_string(hide_password=True) if _URL_SCHEME.match(given) else given
        lock_timeout = lock_timeout_from_env() if lock_timeout is None else lock_timeout
        folder = None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            file = Path(url.database.removeprefix("file:").split("?")[0])
            _check_sqlite_path(file, shown)
            folder = file.resolve().parent
        faults = Faults(shown, folder, lock_timeout)
        engine = _create_engine(url, shown, lock_timeout)
        try:
            _upgrade(engine, faults)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, faults)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def analyze(self) -> None:
        """Refresh the query planner's statistics (SQLite's ``ANALYZE``), before serving many reads.

        Without them SQLite reads a filtered list through the index on
        ``incidents.status`` (nearly every row) rather than the one on the
        country. PostgreSQL keeps its own (autovacuum); a database that cannot
        be written keeps the statistics it has.
        """
        if self.engine.dialect.name != "sqlite":
            return
        try:
            with self.transaction("refresh the query statistics") as session:
                session.execute(text("ANALYZE"))
        except StoreUnavailableError as exc:
            LOGGER.info("query statistics not refreshed: %s", exc)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content id is stored."""
        with self.reading("look up an article") as session:
            return session.get(ArticleRow, article_id) is not None

    def stored_published(self, article_id: str) -> tuple[bool, dt.date | None]:
        """Whether the article is stored, and the publication date it is stored with."""
        with self.reading("look up an article") as session:
            row = session.get(ArticleRow, article_id)
            return (row is not None, row.published if row is not None else None)

    def has_run(self, article_id: str, runs: dict[str, Any], published: dt.date | None = None) -> bool:
        """Whether this article is stored with these extractor versions and model, dated ``published``.

        Lets a caller skip the NLP for an article whose :meth:`save` would
        write nothing (pass ``Pipeline.runs`` and the stored publication date).
        """
        signature = run_signature(runs, published)
        query = select(RunRow.id).where(RunRow.article_id == article_id, RunRow.signature == signature)
        with self.reading("look up a run") as session:
            return session.scalar(query) is not None

    def save(
        self, result: ExtractionResult, duplicate_of: str | None = None, minhash: bytes | None = None,
        identity: dict[str, Any] | None = None,
    ) -> SaveOutcome:
        """Store one extraction result in one transaction; nothing is overwritten.

        Writes the article if it is new (with ``duplicate_of``, the id of an
        already stored article it nearly duplicates, and ``minhash``, its
        near-duplicate signature; both ignored for an article already stored;
        an article saved without a signature gets one from the next batch),
        then a run with its warnings, mentions, quotes, claims, events and
        errors unless a run with the same signature (:func:`run_signature` of
        ``identity``, the pipeline's fuller account of what made ``result``,
        else of ``result.runs``) and publication date exists. An article stored
        without a publication date takes the one ``result`` was extracted with
        (and a URL, title or outlet it lacked). On any failure the whole
        transaction is rolled back.

        Raises:
            UnstorableResultError: the result holds data the store has no table or
                column for (unknown ``runs`` keys, a field the schema gained
                after this store version).
            StoreError: the database refused the write, or the article is
                stored with a different text (its offsets would not match),
                or with another publication date.
            StoreUnavailableError: the disk is full, the database read-only or
                locked: no later article can be saved either.
        """
        _check_storable(result)
        article = result.article
        signature = run_signature(_identity(result, identity), article.published)
        with self.transaction(f"save article {article.id}", names=[article.id]) as session:
            stored = session.get(ArticleRow, article.id)
            if stored is None:
                status = SaveStatus.NEW_ARTICLE
                session.add(article_row(article, duplicate_of))
                session.flush()  # the runs' foreign key needs the article first
                if minhash is not None:
                    session.execute(update(_ARTICLES).where(_ARTICLES.c.id == article.id).values(minhash=minhash))
            else:
                existing = session.scalar(
                    select(RunRow.id).where(RunRow.article_id == article.id, RunRow.signature == signature)
                )
                if existing is not None:
                    return SaveOutcome(article.id, SaveStatus.UNCHANGED, existing)
                if stored.text != article.text:
                    raise StoreError(
                        f"article {article.id} is stored with a different text (same content hash, "
                        f"different whitespace or Unicode form), so the new run's offsets would not "
                        f"match it; extract the stored text instead (origin {article.origin!r})."
                    )
                if stored.published is not None and stored.published != article.published:
                    raise StoreError(
                        f"article {article.id} is stored dated {stored.published}, not {article.published}; "
                        f"extract it with its stored date (origin {article.origin!r})."
                    )
                _fill_metadata(stored, article)
                status = SaveStatus.NEW_RUN
            run = RunRow(
                article_id=article.id,
                extractors=dict(result.runs.get("extractors") or {}),
                spacy_model=result.runs.get("spacy_model"),
                newsledger_version=result.runs.get("newsledger"),
                signature=signature,
                warnings=list(result.warnings),
            )
            session.add(run)
            session.flush()  # assigns run.id for the mention rows
            run_id = run.id
            # A long article has hundreds of mention rows: one multi-row insert per table, not an
            # object each through the unit of work (which cost most of the time a save takes). A
            # Core insert into the table, not the ORM's bulk insert: that one leaves out the None
            # values, so rows differing in which columns are empty went as separate statements
            # (15 round trips an article's claims on PostgreSQL) and asked back each new id.
            grouped: dict[type, list[dict[str, Any]]] = defaultdict(list)
            for model, values in run_rows(result, run_id):
                grouped[model].append(values)
            for model in RUN_CHILD_MODELS:
                if grouped[model]:
                    session.execute(insert(model.__table__), grouped[model])
        return SaveOutcome(article.id, status, run_id)

    def record_copy(self, article: Article) -> bool:
        """Record that a stored article's text was met again under another URL or outlet.

        Returns True when a copy was recorded; False when the URL and outlet
        are the article's own or already recorded.
        """
        with self.transaction(f"record a copy of {article.id}", names=[article.id]) as session:
            stored = session.get(ArticleRow, article.id)
            if stored is None:
                raise StoreError(f"article {article.id} is not stored; save it before recording a copy.")
            if (stored.url, stored.outlet) == (article.url, article.outlet):
                return False
            known = select(ArticleCopyRow.id).where(
                ArticleCopyRow.article_id == article.id,
                _same(ArticleCopyRow.url, article.url),
                _same(ArticleCopyRow.outlet, article.outlet),
            )
            if session.scalar(known) is not None:
                return False
            session.add(ArticleCopyRow(
                article_id=article.id, url=article.url, outlet=article.outlet,
                title=article.title, published=article.published,
            ))
        return True

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        """The other URLs and outlets an article's text was met under, oldest first."""
        query = select(ArticleCopyRow).where(ArticleCopyRow.article_id == article_id).order_by(ArticleCopyRow.id)
        with self.reading("read an article's copies") as session:
            return [
                {"url": c.url, "outlet": c.outlet, "title": c.title,
                 "published": c.published.isoformat() if c.published else None}
                for c in session.scalars(query)
            ]

    def record_failure(self, origin: str, reason: str) -> None:
        """Record a document that could not be read or cleaned."""
        with self.transaction(f"record the failure of {origin}") as session:
            session.add(IngestFailureRow(origin=origin, reason=reason))

    def iter_article_texts(self) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of every stored article, in id order, read page by page."""
        return self._by_id(ArticleRow.id, ArticleRow.text, what="read the stored texts")

    def iter_minhashes(self) -> Iterator[tuple[str, bytes | None]]:
        """``(id, minhash)`` of every stored article, in id order, page by page; None where it has none yet."""
        return self._by_id(_ARTICLES.c.id, ARTICLE_MINHASH, what="read the near-duplicate signatures")

    def _by_id(self, id_column: Any, value_column: Any, what: str) -> Iterator[tuple[str, Any]]:
        """``(id, value)`` of every article, in id order, one short read per page (keyset paging)."""
        last_id = ""
        while True:
            query = select(id_column, value_column).where(id_column > last_id).order_by(id_column).limit(_PAGE)
            with self.reading(what) as session:
                page = session.execute(query).all()
            yield from ((row[0], row[1]) for row in page)
            if len(page) < _PAGE:
                return
            last_id = page[-1][0]

    def iter_texts(self, article_ids: Iterable[str]) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of these stored articles, in id order within each page; unknown ids are left out."""
        wanted = sorted(set(article_ids))
        for start in range(0, len(wanted), _PAGE):
            query = (
                select(ArticleRow.id, ArticleRow.text)
                .where(ArticleRow.id.in_(wanted[start : start + _PAGE]))
                .order_by(ArticleRow.id)
            )
            with self.reading("read the stored texts") as session:
                page = session.execute(query).all()
            yield from ((row.id, row.text) for row in page)

    def save_minhashes(self, minhashes: Mapping[str, bytes]) -> None:
        """Keep the near-duplicate signatures of stored articles (those stored before they were kept), in one transaction."""
        if not minhashes:
            return
        statement = (
            update(_ARTICLES).where(_ARTICLES.c.id == bindparam("article_id")).values(minhash=bindparam("signature"))
        )
        rows = [{"article_id": key, "signature": value} for key, value in sorted(minhashes.items())]
        with self.transaction("keep the near-duplicate signatures") as session:
            session.execute(statement, rows)

    def iter_results(self, latest_run_only: bool = True) -> Iterator[dict[str, Any]]:
        """Every stored extraction as its ``newsledger/1`` dict, in ingestion order.

        Each dict equals ``ExtractionResult.to_dict()`` of what was saved, plus
        ``article["duplicate_of"]`` (None or the id of the earlier article).
        With ``latest_run_only`` each article appears once, with its most
        recent run; otherwise once per run, oldest run first.
        """
        query = select(RunRow.id).join(ArticleRow, RunRow.article_id == ArticleRow.id)
        if latest_run_only:
            latest = select(func.max(RunRow.id)).group_by(RunRow.article_id)
            query = query.where(RunRow.id.in_(latest))
        query = query.order_by(ArticleRow.ingested_at, ArticleRow.id, RunRow.id)
        with self.reading("read the stored extractions") as session:
            run_ids = list(session.scalars(query))
        for start in range(0, len(run_ids), _PAGE):
            yield from self._load_results(run_ids[start : start + _PAGE])

    def file_finished(self, path: str, identity: str, size: int, mtime_ns: int) -> bool:
        """Whether a batch with this run identity finished this file, as it is now (size, mtime)."""
        with self.reading("read the batch checkpoints") as session:
            row = session.get(IngestFileRow, (path, identity))
            return row is not None and (row.size, row.mtime_ns) == (size, mtime_ns)

    def finish_file(self, path: str, identity: str, size: int, mtime_ns: int, documents: int) -> None:
        """Record that every document of this file is stored (or failed), so a resumed batch skips it."""
        with self.transaction("record a finished file", names=[f"file:{path}"]) as session:
            row = session.get(IngestFileRow, (path, identity))
            if row is None:
                row = IngestFileRow(path=path, identity=identity)
                session.add(row)
            row.size, row.mtime_ns, row.documents, row.finished_at = size, mtime_ns, documents, dt.datetime.now(dt.UTC)

    def result(self, article_id: str) -> dict[str, Any] | None:
        """One article's latest extraction as its ``newsledger/1`` dict (see :meth:`iter_results`), or None."""
        with self.reading("read the stored extraction") as session:
            run_id = session.scalar(select(func.max(RunRow.id)).where(RunRow.article_id == article_id))
        return self._load_results([run_id])[0] if run_id is not None else None

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, runs, mentions of each kind, errors, failures, copies, incidents."""
        tables = {
            "articles": ArticleRow,
            "runs": RunRow,
            "entities": EntityRow,
            "times": TimeRow,
            "places": PlaceRow,
            "quotes": QuoteRow,
            "claims": ClaimRow,
            "events": EventRow,
            "errors": ExtractionErrorRow,
            "failures": IngestFailureRow,
            "copies": ArticleCopyRow,
            "incidents": IncidentRow,
        }
        with self.reading("count the stored rows") as session:
            return {
                name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in tables.items()
            }

    def _load_results(self, run_ids: Sequence[int]) -> list[dict[str, Any]]:
        """Rebuild the results of these runs, in the given order, in one short read."""
        with self.reading("read the stored extractions") as session:
            runs = {run.id: run for run in session.scalars(select(RunRow).where(RunRow.id.in_(run_ids)))}
            article_ids = {run.article_id for run in runs.values()}
            articles = {a.id: a for a in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(article_ids)))}
            children: dict[type, dict[int, list[Any]]] = {}
            for model in RUN_CHILD_MODELS:
                by_run: dict[int, list[Any]] = defaultdict(list)
                query = select(model).where(model.run_id.in_(run_ids)).order_by(model.run_id, model.position)
                for row in session.scalars(query):
                    by_run[row.run_id].append(row)
                children[model] = by_run
            return [
                result_dict(
                    articles[runs[run_id].article_id],
                    runs[run_id],
                    {model: rows.get(run_id, []) for model, rows in children.items()},
                )
                for run_id in run_ids
            ]


def _same(column: Any, value: Any) -> Any:
    # SQL's = never matches NULL; a copy with no outlet equals another with none.
    return column.is_(None) if value is None else column == value


def _check_sqlite_path(path: Path, shown: str) -> None:
    if path.is_dir():
        raise StoreError(
            f"cannot open the store at {shown}: {path} is a folder; give a file name such as {path / 'newsledger.db'}."
        )
    if not path.parent.exists():
        raise StoreError(f"cannot open the store at {shown}: folder {path.parent} does not exist; create it first.")


def _create_engine(url: URL, shown: str, lock_timeout: float) -> Engine:
    options: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        # SQLite's busy handler waits this long for another process's lock.
        options = {"connect_args": {"timeout": lock_timeout}}
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        # One shared connection, or each checkout would see a new empty database.
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    try:
        engine = create_engine(url, **options)
    except ImportError as exc:
        extra = "postgres" if url.get_backend_name() == "postgresql" else None
        hint = f"install it with `pip install 'newsledger[{extra}]'`" if extra else "install that driver"
        raise MissingExtraError(f"the database driver for {shown} is not installed ({exc}); {hint}.") from exc
    except ArgumentError as exc:
        raise StoreError(f"cannot open the store at {shown}: {exc}.") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", functools.partial(_set_postgresql_session, lock_timeout=lock_timeout))
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, per connection; PostgreSQL always checks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _set_postgresql_session(dbapi_connection: Any, _record: Any, lock_timeout: float) -> None:
    # Stamps come back in the session's time zone, which is the server's unless set: a server
    # kept in local time would move every as-of moment and change-feed stamp. In UTC they read
    # back as they were written, as SQLite's do. A lock (another writer's, the ledger's) is
    # waited for as long as SQLite's busy handler would wait; 0 would mean forever here.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.execute(f"SET lock_timeout = {min(max(1, round(lock_timeout * 1000)), 2**31 - 1)}")
    cursor.close()
    dbapi_connection.autocommit = autocommit


def _upgrade(engine: Engine, faults: Faults) -> None:
    """Run Alembic ``upgrade head`` with no alembic.ini, once, whoever else opens the database.

    A database already at the head revision is only read, so a read-only file
    opens for reading. Otherwise the migration runs in one transaction that
    first takes the database's write lock (SQLite's ``BEGIN IMMEDIATE``, a
    PostgreSQL advisory lock) and then reads the revision: a second process
    opening a new database at the same moment waits, then finds the tables made.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    head = ScriptDirectory.from_config(config).get_current_head()
    try:
        with faults.translated("open the database"), engine.connect() as connection:
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
        with faults.translated("create or migrate the database's tables"), engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            elif engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"cannot migrate the store at {faults.shown}: {exc}. It was probably written by a newer "
            f"newsledger; upgrade newsledger, or use another database file."
        ) from exc


def _fill_metadata(stored: ArticleRow, article: Article) -> None:
    """Give a stored article what it lacked and a later copy of its text says: date, URL, title, outlet."""
    for name in ("published", "url", "title", "outlet"):
        if getattr(stored, name) is None and getattr(article, name) is not None:
            setattr(stored, name, getattr(article, name))


def _identity(result: ExtractionResult, identity: dict[str, Any] | None) -> dict[str, Any]:
    """What decided ``result``: its ``runs``, or the fuller ``identity`` its pipeline gave (which must agree)."""
    if identity is None:
        return result.runs
    disagree = sorted(k for k, v in result.runs.items() if identity.get(k) != v)
    if disagree:
        raise UnstorableResultError(
            f"the run identity given for article {result.article.id} disagrees with its runs on {', '.join(disagree)}"
        )
    return identity


def _check_storable(result: ExtractionResult) -> None:
    """Refuse, before writing anything, data that would otherwise be dropped silently."""
    unstored = [f.name for f in dataclasses.fields(result) if f.name not in STORED_FIELDS and getattr(result, f.name)]
    if unstored:
        raise UnstorableResultError(f"the store has no table for {', '.join(unstored)} yet; add one in a new migration.")
    unknown = sorted(set(result.runs) - set(RUN_KEYS))
    if unknown:
        raise UnstorableResultError(f"the store has no column for runs keys {unknown}; add one in a new migration.")


__all__ = ["SaveOutcome", "SaveStatus", "Store", "database_url", "run_signature"]
