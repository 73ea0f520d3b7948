"""The seed report, end to end through `newsledger extract`, as issue #2 accepts it.

Reads ../shared/data/seed/venezuela-dock-strike.txt in place (it is not copied
into the repository) and skips when that folder is absent.
"""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed(shared_data):
    path = shared_data / "seed" / "venezuela-dock-strike.txt"
    result = CliRunner().invoke(app, ["extract", str(path), "--published", "2025-12-30"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    return json.loads(lines[0])


def test_text_ends_with_the_last_real_sentence(seed):
    assert seed["text"].rstrip().endswith("flooded the country with drugs.")
    assert seed["article"]["published"] == "2025-12-30"


@pytest.mark.parametrize("word", ["Iran", "South Park", "CFPB", "Alex Jones", "CBS", "Labubu", "Bari Weiss"])
def test_nothing_from_the_trailing_headlines(seed, word):
    assert word not in json.dumps(seed, ensure_ascii=False)


def _times(seed, text):
    return [t for t in seed["times"] if t["text"].lower() == text.lower()]


@pytest.mark.parametrize(
    "text, value, precision, interval",
    [
        ("Friday", "2025-12-26", "day", ["2025-12-26", "2025-12-26"]),
        ("Monday", "2025-12-29", "day", ["2025-12-29", "2025-12-29"]),
        ("last week", "2025-W52", "week", ["2025-12-22", "2025-12-28"]),
    ],
)
def test_relative_dates(seed, text, value, precision, interval):
    found = _times(seed, text)
    assert found, f"{text!r} not found among {[t['text'] for t in seed['times']]}"
    for t in found:
        assert (t["value"], t["precision"], t["interval"]) == (value, precision, interval)


def test_october_and_the_march_report(seed):
    october = [t for t in seed["times"] if "October" in t["text"]]
    assert len(october) == 2 and {t["value"] for t in october} == {"2025-10"}
    assert all(t["precision"] == "month" for t in october)
    march = [t for t in seed["times"] if "March" in t["text"]]
    assert [t["value"] for t in march] == ["2025-03"]


def test_earlier_this_month(seed):
    found = _times(seed, "earlier this month")
    assert len(found) == 2
    for t in found:
        assert t["precision"] == "month"
        assert t["interval"][0] >= "2025-12-01" and t["interval"][1] <= "2025-12-31"


@pytest.mark.parametrize("text", ["recent months", "months"])
def test_vague_past_references_are_not_dates(seed, text):
    found = _times(seed, text)
    assert found
    for t in found:
        assert t["interval"] is None
        assert t["value"] is None or not t["value"][:1].isdigit()


def _places(seed, word):
    return [p for p in seed["places"] if word.lower() in p["text"].lower()]


@pytest.mark.parametrize(
    "word, country_code, precision",
    [("Venezuela", "VE", "country"), ("Bolivia", "BO", "country"), ("Peru", "PE", "country"),
     ("Colombia", "CO", "country"), ("United States", "US", "country")],
)
def test_countries(seed, word, country_code, precision):
    found = _places(seed, word)
    assert found
    for p in found:
        assert (p["country_code"], p["precision"]) == (country_code, precision)


@pytest.mark.parametrize(
    "word, lat_range, lon_range",
    [("Caribbean", (9, 23), (-88, -59)), ("eastern Pacific", (-20, 30), (-130, -78))],
)
def test_seas(seed, word, lat_range, lon_range):
    found = _places(seed, word)
    assert found, f"{word} not among {[p['text'] for p in seed['places']]}"
    for p in found:
        assert p["precision"] in {"water", "region"}
        assert lat_range[0] <= p["lat"] <= lat_range[1] and lon_range[0] <= p["lon"] <= lon_range[1]


def test_every_place_is_in_the_americas(seed):
    # Every place the report names lies in the Americas: nothing on the wrong continent.
    assert seed["places"]
    for p in seed["places"]:
        assert p["lon"] is not None and -170 <= p["lon"] <= -30, p
        assert not math.isnan(p["lat"])


@pytest.mark.parametrize("name", ["Donald Trump", "Nicolas Maduro", "Pete Hegseth", "Susie Wiles", "Rand Paul"])
def test_people(seed, name):
    assert any(e["canonical"] == name and e["label"] == "PERSON" for e in seed["entities"])


@pytest.mark.parametrize(
    "name", ["CIA", "CNN", "Coast Guard", "Tren de Aragua", "United Nations Office on Drugs and Crime",
             "Drug Enforcement Administration"]
)
def test_organisations(seed, name):
    assert any(e["canonical"] == name and e["label"] == "ORG" for e in seed["entities"])


def test_the_report_names_these_places_and_no_others(seed):
    # "members of Congress", "permission from Congress": an organisation, not Congress, Arizona.
    names = {p["name"] for p in seed["places"]}
    assert names == {"Venezuela", "Caribbean Sea", "Eastern Pacific Ocean", "Bolivia", "Peru", "Colombia", "United States"}
