"""Fixtures of the batch steps' tests: the fake extractor and a batch of sources (see fakes.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.runners.fakes import EL_PASO, GDANSK, GDANSK_COPY, FakeExtractor, write_jsonl


@pytest.fixture
def fake():
    """Builds a :class:`FakeExtractor` (test modules take builders as fixtures, not imports)."""
    return FakeExtractor


@pytest.fixture
def batch_sources(tmp_path) -> list[str]:
    """One JSONL file: two articles, a near-duplicate of the first, a syndicated copy, a bad line."""
    day = dt.date(2019, 1, 14).isoformat()
    records = [
        {"text": GDANSK, "url": "https://en.wikinews.org/wiki/Gdansk", "outlet": "Wikinews", "published": day},
        {"text": GDANSK_COPY, "url": "https://example.org/pap/gdansk", "outlet": "PAP", "published": day},
        {"text": EL_PASO, "url": "https://en.wikinews.org/wiki/El_Paso", "outlet": "Wikinews",
         "published": "2019-08-05"},
        {"text": GDANSK, "url": "https://example.org/syndicated/gdansk", "outlet": "Syndicate", "published": day},
        {"text": "", "url": "https://example.org/empty"},
    ]
    return [str(write_jsonl(tmp_path / "batch.jsonl", records))]

