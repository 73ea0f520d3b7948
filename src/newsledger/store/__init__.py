"""The ledger database: SQLite by default, PostgreSQL by URL, migrated by Alembic on open.

``Store.open(path_or_url)`` returns a :class:`Store`; ``save`` records one
:class:`~newsledger.schema.ExtractionResult` per transaction and
``iter_results`` reads the ``newsledger/1`` dicts back for export.
"""

from newsledger.store.store import SaveOutcome, SaveStatus, Store, database_url, run_signature

__all__ = ["SaveOutcome", "SaveStatus", "Store", "database_url", "run_signature"]
