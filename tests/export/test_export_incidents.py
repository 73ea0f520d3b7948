"""Incident exports (CSV, JSONL, GeoJSON, ACLED, PLOVER) on incidents resolved from real Wikinews sentences.

Texts are quoted from English Wikinews, by Wikinews contributors, CC BY 2.5
(https://creativecommons.org/licenses/by/2.5/), articles named beside each.
Events are coded by hand the way tests/resolve/test_resolve_incidents.py does:
the roles, places and dates are what a reader takes from the text, the
gazetteer values are what newsledger's gazetteer gives for the names. Where a
test needs two outlets, two paragraphs of one article stand for two reports.
The GeoJSON is read back with GDAL's ``ogrinfo`` (Debian package gdal-bin,
``scripts/install-system-packages.sh``); that test skips when it is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess

import pytest

from newsledger.errors import NewsledgerError
from newsledger.export.incidents import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    INCIDENT_FORMATS,
    acled_event_date,
    acled_subtype,
    disorder_type,
    interaction_code,
    plover_record,
    write_acled_csv,
    write_incidents,
    write_incidents_csv,
    write_incidents_geojson,
    write_incidents_jsonl,
    write_plover_jsonl,
)
from newsledger.resolve import EventRef, incident_to_dict, resolve
from newsledger.schema import (
    Actor,
    Article,
    Count,
    Event,
    EventDate,
    PlaceMention,
    Plover,
    TextSpan,
)
from newsledger.taxonomy import (
    ACLED_SUBTYPES,
    NEWSLEDGER_SUBTYPES,
    event_type_of,
    plover_of,
)

# "Arrest made as mayor of Gdańsk, Poland stabbed on stage", 2019-01-14,
# https://en.wikinews.org/wiki/Arrest_made_as_mayor_of_Gda%C5%84sk,_Poland_stabbed_on_stage
GDANSK_URL = "https://en.wikinews.org/wiki/Arrest_made_as_mayor_of_Gda%C5%84sk,_Poland_stabbed_on_stage"
GDANSK_TITLE = "Arrest made as mayor of Gdańsk, Poland stabbed on stage"
GDANSK_OPENING = (
    "An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of Gdańsk, was stabbed last "
    "night whilst on stage at a fundraising event. He died today.\n\n"
    'Reports on the implement used vary between a knife and a "sharp tool". The attacker is reported to have '
    "jumped on stage during the Great Orchestra of Christmas Charity and claimed he was wrongfully imprisoned under "
    "Adamowicz's former party Civic Platform's time in government. Adamowicz was an early supporter of democracy, "
    "and has been mayor since 1998."
)
GDANSK_REACTIONS = (
    "Ex-Prime Minister Donald Tusk, the current President of the European Council, wrote \"Let's all pray for Mayor "
    'Adamowicz. Paweł, we are with you." Tusk, a founding Civic Platform member, is from Gdańsk. Interior Minister '
    'Joachim Brudziński called the stabbing "an act of inexplicable barbarity."'
)
# "Oil facilities in Saudi Arabia hit by drone attacks", 2019-09-15,
# https://en.wikinews.org/wiki/Oil_facilities_in_Saudi_Arabia_hit_by_drone_attacks
ARAMCO = (
    "Yesterday, oil facilities belonging to Saudi Arabia's state-owned Saudi Aramco were hit by multiple drone "
    "strikes in a pre-dawn raid. The attacks triggered major fires at a processing plant and an oil field, which "
    "state media said were under control. The Yemen-based Houthi movement claimed responsibility for the attacks.\n\n"
    "According to the Saudi Press Agency, the attacks occurred at 4:00 A.M. local time (0100 UTC) and struck the "
    "largest processing plant at Abqaiq and the Khurais oil field."
)
# "Police shoot teenage protester as Hong Kong demonstrations continue", 2019-10-02,
# https://en.wikinews.org/wiki/Police_shoot_teenage_protester_as_Hong_Kong_demonstrations_continue
HONG_KONG = (
    "For the first time in the sixteen weeks of protests in Hong Kong, police fired and landed a live round on a "
    "protester yesterday. The victim, eighteen-years-old and a high school student, was taken to the hospital for "
    "emergency surgery and is reported to be in critical condition. The shooting took place in the Tsuen Wan district."
)
# "Stampede during funeral procession of Qasem Soleimani causes deaths, delays burial", 2020-01-09.
SOLEIMANI = "He was killed last week by a United States military airstrike in Iraq."
# "Germany bans Mahan Air of Iran, citing 'security'", 2019-01-23,
# https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27
MAHAN = (
    "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, with officials saying "
    "this is for security reasons."
)

GDANSK_EVIDENCE = GDANSK_OPENING[: GDANSK_OPENING.index('"sharp tool".') + len('"sharp tool".')]
BRUDZINSKI_EVIDENCE = 'Interior Minister Joachim Brudziński called the stabbing "an act of inexplicable barbarity."'


def span(text: str, words: str) -> TextSpan:
    start = text.index(words)
    return TextSpan(words, start, start + len(words))


def place(text: str, words: str, name: str, geonameid: int | None, country: str | None, admin1: str | None,
          lat: float, lon: float, feature: str, precision: str) -> PlaceMention:
    found = span(text, words)
    return PlaceMention(words, found.start, found.end, name, geonameid, country, admin1, lat, lon, feature, precision)


def actor(text: str, words: str, canonical: str, category: str | None, country: str | None) -> Actor:
    return Actor(span(text, words), canonical, None, category, country)


def event(text: str, trigger: str, evidence: str, subtype: str, *, date: tuple[str, str] | None = None,
          date_words: str | None = None, **parts) -> Event:
    code = plover_of(subtype)
    when = None
    if date:
        words = span(text, date_words) if date_words else None
        when = EventDate(words and words.text, words and words.start, words and words.end, date[0], "day", date,
                         inferred=words is None)
    fields = {"actor1": None, "actor2": None, "location": None, "fatalities": None, "injured": None,
              "arrested": None, **parts}
    return Event(
        id="V1", type=event_type_of(subtype), subtype=subtype, plover=Plover(code.event, code.mode) if code else None,
        trigger=span(text, trigger), evidence=span(text, evidence), target=None, date=when, certainty="asserted",
        polarity="positive", time_status="past", claim_id=None, **fields,
    )


def count(text: str, low: int, high: int | None, words: str) -> Count:
    found = span(text, words)
    return Count(low, high, words, found.start, found.end)


def report(text: str, ev: Event, published: str, outlet: str | None, url: str, title: str) -> EventRef:
    article = Article.from_text(text).id
    return EventRef(article, article, outlet, ev, dt.date.fromisoformat(published), None, url, title)


def reports() -> list[EventRef]:
    stabbing = event(
        GDANSK_OPENING, "stabbed", GDANSK_EVIDENCE, "Attack", date=("2019-01-13", "2019-01-13"),
        date_words="last night",
        # The paper names the attacker ("Stefan W") further down; no category is given for him.
        actor1=actor(GDANSK_OPENING, "The attacker", "Stefan W", None, "PL"),
        actor2=actor(GDANSK_OPENING, "Paweł Adamowicz", "Paweł Adamowicz", "civilians", "PL"),
        location=place(GDANSK_OPENING, "Gdańsk", "Gdańsk", 3099434, "PL", "Pomeranian Voivodeship", 54.3523,
                       18.6491, "PPL", "city"),
        fatalities=count(GDANSK_OPENING, 1, 1, "He died"),
    )
    reaction = event(
        GDANSK_REACTIONS, "stabbing", BRUDZINSKI_EVIDENCE, "Attack",
        # No day in this paragraph: dated, as the extractor does, from the article's "last night".
        date=("2019-01-13", "2019-01-13"),
        actor2=actor(GDANSK_REACTIONS, "Mayor Adamowicz", "Paweł Adamowicz", "civilians", "PL"),
    )
    return [
        report(GDANSK_OPENING, stabbing, "2019-01-14", "Outlet A", GDANSK_URL, GDANSK_TITLE),
        report(GDANSK_REACTIONS, reaction, "2019-01-14", "Outlet B", GDANSK_URL, GDANSK_TITLE),
        report(ARAMCO, event(
            ARAMCO, "drone strikes", ARAMCO[: ARAMCO.index("raid.") + 5], "Air/drone strike",
            date=("2019-09-14", "2019-09-14"), date_words="Yesterday",
            actor1=actor(ARAMCO, "Houthi movement", "Houthi movement", "rebel group", "YE"),
            location=place(ARAMCO, "Abqaiq", "Abqaiq", 107312, "SA", "Eastern Province", 25.934, 49.6688, "PPL",
                           "city"),
        ), "2019-09-15", "Wikinews",
            "https://en.wikinews.org/wiki/Oil_facilities_in_Saudi_Arabia_hit_by_drone_attacks",
            "Oil facilities in Saudi Arabia hit by drone attacks"),
        report(HONG_KONG, event(
            HONG_KONG, "fired", HONG_KONG[: HONG_KONG.index("yesterday.") + 10], "Excessive force against protesters",
            date=("2019-10-01", "2019-10-01"), date_words="yesterday",
            actor1=actor(HONG_KONG, "police", "Hong Kong Police Force", "state forces", "HK"),
            actor2=actor(HONG_KONG, "a protester", "protesters", "protesters", "HK"),
            location=place(HONG_KONG, "Tsuen Wan", "Tsuen Wan", 1818209, "HK", None, 22.3714, 114.1133, "PPL", "city"),
            injured=count(HONG_KONG, 1, 1, "The victim"),
        ), "2019-10-02", "Wikinews",
            "https://en.wikinews.org/wiki/Police_shoot_teenage_protester_as_Hong_Kong_demonstrations_continue",
            "Police shoot teenage protester as Hong Kong demonstrations continue"),
        report(SOLEIMANI, event(
            SOLEIMANI, "airstrike", SOLEIMANI, "Air/drone strike", date=("2019-12-30", "2020-01-05"),
            date_words="last week",
            actor1=actor(SOLEIMANI, "United States military", "United States", "state forces", "US"),
            location=place(SOLEIMANI, "Iraq", "Iraq", 99237, "IQ", None, 33.0, 44.0, "PCLI", "country"),
        ), "2020-01-09", "Wikinews", "https://en.wikinews.org/wiki/Stampede_during_funeral_procession_of_Qasem_"
            "Soleimani_causes_deaths,_delays_burial", "Stampede during funeral procession of Qasem Soleimani"),
        report(MAHAN, event(
            MAHAN, "banned", MAHAN, "Sanctions", date=("2019-01-21", "2019-01-21"), date_words="Monday",
            actor1=actor(MAHAN, "Germany", "Germany", "state forces", "DE"),
            actor2=actor(MAHAN, "Mahan Air", "Mahan Air", None, "IR"),
        ), "2019-01-23", None, "https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27",
            "Germany bans Mahan Air of Iran, citing 'security'"),
    ]


ARTICLES = {Article.from_text(t).id: t for t in (GDANSK_OPENING, GDANSK_REACTIONS, ARAMCO, HONG_KONG, SOLEIMANI, MAHAN)}


@pytest.fixture(scope="module")
def incidents() -> list[dict]:
    return [incident_to_dict(i) for i in resolve(reports())]


def by_place(incidents: list[dict]) -> dict[str, dict]:
    """Incidents by place name (the Mahan Air ban has none: key None)."""
    return {(i["place"]["value"] or {}).get("name"): i for i in incidents}


def rows_of(writer, incidents) -> list[dict]:
    out = io.StringIO(newline="")
    assert writer(incidents, out) == len(incidents)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_fixture_resolves_to_five_incidents_with_both_gdansk_reports(incidents):
    assert len(incidents) == 5
    assert len(by_place(incidents)["Gdańsk"]["reports"]) == 2


@pytest.mark.parametrize("fmt", INCIDENT_FORMATS)
def test_write_incidents_dispatches_and_counts(incidents, fmt):
    out = io.StringIO(newline="")
    assert write_incidents(iter(incidents), out, fmt) == 5
    assert out.getvalue()


def test_unknown_format_names_the_choices(incidents):
    with pytest.raises(NewsledgerError, match="geojson"):
        write_incidents(incidents, io.StringIO(), "kml")


def test_jsonl_is_each_dict_as_is_with_readable_text(incidents):
    out = io.StringIO()
    write_incidents_jsonl(incidents, out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == incidents
    assert "Gdańsk" in out.getvalue()  # not \u0144


def test_csv_columns_and_values_round_trip(incidents):
    out = io.StringIO(newline="")
    write_incidents_csv(incidents, out)
    assert out.getvalue().splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = {r["location"]: r for r in rows_of(write_incidents_csv, incidents)}
    gdansk = rows["Gdańsk"]
    assert (gdansk["event_type"], gdansk["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (gdansk["fatalities_min"], gdansk["fatalities_max"], gdansk["fatalities_conservative"]) == ("1", "1", "1")
    assert gdansk["outlets"] == "Outlet A; Outlet B"
    assert gdansk["independent_sources"] == "2" and gdansk["reports"] == "2"
    assert gdansk["inter1"] == "" and gdansk["inter2"] == "7"  # the attacker's category is unknown
    assert gdansk["attempted"] == "false"
    assert (rows["Abqaiq"]["latitude"], rows["Abqaiq"]["longitude"]) == ("25.934", "49.6688")
    assert (rows["Abqaiq"]["plover_event"], rows["Abqaiq"]["plover_mode"]) == ("ASSAULT", "aerial")
    assert rows["Iraq"]["time_precision"] == "2" and rows["Iraq"]["geo_precision"] == "3"
    assert rows[""]["sub_event_type"] == "Sanctions" and rows[""]["latitude"] == ""


def test_geojson_is_streamed_points_lon_lat_and_null_geometry(incidents):
    out = io.StringIO()

    def lazily():
        for number, incident in enumerate(incidents):
            if number:  # the previous feature is already written when the next one is asked for
                assert incidents[number - 1]["id"] in out.getvalue()
            yield incident

    assert write_incidents_geojson(lazily(), out) == 5
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    features = {f["properties"]["location"]: f for f in collection["features"]}
    assert features["Abqaiq"]["geometry"] == {"type": "Point", "coordinates": [49.6688, 25.934]}
    assert features["Tsuen Wan"]["geometry"]["coordinates"] == [114.1133, 22.3714]
    assert features[None]["geometry"] is None
    for feature in collection["features"]:
        assert set(feature["properties"]) == set(CSV_COLUMNS)
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())
    assert features["Gdańsk"]["properties"]["fatalities_conservative"] == 1


@pytest.mark.skipif(shutil.which("ogrinfo") is None,
                    reason="GDAL's ogrinfo is not on PATH: run scripts/install-system-packages.sh (gdal-bin)")
def test_geojson_reads_in_gdal(incidents, tmp_path):
    path = tmp_path / "incidents.geojson"
    with path.open("w", encoding="utf-8") as out:
        write_incidents_geojson(incidents, out)
    summary = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True)
    assert "Feature Count: 5" in summary.stdout
    assert "Geometry: Point" in summary.stdout
    fields = dict(re.findall(r"^(\w+): (\w+)", summary.stdout, re.MULTILINE))
    assert fields["sub_event_type"] == "String"
    assert fields["fatalities_conservative"] == "Integer"
    assert fields["latitude"] == "Real"
    assert fields["attempted"] == "Integer"  # GDAL reads a JSON boolean as an Integer(Boolean) field
    full = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True, check=True).stdout
    # GDAL prints x (longitude) first: the coordinates were written in GeoJSON's order.
    assert "POINT (49.6688 25.934)" in full
    assert "location (String) = Gdańsk" in full
    assert full.count("POINT (") == 4  # the Mahan Air ban has no place


def test_acled_columns_are_the_codebook_order(incidents):
    out = io.StringIO(newline="")
    write_acled_csv(incidents, out)
    assert next(csv.reader(io.StringIO(out.getvalue()))) == list(ACLED_COLUMNS)
    assert len(ACLED_COLUMNS) == 31


# Hand-coded as an ACLED coder would read each incident (see the module docstring of the export).
ACLED_EXPECTED = {
    "Gdańsk": {
        "event_date": "2019-01-13", "year": "2019", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "Stefan W",
        "inter1": "", "actor2": "Paweł Adamowicz", "inter2": "7", "interaction": "",
        "civilian_targeting": "Civilian targeting", "iso": "616", "country": "Poland",
        "admin1": "Pomeranian Voivodeship", "admin2": "", "geo_precision": "1", "fatalities": "1",
        "source": "Outlet A; Outlet B", "tags": "", "timestamp": "1547424000",
    },
    "Abqaiq": {
        "event_date": "2019-09-14", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "actor1": "Houthi movement",
        "inter1": "2", "actor2": "", "inter2": "0", "interaction": "20", "civilian_targeting": "", "iso": "682",
        "country": "Saudi Arabia", "fatalities": "0", "source": "Wikinews",
    },
    "Tsuen Wan": {
        "disorder_type": "Political violence; Demonstrations", "event_type": "Protests",
        "sub_event_type": "Excessive force against protesters", "inter1": "1", "inter2": "6", "interaction": "16",
        "civilian_targeting": "", "iso": "344", "country": "Hong Kong", "admin1": "", "fatalities": "0",
    },
    "Iraq": {
        "event_date": "2020-01-02", "year": "2020", "time_precision": "2", "geo_precision": "3", "admin1": "",
        "inter1": "1", "interaction": "10", "iso": "368", "country": "Iraq",
        "tags": "date range=2019-12-30/2020-01-05",
    },
    "": {
        "event_type": "Strategic developments", "sub_event_type": "Other", "disorder_type": "Strategic developments",
        "tags": "newsledger sub-type=Sanctions", "inter1": "1", "inter2": "", "interaction": "", "country": "",
        "iso": "", "latitude": "", "event_date": "2019-01-21", "source": "en.wikinews.org",
    },
}


@pytest.mark.parametrize("location", list(ACLED_EXPECTED))
def test_acled_codes(incidents, location):
    rows = {r["location"]: r for r in rows_of(write_acled_csv, incidents)}
    row = rows[location]
    assert {k: row[k] for k in ACLED_EXPECTED[location]} == ACLED_EXPECTED[location]
    incident = by_place(incidents)[location or None]
    prefix = {"Gdańsk": "POL", "Abqaiq": "SAU", "Tsuen Wan": "HKG", "Iraq": "IRQ", "": "XXX"}[location]
    assert row["event_id_cnty"] == prefix + incident["id"].removeprefix("inc-")


def test_acled_notes_keep_odd_text_through_csv(incidents):
    rows = {r["location"]: r for r in rows_of(write_acled_csv, incidents)}
    notes = rows["Gdańsk"]["notes"]
    # Both reports' evidence, verbatim, in member order: a paragraph break, quotation marks, commas, Polish letters.
    members = [r["evidence"]["text"] for r in by_place(incidents)["Gdańsk"]["reports"]]
    assert sorted(members) == sorted([GDANSK_EVIDENCE, BRUDZINSKI_EVIDENCE])
    assert notes == " ".join(members)
    assert "\n\n" in notes and '"sharp tool"' in notes and "Brudziński" in notes


@pytest.mark.parametrize("subtype, expected", [
    ("Vessel seizure/interdiction", "Looting/property destruction"),
    ("Blockade", "Other"),
    ("Sanctions", "Other"),
    ("Military build-up", "Change to group/activity"),
    ("Authorisation/declaration", "Other"),
])
def test_newsledger_subtypes_map_to_acled(subtype, expected):
    assert acled_subtype(subtype) == (expected, subtype)
    assert expected in ACLED_SUBTYPES


def test_every_newsledger_subtype_has_an_acled_equivalent():
    # A sub-type added to the taxonomy later must be mapped (or acled_subtype raises).
    assert all(acled_subtype(name)[0] in ACLED_SUBTYPES for name in NEWSLEDGER_SUBTYPES)
    assert all(acled_subtype(name) == (name, None) for name in ACLED_SUBTYPES)


@pytest.mark.parametrize("inter1, inter2, expected", [
    (1, 3, 13), (3, 1, 13), (7, 3, 37), (2, 0, 20), (0, 6, 60), (8, 8, 88), (None, 1, None), (0, 0, None),
])
def test_interaction_is_the_smallest_joint_number(inter1, inter2, expected):
    assert interaction_code(inter1, inter2) == expected


@pytest.mark.parametrize("start, end, precision, expected", [
    ("2019-01-13", "2019-01-13", 1, "2019-01-13"),
    ("2019-12-30", "2020-01-05", 2, "2020-01-02"),  # the middle of the week
    ("2020-01-01", "2020-01-31", 3, "2020-01-16"),  # the month's mid-point
])
def test_acled_event_date(start, end, precision, expected):
    assert acled_event_date(start, end, precision) == expected


def test_acled_codes_agree_with_real_acled_records(shared_data):
    """Column order, interaction and disorder codes against 6,221 of ACLED's own records."""
    records = [json.loads(line) for line in (shared_data / "acled" / "acled-sample-dev.jsonl").open()]
    assert tuple(records[0]) == ACLED_COLUMNS
    for record in records:
        inter1, inter2 = (int(record[k]) for k in ("inter1", "inter2"))
        assert interaction_code(inter1, inter2) == int(record["interaction"]), record["event_id_cnty"]
        if record["sub_event_type"] == "Excessive force against protesters":
            continue  # the 2022 sample predates the codebook's "Political violence; Demonstrations" for it
        # The sample spells Demonstrations "Demostrations".
        expected = record["disorder_type"].replace("Demostrations", "Demonstrations")
        assert disorder_type(record["event_type"], record["sub_event_type"]) == expected


