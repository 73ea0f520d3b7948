"""Errors the library raises; the CLI turns each into one line a user can act on.

Each error says what happened, why, and how to fix it. Problems with one
article's input are not raised through a batch: they become
:class:`~newsledger.schema.IngestFailure` or
:class:`~newsledger.schema.ExtractionError` records instead.
"""


class NewsledgerError(Exception):
    """Base class of every error newsledger raises on purpose."""


class InputError(NewsledgerError):
    """A document cannot be read: empty, binary, undecodable, too large, malformed."""


class SettingsError(NewsledgerError):
    """A setting (flag or ``NEWSLEDGER_*`` environment variable) has a value newsledger cannot use."""


class ModelNotFoundError(NewsledgerError):
    """The configured spaCy pipeline is not installed."""


class StoreError(NewsledgerError):
    """The database cannot be opened or migrated."""


class UnstorableResultError(NewsledgerError, ValueError):
    """An extraction result holds data the store has no table or column for (a newer schema's field).

    Also a ``ValueError``, which is what the store raised for it before.
    """


class MissingExtraError(NewsledgerError):
    """An optional dependency is missing; the message names the extra to install."""


class LedgerError(NewsledgerError):
    """A merge, split, correction or lookup a person asked for in the ledger cannot be done."""


class NotFoundError(LedgerError):
    """No incident or article has the id a person gave (an API answers it with 404)."""


class StoreUnavailableError(StoreError):
    """The database cannot take writes at all (disk full, read-only, locked): a batch stops here.

    Unlike a problem with one article, retrying the next article would fail the
    same way, so the batch ends at the first such write; what was stored before
    is kept, and running the same command again resumes.
    """


class DiskFullError(StoreUnavailableError):
    """The disk holding the database has no space left."""


class ReadOnlyStoreError(StoreUnavailableError):
    """The database file (or its folder) cannot be written."""


class StoreLockedError(StoreUnavailableError):
    """Another process held the database's write lock for longer than the wait allowed."""
