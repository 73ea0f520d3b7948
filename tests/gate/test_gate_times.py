"""Quality gate: time expressions on the first 20 TimeBank documents (sorted by name) keep their floors.

Runs the benchmark's own code (``benchmarks.times_tbaq.run_times_tbaq``) with
TempEval-3 scoring. Lowering a floor is a decision written in the commit message.
"""

from __future__ import annotations

import pytest

from benchmarks.times_tbaq import run_times_tbaq

pytestmark = [pytest.mark.gate, pytest.mark.model]

GATE_DOCUMENTS = 20


@pytest.fixture(scope="module")
def rows(shared_data):
    if not (shared_data / "time" / "tbaq" / "TimeBank").exists():
        pytest.skip("TBAQ data is absent")
    return {r.metric: r for r in run_times_tbaq(limit=GATE_DOCUMENTS, subsets=("TimeBank",))}


@pytest.mark.parametrize(
    ("metric", "floor"),
    [
        ("strict span F1", 0.91),  # measured 0.938 on these 20 documents (195 gold TIMEX3)
        ("relaxed span F1", 0.935),  # measured 0.959
        ("value accuracy on matched spans", 0.85),  # measured 0.872
        ("value F1", 0.81),  # measured 0.836
    ],
)
def test_times_floor(rows, metric, floor):
    assert rows[metric].n is not None and rows[metric].n > 150  # the gold set was read
    assert rows[metric].ours >= floor, f"{metric} fell to {rows[metric].ours:.3f} (floor {floor})"