def test_plover_offsets_point_at_the_evidence(incidents):
    out = io.StringIO()
    assert write_plover_jsonl(incidents, out) == 5
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    checked = 0
    for record in records:
        assert {"id", "date", "enddate", "source", "recipient", "event", "mode", "context", "event_loc",
                "event_text", "quad_code", "text", "text_info", "cite_info"} <= set(record)
        text = ARTICLES[record["cite_info"]["citation"]]
        assert text[record["text_info"]["start"]:record["text_info"]["end"]] == record["text"]
        for rep in record["newsledger"]["reports"]:
            article = ARTICLES[rep["cite_info"]["citation"]]
            assert article[rep["text_info"]["start"]:rep["text_info"]["end"]] == rep["text"]
            assert article[rep["event_text_info"]["start"]:rep["event_text_info"]["end"]] == rep["event_text"]
            checked += 1
    assert checked == 6
    gdansk = next(r for r in records if r["event_loc"] and r["event_loc"]["name"] == "Gdańsk")
    brudzinski = next(r for r in gdansk["newsledger"]["reports"] if r["text"] == BRUDZINSKI_EVIDENCE)
    assert brudzinski["text_info"]["start"] > 0  # an evidence sentence inside its paragraph, not at its start
    assert gdansk["event_text"] == ["stabbed", "stabbing"] or gdansk["event_text"] == ["stabbing", "stabbed"]


