"""Batches: an undated article is said so and takes a date given later; the ledger follows the batch."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsledger.batch import BatchSummary, ingest
from newsledger.store import Store
from newsledger.ledger import Ledger, LedgerUpdate

# Wikinews (CC BY 2.5), https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others
YEMEN = (
    "A bomb in Mokha, Yemen killed a photojournalist and at least five others on Monday, "
    "officials said. The blast struck near a market in the port city."
)


@pytest.mark.model
def test_an_undated_article_is_said_so_and_takes_the_date_a_later_copy_gives(tmp_path, pipeline):
    text_file = tmp_path / "yemen.txt"
    text_file.write_text(YEMEN, encoding="utf-8")
    db = tmp_path / "dates.db"
    with Store.open(db) as store:
        first = ingest([str(text_file)], store, pipeline)
        assert (first.new, first.undated) == (1, 1)
        assert "1 articles have no publication date" in first.line()
        assert "--published" in first.line()
        assert Ledger(store).incidents() == []  # "on Monday" is no date without a publication date
        assert set(Ledger(store).excluded_reports().values()) == {"no date"}

        dated = tmp_path / "yemen.jsonl"
        dated.write_text(json.dumps({"text": YEMEN, "published": "2024-05-22", "outlet": "Wikinews"}) + "\n")
        second = ingest([str(dated)], store, pipeline)
        assert (second.new, second.reextracted, second.dated_later, second.duplicates) == (0, 1, 1, 0)
        assert "1 given a date they lacked" in second.line()
        article_id = first_article_id(store)
        assert store.stored_published(article_id) == (True, dt.date(2024, 5, 22))
        latest = list(store.iter_results())[0]
        assert latest["article"]["published"] == "2024-05-22"
        assert latest["article"]["outlet"] == "Wikinews"  # what the article lacked, filled
        assert any(t["text"] == "Monday" and t["value"] == "2024-05-20" for t in latest["times"])
        incidents = Ledger(store).incidents()
        assert len(incidents) == 1
        assert incidents[0]["date"]["start"] <= "2024-05-20" <= incidents[0]["date"]["end"] <= "2024-05-22"

        # Met again undated, or with the same date, it is a duplicate: nothing is extracted again.
        third = ingest([str(text_file), str(dated)], store, pipeline, checkpoints=False)
        assert (third.new, third.reextracted, third.duplicates) == (0, 0, 2)
        assert store.counts()["runs"] == 2
        # With checkpoints the two files, finished before, are not read at all.
        fourth = ingest([str(text_file), str(dated)], store, pipeline)
        assert (fourth.resumed_files, fourth.new, fourth.duplicates) == (2, 0, 0)


def first_article_id(store: Store) -> str:
    return next(store.iter_article_texts())[0]


def test_ledger_updates_in_chunks_add_up_to_one():
    first = LedgerUpdate(3, 1, created=("inc-a", "inc-b"), changed=("inc-old",), replaced=())
    second = LedgerUpdate(2, 0, created=("inc-c",), changed=("inc-a", "inc-old2"), replaced=("inc-b", "inc-gone"))
    both = first.then(second)
    assert (both.reports, both.excluded) == (5, 1)
    assert both.created == ("inc-a", "inc-c")  # inc-b was made and merged away within the batch
    assert both.changed == ("inc-old", "inc-old2")
    assert both.replaced == ("inc-gone",)
    assert LedgerUpdate().then(first) == LedgerUpdate(3, 1, ("inc-a", "inc-b"), ("inc-old",), ())


def test_the_summary_line_says_nothing_of_dates_when_every_article_has_one():
    assert "publication date" not in BatchSummary(new=2).line()
    assert "lacked" not in BatchSummary(new=2).line()


@pytest.mark.model
def test_each_new_article_is_stored_with_its_near_duplicate_signature(tmp_path, pipeline):
    from newsledger.clean.dedupe import signature_bytes, text_signature

    source = tmp_path / "yemen.jsonl"
    copy = "Reporting by the wire desk. " + YEMEN
    source.write_text("".join(json.dumps({"text": t, "published": "2024-05-22"}) + "\n" for t in (YEMEN, copy)))
    with Store.open(tmp_path / "signed.db") as store:
        summary = ingest([str(source)], store, pipeline)
        kept = dict(store.iter_minhashes())
        texts = dict(store.iter_article_texts())
    assert summary.new == 2
    assert kept == {article_id: signature_bytes(text_signature(text)) for article_id, text in texts.items()}
