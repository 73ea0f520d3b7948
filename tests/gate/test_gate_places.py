"""Quality gate for places.v1: geoparsing floors on the first 40 articles of LGL, TR-News, GeoVirus.

Runs :func:`benchmarks.places_geoparsing.run_places_geoparsing` (both modes)
on a fixed subset; each floor sits a little below the value measured when it
was set (in the comment beside it). Lowering a floor is a decision written in
the commit message.
"""

from __future__ import annotations

import pytest

from benchmarks.places_geoparsing import run_places_geoparsing

LIMIT = 40

FLOORS = {
    ("LGL", "gold spans: acc@161km"): 0.82,  # measured 0.844
    ("LGL", "gold spans: GeoNames id match"): 0.75,  # measured 0.777
    ("LGL", "e2e: span precision"): 0.92,  # measured 0.944
    ("LGL", "e2e: span F1"): 0.70,  # measured 0.727
    ("LGL", "e2e: acc@161km on matched"): 0.85,  # measured 0.877
    ("TR-News", "gold spans: acc@161km"): 0.85,  # measured 0.872
    ("TR-News", "gold spans: GeoNames id match"): 0.82,  # measured 0.840
    ("TR-News", "e2e: span precision"): 0.92,  # measured 0.950
    ("TR-News", "e2e: span F1"): 0.80,  # measured 0.825
    ("TR-News", "e2e: acc@161km on matched"): 0.88,  # measured 0.908
    ("GeoVirus", "gold spans: acc@161km"): 0.74,  # measured 0.762
    ("GeoVirus", "e2e: span precision"): 0.93,  # measured 0.951
    ("GeoVirus", "e2e: span F1"): 0.89,  # measured 0.919
    ("GeoVirus", "e2e: acc@161km on matched"): 0.79,  # measured 0.815
}


@pytest.fixture(scope="module")
def rows(shared_data):
    return {(r.dataset, r.metric): r for r in run_places_geoparsing(limit=LIMIT, mode="both")}


@pytest.mark.gate
@pytest.mark.model
@pytest.mark.parametrize(("key", "floor"), list(FLOORS.items()), ids=[f"{d}:{m}" for d, m in FLOORS])
def test_places_floor(rows, key, floor):
    row = rows[key]
    assert row.n and row.n > 0
    assert row.ours >= floor, f"{key}: {row.ours:.3f} < floor {floor}"
