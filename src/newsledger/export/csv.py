"""CSV export: one row per mention (entity, time, place) for spreadsheets.

Rows are written with the standard library's ``csv`` module. The columns are the
union of the three mention kinds' fields, blank where a field does not apply to
a row's kind, so one sheet can be filtered by ``kind``. Open ``fh`` with
``newline=""`` as the ``csv`` module asks, or line ends double on Windows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

COLUMNS = (
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
)
# Which list of a newsledger/1 object holds each kind, and the kind's own columns.
KINDS = (
    ("entity", "entities", ("label", "canonical")),
    ("time", "times", ("value", "precision", "interval_start", "interval_end")),
    ("place", "places", ("name", "geonameid", "country_code", "admin1", "lat", "lon", "feature_code", "precision")),
)


def write_csv(results: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write a header and one row per mention of every result; return the row count."""
    writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    written = 0
    for result in results:
        for row in mention_rows(result):
            writer.writerow(row)
            written += 1
    return written


def mention_rows(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The CSV rows of one ``newsledger/1`` object: entities, then times, then places."""
    article = result["article"]
    shared = {
        "article_id": article["id"],
        "article_url": _cell(article.get("url")),
        "article_published": _cell(article.get("published")),
    }
    for kind, key, columns in KINDS:
        for mention in result.get(key, []):
            fields = dict(mention)
            interval = fields.pop("interval", None) or (None, None)
            fields["interval_start"], fields["interval_end"] = interval
            row = {**shared, "kind": kind, "text": mention["text"], "start": mention["start"], "end": mention["end"]}
            row.update({column: _cell(fields.get(column)) for column in columns})
            yield row


def _cell(value: Any) -> Any:
    # csv writes None as "" already; saying so keeps the blank deliberate.
    return "" if value is None else value
