"""Quality gate for events on real US shooting reports: the first 200 in the benchmark's fixed order.

Runs :func:`benchmarks.events_gun_violence.run_events_gun_violence` on the
first 200 reports (ordered by a hash of ``doc_id``) of ``gun-violence``, the
development set: each report's incident events and its main event's day,
city, state and toll against the Gun Violence Archive record of its incident.
Each floor sits a little below the value measured when it was set (in the
comment beside it); lowering one is a decision written in the commit message.
"""

from __future__ import annotations

import pytest

from benchmarks.events_gun_violence import DATASET, run_events_gun_violence

LIMIT = 200

FLOORS = {
    "articles with exactly one incident event": 0.80,  # measured 0.835
    "main event: killed exact": 0.56,  # measured 0.595
    "main event: injured exact": 0.46,  # measured 0.495
    "main event: date exact": 0.54,  # measured 0.570
    "main event: city exact": 0.49,  # measured 0.520
    "main event: state exact": 0.61,  # measured 0.645
    "main event: place within 25 km of the gold town": 0.56,  # measured 0.596
    "main event: Attack or Armed clash": 0.86,  # measured 0.895
}
CEILINGS = {
    # 1.0 is ideal: above it, one shooting is split into several events (measured 0.955).
    "incident events per article (1.0 ideal)": 1.10,
    "main event: sexual violence, abduction or air strike": 0.02,  # measured 0.000
    "articles with an extraction error": 0.01,  # measured 0.000
}


@pytest.fixture(scope="module")
def rows(shared_data, pipeline):
    folder = shared_data / "gun-violence"
    if not (folder / "documents.jsonl").exists():
        pytest.skip(f"{folder} is absent")
    found = {r.metric: r for r in run_events_gun_violence(limit=LIMIT, data=folder, pipeline=pipeline)}
    assert {r.dataset for r in found.values()} == {DATASET}
    return found


@pytest.mark.gate
@pytest.mark.model
@pytest.mark.parametrize(("metric", "floor"), list(FLOORS.items()), ids=list(FLOORS))
def test_gun_violence_floor(rows, metric, floor):
    row = rows[metric]
    assert row.n and row.n > 0.9 * LIMIT
    assert row.ours >= floor, f"{metric}: {row.ours:.3f} < floor {floor}"


@pytest.mark.gate
@pytest.mark.model
@pytest.mark.parametrize(("metric", "ceiling"), list(CEILINGS.items()), ids=list(CEILINGS))
def test_gun_violence_ceiling(rows, metric, ceiling):
    row = rows[metric]
    assert row.ours <= ceiling, f"{metric}: {row.ours:.3f} > ceiling {ceiling}"
