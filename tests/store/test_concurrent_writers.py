"""Several writers on one database at once: two ingests of overlapping inputs, a reviewer's merge during an ingest.

On both backends (``[sqlite]``, ``[postgresql]``). SQLite lets one writer in
at a time; PostgreSQL lets writers run side by side, so the ledger's updates,
merges, splits and corrections take the ledger's lock and a save takes a lock
on its article's id (:mod:`newsledger.store.faults`). Whatever the
interleaving, the end is the same as one writer doing everything: every
article stored once, every event mention in exactly one incident or excluded,
the incidents those of resolving every report at once, and a person's
decision kept.

The fast tests drive ``Store.save`` and ``Ledger.update`` from processes of
their own with the hand-built reports of :mod:`tests.ledger.reports` (no
spaCy), stepping together at a barrier so that both save the same article,
and both update the ledger, at the same moment. The ``model`` test runs two
real ``newsledger ingest`` commands. Every wait is bounded.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
import traceback
from importlib.resources import files
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from newsledger.errors import StoreLockedError
from newsledger.ledger import Ledger
from newsledger.store import Store, database_url
from newsledger.store.faults import LEDGER_LOCK
from newsledger.store.store import MIGRATIONS_DIR
from tests.ledger.reports import Clock, articles_of, kharkiv_followup, ledger_of, member_sets, reports

DEMO = Path(str(files("newsledger.demo").joinpath("articles.jsonl")))
NEWSLEDGER = str(Path(sys.executable).parent / "newsledger")
WAIT = 120  # seconds any one writer may take
OUTLETS = [f"Outlet {n}" for n in range(1, 13)]


def all_results() -> dict:
    """The hand-built reports, and later reports of the Kharkiv strike by a dozen outlets (``f1`` ... ``f12``)."""
    return reports() | {f"f{n}": kharkiv_followup(outlet) for n, outlet in enumerate(OUTLETS, 1)}


def _writer(url: str, names: list[str], barrier, started, pause: float, errors) -> None:
    """Open the store (both at once: a new database is made once), then save each report and update the ledger."""
    try:
        results = all_results()
        if barrier is not None:
            barrier.wait(timeout=WAIT)
        store = Store.open(url)
        ledger = Ledger(store)
        for name in names:
            if barrier is not None:
                barrier.wait(timeout=WAIT)
            store.save(results[name])
            ledger.update()
            if started is not None:
                started.set()
            time.sleep(pause)
        store.close()
    except BaseException:
        errors.put(traceback.format_exc())
        if barrier is not None:
            barrier.abort()  # the other writer stops waiting for this one
        raise


def _run_writers(jobs: list[tuple[str, list[str]]], barrier=None, started=None, pause: float = 0.0,
                 while_running=None) -> object:
    """Run one process per ``(url, names)`` job; call ``while_running(processes)`` meanwhile; check each ended well."""
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, names, barrier, started, pause, errors), daemon=True)
        for url, names in jobs
    ]
    for process in processes:
        process.start()
    try:
        outcome = while_running(processes) if while_running is not None else None
        deadline = time.monotonic() + WAIT
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        assert not any(p.is_alive() for p in processes), f"a writer took more than {WAIT} s"
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert not failures, "\n".join(failures)
    assert [p.exitcode for p in processes] == [0] * len(processes)
    return outcome


def _check_whole(ledger: Ledger, results: dict, names: set[str]) -> None:
    """Each article stored once, none pending, every event mention in exactly one incident or excluded."""
    counts = ledger.store.counts()
    assert counts["articles"] == counts["runs"] == len(names)
    assert ledger.pending() == 0
    joined = [m for d in ledger.incidents() for m in d["members"]]
    assert len(joined) == len(set(joined)), "a report is in two incidents"
    excluded = ledger.excluded_reports()
    stored = {f"{results[n].article.id}:{e.id}" for n in names for e in results[n].events}
    assert set(joined) | set(excluded) == stored and not set(joined) & set(excluded)


def _content(ledger: Ledger) -> set[str]:
    """The incidents without their ids, which depend on arrival order (and so do the ids they were kept apart from)."""
    def plain(d: dict) -> dict:
        apart = [{"member": k["member"], "reason": k["reason"]} for k in d.get("kept_apart", [])]
        return {k: v for k, v in d.items() if k != "id"} | {"kept_apart": apart}

    return {json.dumps(plain(d), sort_keys=True) for d in ledger.incidents()}


# The two writers' reports, step by step: the same article at the same step (steps 1, 6 and 10),
# the same articles in other orders, some of each writer's own, and one saved again (f1).
FIRST = ["courier", "post", "radio", "kharkiv", "wire", "f1", "bulletin", "f2", "f3", "undated"]
SECOND = ["courier", "radio", "post", "f1", "kharkiv", "f1", "wire", "f4", "f5", "undated"]


def test_two_writers_saving_overlapping_reports_at_once_end_as_one_writer_would(databases):
    results = all_results()
    url = databases.url("together", empty=True)
    barrier = multiprocessing.get_context("spawn").Barrier(2)
    _run_writers([(url, FIRST), (url, SECOND)], barrier=barrier)
    everything = set(FIRST) | set(SECOND)
    alone = ledger_of(databases, results, tuple(sorted(everything)), one_batch=True, name="alone")
    with Store.open(url) as store:
        ledger = Ledger(store)
        _check_whole(ledger, results, everything)
        # The incidents are those of resolving every report at once.
        assert member_sets(ledger) == member_sets(alone)
        assert _content(ledger) == _content(alone)
        assert len(ledger.incidents()) == 3


def test_a_reviewers_merge_during_an_ingest_completes_and_holds(databases):
    results = all_results()
    url = databases.url("merge")
    store = Store.open(url)
    ledger = Ledger(store)
    for name in ("courier", "wire"):
        store.save(results[name])
    ledger.update()
    [mosul] = [d["id"] for d in ledger.incidents() if results["courier"].article.id in articles_of(d)]
    [wire] = [d["id"] for d in ledger.incidents() if results["wire"].article.id in articles_of(d)]
    assert mosul != wire
    ingested = ["post", "radio", "kharkiv", "bulletin", *(f"f{n}" for n in range(1, 13))]
    started = multiprocessing.get_context("spawn").Event()

    def merge_on_the_web(processes) -> tuple[str, bool]:
        assert started.wait(timeout=WAIT), "the ingest stored nothing"
        survivor = ledger.merge([mosul, wire], note="the wire's strike is the market strike", by="alice")
        return survivor, processes[0].is_alive()

    # The ingest pauses between articles, as one extracting them would, and so is still running
    # when the merge returns (checked, or the test would prove nothing).
    survivor, overlapped = _run_writers([(url, ingested)], started=started, pause=0.05,
                                        while_running=merge_on_the_web)
    assert overlapped, "the ingest had ended before the merge: nothing ran at the same time"
    _check_whole(ledger, results, {"courier", "wire", *ingested})
    [holding] = [d for d in ledger.incidents() if results["wire"].article.id in articles_of(d)]
    assert holding["id"] == survivor == min(mosul, wire)
    assert articles_of(holding) == {results[n].article.id for n in ("courier", "wire", "post", "radio", "bulletin")}
    assert any(v.reason.startswith("merge by a person, alice,") for v in ledger.history(survivor))
    # As if the ingest had come after the merge: the same incidents.
    after = ledger_of(databases, results, ("courier", "wire"), name="after")
    after.merge([d["id"] for d in after.incidents()], note="the same")
    for name in ingested:
        after.store.save(results[name])
    after.update()
    assert member_sets(ledger) == member_sets(after)
    store.close()


def _open(url: str) -> None:
    Store.open(url).close()


def test_many_processes_opening_a_new_database_at_once_migrate_it_once(databases):
    url = databases.url("race", empty=True)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map_async(_open, [url] * 8).get(timeout=WAIT)
    engine = create_engine(database_url(url))
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert versions == [ScriptDirectory.from_config(config).get_current_head()]
    with Store.open(url) as store:
        assert store.counts()["articles"] == 0


@pytest.mark.postgres
def test_a_ledger_lock_held_past_the_wait_is_one_line_and_saves_go_on(postgres_server):
    # PostgreSQL only: SQLite's single write lock, and its wait, are tested in test_faults.py.
    results = all_results()
    url = postgres_server.create_database("held")
    holder = create_engine(database_url(url))
    with holder.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LEDGER_LOCK})
        with Store.open(url, lock_timeout=0.5) as store:
            ledger = Ledger(store, Clock())
            # Saving takes no ledger lock: articles are stored while the ledger is busy.
            store.save(results["courier"])
            began = time.monotonic()
            with pytest.raises(StoreLockedError) as stopped:
                ledger.update()
            assert 0.4 < time.monotonic() - began < 10
            message = str(stopped.value)
            assert "locked by another process: waited 0.5 s" in message and "\n" not in message
            assert ledger.pending() == 1 and store.counts()["incidents"] == 0
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LEDGER_LOCK})
            assert ledger.update().reports == 2
    holder.dispose()


def _demo_lines() -> list[str]:
    return [line for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def one_ingest(tmp_path_factory, pipeline):
    """The incidents (as sets of reports) and the counts of one ingest of every demo article, in SQLite."""
    from newsledger.batch import ingest

    folder = tmp_path_factory.mktemp("one-ingest")
    docs = folder / "demo.jsonl"
    docs.write_text("\n".join(_demo_lines()) + "\n", encoding="utf-8")
    with Store.open(folder / "one.db") as store:
        summary = ingest([str(docs)], store, pipeline)
        assert not summary.failures
        return member_sets(Ledger(store)), store.counts()


@pytest.mark.model
def test_two_ingest_commands_of_overlapping_files_at_once_store_each_article_once(databases, tmp_path, one_ingest):
    lines = _demo_lines()
    # Six articles each, four of them in both files, in other orders.
    parts = {"first": lines[:6], "second": lines[2:][::-1]}
    env = {**os.environ, "NEWSLEDGER_DB": databases.url("two", empty=True)}
    processes = []
    for name, part in parts.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        processes.append(subprocess.Popen([NEWSLEDGER, "ingest", str(path)], env=env, text=True,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    try:
        outputs = [process.communicate(timeout=300) for process in processes]
    finally:
        for process in processes:
            process.kill()
    for process, (_, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    incidents, counts = one_ingest
    with Store.open(env["NEWSLEDGER_DB"]) as store:
        ledger = Ledger(store)
        assert ledger.pending() == 0
        compared = ("articles", "runs", "entities", "events", "quotes", "claims")
        assert {k: store.counts()[k] for k in compared} == {k: counts[k] for k in compared}
        joined = [m for d in ledger.incidents() for m in d["members"]]
        assert len(joined) == len(set(joined))
        assert not set(joined) & set(ledger.excluded_reports())
        assert member_sets(ledger) == incidents
