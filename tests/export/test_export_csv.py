"""CSV export: one row per mention, blank where a column does not apply."""

from __future__ import annotations

import csv
import io

import pytest

from newsledger.export.csv import COLUMNS, write_csv

HEADER = [
    "article_id",
    "article_url",
    "article_published",
    "kind",
    "text",
    "start",
    "end",
    "label",
    "canonical",
    "value",
    "precision",
    "interval_start",
    "interval_end",
    "name",
    "geonameid",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "feature_code",
    "quote_kind",
    "speaker",
    "speaker_kind",
    "cue",
    "certainty",
    "polarity",
    "time_status",
    "source",
    "source_kind",
    "claim_id",
    "quote_id",
    "event_type",
    "subtype",
    "actor1",
    "actor1_category",
    "actor2",
    "location",
    "location_country",
    "date_value",
    "date_precision",
    "fatalities_min",
    "fatalities_max",
    "event_certainty",
    "aggregate",
    "background",
]
URL = "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"


def read_back(results) -> tuple[int, list[str], list[dict[str, str]]]:
    buffer = io.StringIO(newline="")
    written = write_csv(results, buffer)
    reader = csv.DictReader(io.StringIO(buffer.getvalue(), newline=""))
    return written, list(reader.fieldnames or []), list(reader)


def blank_except(**cells: str) -> dict[str, str]:
    return {column: cells.get(column, "") for column in HEADER}


def test_rows_per_mention_kind(magnitogorsk):
    written, header, rows = read_back([magnitogorsk.to_dict()])
    assert header == HEADER == list(COLUMNS)
    assert written == len(rows) == 3
    article = {"article_id": magnitogorsk.article.id, "article_url": URL, "article_published": "2019-01-04"}
    assert rows[0] == blank_except(
        **article,
        kind="entity",
        text="Vladimir Putin",
        start="10",
        end="24",
        label="PERSON",
        canonical="Vladimir Putin",
    )
    assert rows[1] == blank_except(
        **article,
        kind="time",
        text="Monday",
        start="66",
        end="72",
        value="2018-12-31",
        precision="day",
        interval_start="2018-12-31",
        interval_end="2018-12-31",
    )
    assert rows[2] == blank_except(
        **article,
        kind="place",
        text="Magnitogorsk",
        start="50",
        end="62",
        precision="city",
        name="Magnitogorsk",
        geonameid="532288",
        country_code="RU",
        admin1="13",
        lat="53.41861",
        lon="59.04722",
        feature_code="PPLA2",
    )


def test_missing_values_are_blank_not_none(vague):
    _, _, rows = read_back([vague.to_dict()])
    assert [r["kind"] for r in rows] == ["time", "place"]
    time, place = rows
    assert (time["value"], time["interval_start"], time["interval_end"], time["precision"]) == ("", "", "", "unknown")
    assert (place["geonameid"], place["country_code"], place["lat"], place["lon"]) == ("", "", "12.0", "48.0")
    assert all(r["article_url"] == "" and r["article_published"] == "" for r in rows)
    assert "None" not in {cell for row in rows for cell in row.values()}


def test_offsets_point_into_the_text(magnitogorsk, vague, quoted, evented):
    results = [magnitogorsk.to_dict(), vague.to_dict(), quoted.to_dict(), evented.to_dict()]
    texts = {r["article"]["id"]: r["text"] for r in results}
    _, _, rows = read_back(results)
    assert len(rows) == 17
    for row in rows:
        assert texts[row["article_id"]][int(row["start"]) : int(row["end"])] == row["text"]


def test_text_with_commas_quotes_and_newlines_survives(magnitogorsk):
    data = magnitogorsk.to_dict()
    data["entities"][0] = {**data["entities"][0], "canonical": 'Putin, "the president"\nof Russia'}
    _, _, rows = read_back([data])
    assert rows[0]["canonical"] == 'Putin, "the president"\nof Russia'


def test_no_results_gives_only_the_header():
    written, header, rows = read_back([])
    assert (written, header, rows) == (0, HEADER, [])


def offsets(text: str, needle: str) -> dict[str, str]:
    start = text.index(needle)
    return {"text": needle, "start": str(start), "end": str(start + len(needle))}


