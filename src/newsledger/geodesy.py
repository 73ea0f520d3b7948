"""Distances on the Earth's surface, one formula for the whole project.

:func:`distance_km` is the great-circle (haversine) distance on a sphere of
the Earth's mean radius, 6,371 km: what geoparsing uses to tell whether two
places named in one article lie near each other, what resolution uses to
tell whether two reports place an event at the same spot, and what the
benchmarks use to score a coordinate against a gold one. Within 0.5% of the
ellipsoidal distance, which is far finer than any of those thresholds.

Written here rather than taken from a library: it is four lines of
trigonometry, and geopy or pyproj would add a dependency for nothing else.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees.

    Args:
        lat1: latitude of the first point.
        lon1: longitude of the first point.
        lat2: latitude of the second point.
        lon2: longitude of the second point.

    Returns:
        The haversine distance on a sphere of radius :data:`EARTH_RADIUS_KM`.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    # Rounding can push ``a`` a hair above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
