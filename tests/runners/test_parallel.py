"""Extraction in worker processes and on a Dask cluster stores what one process stores; a killed worker
or a killed batch loses nothing and doubles nothing.

The articles are the eight bundled Wikinews reports (CC BY 2.5, see
``src/newsledger/demo/ATTRIBUTION.md``), read with the real pipeline. Batches
of two articles make four batches, so two workers both get work.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.batch import ingest
from newsledger.config import Settings
from newsledger.pipeline import Pipeline
from newsledger.runners.processes import ProcessExtractor
from newsledger.schema import Article
from newsledger.store import Store
from tests.ports import free_port
from tests.runners.test_local import snapshot

pytestmark = pytest.mark.model

DEMO = Path(__file__).resolve().parents[2] / "src" / "newsledger" / "demo" / "articles.jsonl"


@pytest.fixture(scope="module")
def small_batches():
    """The pipeline with batches of two articles (more batches than workers)."""
    return Pipeline(Settings(batch_size=2))


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, small_batches):
    """What one process stores from the demo articles: the reference every other way must equal."""
    with Store.open(tmp_path_factory.mktemp("one") / "one.db") as store:
        summary = ingest([str(DEMO)], store, small_batches, ledger_every=3)
        return snapshot(store), summary.line()


def test_two_worker_processes_store_exactly_what_one_process_stores(tmp_path, small_batches, one_process):
    extractor = ProcessExtractor(small_batches, 2)
    with Store.open(tmp_path / "two.db") as store:
        summary = ingest([str(DEMO)], store, small_batches, ledger_every=3, extractor=extractor)
        assert (snapshot(store), summary.line()) == one_process


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path, small_batches, one_process):
    extractor = ProcessExtractor(small_batches, 2)
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 8
    seen = []

    def kill_a_worker_after_the_first(item) -> None:
        seen.append(item)
        if len(seen) == 5:  # the pool is busy with later batches by now
            workers = [p for p in multiprocessing.active_children() if p.is_alive()]
            assert workers, "no worker process to kill"
            os.kill(workers[0].pid, signal.SIGKILL)

    with Store.open(tmp_path / "killed.db") as store:
        summary = ingest([str(DEMO)], store, small_batches, ledger_every=3, extractor=extractor,
                         on_progress=kill_a_worker_after_the_first)
        assert (snapshot(store), summary.line()) == one_process


def test_a_dask_local_cluster_stores_exactly_what_one_process_stores_even_when_a_worker_dies(
        tmp_path, small_batches, one_process):
    pytest.importorskip("distributed")
    from newsledger.runners.dask import DaskExtractor

    with DaskExtractor(small_batches, "local", workers=2) as extractor:
        assert extractor.workers == 2
        with Store.open(tmp_path / "dask.db") as store:
            summary = ingest([str(DEMO)], store, small_batches, ledger_every=3, extractor=extractor)
            assert (snapshot(store), summary.line()) == one_process
        pids = list(extractor.client.run(os.getpid).values())
        killed = []

        def kill_a_worker(item) -> None:
            killed.append(item)
            if len(killed) == 3:
                os.kill(pids[0], signal.SIGKILL)

        with Store.open(tmp_path / "dask-killed.db") as store:
            summary = ingest([str(DEMO)], store, small_batches, ledger_every=3, extractor=extractor,
                             on_progress=kill_a_worker)
            assert (snapshot(store), summary.line()) == one_process
        # The killed worker really died mid-batch (its nanny started another in its place).
        assert pids[0] not in extractor.client.run(os.getpid).values()


def test_a_dask_worker_with_another_install_refuses_the_batch_instead_of_storing_it_under_this_run(small_batches):
    pytest.importorskip("distributed")
    from newsledger.errors import NewsledgerError
    from newsledger.runners.dask import extract_on_worker

    record = json.loads(DEMO.read_text(encoding="utf-8").splitlines()[0])
    article = Article.from_text(record["text"], title=record["title"])
    settings = small_batches.settings.model_dump()
    assert len(extract_on_worker([article], settings, small_batches.identity)) == 1
    elsewhere = {**small_batches.identity, "newsledger": "0.0.1"}
    with pytest.raises(NewsledgerError, match=r"newsledger \('.+' there, '0\.0\.1' here\)"):
        extract_on_worker([article], settings, elsewhere)


def test_a_batch_killed_midway_resumes_without_redoing_finished_files_or_doubling_anything(tmp_path, one_process):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for number, line in enumerate(DEMO.read_text(encoding="utf-8").splitlines()):
        (folder / f"{number:02d}.jsonl").write_text(line + "\n", encoding="utf-8")
    db = tmp_path / "resumed.db"
    command = [str(Path(sys.executable).with_name("newsledger")), "ingest", str(folder), "--db", str(db),
               "--workers", "1"]
    env = {**os.environ, "NEWSLEDGER_BATCH_SIZE": "1"}
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Killed (as by a power cut) once some files are finished and before all are.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and first.poll() is None:
            if db.exists() and _finished_files(db) >= 3:
                first.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
        first.wait(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL, "the batch ended before it could be killed"
    done_before = _finished_files(db)
    assert 3 <= done_before < 8
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert f"{done_before} files finished by an earlier run skipped" in second.stderr
    with Store.open(db) as store:
        counts = store.counts()
        assert counts["articles"] == counts["runs"] == 8  # each article once, with one run
        assert _finished_files(db) == 8
        reference = one_process[0]
        resumed = snapshot(store)
        # The same articles and the same incidents' reports as one uninterrupted run.
        assert resumed["articles"] == reference["articles"] and resumed["runs"] == reference["runs"]
        assert sorted(r[0] for r in resumed["reports"]) == sorted(r[0] for r in reference["reports"])
        from newsledger.ledger import Ledger

        assert Ledger(store).pending() == 0


def _finished_files(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM ingest_files").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_the_readme_cluster_steps_a_scheduler_a_worker_and_ingest_dask_address(tmp_path, one_process):
    """As the README's "Running on a cluster" says: ``dask scheduler``, ``dask worker ADDRESS
    --nthreads 1 --nworkers N``, then ``newsledger ingest --dask ADDRESS`` (all on 127.0.0.1)."""
    pytest.importorskip("distributed")
    bin_dir = Path(sys.executable).parent
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "logs"
    logs.mkdir()
    env = dict(os.environ)
    started = []
    try:
        started.append(subprocess.Popen(
            [str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--dashboard-address", ":0", "--no-show"],
            stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"), env=env, start_new_session=True))
        started.append(subprocess.Popen(
            [str(bin_dir / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "2", "--host", "127.0.0.1",
             "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=(logs / "worker.log").open("w"), env=env, start_new_session=True))
        db = tmp_path / "cluster.db"
        done = subprocess.run(
            [str(bin_dir / "newsledger"), "ingest", str(DEMO), "--db", str(db), "--dask", address],
            capture_output=True, text=True, timeout=600, env={**os.environ, "NEWSLEDGER_BATCH_SIZE": "2"})
        assert done.returncode == 0, done.stderr + (logs / "worker.log").read_text()
        with Store.open(db) as store:
            assert snapshot(store) == one_process[0]
    finally:
        for process in reversed(started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
