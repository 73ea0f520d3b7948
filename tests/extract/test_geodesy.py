"""One great-circle distance for geoparsing, resolution and the benchmarks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.geodesy import EARTH_RADIUS_KM, distance_km

LAT = st.floats(-90, 90)
LON = st.floats(-180, 180)


@pytest.mark.parametrize("a, b, km", [
    ((0.0, 0.0), (0.0, 0.0), 0.0),
    ((0.0, 0.0), (0.0, 1.0), 111.19),            # one degree of the equator
    ((51.5074, -0.1278), (48.8566, 2.3522), 343.56),   # London - Paris
    ((10.4806, -66.9036), (10.6, -66.93), 13.59),  # Caracas - La Guaira
    ((90.0, 0.0), (-90.0, 0.0), 20015.09),       # pole to pole
])
def test_known_distances(a, b, km):
    assert distance_km(*a, *b) == pytest.approx(km, abs=0.01)


@given(LAT, LON, LAT, LON)
def test_symmetric_and_bounded(lat1, lon1, lat2, lon2):
    d = distance_km(lat1, lon1, lat2, lon2)
    assert d == pytest.approx(distance_km(lat2, lon2, lat1, lon1), abs=1e-6)
    assert 0.0 <= d <= 3.1416 * EARTH_RADIUS_KM
