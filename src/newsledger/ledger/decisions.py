"""A person's decisions on incidents: merges and splits as constraints, corrections as overrides.

Decisions name the reports (member keys) they are about, never incident ids,
which move as reports come and go; every ledger update applies them again.
Merges and splits become :class:`~newsledger.resolve.Constraint` values for the
resolver (a split also keeps each side together, as the person left it, and
keeps the reports taken out apart from the other incidents their linked
component held when the split was made); a
correction overrides one field of whichever incident holds its reports, and the
incident lists it with the value it replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from newsledger.errors import LedgerError
from newsledger.resolve import Constraint
from newsledger.resolve.fields import time_precision
from newsledger.resolve.types import Incident
from newsledger.store.models import IncidentDecisionRow
from newsledger.taxonomy import event_type_of
from newsledger.taxonomy import subtype as lookup_subtype

# Above any event's toll (and within every database's integer column).
MAX_COUNT = 100_000_000
CORRECTABLE = ("sub_event_type", "date", "actor1", "actor2", "fatalities", "injured", "arrested")


def constraints(decisions: Iterable[IncidentDecisionRow]) -> list[Constraint]:
    """The resolver constraints of every merge and split, in decision order."""
    out = []
    for d in decisions:
        a, b = frozenset(d.members_a), frozenset(d.members_b)
        if d.action == "merge":
            out.append(Constraint("merge", a, b, d.id))
        elif d.action == "split":
            # Apart from each other, and each side kept together as the person left it.
            out += [Constraint("split", a, b, d.id), Constraint("merge", a, frozenset(), d.id),
                    Constraint("merge", b, frozenset(), d.id)]
            # The reports taken out also stay apart from the other incidents of their component then.
            apart_from = (d.value or {}).get("apart_from") if isinstance(d.value, dict) else None
            if apart_from:
                out.append(Constraint("split", a, frozenset(apart_from), d.id))
    return out


def decision_reason(decision: IncidentDecisionRow) -> str:
    """How a version made by this decision is explained: "split by a person (decision 3): note"."""
    what = {"merge": "merge", "split": "split", "correct": f"correction of {decision.field}"}[decision.action]
    note = f": {decision.note}" if decision.note else ""
    who = f"a person, {decision.decided_by}," if decision.decided_by else "a person"
    return f"{what} by {who} (decision {decision.id}){note}"


def checked_correction(field_name: str, value: Any) -> Any:
    """The value a person gave, checked and normalised for the field, or a LedgerError saying why not."""
    if field_name not in CORRECTABLE:
        raise LedgerError(f"cannot correct {field_name!r}; correctable fields: {', '.join(CORRECTABLE)}.")
    if field_name == "sub_event_type":
        return lookup_subtype(str(value)).name
    if field_name == "date":
        if not isinstance(value, str | list | tuple):
            raise LedgerError(f"date {value!r}: use YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD.")
        parts = value.split("/") if isinstance(value, str) else [str(p) for p in value]
        try:
            start, end = (dt.date.fromisoformat(p.strip()) for p in (parts * 2)[:2])
        except ValueError:
            raise LedgerError(f"date {value!r}: use YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD.") from None
        if end < start:
            raise LedgerError(f"date {value!r} ends before it starts.")
        return [start.isoformat(), end.isoformat()]
    if field_name in ("fatalities", "injured", "arrested"):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise LedgerError(f"{field_name} {value!r} is not a whole number.") from None
        if number < 0:
            raise LedgerError(f"{field_name} cannot be negative.")
        if number > MAX_COUNT:
            raise LedgerError(f"{field_name} {number} is more than any event's ({MAX_COUNT:,} at most).")
        return number
    return str(value).strip() or None


def corrected(detail: dict[str, Any], incident: Incident, decisions: Iterable[IncidentDecisionRow]) -> dict[str, Any]:
    """The incident dict with the corrections made to (reports of) this incident, latest last."""
    members = set(incident.members)
    for d in decisions:
        if d.action != "correct" or not members & set(d.members_a):
            continue
        rule = decision_reason(d)
        name, value = d.field, d.value
        if name == "date":
            before = detail["date"]["value"]
            detail["date"].update(value=value, start=value[0], end=value[1], time_precision=time_precision(tuple(value)))
        elif name in ("fatalities", "injured", "arrested"):
            count = detail[name] or {"figures": [], "contested": False}
            before = {k: count.get(k) for k in ("min", "max", "conservative")}
            count.update(min=value, max=value, conservative=value)
            detail[name] = count
        else:
            before = detail[name]["value"]
            detail[name]["value"] = value
            if name == "sub_event_type":
                detail["event_type"] = event_type_of(value)
        detail[name]["rule"] = rule
        detail.setdefault("corrections", []).append(
            {"decision": d.id, "field": name, "value": value, "before": before, "note": d.note}
        )
    return detail


__all__ = ["CORRECTABLE", "checked_correction", "constraints", "corrected", "decision_reason"]
