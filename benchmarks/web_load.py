"""The web server under load: requests per second and latency of the list, the map data and an incident.

A ledger of at least 10,000 incidents is built the way :mod:`benchmarks.ledger_scale`
builds one: real event mentions the pipeline finds in the 39 ``wikinews-conflict``
articles (English Wikinews, CC BY 2.5) are the templates of synthetic stories
(:func:`~benchmarks.resolve_scale.generate_refs`; :data:`SIZE` mentions give
about 10,500 incidents), each synthetic article is saved to a SQLite
:class:`~newsledger.store.Store` and :meth:`Ledger.update() <newsledger.ledger.Ledger.update>`
takes in each feed batch. ``--db PATH`` keeps that ledger at ``PATH``, or
reuses it when it is already there. ``newsledger serve`` then runs on it as a
child process (uvicorn, one process, as a user starts it) on a free port of
127.0.0.1. Once it answers, its list API hands over every incident id, and
each route is fetched a few times (warm-up; each must answer 200). Then Debian's
``wrk`` loads one route at a time for ``--duration`` seconds with
:data:`THREADS` threads and :data:`CONNECTIONS` open connections (a closed
loop: each connection sends its next request when the last one is answered).
Its Lua script picks, for the incident routes, a random one of :data:`SAMPLE`
ids drawn from the ledger for every request, and its ``done`` hook prints one line that
:func:`parse_wrk_line` reads: requests per second, the 50th and 95th
percentiles of latency, and errors (wrk counts an HTTP status of 400 or more,
and connect, read, write and timeout errors). The routes are the list
(``/api/v1/incidents?limit=100``), the map data (``/api/v1/incidents/map``:
every placed incident as GeoJSON, so the largest answer; also with
``?country=IQ``), one incident (``/api/v1/incidents/{id}``), and the pages
``/``, ``/map`` and ``/incidents/{id}`` where the server has them (a page that
answers 404 is left out; any other answer than 200 stops the benchmark).

wrk and the server share the machine's cores (2 where these figures were
measured), so the load tool takes CPU from the server it measures: the figures
are a floor for a server with cores of its own, and wall time on a shared
machine is noisy.

    python -m benchmarks.web_load [--db PATH] [--size N] [--duration SECONDS]

Hand-written: the measurement is of newsledger's own server.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from benchmarks.common import Row, print_table
from tests.ports import free_port

LOGGER = logging.getLogger(__name__)

SIZE = 16_000  # mentions: about 10,500 incidents
MIN_INCIDENTS = 10_000
THREADS = 2
CONNECTIONS = 8
DURATION = 15  # seconds per route
TIMEOUT = 60  # seconds wrk waits for one answer: the map of every incident is slow under load
WARM_UP = 3  # fetches of each route before it is loaded
SAMPLE = 2_000  # incident ids the incident routes pick from
SEED = 20260113
MARK = "newsledger-wrk"
# The fields of the done hook's line and the Lua that gives each (wrk's summary, latency and error counts).
LUA_FIELDS = {
    "requests": "summary.requests", "duration_us": "summary.duration", "bytes": "summary.bytes",
    "p50_us": "latency:percentile(50)", "p95_us": "latency:percentile(95)", "p99_us": "latency:percentile(99)",
    "max_us": "latency.max", "status": "errors.status", "connect": "errors.connect", "read": "errors.read",
    "write": "errors.write", "timeout": "errors.timeout",
}
FIELDS = tuple(LUA_FIELDS)


@dataclass(frozen=True)
class Route:
    """One thing to load: a name for the table, and the paths its requests pick from at random."""

    name: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class WrkResult:
    """What wrk's done hook reported for one route."""

    requests: int
    duration_us: int
    bytes: int
    p50_us: int
    p95_us: int
    p99_us: int
    max_us: int
    status: int  # answers with an HTTP status of 400 or more
    connect: int
    read: int
    write: int
    timeout: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        return self.status + self.connect + self.read + self.write + self.timeout


# The wrk script -------------------------------------------------------------------------------------


def lua_script(paths: tuple[str, ...] | list[str], seed: int = SEED) -> str:
    """A wrk script: every request a random one of ``paths``; at the end one line of :data:`FIELDS`.

    Raises:
        ValueError: no paths, or a path with a character that would need escaping (quote it first).
    """
    if not paths:
        raise ValueError("a wrk script needs at least one path")
    for path in paths:
        if not re.fullmatch(r"/[A-Za-z0-9/_.~%?=&,:+-]*", path):
            raise ValueError(f"path {path[:80]!r} is not URL-quoted")
    listed = ",\n".join(f'  "{path}"' for path in paths)
    values = ", ".join(LUA_FIELDS.values())
    pattern = " ".join(f"{name}=%.0f" for name in FIELDS)
    return f"""-- newsledger web load: a random path of {len(paths)} for every request
local paths = {{
{listed}
}}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed({seed} + number)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("{MARK} {pattern}\\n", {values}))
end
"""


