"""A private PostgreSQL server for the tests: started once per session, a fresh database per test.

The store and ledger tests run against SQLite and against a real PostgreSQL
server. No system-wide service is used: :meth:`PostgresServer.start` runs
``initdb`` into a temporary folder, starts ``postgres`` listening on
127.0.0.1 only, on a free port, with its socket in that folder, and
:meth:`PostgresServer.stop` stops it and removes the folder. PostgreSQL
refuses to run as root, so under root its programs run as the ``postgres``
system user (``runuser``), which then owns the folder; otherwise they run as
the current user.

The server is set up the way a team's server could differ from SQLite, so
that the tests meet those differences: a linguistic collation (ICU's
``en-US``, where PostgreSQL has ICU), a time zone far from UTC, password
authentication. ``fsync`` is off: a test server that loses its data on a
power cut loses nothing anyone needs.

Each test gets a database of its own, a copy of one that ``Store.open``
migrated once per session (a worker thread keeps a few copies ready and drops
those the tests are done with, so a test waits for neither); a test of the
migrations asks for an empty one, made from ``template0``.

The binaries are looked for in ``NEWSLEDGER_TEST_PG_BIN``, then in Debian's
``/usr/lib/postgresql/<version>/bin`` (the newest), then on ``PATH``; when
there are none, :class:`PostgresUnavailable` says so and the PostgreSQL
variants of the tests skip with that reason.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
import weakref
from collections import defaultdict
from pathlib import Path

from tests.ports import free_port

BIN_ENV = "NEWSLEDGER_TEST_PG_BIN"
SYSTEM_USER = "postgres"
ADMIN = "newsledger"
# The server's own zone: far from UTC, and not a whole number of hours, so that a stamp
# read back in the server's zone instead of UTC cannot pass for the right one.
SERVER_TIME_ZONE = "Asia/Kathmandu"
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "timezone": f"'{SERVER_TIME_ZONE}'",
    "log_min_messages": "warning",
}
_NOT_DURABLE = {"fsync", "synchronous_commit", "full_page_writes"}
# The database every test's is copied from, and how many copies a worker thread keeps ready.
TEMPLATE = "newsledger_head"
_STOCK = 3
_START_TRIES = 3
_TIMEOUT = 120


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def find_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None."""
    given = os.environ.get(BIN_ENV)
    if given:
        return Path(given) if (Path(given) / "initdb").exists() else None
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version_of, reverse=True)
    if debian:
        return debian[0].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _version_of(initdb: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", initdb.parent.parent.name)) or (0,)


class PostgresServer:
    """One running private server; :meth:`create_database` gives each test its own database."""

    def __init__(self, bindir: Path, root: Path, as_postgres: bool, password: str, durable: bool = False) -> None:
        self.durable = durable
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.as_postgres = as_postgres
        self.password = password
        self.port: int | None = None
        self._count = 0
        self._admin = None
        # The engines each database was opened with, so that dropping it first closes them.
        self._engines: dict[str, weakref.WeakSet] = defaultdict(weakref.WeakSet)
        self._listening = False
        self._lock = threading.Lock()
        self._ready: queue.Queue[str | None] = queue.Queue()
        self._jobs: queue.Queue[tuple[str, str | None]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._failure = "unknown"

    @classmethod
    def start(cls, durable: bool = False) -> PostgresServer:
        """Make, start and return a private server.

        ``durable`` keeps PostgreSQL's defaults for ``fsync``,
        ``synchronous_commit`` and ``full_page_writes`` (a benchmark of
        writing should pay what a real server pays); the tests' server turns
        them off.

        Raises:
            PostgresUnavailable: no binaries, no user to run them as, or the server would not start.
        """
        bindir = find_bindir()
        if bindir is None:
            raise PostgresUnavailable(
                "PostgreSQL's binaries (initdb, pg_ctl, postgres) are not installed: run "
                f"scripts/install-system-packages.sh, or name their folder in {BIN_ENV}"
            )
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise PostgresUnavailable("the PostgreSQL driver is not installed: pip install -e '.[postgres]'") from None
        as_postgres = os.geteuid() == 0
        if as_postgres and shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root, and there is no runuser to start PostgreSQL as its own user")
        root = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
        server = cls(bindir, root, as_postgres, secrets.token_hex(16), durable)
        try:
            if as_postgres:
                import pwd

                try:
                    user = pwd.getpwnam(SYSTEM_USER)
                except KeyError:
                    raise PostgresUnavailable(
                        f"running as root, and there is no {SYSTEM_USER!r} user to start PostgreSQL as"
                    ) from None
                os.chown(root, user.pw_uid, user.pw_gid)
                os.chmod(root, 0o700)
            server._initdb()
            server._run_server()
        except BaseException:
            server.stop()
            raise
        atexit.register(server.stop)
        return server

    # Making and running the server ---------------------------------------------------------

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.bindir / program), *args]
        return ["runuser", "-u", SYSTEM_USER, "--", *command] if self.as_postgres else command

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self._command(program, *args), capture_output=True, text=True, timeout=_TIMEOUT,
                              cwd=self.root, env={**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"})

    def _initdb(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n", encoding="utf-8")
        if self.as_postgres:
            shutil.chown(password_file, SYSTEM_USER)
        common = ["-D", str(self.data), "-U", ADMIN, f"--pwfile={password_file}", "--auth=scram-sha-256",
                  "-E", "UTF8", "--no-sync"]
        # A linguistic collation, as a team's server has, where this PostgreSQL has ICU.
        done = self._run("initdb", *common, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US")
        if done.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            done = self._run("initdb", *common, "--locale=C.UTF-8")
            if done.returncode != 0:
                raise PostgresUnavailable(f"initdb failed: {_last_lines(done.stderr or done.stdout)}")
        password_file.unlink()
        settings = "".join(f"{name} = {value}\n" for name, value in SETTINGS.items()
                           if not (self.durable and name in _NOT_DURABLE))
        settings += f"unix_socket_directories = '{self.root}'\n"
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# The tests' private server (tests/postgres.py)\n" + settings)

    def _run_server(self) -> None:
        why = ""
        for _ in range(_START_TRIES):
            port = free_port()
            done = self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log),
                             "-o", f"-p {port}")
            if done.returncode == 0:
                self.port = port
                return
            why = _last_lines(self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else "")
            why = why or _last_lines(done.stderr or done.stdout)
            if "could not bind" not in why and "already in use" not in why:
                break
        raise PostgresUnavailable(f"the PostgreSQL server did not start: {why}")

    def stop(self) -> None:
        """Stop the server (if it runs) and remove its folder; safe to call twice."""
        self._stop_worker()
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self.port is not None and self.data.exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w", "-t", "60")
            self.port = None
        shutil.rmtree(self.root, ignore_errors=True)

    # Databases ------------------------------------------------------------------------------

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one of the server's databases."""
        return f"postgresql+psycopg://{ADMIN}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _connect(self):
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=ADMIN, password=self.password,
                               dbname="postgres", autocommit=True)

    def _execute(self, sql: str) -> None:
        if self._admin is None or self._admin.closed:
            self._admin = self._connect()
        self._admin.execute(sql)

    def _name(self, label: str) -> str:
        with self._lock:
            self._count += 1
            count = self._count
        return (f"t{count}_" + re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_"))[:63].rstrip("_")

    def create_database(self, label: str = "test", empty: bool = False) -> str:
        """A new database of its own for one test; returns its URL (an empty one is named after ``label``).

        It holds newsledger's tables and no rows: a copy of a database
        ``Store.open`` migrated once per session (the worker thread keeps a
        few ready), so a test does not pay for the migrations each time. With
        ``empty`` it is made from ``template0`` and has no table at all, for
        the tests of the migrations themselves.
        """
        self._listen()
        if empty:
            name = self._name(label)
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
            return self.url(name)
        self._start_worker()
        try:
            name = self._ready.get(timeout=_TIMEOUT)
        except queue.Empty:
            raise PostgresUnavailable(f"no database was made in {_TIMEOUT} s: {self._failure}") from None
        if name is None:
            self._ready.put(None)  # and the next test is told at once
            raise PostgresUnavailable(f"the test databases could not be made: {self._failure}")
        self._jobs.put(("refill", None))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database`, ending any connection still open to it.

        The engines that opened it are disposed of first: a test need not close
        every store it opened, and a connection the server ended under a pool
        would otherwise be reported as left open when it is collected. The
        drop itself is left to the worker thread.
        """
        name = url.rsplit("/", 1)[1]
        for engine in list(self._engines.pop(name, ())):
            engine.dispose()
        if self._worker is not None and self._worker.is_alive():
            self._jobs.put(("drop", name))
        else:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _listen(self) -> None:
        if self._listening:
            return
        from sqlalchemy import Engine, event

        def seen(connection) -> None:
            url = connection.engine.url
            if url.get_backend_name() == "postgresql" and url.port == self.port:
                self._engines[url.database].add(connection.engine)

        event.listen(Engine, "engine_connect", seen)
        self._listening = True

    def _start_worker(self) -> None:
        if self._worker is not None:
            return
        from newsledger.store import Store

        # The template every test database is copied from: newsledger's tables, migrated once
        # (again, after a first try that failed).
        self._execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
        Store.open(self.url(TEMPLATE)).close()
        self._worker = threading.Thread(target=self._work, name="postgres-databases", daemon=True)
        self._worker.start()

    def _work(self) -> None:
        """Keep :data:`_STOCK` databases ready, and drop those the tests are done with."""
        try:
            with self._connect() as connection:
                while True:
                    while self._ready.qsize() < _STOCK:
                        name = self._name("test")
                        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
                        self._ready.put(name)
                    job, name = self._jobs.get()
                    if job == "stop":
                        return
                    if job == "drop":
                        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception as exc:  # the tests waiting for a database say why there is none
            self._failure = f"{type(exc).__name__}: {exc}"
            self._ready.put(None)

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._jobs.put(("stop", None))
            self._worker.join(timeout=30)
            self._worker = None


class Databases:
    """The databases one test (or one module's tests) opens, by name, on one backend.

    ``url(name)`` is a file ``<name>.db`` in ``folder`` for SQLite, and a fresh
    database on the private server for PostgreSQL; asking again for a name
    gives the same database, as a file name would. :meth:`close` drops the
    PostgreSQL ones.
    """

    def __init__(self, backend: str, folder: Path, server: PostgresServer | None = None, label: str = "") -> None:
        self.backend = backend
        self.folder = folder
        self.server = server
        self.label = label
        self._made: dict[str, str] = {}

    def url(self, name: str, empty: bool = False) -> str:
        """Where the database called ``name`` is: a path for SQLite, a URL for PostgreSQL.

        A new PostgreSQL database holds newsledger's tables, as a store that was
        opened once; with ``empty`` it has none (as a new SQLite file has none).
        """
        if name not in self._made:
            if self.server is None:
                self._made[name] = str(self.folder / f"{name}.db")
            else:
                self._made[name] = self.server.create_database(f"{self.label}_{name}", empty=empty)
        return self._made[name]

    def close(self) -> None:
        if self.server is not None:
            for url in self._made.values():
                self.server.drop_database(url)
        self._made.clear()


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-count:])


__all__ = ["Databases", "PostgresServer", "PostgresUnavailable", "find_bindir"]
