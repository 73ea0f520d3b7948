"""The local runner with a fake extractor: the summary and rows follow the decisions, in any result order."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from newsledger.batch import BatchStopped
from newsledger.errors import DiskFullError
from newsledger.ledger import Ledger
from newsledger.runners import ingest
from newsledger.schema import Article
from newsledger.store import Store


def snapshot(store: Store) -> dict:
    """What a batch leaves in the store, free of row ids and clock times."""
    with store.engine.connect() as connection:
        articles = connection.execute(text(
            "SELECT id, url, outlet, published, duplicate_of, minhash IS NOT NULL FROM articles ORDER BY id"
        )).all()
        runs = connection.execute(text("SELECT article_id, signature FROM extraction_runs ORDER BY 1, 2")).all()
        copies = connection.execute(text("SELECT article_id, url, outlet FROM article_copies ORDER BY 1, 2")).all()
        failures = connection.execute(text("SELECT origin, reason FROM ingest_failures ORDER BY 1, 2")).all()
        reports = connection.execute(text(
            "SELECT member, incident_id, excluded FROM incident_reports ORDER BY member"
        )).all()
    incidents = sorted(Ledger(store).incidents(), key=lambda incident: incident["id"])  # every field, sourced
    return {
        "articles": [tuple(r) for r in articles],
        "runs": [tuple(r) for r in runs],
        "copies": [tuple(r) for r in copies],
        "failures": [tuple(r) for r in failures],
        "reports": [tuple(r) for r in reports],
        "incidents": incidents,
    }


def counts(summary) -> tuple:
    return (summary.new, summary.near_duplicates, summary.duplicates, summary.copies, summary.reextracted,
            summary.undated, summary.extraction_errors, sorted(f.reason for f in summary.failures))


def test_a_batch_is_summed_and_stored_as_its_decisions_say(tmp_path, batch_sources, fake):
    with Store.open(tmp_path / "fake.db") as store:
        summary = ingest(batch_sources, store, fake())
        rows = snapshot(store)
    by_url = {r[1]: r[0] for r in rows["articles"]}  # the cleaned texts' ids
    ids = {"gdansk": by_url["https://en.wikinews.org/wiki/Gdansk"], "copy": by_url["https://example.org/pap/gdansk"],
           "el_paso": by_url["https://en.wikinews.org/wiki/El_Paso"]}
    assert (summary.new, summary.near_duplicates, summary.duplicates, summary.copies) == (3, 1, 1, 1)
    assert summary.reextracted == 0 and [f.origin for f in summary.failures] == [f"{batch_sources[0]}:5"]
    assert {r[0]: r[4] for r in rows["articles"]} == {ids["gdansk"]: None, ids["copy"]: ids["gdansk"], ids["el_paso"]: None}
    assert all(r[5] for r in rows["articles"])  # each kept its near-duplicate signature
    assert rows["copies"] == [(ids["gdansk"], "https://example.org/syndicated/gdansk", "Syndicate")]
    # The near-duplicate is the same source: its report joins the original's incident.
    assert len(rows["incidents"]) == 2
    by_member = {member.split(":")[0]: incident for member, incident, _ in rows["reports"]}
    assert by_member[ids["gdansk"]] == by_member[ids["copy"]] != by_member[ids["el_paso"]]
    assert len(summary.ledger.created) == 2


def test_a_second_run_finds_only_duplicates_and_extracts_nothing(tmp_path, batch_sources, fake):
    with Store.open(tmp_path / "again.db") as store:
        ingest(batch_sources, store, fake())
        extractor = fake()
        again = ingest(batch_sources, store, extractor, checkpoints=False)
        assert extractor.extracted == []
        assert (again.new, again.duplicates, again.copies) == (0, 4, 0)
        # With checkpoints (the default) the finished files are not even read again.
        resumed = ingest(batch_sources, store, extractor)
        assert (resumed.resumed_files, resumed.new, resumed.duplicates, resumed.failures) == (len(batch_sources), 0, 0, [])
        assert "files finished by an earlier run skipped" in resumed.line()


@pytest.mark.parametrize(("order", "seed"), [("reversed", 0), ("shuffled", 1), ("shuffled", 2), ("shuffled", 3)])
def test_results_out_of_order_store_the_same_articles_runs_and_incidents(tmp_path, batch_sources, fake, order, seed):
    with Store.open(tmp_path / "in-order.db") as store:
        expected_summary = counts(ingest(batch_sources, store, fake(), ledger_every=1))
        expected = snapshot(store)
    with Store.open(tmp_path / f"{order}-{seed}.db") as store:
        summary = counts(ingest(batch_sources, store, fake(order, seed), ledger_every=1))
        assert snapshot(store) == expected
    assert summary == expected_summary


def test_the_near_duplicate_waits_for_its_original_when_it_comes_back_first(tmp_path, batch_sources, fake):
    saved: list[Article] = []
    with Store.open(tmp_path / "waits.db") as store:
        original_save = store.save

        def save(result, **kwargs):
            saved.append(result.article)
            return original_save(result, **kwargs)

        store.save = save
        extractor = fake("reversed")
        ingest(batch_sources, store, extractor)
    urls = [a.url for a in saved]
    gdansk = next(a.id for a in saved if a.url == "https://en.wikinews.org/wiki/Gdansk")
    copy = next(a.id for a in saved if a.url == "https://example.org/pap/gdansk")
    assert extractor.extracted.index(copy) > extractor.extracted.index(gdansk)  # returned first...
    assert urls.index("https://en.wikinews.org/wiki/Gdansk") < urls.index("https://example.org/pap/gdansk")  # ...saved after


def test_a_store_that_stops_taking_writes_stops_the_batch_with_what_was_done(tmp_path, batch_sources, fake):
    with Store.open(tmp_path / "full.db") as store:
        original_save = store.save
        calls = []

        def save(result, **kwargs):
            calls.append(result.article.id)
            if len(calls) > 1:
                raise DiskFullError("the disk holding the database is full")
            return original_save(result, **kwargs)

        store.save = save
        with pytest.raises(BatchStopped) as stopped:
            ingest(batch_sources, store, fake())
        assert stopped.value.summary.new == 1
        assert "1 articles stored in this run" in str(stopped.value)
        assert store.counts()["articles"] == 1


@pytest.mark.model
def test_the_fake_and_the_real_pipeline_give_the_same_summary_and_rows(tmp_path, batch_sources, fake, pipeline):
    # Decisions do not depend on what the extractor finds: only the runs' contents may differ.
    with Store.open(tmp_path / "fake.db") as store:
        faked = ingest(batch_sources, store, fake())
        fake_rows = snapshot(store)
    with Store.open(tmp_path / "real.db") as store:
        real = ingest(batch_sources, store, pipeline)
        real_rows = snapshot(store)
    assert counts(faked) == counts(real)
    for table in ("articles", "copies", "failures"):
        assert fake_rows[table] == real_rows[table]
    assert [r[0] for r in fake_rows["runs"]] == [r[0] for r in real_rows["runs"]]
