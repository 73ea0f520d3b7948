"""Quality gate for places.v2: geoparsing floors on the first 40 articles of LGL, TR-News, GeoVirus.

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
    ("LGL", "gold spans: acc@161km"): 0.83,  # measured 0.848
    ("LGL", "gold spans: GeoNames id match"): 0.76,  # measured 0.775
    ("LGL", "e2e: span precision"): 0.93,  # measured 0.944
    ("LGL", "e2e: span recall"): 0.60,  # measured 0.620
    ("LGL", "e2e: span recall, non-demonym gold"): 0.69,  # measured 0.705
    ("LGL", "e2e: span F1"): 0.73,  # measured 0.748
    ("LGL", "e2e: acc@161km on matched"): 0.86,  # measured 0.878
    ("TR-News", "gold spans: acc@161km"): 0.87,  # measured 0.882
    ("TR-News", "gold spans: GeoNames id match"): 0.83,  # measured 0.840
    ("TR-News", "e2e: span precision"): 0.94,  # measured 0.951
    ("TR-News", "e2e: span recall"): 0.73,  # measured 0.750
    ("TR-News", "e2e: span recall, non-demonym gold"): 0.86,  # measured 0.874
    ("TR-News", "e2e: span F1"): 0.82,  # measured 0.839
    ("TR-News", "e2e: acc@161km on matched"): 0.89,  # measured 0.907
    ("GeoVirus", "gold spans: acc@161km"): 0.74,  # measured 0.755
    ("GeoVirus", "e2e: span precision"): 0.94,  # measured 0.951
    ("GeoVirus", "e2e: span recall"): 0.88,  # measured 0.893
    ("GeoVirus", "e2e: span recall, non-demonym gold"): 0.88,  # measured 0.893
    ("GeoVirus", "e2e: span F1"): 0.91,  # measured 0.921
    ("GeoVirus", "e2e: acc@161km on matched"): 0.79,  # measured 0.807
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
