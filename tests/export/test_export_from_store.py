"""Exports fed by the store: what was saved is what comes out."""

from __future__ import annotations

import csv
import io
import json

from newsledger.export.csv import write_csv
from newsledger.export.jsonl import write_jsonl
from newsledger.store import Store


def test_store_to_jsonl_and_csv(tmp_path, magnitogorsk, vague, quoted, evented):
    saved = (magnitogorsk, vague, quoted, evented)
    with Store.open(tmp_path / "ledger.db") as store:
        store.save(magnitogorsk)
        store.save(vague, duplicate_of=None)
        store.save(quoted)
        store.save(evented)
        jsonl, table = io.StringIO(), io.StringIO(newline="")
        assert write_jsonl(store.iter_results(), jsonl) == 4
        assert write_csv(store.iter_results(), table) == 17
    objects = [json.loads(line) for line in jsonl.getvalue().splitlines()]
    assert [o["article"]["id"] for o in objects] == [result.article.id for result in saved]
    for obj, result in zip(objects, saved, strict=True):
        expected = result.to_dict()
        expected["article"]["duplicate_of"] = None
        assert obj == expected
    rows = list(csv.DictReader(io.StringIO(table.getvalue(), newline="")))
    assert [(r["kind"], r["text"]) for r in rows] == [
        ("entity", "Vladimir Putin"),
        ("time", "Monday"),
        ("place", "Magnitogorsk"),
        ("time", "Earlier"),
        ("place", "Gulf of Aden"),
        ("quote", '"The search and rescue operation is complete,"'),
        ("quote", '"three terrorists"'),
        ("quote", "each victim will be subject"),
        ("claim", "The search and rescue operation is complete"),
        ("claim", "each victim will be subject to a payout of one million rubles"),
        ("claim", '"three terrorists" were killed in a firefight on Monday night'),
        ("entity", "Thames Valley Police"),
        ("entity", "Khairi Saadallah"),
        ("place", "Reading"),
        ("claim", evented.claims[0].content.text),
        ("event", "stabbing"),
        ("event", "arrested"),
    ]
    assert [r["subtype"] for r in rows[-2:]] == ["Attack", "Arrests"]
    assert (rows[-2]["fatalities_min"], rows[-2]["location_country"]) == ("3", "GB")
