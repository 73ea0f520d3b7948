"""Long documents are taken in pieces with exact offsets, and no text spaCy fails on ends a batch.

The articles are the bundled Wikinews demo articles (by Wikinews contributors,
CC BY 2.5; see src/newsledger/demo/ATTRIBUTION.md).
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files

import jsonschema
import pytest
from spacy.language import Language

from newsledger import pipeline as pipeline_mod
from newsledger.batch import ingest
from newsledger.nlp import PIECE_CHARS, split_text
from newsledger.schema import Article, ExtractionError
from newsledger.store import Store
from tests.offsets import mention_spans

SCHEMA = json.loads(files("newsledger").joinpath("newsledger-1.schema.json").read_text(encoding="utf-8"))
DEMO = [json.loads(line) for line in files("newsledger.demo").joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()]
MARKER = "Zorblax-Quuxington"  # a word no real article holds: the failing component looks for it


def demo_article(number: int) -> Article:
    record = DEMO[number]
    return Article.from_text(record["text"], published=dt.date.fromisoformat(record["published"]))


def assert_offsets_exact(output: dict) -> int:
    # Every span that quotes its text (undated events have no span).
    spans = [s for s in mention_spans(output) if isinstance(s["start"], int) and isinstance(s.get("text"), str)]
    for span in spans:
        assert output["text"][span["start"] : span["end"]] == span["text"], span
    return len(spans)


def assert_ids_consistent(output: dict) -> None:
    for kind in ("quotes", "claims", "events"):
        ids = [item["id"] for item in output[kind]]
        assert len(ids) == len(set(ids)), f"{kind} ids repeat"
    entity_ids = {e["id"] for e in output["entities"]}
    quote_ids = {q["id"] for q in output["quotes"]}
    claim_ids = {c["id"] for c in output["claims"]}
    for quote in output["quotes"]:
        assert quote["claim_id"] is None or quote["claim_id"] in claim_ids
        if quote["speaker"] and quote["speaker"]["entity_id"]:
            assert quote["speaker"]["entity_id"] in entity_ids
    for claim in output["claims"]:
        assert claim["quote_id"] is None or claim["quote_id"] in quote_ids
    for event in output["events"]:
        assert event["claim_id"] is None or event["claim_id"] in claim_ids
        assert set(event["statements"]) <= quote_ids
        for actor in (event["actor1"], event["actor2"]):
            if actor and actor["entity_id"]:
                assert actor["entity_id"] in entity_ids


# --- cutting (no model) -------------------------------------------------------

PARAGRAPHS = "\n\n".join(f"Paragraph {i} says one thing. Then another thing, {i}." for i in range(400))
CASES = {
    "paragraphs": (PARAGRAPHS, 1000),
    "sentences only": (" ".join(f"Sentence {i} ends here." for i in range(500)), 700),
    "words only": ("word " * 3000, 512),
    "no whitespace at all": ("x" * 10_001, 1000),
    "whitespace only": (" \n\t" * 2000, 999),
    "unicode and marks": ("\u05d0\u200f \u0301 \U0001f600 \u201cquoted\u201d. " * 900, 640),
    "shorter than a piece": ("Short text.", 1000),
    "empty": ("", 1000),
}


@pytest.mark.parametrize("text,size", CASES.values(), ids=CASES.keys())
def test_pieces_concatenate_to_the_text(text, size):
    pieces = split_text(text, size)
    assert "".join(pieces) == text
    assert all(len(piece) <= size for piece in pieces)
    assert all(pieces[:-1]), "no empty piece"


def test_cuts_fall_after_paragraph_breaks_when_there_are_some():
    pieces = split_text(PARAGRAPHS, 1000)
    assert len(pieces) > 10
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert all(piece.startswith("Paragraph") for piece in pieces)


def test_cuts_fall_after_sentences_without_paragraphs():
    pieces = split_text(CASES["sentences only"][0], 700)
    assert all(piece.endswith("here. ") for piece in pieces[:-1])


def test_piece_size_is_under_spacys_limit_and_above_any_news_article():
    assert PIECE_CHARS < Language().max_length
    assert PIECE_CHARS > 10 * max(len(record["text"]) for record in DEMO)


# --- long documents through the pipeline -----------------------------------------


@pytest.mark.model
def test_text_over_spacys_limit_is_extracted_in_pieces(pipeline, monkeypatch):
    # spaCy's limit lowered so the test is quick: the same E088 a 1,000,001-character text meets.
    monkeypatch.setattr(pipeline.nlp, "max_length", 3000)
    long_text = "\n\n".join(record["text"] for record in DEMO)
    long = Article.from_text(long_text, published=dt.date(2020, 1, 8))
    before, after = Article.from_text("Police arrested two men in Paris on Monday."), demo_article(7)
    results = list(pipeline.extract_many([before, long, after]))

    assert [r.article.id for r in results] == [before.id, long.id, after.id]
    result = results[1]
    assert result.errors == []
    output = result.to_dict()
    jsonschema.validate(output, SCHEMA)
    assert output["text"] == long_text
    assert assert_offsets_exact(output) > 500
    assert_ids_consistent(output)
    for kind in ("entities", "times", "places", "quotes", "claims", "events"):
        assert output[kind], f"no {kind} from eight real articles"
    # Mentions from the last piece too, at their place in the whole text.
    assert max(e["end"] for e in output["entities"]) > len(long_text) - 1500
    assert "Soleimani" in {e["canonical"].split()[-1] for e in output["entities"]}
    assert results[2].entities, "the article after the long one is extracted"


@pytest.mark.model
def test_pieces_give_what_each_piece_gives_alone(pipeline, monkeypatch):
    first, second = DEMO[4]["text"] + "\n\n", DEMO[1]["text"]
    published = dt.date(2020, 1, 8)
    alone = [pipeline.extract(Article.from_text(text, published=published)).to_dict() for text in (first, second)]
    monkeypatch.setattr(pipeline_mod, "PIECE_CHARS", len(first))
    assert split_text(first + second, pipeline.piece_chars) == [first, second]
    joined = pipeline.extract(Article.from_text(first + second, published=published)).to_dict()

    assert_offsets_exact(joined)
    assert_ids_consistent(joined)
    shift = len(first)

    def placed(output, kind, moved=0):
        return [(m["text"], m["start"] + moved, m["end"] + moved) for m in output[kind]]

    for kind in ("entities", "times", "places"):
        assert placed(joined, kind) == placed(alone[0], kind) + placed(alone[1], kind, shift), kind
    for kind in ("quotes", "claims"):
        contents = [(c["content"]["start"], c["content"]["end"]) for c in joined[kind]]
        expected = [(c["content"]["start"], c["content"]["end"]) for c in alone[0][kind]]
        expected += [(c["content"]["start"] + shift, c["content"]["end"] + shift) for c in alone[1][kind]]
        assert contents == expected, kind
    triggers = [(e["subtype"], e["trigger"]["start"]) for e in joined["events"]]
    assert triggers == [(e["subtype"], e["trigger"]["start"]) for e in alone[0]["events"]] + [
        (e["subtype"], e["trigger"]["start"] + shift) for e in alone[1]["events"]
    ]
    # Numbering runs on through the pieces; an entity in both keeps one id.
    assert [q["id"] for q in joined["quotes"]] == [f"Q{i}" for i in range(1, len(joined["quotes"]) + 1)]
    ids_by_name: dict[tuple[str, str], set[str]] = {}
    for entity in joined["entities"]:
        ids_by_name.setdefault((entity["label"], entity["canonical"]), set()).add(entity["id"])
    assert all(len(ids) == 1 for ids in ids_by_name.values())


# --- a text spaCy fails on -------------------------------------------------------


@Language.component("newsledger_test_fails_on_marker")
def _fails_on_marker(doc):
    if MARKER in doc.text:
        raise ValueError(f"cannot parse {MARKER}")
    return doc


@pytest.fixture
def failing_component(pipeline):
    pipeline.nlp.add_pipe("newsledger_test_fails_on_marker", last=True)
    try:
        yield
    finally:
        pipeline.nlp.remove_pipe("newsledger_test_fails_on_marker")


@pytest.mark.model
def test_one_text_spacy_fails_on_does_not_lose_its_batch(pipeline, failing_component):
    articles = [demo_article(0), Article.from_text(f"{MARKER} said on Monday that police arrested two men."), demo_article(5)]
    results = list(pipeline.extract_many(articles))

    assert [r.article.id for r in results] == [a.id for a in articles]
    failed = results[1]
    assert failed.errors == [ExtractionError(stage="nlp", message=f"ValueError: cannot parse {MARKER}")]
    assert (failed.entities, failed.times, failed.quotes, failed.claims, failed.events) == ([], [], [], [], [])
    assert failed.runs == pipeline.runs
    jsonschema.validate(failed.to_dict(), SCHEMA)
    for result in (results[0], results[2]):
        assert result.errors == []
        assert result.entities and result.events


@pytest.mark.model
def test_a_piece_spacy_fails_on_loses_only_that_piece(pipeline, failing_component, monkeypatch):
    first, third = DEMO[0]["text"] + "\n\n", DEMO[2]["text"]
    size = max(len(first), len(third))
    # A middle piece with no paragraph break of its own, nearly a piece long, so the cuts fall around it.
    second = (f"{MARKER} spoke. " * size)[: size - 4] + "\n\n"
    text = first + second + third
    monkeypatch.setattr(pipeline_mod, "PIECE_CHARS", size)
    assert split_text(text, pipeline.piece_chars) == [first, second, third]
    result = pipeline.extract(Article.from_text(text))

    assert result.errors == [
        ExtractionError(
            stage="nlp",
            message=f"characters {len(first):,}-{len(first) + len(second):,}: ValueError: cannot parse {MARKER}",
        )
    ]
    starts = [e.start for e in result.entities]
    assert any(s < len(first) for s in starts) and any(s >= len(first) + len(second) for s in starts)
    assert not any(len(first) <= s < len(first) + len(second) for s in starts)
    assert_offsets_exact(result.to_dict())


@pytest.mark.model
def test_ingest_stores_the_article_spacy_failed_on_with_its_error(pipeline, failing_component, tmp_path):
    source = tmp_path / "batch.jsonl"
    lines = [DEMO[0], {"text": f"{MARKER} said on Monday that police arrested two men.", "published": "2020-01-08"}, DEMO[7]]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Store.open(tmp_path / "ledger.db") as store:
        summary = ingest([str(source)], store, pipeline)
        counts = store.counts()
        stored = list(store.iter_results())
    assert summary.new == 3
    assert counts["articles"] == 3
    assert counts["errors"] == 1
    errors = [output["errors"] for output in stored]
    assert sorted(map(len, errors)) == [0, 0, 1]
    assert [e for es in errors for e in es] == [{"stage": "nlp", "message": f"ValueError: cannot parse {MARKER}"}]
