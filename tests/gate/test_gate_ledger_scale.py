"""Quality gate: the store-backed ledger resolves like the in-memory resolver, and its updates stay flat.

Runs the benchmark's own code (``benchmarks.ledger_scale.run_ledger_scale``) at
1,000 and 2,000 synthetic mentions made from the event templates of the first
20 ``wikinews-conflict`` articles, fed in batches of 500. The partition of
mentions into incidents must be exactly the resolver's; the last batch's update
at 2,000 may take at most three times the one at 1,000 (loose: the machine is
shared, and an update should cost about the same whatever the ledger's size).
Lowering a floor is a decision written in the commit message.
"""

from __future__ import annotations

import pytest

from benchmarks.ledger_scale import run_ledger_scale
from benchmarks.resolve_scale import extract_templates

pytestmark = [pytest.mark.gate, pytest.mark.model]

GATE_ARTICLES = 20
SIZES = (1_000, 2_000)


@pytest.fixture(scope="module")
def rows(shared_data):
    if not (shared_data / "wikinews-conflict" / "articles.jsonl").exists():
        pytest.skip("wikinews-conflict data is absent")
    templates = extract_templates(limit=GATE_ARTICLES)
    return {r.metric: r for r in run_ledger_scale(SIZES, templates, trace_memory=False)}


@pytest.mark.parametrize("size", SIZES)
def test_partition_equals_in_memory_resolution(rows, size):
    row = rows[f"partition equal to in-memory resolution, {size}"]
    assert row.n is not None and row.n > size // 4  # incidents were written (measured 564 and 1,181)
    assert row.ours == 1.0, "the ledger's incidents differ from resolve() of the same mentions (see the warning log)"
    assert rows[f"incidents, {size} mentions"].ours == rows[f"incidents, {size} mentions"].anchor


def test_last_update_stays_flat(rows):
    small = rows[f"last batch's update seconds, {SIZES[0]}"].ours  # measured 1.52 s
    large = rows[f"last batch's update seconds, {SIZES[1]}"].ours  # measured 1.64 s
    assert large <= 3 * small, f"the last update took {large:.2f} s at {SIZES[1]} against {small:.2f} s at {SIZES[0]}"


@pytest.mark.parametrize(
    ("metric", "floor"),
    [
        # Lowered in issue 12 with the resolver's recall on synthetic stories (see test_gate_resolve_scale):
        # an actor with neither entity nor country no longer counts as an agreement.
        (f"B3 P / R / F1 vs synthetic stories, {SIZES[0]}: F1", 0.75),  # measured 0.779
        (f"B3 P / R / F1 vs synthetic stories, {SIZES[1]}: F1", 0.75),  # measured 0.785
    ],
)
def test_story_bcubed_floor(rows, metric, floor):
    assert rows[metric].ours >= floor, f"{metric} fell to {rows[metric].ours:.3f} (floor {floor})"
