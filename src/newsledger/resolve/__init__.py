"""Resolution across articles: event mentions linked into sourced incidents.

:func:`resolve` takes :class:`EventRef` mentions and returns :class:`Incident`
values; :class:`Resolver` does the same incrementally. No database here: the
store persists what this package computes.
"""

from newsledger.resolve.incidents import (
    Constraint,
    CountRange,
    EventRef,
    FieldValue,
    Incident,
    Resolver,
    SourcedCount,
    Support,
    incident_id,
    resolve,
)
from newsledger.resolve.serialize import incident_to_dict

__all__ = [
    "Constraint", "CountRange", "EventRef", "FieldValue", "Incident", "Resolver", "SourcedCount", "Support",
    "incident_id", "incident_to_dict", "resolve",
]
