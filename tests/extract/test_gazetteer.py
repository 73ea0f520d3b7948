"""The gazetteer index: name folding, lookups, curated data, demonyms (no spaCy model needed)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    fold,
    fold_loose,
    load_gazetteer,
    strip_admin_words,
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Gdańsk", "gdansk"),
        ("São Paulo", "sao paulo"),
        ("Venezuela’s", "venezuela"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  New   York ", "new york"),
        ("U.S.", "u.s."),
    ],
)
def test_fold(text, key):
    assert fold(text) == key


def test_fold_loose_drops_full_stops():
    assert fold_loose("St. Louis") == "st louis"
    assert fold_loose("U.S.") == "u s"


@given(st.text(max_size=40))
def test_folding_never_raises_and_is_idempotent(text):
    once = fold_loose(text)
    assert fold_loose(once) == once


@pytest.mark.parametrize(
    ("key", "bare"),
    [("province of bulacan", "bulacan"), ("gansu sheng", "gansu"), ("laurel county", "laurel"), ("ohio", "ohio")],
)
def test_strip_admin_words(key, bare):
    assert strip_admin_words(key) == bare


def _kinds(gaz, name):
    return {(c.place.kind, c.place.country_code) for c in gaz.lookup(name)}


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("U.S.", COUNTRY, "US"),
        ("US", COUNTRY, "US"),
        ("the United States", COUNTRY, "US"),
        ("United States of America", COUNTRY, "US"),
        ("America", COUNTRY, "US"),
        ("Britain", COUNTRY, "GB"),
        ("Peru", COUNTRY, "PE"),
        ("Peru", CITY, "US"),  # Peru, Indiana is a candidate: context must reject it
        ("Georgia", COUNTRY, "GE"),
        ("Georgia", ADMIN1, "US"),
        ("Ky.", ADMIN1, "US"),
        ("B.C.", ADMIN1, "CA"),
        ("NSW", ADMIN1, "AU"),
        ("Laurel County", ADMIN2, "US"),
        ("Magnitogorsk", CITY, "RU"),
        ("Baghdad", CITY, "IQ"),
        ("Hong Kong", COUNTRY, "HK"),
        ("Kyiv", CITY, "UA"),
        ("Kiev", CITY, "UA"),
        ("Gdansk", CITY, "PL"),
        ("D.C.", CITY, "US"),
        ("Zaire", COUNTRY, "CD"),
    ],
)
def test_lookup_finds(gaz, name, kind, country):
    key = name[4:] if name.startswith("the ") else name
    assert (kind, country) in _kinds(gaz, key)


@pytest.mark.parametrize(
    ("name", "lat_range", "lon_range"),
    [
        ("Caribbean", (10, 20), (-85, -65)),
        ("eastern Pacific", (0, 20), (-120, -82)),
        ("Red Sea", (14, 27), (33, 43)),
        ("Black Sea", (41, 46), (28, 41)),
        ("South China Sea", (5, 20), (105, 120)),
        ("Persian Gulf", (24, 30), (48, 56)),
        ("Gulf of Mexico", (20, 30), (-97, -82)),
        ("Mediterranean", (31, 43), (0, 35)),
        ("Middle East", (20, 38), (30, 55)),
        ("Sahel", (10, 20), (-15, 30)),
        ("Latin America", (-30, 20), (-100, -35)),
    ],
)
def test_curated_places_lie_where_they_should(gaz, name, lat_range, lon_range):
    regions = [c.place for c in gaz.lookup(name) if c.place.kind == REGION]
    assert regions, name
    place = regions[0]
    assert lat_range[0] <= place.lat <= lat_range[1]
    assert lon_range[0] <= place.lon <= lon_range[1]
    assert place.precision in ("water", "region")


def test_the_gulf_is_ambiguous_until_context_decides(gaz):
    names = {c.place.name for c in gaz.lookup("Gulf") if c.place.kind == REGION}
    assert {"Persian Gulf", "Gulf of Mexico"} <= names


@pytest.mark.parametrize(
    ("demonym", "country"),
    [("Venezuelan", "VE"), ("American", "US"), ("Americans", "US"), ("Turkish", "TR"), ("Syrian", "SY"),
     ("British", "GB"), ("Palestinian", "PS")],
)
def test_demonyms_name_countries(gaz, demonym, country):
    assert gaz.demonym_country(demonym) == country


def test_demonyms_are_not_place_names(gaz):
    assert not any(c.place.kind == COUNTRY for c in gaz.lookup("Venezuelan"))


def test_city_records_carry_admin1_and_capital_flag(gaz):
    baghdad = next(c.place for c in gaz.lookup("Baghdad") if c.place.country_code == "IQ")
    assert baghdad.feature_code == "PPLC"
    assert baghdad.geonameid == 98182
    kenosha = next(c.place for c in gaz.lookup("Kenosha") if c.place.kind == CITY)
    assert kenosha.admin1 == "Wisconsin"
    assert abs(kenosha.lat - 42.58) < 0.1 and abs(kenosha.lon + 87.82) < 0.1


def test_country_points_are_inside_their_country(gaz):
    # Rough boxes drawn by hand around each country.
    boxes = {"VE": (0, 13, -74, -59), "PE": (-19, 0, -82, -68), "US": (24, 50, -125, -66), "RU": (41, 82, 27, 180)}
    for code, (lat0, lat1, lon0, lon1) in boxes.items():
        place = gaz.country(code)
        assert lat0 <= place.lat <= lat1 and lon0 <= place.lon <= lon1, code
        assert place.precision == "country"


def test_curated_data_file_is_well_formed():
    data = json.loads((resources.files("newsledger") / "data" / "regions.json").read_text(encoding="utf-8"))
    gaz = load_gazetteer()
    for row in data["places"]:
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row["name"]
        assert row["aliases"], row["name"]
    for target in data["aliases"]:
        kind, _, code = target.partition(":")
        if kind == "country":
            assert gaz.country(code) is not None, target
        elif kind == "admin1":
            assert gaz.admin1(*code.split(".")) is not None, target
        else:
            assert kind == "city" and code.isdigit(), target


def test_cache_round_trip_and_corrupt_file(tmp_path, monkeypatch):
    from newsledger.extract import gazetteer as module

    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    path = module._cache_file()
    assert path.parent == tmp_path and path.name.startswith("gazetteer-")
    module._write_cache(path, load_gazetteer())
    copy = module._read_cache(path)
    assert [c.place for c in copy.lookup("Magnitogorsk")] == [c.place for c in load_gazetteer().lookup("Magnitogorsk")]
    assert copy.demonym_country("Venezuelan") == "VE"
    path.write_bytes(b"not a pickle")
    assert module._read_cache(path) is None
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", "none")
    assert module._cache_file() is None