def test_quote_and_claim_rows(quoted):
    written, _, rows = read_back([quoted.to_dict()])
    assert written == 6
    assert [(r["kind"], r["quote_id"], r["claim_id"]) for r in rows] == [
        ("quote", "Q1", "C1"),
        ("quote", "Q2", "C3"),
        ("quote", "Q3", ""),
        ("claim", "Q1", "C1"),
        ("claim", "", "C2"),
        ("claim", "Q2", "C3"),
    ]
    text = quoted.article.text
    article = {"article_id": quoted.article.id, "article_url": URL, "article_published": "2019-01-04"}
    assert rows[0] == blank_except(
        **article,
        **offsets(text, '"The search and rescue operation is complete,"'),
        kind="quote",
        quote_kind="direct",
        speaker="Alexander Chupriyan",
        speaker_kind="person",
        cue="told",
        claim_id="C1",
        quote_id="Q1",
    )
    assert (rows[1]["speaker"], rows[1]["speaker_kind"]) == ("its source (Znak.com)", "anonymous")
    floating = rows[2]
    assert (floating["quote_kind"], floating["speaker"], floating["speaker_kind"], floating["cue"]) == (
        "floating",
        "",
        "",
        "",
    )
    assert rows[5] == blank_except(
        **article,
        **offsets(text, '"three terrorists" were killed in a firefight on Monday night'),
        kind="claim",
        cue="reported (attribution); said (attribution)",
        certainty="alleged",
        polarity="positive",
        time_status="past",
        source="its source (Znak.com)",
        source_kind="anonymous",
        claim_id="C3",
        quote_id="Q2",
    )
    assert (rows[4]["source"], rows[4]["source_kind"], rows[4]["cue"], rows[4]["time_status"]) == (
        "Wikinews",
        "outlet",
        "will (future)",
        "future",
    )


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        ({"kind": "unknown", "canonical": None, "mention": None, "entity_id": None, "affiliation": None}, ""),
        (
            {
                "kind": "unknown",
                "canonical": None,
                "mention": {"text": "he", "start": 0, "end": 2},
                "entity_id": None,
                "affiliation": None,
            },
            "he",
        ),
        ({"kind": "anonymous", "canonical": None, "mention": None, "entity_id": None, "affiliation": "CNN"}, "(CNN)"),
    ],
    ids=["nothing-known", "mention-only", "affiliation-only"],
)
def test_speaker_without_a_name(quoted, speaker, shown):
    data = quoted.to_dict()
    data["quotes"] = [{**data["quotes"][0], "speaker": speaker}]
    data["claims"] = []
    _, _, [row] = read_back([data])
    assert (row["speaker"], row["speaker_kind"]) == (shown, speaker["kind"])


READING_URL = "https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK"


def test_event_rows(evented):
    written, header, rows = read_back([evented.to_dict()])
    assert header == HEADER
    assert written == 6
    assert [r["kind"] for r in rows] == ["entity", "entity", "place", "claim", "event", "event"]
    text = evented.article.text
    article = {"article_id": evented.article.id, "article_url": READING_URL, "article_published": "2020-06-23"}
    assert rows[4] == blank_except(
        **article,
        **offsets(text, "stabbing"),
        kind="event",
        label="Attack",
        polarity="positive",
        time_status="past",
        claim_id="C1",
        event_type="Violence against civilians",
        subtype="Attack",
        actor1="Khairi Saadallah",
        actor1_category="external/other",
        actor2="civilians",
        location="Reading",
        location_country="GB",
        date_value="2020-06-20TEV",
        date_precision="day",
        fatalities_min="3",
        fatalities_max="3",
        event_certainty="asserted",
        aggregate="false",
        background="false",
    )
    # No place, no date, no deaths: blank cells, not "None".
    assert rows[5] == blank_except(
        **article,
        **offsets(text, "arrested"),
        kind="event",
        label="Arrests",
        polarity="positive",
        time_status="past",
        event_type="Strategic developments",
        subtype="Arrests",
        actor1="Thames Valley Police",
        actor1_category="state forces",
        actor2="Khairi Saadallah",
        event_certainty="asserted",
        aggregate="false",
        background="false",
    )
    # The claim row keeps its own columns; the event columns stay blank there.
    assert rows[3]["certainty"] == "asserted" and rows[3]["event_certainty"] == rows[3]["subtype"] == ""


@pytest.mark.parametrize(
    ("changes", "cells"),
    [
        ({"fatalities": {"min": 3, "max": None}}, {"fatalities_min": "3", "fatalities_max": ""}),
        ({"fatalities": {"min": 0, "max": 0}}, {"fatalities_min": "0", "fatalities_max": "0"}),
        (
            {"aggregate": True, "certainty": "denied", "polarity": "negative"},
            {"aggregate": "true", "event_certainty": "denied", "polarity": "negative"},
        ),
        ({"background": True}, {"background": "true"}),
        ({"actor1": None, "actor2": None}, {"actor1": "", "actor1_category": "", "actor2": ""}),
        (
            {"date": {"text": None, "start": None, "end": None, "value": None, "precision": "unknown"}},
            {"date_value": "", "date_precision": "unknown"},
        ),
        ({"actor1": {"category": None}}, {"actor1": "Khairi Saadallah", "actor1_category": ""}),
        ({"location": None}, {"location": "", "location_country": ""}),
    ],
    ids=[
        "open-ended-deaths",
        "zero-deaths",
        "aggregate-denied",
        "background",
        "no-actors",
        "date-from-publication",
        "uncategorised",
        "no-place",
    ],
)
def test_event_cells(evented, changes, cells):
    data = evented.to_dict()
    stabbing = dict(data["events"][0])
    for key, value in changes.items():
        # A dict changes only the named parts of the nested value; anything else replaces it.
        stabbing[key] = {**stabbing[key], **value} if isinstance(value, dict) else value
    data.update(entities=[], places=[], claims=[], events=[stabbing])
    _, _, [row] = read_back([data])
    assert {column: row[column] for column in cells} == cells
    assert (row["kind"], row["label"], row["text"]) == ("event", "Attack", "stabbing")
