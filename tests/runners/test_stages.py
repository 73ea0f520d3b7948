"""The batch steps alone: signatures loaded (and computed once where missing), decisions, the writer."""

from __future__ import annotations

import pytest
from datasketch import MinHash

import newsledger.runners.stages as stages
from newsledger.clean.dedupe import NearDuplicateIndex, signature_bytes, text_signature
from newsledger.runners import (
    Dedupe,
    Duplicate,
    ToExtract,
    Writer,
    ingest,
    load_near_duplicates,
)
from newsledger.runners.stages import BatchSummary
from newsledger.schema import Article, ExtractionResult
from newsledger.store import Store
from tests.runners.fakes import EL_PASO, FAKE_RUNS, GDANSK, GDANSK_COPY, coded

PROBES = [GDANSK, GDANSK_COPY, EL_PASO, GDANSK[: len(GDANSK) // 2], "  ... ", EL_PASO.upper()]


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "stages.db")
    yield opened
    opened.close()


def _no_hashing(*_args):
    raise AssertionError("a stored signature was computed again")


def test_stored_signatures_are_loaded_without_reading_or_hashing_a_text(store, batch_sources, fake, monkeypatch):
    ingest(batch_sources, store, fake())
    monkeypatch.setattr(stages, "text_signature", _no_hashing)
    monkeypatch.setattr(store, "iter_texts", _no_hashing)
    index = load_near_duplicates(store)
    assert len(index) == 3
    assert index.find(GDANSK_COPY) is not None and index.find(EL_PASO) is not None


def test_articles_saved_without_a_signature_get_it_on_first_use_and_keep_it(store, monkeypatch):
    # What a database stored before revision 0006 holds: articles, no signatures.
    for text in (GDANSK, EL_PASO, "  ... "):
        store.save(ExtractionResult(article=Article.from_text(text), runs=FAKE_RUNS))
    assert [minhash for _, minhash in store.iter_minhashes()] == [None, None, None]
    loaded = load_near_duplicates(store)
    kept = dict(store.iter_minhashes())
    assert kept == {Article.from_text(t).id: signature_bytes(text_signature(t)) for t in (GDANSK, EL_PASO, "  ... ")}
    # The same answers as an index rebuilt from the texts, as every batch did before.
    rebuilt = NearDuplicateIndex()
    for text in (GDANSK, EL_PASO, "  ... "):
        rebuilt.add(Article.from_text(text).id, text)
    assert [loaded.find(p) for p in PROBES] == [rebuilt.find(p) for p in PROBES]
    # Kept: the next batch only reads them.
    monkeypatch.setattr(stages, "text_signature", _no_hashing)
    again = load_near_duplicates(store)
    assert [again.find(p) for p in PROBES] == [rebuilt.find(p) for p in PROBES]


def test_a_signature_made_with_other_parameters_is_made_again(store):
    other = MinHash(num_perm=64, seed=1)
    other.update(b"gdansk")
    article = Article.from_text(GDANSK)
    store.save(ExtractionResult(article=article, runs=FAKE_RUNS), minhash=signature_bytes(other))
    index = load_near_duplicates(store)
    assert index.find(GDANSK_COPY) == article.id
    assert dict(store.iter_minhashes())[article.id] == signature_bytes(text_signature(GDANSK))


def test_decisions_new_near_duplicate_seen_and_re_extracted(store):
    dedupe = Dedupe(store, FAKE_RUNS, NearDuplicateIndex())
    first = dedupe.decide(Article.from_text(GDANSK))
    copy = dedupe.decide(Article.from_text(GDANSK_COPY))
    assert isinstance(first, ToExtract) and (first.kind, first.duplicate_of) == ("new", None)
    assert first.minhash == signature_bytes(text_signature(GDANSK))
    assert (copy.kind, copy.duplicate_of) == ("near", first.article.id)  # found before either is saved
    assert dedupe.decide(Article.from_text(GDANSK, url="https://example.org/again")) == Duplicate(
        Article.from_text(GDANSK, url="https://example.org/again")
    )
    store.save(coded(first.article), minhash=first.minhash)
    later = Dedupe(store, FAKE_RUNS, load_near_duplicates(store))
    assert isinstance(later.decide(Article.from_text(GDANSK)), Duplicate)
    newer = Dedupe(store, {**FAKE_RUNS, "extractors": {"events": "events.fake2"}}, load_near_duplicates(store))
    rerun = newer.decide(Article.from_text(GDANSK))
    assert (rerun.kind, rerun.duplicate_of, rerun.minhash) == ("reextracted", None, None)


def test_the_writer_saves_a_near_duplicate_after_its_original_whatever_the_order(store):
    original = Article.from_text(GDANSK, published=None)
    copy = Article.from_text(GDANSK_COPY)
    summary = BatchSummary()
    writer = Writer(store, summary)
    writer.expect(ToExtract(original, "new", None, signature_bytes(text_signature(GDANSK))))
    writer.expect(ToExtract(copy, "near", original.id, signature_bytes(text_signature(GDANSK_COPY))))
    writer.write(coded(copy))
    assert store.counts()["articles"] == 0  # it waits for its original
    writer.write(coded(original))
    writer.finish()
    assert (summary.new, summary.near_duplicates, summary.failures) == (2, 1, [])
    assert [r["article"]["duplicate_of"] for r in store.iter_results()] == [None, original.id]