def test_plover_fields(incidents):
    records = {(r["event_loc"] or {}).get("name"): r for r in map(plover_record, incidents)}
    aramco = records["Abqaiq"]
    assert (aramco["event"], aramco["mode"], aramco["quad_code"]) == (["ASSAULT"], ["aerial"], 4)
    assert aramco["source"] == [{"code": "YEM", "sector": "REB", "identifier_text": "Houthi movement"}]
    assert aramco["recipient"] == []
    assert aramco["event_loc"] == {
        "geonameid": 107312, "name": "Abqaiq", "latitude": 25.934, "longitude": 49.6688, "feature class": "P",
        "feature code": "PPL", "country code": "SA", "cc3": "SAU",
    }
    assert (aramco["date"], aramco["enddate"], aramco["dead"]) == ("2019-09-14", "2019-09-14", None)
    ban = records[None]
    assert (ban["event"], ban["mode"], ban["quad_code"], ban["has_event"]) == (["SANCTION"], ["discontinue"], 3, True)
    assert [a["code"] for a in ban["source"] + ban["recipient"]] == ["DEU", "IRN"]
    assert ban["newsledger"]["acled_sub_event_type"] == "Other"
    gdansk = records["Gdańsk"]
    assert gdansk["dead"] == 1 and gdansk["recipient"] == [{"code": "POL", "sector": "CVL",
                                                             "identifier_text": "Paweł Adamowicz"}]
    assert gdansk["cite_info"]["title"] == GDANSK_TITLE
    iraq = records["Iraq"]
    assert (iraq["date"], iraq["enddate"]) == ("2019-12-30", "2020-01-05")


def test_plover_two_sided_violence_has_only_sources(incidents):
    clash = json.loads(json.dumps(by_place(incidents)["Tsuen Wan"]))
    clash["plover"]["value"] = {"event": "ASSAULT", "mode": "sideAB"}  # as an Armed clash is coded
    record = plover_record(clash)
    assert [a["identifier_text"] for a in record["source"]] == ["Hong Kong Police Force", "protesters"]
    assert record["recipient"] == []


@pytest.mark.parametrize("fmt", INCIDENT_FORMATS)
def test_records_and_dicts_write_the_same_bytes(incidents, fmt):
    from newsledger.incident import IncidentRecord

    from_dicts, from_records = io.StringIO(newline=""), io.StringIO(newline="")
    write_incidents(incidents, from_dicts, fmt)
    write_incidents([IncidentRecord.model_validate(i) for i in incidents], from_records, fmt)
    assert from_records.getvalue() == from_dicts.getvalue()


def test_fixture_incidents_follow_the_incident_schema(incidents):
    import jsonschema

    from newsledger.incident import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    out = io.StringIO()
    write_incidents(incidents, out, "jsonl")
    for line in out.getvalue().splitlines():
        jsonschema.validate(json.loads(line), schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
