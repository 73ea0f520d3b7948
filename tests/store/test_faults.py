"""When the store cannot write: disk full, a held lock, a read-only file, a killed batch, two at once.

After each fault the database passes ``PRAGMA integrity_check`` and, once the
fault is gone and the same command runs again, holds exactly what a clean run
stores: the same rows in every table and the same incidents (as sets of reports).

SQLite only: these faults are an SQLite file's (a full disk under it, a
read-only file, SQLite's one write lock, ``PRAGMA integrity_check``). Several
writers on PostgreSQL, and a held ledger lock there, are in
``test_concurrent_writers.py``.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import event

from newsledger.batch import BatchStopped, ingest
from newsledger.errors import DiskFullError, ReadOnlyStoreError, StoreLockedError
from newsledger.store import Store
from newsledger.ledger import Ledger

pytestmark = pytest.mark.model

DEMO = Path(str(files("newsledger.demo").joinpath("articles.jsonl")))
NEWSLEDGER = [str(Path(sys.executable).parent / "newsledger")]
# Tables whose rows must equal a clean run's (failures are the faults' own record).
COMPARED = ("articles", "runs", "entities", "times", "places", "quotes", "claims", "events", "errors", "copies")


def _docs(tmp_path: Path, count: int | None = None) -> Path:
    """The demo articles as a JSONL file, the first ``count`` of them."""
    lines = [line for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / f"docs-{count or len(lines)}.jsonl"
    path.write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")
    return path


def _state(db: Path | str) -> tuple[dict[str, int], set[frozenset[str]]]:
    with Store.open(db) as store:
        counts = store.counts()
        incidents = {frozenset(i["members"]) for i in Ledger(store).incidents()}
        pending = Ledger(store).pending()
    assert pending == 0
    return {name: counts[name] for name in COMPARED}, incidents


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture(scope="module")
def clean(tmp_path_factory, pipeline):
    """What a clean run of the demo articles stores."""
    tmp = tmp_path_factory.mktemp("clean")
    db = tmp / "clean.db"
    with Store.open(db) as store:
        summary = ingest([str(_docs(tmp))], store, pipeline)
    assert summary.new == 8 and not summary.failures
    return _state(db)


def _fail_inserts(store: Store, table: str, after: int, exc: BaseException) -> dict[str, int]:
    """Make the ``after``-th and every later INSERT into ``table`` raise ``exc``, as a full disk would."""
    seen = {"n": 0}

    @event.listens_for(store.engine, "before_cursor_execute")
    def fail(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            seen["n"] += 1
            if seen["n"] >= after:
                raise exc

    return seen


def test_a_full_disk_stops_the_batch_at_the_first_failed_write_and_resume_completes(tmp_path, pipeline, clean):
    db = tmp_path / "full.db"
    docs = _docs(tmp_path)
    with Store.open(db) as store:
        attempts = _fail_inserts(store, "articles", 4, OSError(errno.ENOSPC, "No space left on device"))
        with pytest.raises(BatchStopped) as stopped:
            ingest([str(docs)], store, pipeline, ledger_every=2)
    assert isinstance(stopped.value.cause, DiskFullError)
    message = str(stopped.value)
    assert "\n" not in message
    assert f"the disk holding {tmp_path.resolve()} is full" in message
    assert "3 articles stored" in message
    # It stopped at that write: no later article was tried.
    assert attempts["n"] == 4
    assert _integrity(db) == "ok"
    with Store.open(db) as store:
        assert store.counts()["articles"] == 3  # nothing half-stored: the fourth left no row at all
        assert store.counts()["runs"] == 3
    with Store.open(db) as store:
        summary = ingest([str(docs)], store, pipeline)
    assert (summary.new, summary.duplicates, summary.failures) == (5, 3, [])
    assert _integrity(db) == "ok"
    assert _state(db) == clean


def test_a_full_disk_during_the_ledger_update_keeps_the_articles_and_resolve_catches_up(tmp_path, pipeline, clean):
    db = tmp_path / "ledger-full.db"
    with Store.open(db) as store:
        _fail_inserts(store, "incident_reports", 1, OSError(errno.ENOSPC, "No space left on device"))
        with pytest.raises(BatchStopped, match="is full"):
            ingest([str(_docs(tmp_path))], store, pipeline, ledger_every=100)
        assert store.counts()["articles"] == 8
        assert store.counts()["incidents"] == 0  # the update rolled back whole
    assert _integrity(db) == "ok"
    with Store.open(db) as store:
        assert Ledger(store).pending() == 8
        Ledger(store).update()
    assert _state(db) == clean


def test_a_real_full_disk_is_one_line_and_the_same_command_resumes(tmp_path, clean):
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({made.stderr.decode().strip()}); "
                    "the injected ENOSPC tests above cover the same path")
    try:
        db = mount / "ledger.db"
        docs = _docs(tmp_path)
        env = {**os.environ, "NEWSLEDGER_DB": str(db)}
        first = subprocess.run([*NEWSLEDGER, "ingest", str(docs)], capture_output=True, text=True, env=env)
        assert first.returncode != 0
        assert "Traceback" not in first.stderr
        errors = [line for line in first.stderr.splitlines() if "error" in line.lower()]
        assert len(errors) == 1, first.stderr
        assert f"the disk holding {mount.resolve()} is full" in errors[0]
        assert _integrity(db) == "ok"
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
        second = subprocess.run([*NEWSLEDGER, "ingest", str(docs)], capture_output=True, text=True, env=env)
        assert second.returncode == 0, second.stderr
        assert "Traceback" not in second.stderr
        assert _integrity(db) == "ok"
        assert _state(db) == clean
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _hold_lock(db: Path, seconds: float, ready: threading.Event) -> None:
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    connection.execute("ROLLBACK")
    connection.close()


def test_a_lock_held_past_the_wait_stops_the_batch_with_one_line_and_drops_nothing(tmp_path, pipeline, clean):
    db = tmp_path / "locked.db"
    Store.open(db).close()
    docs = _docs(tmp_path)
    ready = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(db, 3.0, ready))
    holder.start()
    ready.wait()
    try:
        with Store.open(db, lock_timeout=0.5) as store, pytest.raises(BatchStopped) as stopped:
            ingest([str(docs)], store, pipeline)
    finally:
        holder.join()
    assert isinstance(stopped.value.cause, StoreLockedError)
    assert "locked by another process: waited 0.5 s" in str(stopped.value)
    assert "NEWSLEDGER_LOCK_TIMEOUT" in str(stopped.value)
    assert _integrity(db) == "ok"
    with Store.open(db) as store:
        ingest([str(docs)], store, pipeline)
    assert _state(db) == clean


def test_a_lock_released_within_the_wait_is_waited_for(tmp_path, pipeline, clean):
    db = tmp_path / "waits.db"
    Store.open(db).close()
    ready = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(db, 1.5, ready))
    holder.start()
    ready.wait()
    with Store.open(db, lock_timeout=30) as store:
        summary = ingest([str(_docs(tmp_path))], store, pipeline)
    holder.join()
    assert (summary.new, summary.failures) == (8, [])
    assert _state(db) == clean


def test_the_lock_wait_is_configurable_in_the_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSLEDGER_LOCK_TIMEOUT", "2.5")
    with Store.open(db) as store:
        assert store.faults.lock_timeout == 2.5
    monkeypatch.setenv("NEWSLEDGER_LOCK_TIMEOUT", "soon")
    with pytest.raises(Exception, match="NEWSLEDGER_LOCK_TIMEOUT='soon' is not a number of seconds"):
        Store.open(db)


def _read_only_url(db: Path) -> str:
    return f"sqlite:///file:{db}?mode=ro&uri=true"


def test_a_read_only_database_reads_but_refuses_writes_with_one_line(tmp_path, pipeline):
    db = tmp_path / "ro.db"
    docs = _docs(tmp_path, 3)
    with Store.open(db) as store:
        ingest([str(docs)], store, pipeline)
        incidents = Ledger(store).incidents()
    before = _integrity(db)
    with Store.open(_read_only_url(db)) as store:
        ledger = Ledger(store)
        assert len(ledger.incidents()) == len(incidents)  # reading works
        with pytest.raises(ReadOnlyStoreError, match="is read-only"):
            ledger.correct(incidents[0]["id"], "fatalities", 3, note="hospital list")
        if len(incidents) > 1:
            with pytest.raises(ReadOnlyStoreError, match="is read-only"):
                ledger.merge([incidents[0]["id"], incidents[1]["id"]])
        with pytest.raises(BatchStopped, match="is read-only"):
            ingest([str(_docs(tmp_path))], store, pipeline)
    assert before == _integrity(db) == "ok"


def test_the_command_line_says_read_only_in_one_line(tmp_path):
    db = tmp_path / "ro-cli.db"
    docs = _docs(tmp_path, 2)
    subprocess.run([*NEWSLEDGER, "ingest", str(docs), "--db", str(db)], check=True, capture_output=True)
    with Store.open(db) as store:
        incident = Ledger(store).incidents()[0]["id"]
    url = _read_only_url(db)
    for args in (["correct", incident, "fatalities", "2"], ["ingest", str(_docs(tmp_path))]):
        done = subprocess.run([*NEWSLEDGER, *args, "--db", url], capture_output=True, text=True)
        assert done.returncode != 0, args
        assert "Traceback" not in done.stderr, done.stderr
        lines = [line for line in done.stderr.splitlines() if "read-only" in line]
        assert len(lines) == 1, done.stderr


def test_a_batch_killed_at_any_moment_resumes_to_a_clean_runs_rows(tmp_path, clean):
    db = tmp_path / "killed.db"
    docs = _docs(tmp_path)
    env = {**os.environ, "NEWSLEDGER_DB": str(db)}
    process = subprocess.Popen([*NEWSLEDGER, "ingest", str(docs)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as connection:
                stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 2:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < stored, "the batch stored nothing before it was killed"
    assert _integrity(db) == "ok"
    resumed = subprocess.run([*NEWSLEDGER, "ingest", str(docs)], env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _integrity(db) == "ok"
    assert _state(db) == clean


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from newsledger.store.store import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def _open(db: str) -> None:
    Store.open(db).close()


def test_many_processes_opening_a_new_database_at_once_migrate_it_once(tmp_path):
    db = str(tmp_path / "race.db")
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        pool.map(_open, [db] * 8)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head(),)]
    assert _integrity(Path(db)) == "ok"


def test_two_ingests_started_at_once_on_a_new_database_store_everything(tmp_path, clean):
    db = tmp_path / "two.db"
    lines = [line for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = []
    for name, part in (("a", lines[0::2]), ("b", lines[1::2])):
        path = tmp_path / f"half-{name}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        halves.append(path)
    env = {**os.environ, "NEWSLEDGER_DB": str(db)}
    processes = [subprocess.Popen([*NEWSLEDGER, "ingest", str(half)], env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for half in halves]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (_, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
        assert "4 new" in stderr, stderr
    assert _integrity(db) == "ok"
    assert _state(db) == clean


def test_a_read_only_old_database_that_needs_migrating_says_so(tmp_path):
    db = tmp_path / "old-ro.db"
    Store.open(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    with pytest.raises(ReadOnlyStoreError, match="is read-only"):
        Store.open(_read_only_url(db))
    assert json.dumps(_integrity(db)) == '"ok"'
