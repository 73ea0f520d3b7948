"""The ledger: the use cases every interface calls (the CLI today, the HTTP API and pages next).

:class:`Ledger` keeps a store's incidents up to date as reports arrive
(:mod:`~newsledger.ledger.service`), applies a person's merges, splits and
corrections (:mod:`~newsledger.ledger.decisions`), and answers the queries:
incidents by type, dates, country and grade, now or as they stood at a moment,
and one incident with its evidence and history
(:mod:`~newsledger.ledger.versions`). It knows use cases, not flags or HTTP:
its errors name the value that is wrong, not a command-line option.
"""

from newsledger.errors import LedgerError
from newsledger.ledger.service import Ledger, LedgerUpdate
from newsledger.ledger.versions import ACTIVE, REPLACED, RETIRED, IncidentFilter, Version

__all__ = ["ACTIVE", "REPLACED", "RETIRED", "IncidentFilter", "Ledger", "LedgerError", "LedgerUpdate", "Version"]
