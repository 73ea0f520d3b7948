"""What the database can refuse, in words a user can act on, and the write locks that keep writers apart.

A write can fail for reasons no article is to blame for: the disk is full, the
file or its folder is read-only, another process holds the write lock. Each is
a :class:`~newsledger.errors.StoreUnavailableError` with one line saying what
happened and what to do, so a batch stops at the first such write instead of
failing every later article the same way, and no driver traceback reaches the
user. :func:`transaction` is the one way the store and the ledger write:

- on SQLite it starts with ``BEGIN IMMEDIATE``, which takes the write lock
  before anything is read. With the driver's default deferred transactions a
  reader that later writes can meet another writer in a deadlock that SQLite
  answers at once with "database is locked", without waiting; taking the lock
  first lets SQLite's busy handler wait the whole ``lock_timeout`` instead.
  One writer at a time, in every process: a ledger update reads and then
  writes with nobody writing in between.
- on PostgreSQL writers run side by side, so what must not interleave takes
  an advisory lock first, released at commit or rollback: an ``exclusive``
  transaction (a ledger update, merge, split or correction, which read the
  ledger and write it back) holds the ledger's lock, so two ingests, or an
  ingest and a reviewer's merge on the web, take turns as they do on SQLite;
  and a transaction that may create a row under a key another process may be
  creating at the same moment (an article, by its content hash) holds a lock
  on that key, so the second waits and finds the row instead of failing on
  the unique key. Each connection waits at most ``lock_timeout`` for a lock
  (PostgreSQL's ``lock_timeout``, set by the store when it connects).
- every SQLAlchemy or operating-system error is turned into a ``StoreError``
  naming the database, in one line.

Hand-written: SQLAlchemy and the drivers report these faults only as their
native error codes and messages (SQLite's ``SQLITE_FULL``, ``SQLITE_READONLY``,
``SQLITE_BUSY``; PostgreSQL's SQLSTATEs), and no library maps them to advice.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from newsledger.errors import DiskFullError, ReadOnlyStoreError, StoreError, StoreLockedError

# Seconds a write waits for another process's write lock before the batch stops.
DEFAULT_LOCK_TIMEOUT = 60.0
LOCK_TIMEOUT_ENV = "NEWSLEDGER_LOCK_TIMEOUT"

# SQLite's primary result codes (the low byte of the extended code the driver reports).
_SQLITE_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_READONLY = 8
_SQLITE_FULL = 13
_FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")
_READ_ONLY = ("readonly database", "read-only", "read only", "unable to open database file")
_LOCKED = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock")
# PostgreSQL advisory lock keys: the ledger's ("nlld" in ASCII; the migrations hold 0x6E6C), and the
# first half of the two-part keys that lock one name (an article id) while it is written.
LEDGER_LOCK = 0x6E6C6C64
_NAME_LOCKS = 0x6E6C6B


def lock_timeout_from_env() -> float:
    """``NEWSLEDGER_LOCK_TIMEOUT`` in seconds, else the default.

    Raises:
        StoreError: the variable is not a number of seconds of 0 or more.
    """
    text = os.environ.get(LOCK_TIMEOUT_ENV)
    if text is None or not text.strip():
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise StoreError(f"{LOCK_TIMEOUT_ENV}={text!r} is not a number of seconds: use e.g. {DEFAULT_LOCK_TIMEOUT:g}.")
    return value


class Faults:
    """Turns one database's errors into :class:`StoreError` lines; ``shown`` names it, ``folder`` holds it."""

    def __init__(self, shown: str, folder: Path | None, lock_timeout: float) -> None:
        self.shown = shown
        self.folder = folder
        self.lock_timeout = lock_timeout

    def error(self, exc: BaseException, what: str) -> StoreError:
        """The one-line error for ``exc``, raised while the store tried to ``what``."""
        message = _message(exc).lower()
        code = _errno(exc)
        sqlite_code = _sqlite_code(exc)
        where = self.folder if self.folder is not None else self.shown
        if sqlite_code == _SQLITE_FULL or code == errno.ENOSPC or any(cue in message for cue in _FULL):
            return DiskFullError(
                f"the disk holding {where} is full: could not {what}. Free some space and run the same "
                f"command again; everything stored before this is kept and is not done twice."
            )
        if (sqlite_code == _SQLITE_READONLY or code in (errno.EROFS, errno.EACCES, errno.EPERM)
                or any(cue in message for cue in _READ_ONLY)):
            return ReadOnlyStoreError(
                f"the database {self.shown} is read-only: could not {what}. Make the file and its folder "
                f"writable, or copy the database to a place you can write and pass that with --db."
            )
        if sqlite_code in _SQLITE_BUSY or any(cue in message for cue in _LOCKED):
            return StoreLockedError(
                f"the database {self.shown} is locked by another process: waited {self.lock_timeout:g} s "
                f"to {what}. Run the command again once the other process is done, or wait longer with "
                f"{LOCK_TIMEOUT_ENV}=SECONDS."
            )
        return StoreError(f"could not {what} in {self.shown}: {_message(exc)}")

    @contextlib.contextmanager
    def translated(self, what: str) -> Iterator[None]:
        """Raise driver and operating-system errors inside the block as :class:`StoreError`."""
        try:
            yield
        except StoreError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise self.error(exc, what) from exc


@contextlib.contextmanager
def transaction(engine: Engine, faults: Faults, what: str, exclusive: bool = False,
                names: Iterable[str] = ()) -> Iterator[Session]:
    """A write transaction, committed at the end of the block, rolled back on any error.

    ``exclusive``: no other exclusive transaction runs at the same time, in
    any process (the ledger's lock; on SQLite every write transaction is).
    ``names``: the keys of rows it may create that another process may be
    creating too (article ids); on PostgreSQL it waits for a transaction
    holding one of them, as on SQLite it waits for every writer.

    Raises:
        StoreUnavailableError: the disk is full, the database read-only, or
            its write lock held by another process past the timeout.
        StoreError: any other refusal of the database.
    """
    with faults.translated(what), Session(engine) as session, session.begin():
        connection = session.connection()
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            if exclusive:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEDGER_LOCK})
            # Always in one order, so that two transactions never wait for each other's.
            for name in sorted(set(names)):
                connection.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:name))"),
                                   {"space": _NAME_LOCKS, "name": name})
        yield session


@contextlib.contextmanager
def reading(engine: Engine, faults: Faults, what: str) -> Iterator[Session]:
    """A read-only session whose driver errors are :class:`StoreError` lines."""
    with faults.translated(what), Session(engine) as session:
        yield session


def _message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    if orig is not None:
        # PostgreSQL's messages run over several lines (a hint, a detail): one line here.
        return " ".join(line.strip() for line in str(orig).splitlines() if line.strip()) or type(orig).__name__
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _errno(exc: BaseException) -> int | None:
    for candidate in (exc, getattr(exc, "orig", None), exc.__cause__, exc.__context__):
        code = getattr(candidate, "errno", None)
        if isinstance(code, int):
            return code
    return None
