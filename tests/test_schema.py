"""Article identity and result serialisation; no model needed."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from newsledger.config import Settings
from newsledger.schema import Article, Entity, ExtractionResult, TimeMention, article_id, normalise_for_id


def test_syndicated_copies_share_an_id():
    a = "The strike hit a dock.\n\nNo one was present."
    b = "The strike hit a dock.  \r\n\r\nNo one was present.  "
    assert article_id(a) == article_id(b)
    assert article_id(a) != article_id("The strike hit a port.\n\nNo one was present.")


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    once = normalise_for_id(text)
    assert normalise_for_id(once) == once
    assert len(article_id(text)) == 16


def test_to_dict_is_json_with_the_contract_keys():
    article = Article.from_text("Police arrested two men on Monday.", published=dt.date(2019, 1, 30), url="u")
    result = ExtractionResult(
        article=article,
        entities=[Entity("E1", "Police", "ORG", 0, 6, "Police")],
        times=[TimeMention("Monday", 27, 33, "2019-01-28", "day", ("2019-01-28", "2019-01-28"))],
        runs={"extractors": {"times": "times.v1"}, "spacy_model": "m", "newsledger": "0"},
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == "newsledger/1"
    assert data["article"]["published"] == "2019-01-30"
    assert data["times"][0]["interval"] == ["2019-01-28", "2019-01-28"]
    assert set(data) >= {"article", "text", "entities", "times", "places", "quotes", "claims", "events", "runs"}


def test_settings_precedence(monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_DB", "from-env.db")
    assert Settings().db == "from-env.db"
    assert Settings(db="from-flag.db").db == "from-flag.db"
    monkeypatch.delenv("NEWSLEDGER_DB")
    assert Settings().db == "newsledger.db"
