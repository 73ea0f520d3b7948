"""Resolution across articles: event mentions linked into sourced incidents.

:func:`resolve` takes :class:`EventRef` mentions and returns :class:`Incident`
values; :class:`Resolver` does the same incrementally. No database here: the
store persists what this package computes.
"""

from newsledger.resolve.people import people_named, people_of_result
from newsledger.resolve.resolver import Resolver, resolve
from newsledger.resolve.rules import why_excluded
from newsledger.resolve.serialize import incident_record, incident_to_dict
from newsledger.resolve.types import (
    Constraint,
    CountRange,
    EventRef,
    FieldValue,
    Incident,
    KeptApart,
    SourcedCount,
    Support,
    incident_id,
)

__all__ = [
    "Constraint", "CountRange", "EventRef", "FieldValue", "Incident", "KeptApart", "Resolver", "SourcedCount",
    "Support", "incident_id", "incident_record", "incident_to_dict", "people_named", "people_of_result", "resolve",
    "why_excluded",
]
