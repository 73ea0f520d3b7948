"""Quality gate for the ACLED sub-type classifier: the first 300 test-split records by event id.

Runs :func:`benchmarks.events_acled.run_events_acled` on a fixed subset of the
documented test split (``event_types.acled_split``), which training never
reads. Each floor sits a little below the value measured when it was set (in
the comment beside it); lowering one is a decision written in the commit
message.
"""

from __future__ import annotations

import pytest

from benchmarks.events_acled import run_events_acled

pytestmark = [pytest.mark.gate, pytest.mark.model]

LIMIT = 300

FLOORS = {
    "sub-type accuracy": 0.82,  # measured 0.837
    "sub-type weighted F1": 0.82,  # measured 0.837
    "sub-type macro F1": 0.49,  # measured 0.524
    "event type accuracy (from sub-type)": 0.87,  # measured 0.890
}


@pytest.fixture(scope="module")
def figures(shared_data):
    path = shared_data / "acled" / "acled-sample-dev.jsonl"
    if not path.exists():
        pytest.skip("the ACLED sample is absent from the shared data")
    return {row.metric: row.ours for row in run_events_acled("test", limit=LIMIT, data=path)}


@pytest.mark.parametrize("metric, floor", sorted(FLOORS.items()))
def test_event_type_floor(figures, metric, floor):
    assert figures[metric] >= floor, f"{metric} fell to {figures[metric]:.3f} (floor {floor})"


def test_classifier_beats_the_majority_baseline(figures):
    # measured 0.837 against 0.570 for always answering "Peaceful protest"
    assert figures["sub-type accuracy"] > figures["majority baseline: sub-type accuracy"] + 0.25
