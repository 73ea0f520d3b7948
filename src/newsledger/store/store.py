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
that stops a writer in the same program (``ingest`` reads texts for the
near-duplicate index while it saves).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from newsledger.errors import MissingExtraError, StoreError
from newsledger.schema import Article, ExtractionResult
from newsledger.store.models import (
    ArticleCopyRow,
    ArticleRow,
    ClaimRow,
    EntityRow,
    EventRow,
    ExtractionErrorRow,
    IncidentRow,
    IngestFailureRow,
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
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# Rows (texts, or whole results with their mentions) read per short transaction.
_PAGE = 500


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


def run_signature(runs: dict[str, Any]) -> str:
    """Canonical JSON of what decides a run's output: extractor versions and spaCy model."""
    return json.dumps(
        {"extractors": runs.get("extractors") or {}, "spacy_model": runs.get("spacy_model")},
        sort_keys=True,
        separators=(",", ":"),
    )


class Store:
    """One ledger database. Create with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str]) -> Store:
        """Open the database at a path or URL, creating or migrating its tables.

        A bare path is an SQLite file (created if absent; its folder must
        exist); ``:memory:`` is a private in-memory database. A URL such as
        ``sqlite:///ledger.db`` or ``postgresql+psycopg://user@host/ledger`` is
        used as is.

        Raises:
            StoreError: the database cannot be reached, is not a database, or
                was written by a newer newsledger.
            MissingExtraError: the URL needs a driver that is not installed.
        """
        url = database_url(url_or_path)
        given = os.fspath(url_or_path)
        shown = url.render_as_string(hide_password=True) if _URL_SCHEME.match(given) else given
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            _check_sqlite_path(Path(url.database), shown)
        engine = _create_engine(url, shown)
        try:
            _upgrade(engine, shown)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content id is stored."""
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def has_run(self, article_id: str, runs: dict[str, Any]) -> bool:
        """Whether this article is stored with these extractor versions and model.

        Lets a caller skip the NLP for an article whose :meth:`save` would
        write nothing (pass ``Pipeline.runs``).
        """
        query = select(RunRow.id).where(RunRow.article_id == article_id, RunRow.signature == run_signature(runs))
        with Session(self.engine) as session:
            return session.scalar(query) is not None

    def save(self, result: ExtractionResult, duplicate_of: str | None = None) -> SaveOutcome:
        """Store one extraction result in one transaction; nothing is overwritten.

        Writes the article if it is new (with ``duplicate_of``, the id of an
        already stored article it nearly duplicates; ignored for an article
        already stored), then a run with its warnings, mentions, quotes,
        claims, events and errors unless a run with the same extractor versions and
        model exists for the article. On any failure the whole transaction is
        rolled back.

        Raises:
            ValueError: the result holds data the store has no table or
                column for (unknown ``runs`` keys, a field the schema gained
                after this store version).
            StoreError: the database refused the write, or the article is
                stored with a different text (its offsets would not match).
        """
        _check_storable(result)
        article = result.article
        signature = run_signature(result.runs)
        try:
            with Session(self.engine) as session, session.begin():
                stored = session.get(ArticleRow, article.id)
                if stored is None:
                    status = SaveStatus.NEW_ARTICLE
                    session.add(article_row(article, duplicate_of))
                    session.flush()  # the runs' foreign key needs the article first
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
                session.add_all(run_rows(result, run_id))
            return SaveOutcome(article.id, status, run_id)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not save article {article.id}: {_reason(exc)}") from exc

    def record_copy(self, article: Article) -> bool:
        """Record that a stored article's text was met again under another URL or outlet.

        Returns True when a copy was recorded; False when the URL and outlet
        are the article's own or already recorded.
        """
        try:
            with Session(self.engine) as session, session.begin():
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
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record a copy of {article.id}: {_reason(exc)}") from exc

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        """The other URLs and outlets an article's text was met under, oldest first."""
        query = select(ArticleCopyRow).where(ArticleCopyRow.article_id == article_id).order_by(ArticleCopyRow.id)
        with Session(self.engine) as session:
            return [
                {"url": c.url, "outlet": c.outlet, "title": c.title,
                 "published": c.published.isoformat() if c.published else None}
                for c in session.scalars(query)
            ]

    def record_failure(self, origin: str, reason: str) -> None:
        """Record a document that could not be read or cleaned."""
        try:
            with Session(self.engine) as session, session.begin():
                session.add(IngestFailureRow(origin=origin, reason=reason))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record the failure of {origin}: {_reason(exc)}") from exc

    def iter_article_texts(self) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of every stored article, in id order, read page by page."""
        last_id = ""
        while True:
            query = select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id > last_id).order_by(ArticleRow.id)
            with Session(self.engine) as session:
                page = session.execute(query.limit(_PAGE)).all()
            yield from ((row.id, row.text) for row in page)
            if len(page) < _PAGE:
                return
            last_id = page[-1].id

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
        with Session(self.engine) as session:
            run_ids = list(session.scalars(query))
        for start in range(0, len(run_ids), _PAGE):
            yield from self._load_results(run_ids[start : start + _PAGE])

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
        with Session(self.engine) as session:
            return {
                name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in tables.items()
            }

    def _load_results(self, run_ids: Sequence[int]) -> list[dict[str, Any]]:
        """Rebuild the results of these runs, in the given order, in one short read."""
        with Session(self.engine) as session:
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


def _create_engine(url: URL, shown: str) -> Engine:
    options: dict[str, Any] = {}
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
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, per connection; PostgreSQL always checks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _upgrade(engine: Engine, shown: str) -> None:
    """Run Alembic ``upgrade head`` on an open connection, with no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"cannot migrate the store at {shown}: {exc}. It was probably written by a newer "
            f"newsledger; upgrade newsledger, or use another database file."
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store at {shown}: {_reason(exc)}.") from exc


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own message, without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None)
    return f"{type(orig).__name__}: {orig}" if orig is not None else str(exc).splitlines()[0]


def _check_storable(result: ExtractionResult) -> None:
    """Refuse, before writing anything, data that would otherwise be dropped silently."""
    unstored = [f.name for f in dataclasses.fields(result) if f.name not in STORED_FIELDS and getattr(result, f.name)]
    if unstored:
        raise ValueError(f"the store has no table for {', '.join(unstored)} yet; add one in a new migration.")
    unknown = sorted(set(result.runs) - set(RUN_KEYS))
    if unknown:
        raise ValueError(f"the store has no column for runs keys {unknown}; add one in a new migration.")


__all__ = ["SaveOutcome", "SaveStatus", "Store", "database_url", "run_signature"]
