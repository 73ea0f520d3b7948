"""Quality gate for events.v2 on ACLED notes: field floors on the first 300 test-split notes.

Runs :func:`benchmarks.events_fields_acled.run_events_fields_acled` on the
first 300 notes (by ``event_id_cnty``) of the test part of
:func:`newsledger.extract.event_types.acled_split`, through the full pipeline
with the packaged sub-type classifier. Each floor sits a little below the
value measured when it was set (in the comment beside it). Lowering a floor is
a decision written in the commit message.
"""

from __future__ import annotations

import pytest

from benchmarks.events_fields_acled import DATASET, run_events_fields_acled

LIMIT = 300

FLOORS = {
    # Measured with events.py of 5aed6e0 and the trigger lexicon that settles or limits sub-types
    # (event_rules.TriggerMatch.allowed); "wired" where the call site passes allowed to classify.
    "event detected (>=1 event)": 0.91,  # measured 0.937 (was 0.893)
    "sub-type accuracy": 0.77,  # measured 0.803, 0.793 wired (was 0.717)
    "sub-type weighted F1": 0.80,  # measured 0.831, 0.821 wired (was 0.751)
    "event type accuracy": 0.82,  # measured 0.850, 0.843 wired (was 0.763)
    "date exact (interval == gold day)": 0.90,  # measured 0.933
    "date within (gold day in interval)": 0.90,  # measured 0.933
    "location within 25 km": 0.51,  # measured 0.537
    "location within 161 km": 0.66,  # measured 0.693
    "location country correct": 0.72,  # measured 0.747
    "location admin1 correct (loose names)": 0.58,  # measured 0.607
    "fatalities exact (none read as 0)": 0.89,  # measured 0.920
    "fatalities exact, gold > 0": 0.60,  # measured 0.655 (36 of 55)
    "actor 1 category (inter1) accuracy": 0.50,  # measured 0.530
    # A note tells one event: more is over-splitting, none a miss.
    "notes giving exactly one non-aggregate event": 0.72,  # measured 0.747, 0.740 wired
    # Per gold sub-type: some event of that sub-type found (the three with n >= 30 here).
    "detected: Peaceful protest": 0.90,  # measured 0.924 (171 notes)
    "detected: Armed clash": 0.69,  # measured 0.744, 0.718 wired (39 notes)
    "detected: Attack": 0.83,  # measured 0.865 (37 notes)
    # Not quality: a guard against an order-of-magnitude slowdown on a shared machine.
    "notes per second (full pipeline with events)": 10.0,  # measured 30-67 (machine shared)
}
CEILINGS = {
    "notes with an extraction error": 0.01,  # measured 0.000
}


@pytest.fixture(scope="module")
def rows(shared_data, pipeline):
    data = shared_data / "acled" / "acled-sample-dev.jsonl"
    if not data.exists():
        pytest.skip(f"{data} is absent")
    found = {r.metric: r for r in run_events_fields_acled(limit=LIMIT, data=data, pipeline=pipeline)}
    assert {r.dataset for r in found.values()} == {DATASET}
    return found


@pytest.mark.gate
@pytest.mark.model
@pytest.mark.parametrize(("metric", "floor"), list(FLOORS.items()), ids=list(FLOORS))
def test_events_fields_floor(rows, metric, floor):
    row = rows[metric]
    assert row.n and row.n > 0
    assert row.ours >= floor, f"{metric}: {row.ours:.3f} < floor {floor}"


@pytest.mark.gate
@pytest.mark.model
@pytest.mark.parametrize(("metric", "ceiling"), list(CEILINGS.items()), ids=list(CEILINGS))
def test_events_fields_ceiling(rows, metric, ceiling):
    row = rows[metric]
    assert row.n == LIMIT
    assert row.ours <= ceiling, f"{metric}: {row.ours:.3f} > ceiling {ceiling}"
