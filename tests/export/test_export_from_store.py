"""Exports fed by the store: what was saved is what comes out, whichever database holds it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsledger.export.csv import write_csv
from newsledger.export.incidents import INCIDENT_FORMATS, write_incidents
from newsledger.export.jsonl import write_jsonl
from newsledger.store import Store
from tests.ledger.reports import BUILDERS, Clock, ledger_of, reports
from tests.postgres import Databases


def test_store_to_jsonl_and_csv(store_url, magnitogorsk, vague, quoted, evented):
    saved = (magnitogorsk, vague, quoted, evented)
    with Store.open(store_url) as store:
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



@pytest.mark.postgres
def test_every_export_is_the_same_text_from_either_backend(tmp_path, postgres_server, magnitogorsk, vague, quoted,
                                                           evented):
    """The same results and reports, stored in SQLite and in PostgreSQL, export to the same text in every format.

    PostgreSQL keeps JSON as JSONB (its keys in another order), stamps with a
    time zone and text in another collation: none of it may show in an export.
    """
    made = {}
    for backend, server in (("sqlite", None), ("postgresql", postgres_server)):
        databases = Databases(backend, tmp_path, server, "exports")
        with Store.open(databases.url("results")) as store:
            for result in (magnitogorsk, vague, quoted, evented):
                store.save(result)
            made[backend] = {"jsonl": _written(write_jsonl, store.iter_results()),
                             "csv": _written(write_csv, store.iter_results())}
        ledger = ledger_of(databases, reports(), tuple(BUILDERS), clock=Clock())
        # The hand-built reports' runs name four extractors, in an order of their own.
        made[backend]["reports jsonl"] = _written(write_jsonl, ledger.store.iter_results())
        for fmt in INCIDENT_FORMATS:
            made[backend][f"incidents {fmt}"] = _written(lambda found, out: write_incidents(found, out, fmt),
                                                         ledger.records())
        ledger.store.close()
        databases.close()
    assert made["postgresql"].keys() == made["sqlite"].keys()
    for name, text in made["sqlite"].items():
        assert made["postgresql"][name] == text, name


def _written(write, found) -> str:
    out = io.StringIO(newline="")
    write(found, out)
    return out.getvalue()