def parse_wrk_line(output: str) -> WrkResult:
    """The done hook's line in wrk's output.

    Raises:
        ValueError: the output has no such line, or it lacks a field.
    """
    for line in output.splitlines():
        if line.startswith(MARK + " "):
            pairs = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
            missing = [name for name in FIELDS if name not in pairs]
            if missing:
                raise ValueError(f"wrk's line lacks {', '.join(missing)}: {line[:200]!r}")
            return WrkResult(**{name: int(float(pairs[name])) for name in FIELDS})
    raise ValueError(f"no {MARK} line in wrk's output: {output[-500:]!r}")


def run_wrk(base_url: str, route: Route, script: Path, duration: int, threads: int = THREADS,
            connections: int = CONNECTIONS) -> WrkResult:
    """Load one route with wrk for ``duration`` seconds (its script written at ``script``)."""
    script.write_text(lua_script(route.paths), encoding="utf-8")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={TIMEOUT}s",
               "-s", str(script), base_url + route.paths[0]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + TIMEOUT + 30, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}) on {route.name}: {done.stderr.strip()[-500:]}")
    return parse_wrk_line(done.stdout)


# The ledger -----------------------------------------------------------------------------------------


def build_ledger(path: Path, size: int = SIZE) -> int:
    """A ledger of ``size`` synthetic mentions saved and taken in batch by batch at ``path``; its incidents.

    It is built beside ``path`` and moved there when whole, so an interrupted build is never reused.
    """
    from benchmarks.ledger_scale import build_articles, feed_batches
    from benchmarks.resolve_scale import extract_templates, generate_refs
    from newsledger.ledger import Ledger
    from newsledger.store import Store

    batches = feed_batches(build_articles(generate_refs(extract_templates(), size)))
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    with Store.open(building) as store:
        ledger = Ledger(store)
        for batch in batches:
            for article in batch:
                store.save(article.result)
            ledger.update()
        incidents = len(ledger.incidents())
    os.replace(building, path)
    return incidents


# The server ------------------------------------------------------------------------------------------


@contextmanager
def serving(db: Path, log: Path, wait: float = 60.0) -> Iterator[str]:
    """``newsledger serve`` on ``db`` in a child process; its base URL once it answers. Stopped on leaving."""
    port = free_port()
    command = [sys.executable, "-c", "from newsledger.cli import app; app()", "serve", "--db", str(db),
               "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped ({server.returncode}): {_tail(log)}")
            try:
                fetch(base + "/api/v1/incidents?limit=1")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not answer within {wait:.0f} s: {_tail(log)}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-1000:].strip() or "(no output)"


def fetch(url: str, timeout: float = 120.0) -> tuple[int, bytes]:
    """The status and body of one GET (an HTTP error's status too); OSError when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def incident_ids(base: str) -> tuple[list[str], int]:
    """Every incident id, through the list API a thousand at a time, and the total it reports."""
    ids: list[str] = []
    url: str | None = base + "/api/v1/incidents?limit=1000&sort=id"
    total = 0
    while url:
        status, body = fetch(url)
        if status != 200:
            raise RuntimeError(f"the list answered {status} at {url}")
        page = json.loads(body)
        ids += [item["id"] for item in page["items"]]
        total = page["total"]
        url = page["next"]
    return ids, total


def routes_of(base: str, ids: list[str], sample: int = SAMPLE, seed: int = SEED) -> list[Route]:
    """The routes to load; a page is left out when the server has none (404).

    Raises:
        RuntimeError: a route answers anything else than 200 (an API route, 404 too).
    """
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    api_incidents = tuple(f"/api/v1/incidents/{quote(i, safe='')}" for i in chosen)
    page_incidents = tuple(f"/incidents/{quote(i, safe='')}" for i in chosen)
    routes = [
        Route("list API, GET /api/v1/incidents?limit=100", ("/api/v1/incidents?limit=100",)),
        Route("list page, GET /", ("/",)),
        Route("map data, GET /api/v1/incidents/map", ("/api/v1/incidents/map",)),
        Route("map data, one country, GET /api/v1/incidents/map?country=IQ", ("/api/v1/incidents/map?country=IQ",)),
        Route("map page, GET /map", ("/map",)),
        Route(f"incident API, GET /api/v1/incidents/{{id}} ({len(chosen)} ids)", api_incidents),
        Route(f"incident page, GET /incidents/{{id}} ({len(chosen)} ids)", page_incidents),
    ]
    kept = []
    for route in routes:
        is_page = not route.paths[0].startswith("/api/")
        status, _ = fetch(base + route.paths[0])
        if status == 200:
            kept.append(route)
        elif is_page and status == 404:
            print(f"left out: {route.name} (the server has no such page)")
        else:
            raise RuntimeError(f"{route.name} answered {status}")
    return kept


def warm_up(base: str, route: Route, times: int = WARM_UP) -> None:
    """Fetch the route's first paths (its one path, again) ``times`` times; each must answer 200."""
    for path in (route.paths * times)[:times]:
        status, _ = fetch(base + path)
        if status != 200:
            raise RuntimeError(f"{route.name}: {path} answered {status}")


