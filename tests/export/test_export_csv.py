"""CSV export: one row per mention, blank where a column does not apply."""

from __future__ import annotations

import csv
import io

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


def test_offsets_point_into_the_text(magnitogorsk, vague):
    results = [magnitogorsk.to_dict(), vague.to_dict()]
    texts = {r["article"]["id"]: r["text"] for r in results}
    _, _, rows = read_back(results)
    assert len(rows) == 5
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
