"""The pipeline's own output survives the store: real quotes, claims and warnings, not only hand-built ones."""

from __future__ import annotations

from importlib.resources import files

import pytest

from newsledger.batch import extract_sources
from newsledger.store import Store

pytestmark = pytest.mark.model

DEMO = str(files("newsledger.demo").joinpath("articles.jsonl"))


def test_demo_extractions_round_trip(store_url, pipeline):
    results = list(extract_sources([DEMO], pipeline))
    assert len(results) == 8
    with Store.open(store_url) as store:
        for result in results:
            store.save(result)
        stored = list(store.iter_results())
        counts = store.counts()
    expected = []
    for result in results:
        data = result.to_dict()
        data["article"]["duplicate_of"] = None
        expected.append(data)
    assert stored == expected
    assert counts["quotes"] == sum(len(r.quotes) for r in results) > 0
    assert counts["claims"] == sum(len(r.claims) for r in results) > 0