# Measuring -------------------------------------------------------------------------------------------


def run_web_load(db: Path, duration: int = DURATION, threads: int = THREADS,
                 connections: int = CONNECTIONS) -> list[Row]:
    """Serve the ledger at ``db`` and load each route with wrk; a row per figure."""
    if shutil.which("wrk") is None:
        sys.exit("skipped: wrk is not installed (apt-get install wrk)")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="web-load-") as folder, serving(db, Path(folder) / "server.log") as base:
        ids, total = incident_ids(base)
        if total < MIN_INCIDENTS:
            LOGGER.warning("the ledger holds %d incidents, fewer than the %d this benchmark is for",
                           total, MIN_INCIDENTS)
        dataset = f"{total:,} incidents, wrk -t{threads} -c{connections} -d{duration}s, {os.cpu_count()} cores shared"
        rows.append(Row(dataset, "incidents in the ledger", total, n=len(ids)))
        for number, route in enumerate(routes_of(base, ids)):
            warm_up(base, route)
            result = run_wrk(base, route, Path(folder) / f"route-{number}.lua", duration, threads, connections)
            n = result.requests
            rows += [
                Row(dataset, f"{route.name}: requests/s", result.requests_per_second, n=n),
                Row(dataset, f"{route.name}: p50 ms", result.p50_us / 1000, n=n),
                Row(dataset, f"{route.name}: p95 ms", result.p95_us / 1000, n=n),
                Row(dataset, f"{route.name}: KiB per answer", result.bytes / max(n, 1) / 1024, n=n),
                Row(dataset, f"{route.name}: errors (status >= 400, socket, timeout)", result.errors, n=n),
            ]
            print(f"{route.name}: {result.requests_per_second:.1f} requests/s, p50 {result.p50_us / 1000:.1f} ms, "
                  f"p95 {result.p95_us / 1000:.1f} ms, {result.errors} errors", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None,
                        help="the ledger to serve: reused when it exists, else built and kept there")
    parser.add_argument("--size", type=int, default=SIZE, help=f"mentions to build from (default {SIZE:,})")
    parser.add_argument("--duration", type=int, default=DURATION, help=f"seconds per route (default {DURATION})")
    parser.add_argument("--threads", type=int, default=THREADS, help=f"wrk threads (default {THREADS})")
    parser.add_argument("--connections", type=int, default=CONNECTIONS,
                        help=f"wrk connections (default {CONNECTIONS})")
    args = parser.parse_args()
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    if shutil.which("wrk") is None:
        sys.exit("skipped: wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="web-load-db-") as folder:
        db = args.db if args.db is not None else Path(folder) / "ledger.db"
        if db.exists():
            print(f"serving the ledger at {db}", flush=True)
        else:
            started = time.perf_counter()
            incidents = build_ledger(db, args.size)
            print(f"built a ledger of {incidents:,} incidents from {args.size:,} mentions "
                  f"in {time.perf_counter() - started:.0f} s", flush=True)
        print(f"wrk and the server share this machine's {os.cpu_count()} cores", flush=True)
        started = time.perf_counter()
        try:
            rows = run_web_load(db, args.duration, args.threads, args.connections)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            sys.exit(f"failed: {exc}")
        print(f"loaded in {time.perf_counter() - started:.0f} s\n", flush=True)
    print_table("The web server under load (one uvicorn process, wrk on the same machine)", rows)


if __name__ == "__main__":
    main()
