"""Background events in resolution: an earlier event an article recalls joins only on its own date.

Hand-built mentions (no spaCy): a report of Monday's strike that also recalls
an earlier strike, once with the earlier strike's own date and once without.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsledger.resolve import EventRef, Resolver
from newsledger.resolve.rules import why_excluded
from newsledger.schema import Event, EventDate, Plover, TextSpan

TEXT = "A strike on Monday killed three. It recalled the Sept. 2 strike, and an earlier one."
PUBLISHED = dt.date(2025, 10, 23)


def _event(event_id: str, word: str, occurrence: int, when: EventDate | None, background: bool) -> Event:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(word, start + 1)
    trigger = TextSpan(word, start, start + len(word))
    return Event(
        id=event_id, type="Explosions/Remote violence", subtype="Air/drone strike", plover=Plover("ASSAULT", "aerial"),
        trigger=trigger, evidence=TextSpan(TEXT, 0, len(TEXT)), actor1=None, actor2=None, target=None,
        location=None, date=when, fatalities=None, injured=None, arrested=None, certainty="asserted",
        polarity="positive", time_status="past", claim_id=None, background=background,
    )


def _ref(event: Event) -> EventRef:
    return EventRef("a1", "a1", "Outlet", event, PUBLISHED)


DATED = EventDate("Sept. 2", TEXT.index("Sept. 2"), TEXT.index("Sept. 2") + 7, "2025-09-02", "day",
                  ("2025-09-02", "2025-09-02"))
WINDOW = EventDate(None, None, None, None, "unknown", ("2025-10-16", "2025-10-23"), True)


def test_background_with_its_own_date_joins_and_without_one_is_excluded():
    dated = _event("V2", "strike", 1, DATED, background=True)
    undated = _event("V3", "one", 0, WINDOW, background=True)
    assert why_excluded(_ref(dated)) is None
    assert why_excluded(_ref(undated)) == "background, undated"
    # The same undated mention, told as the report's own event, would join.
    assert why_excluded(_ref(dataclasses.replace(undated, background=False))) is None


def test_an_undated_background_event_joins_no_incident():
    main = _event("V1", "strike", 0, EventDate("Monday", 12, 18, "2025-10-20", "day", ("2025-10-20", "2025-10-20")), False)
    undated = _event("V3", "one", 0, WINDOW, background=True)
    resolver = Resolver()
    resolver.add([_ref(main), _ref(undated)])
    assert resolver.incident_of(_ref(main).key) is not None
    assert resolver.incident_of(_ref(undated).key) is None
