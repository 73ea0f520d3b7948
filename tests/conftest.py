"""Shared fixtures: the loaded pipeline (once per session), the public data folder, and the databases.

The store and ledger tests run on both backends: a test takes ``databases``
(or ``store_url``, one database of it) and runs once with SQLite files
(``[sqlite]``) and once with fresh databases on a private PostgreSQL server
(``[postgresql]``, started once per session by :mod:`tests.postgres`, and
skipped with the reason where PostgreSQL is not installed). ``backend`` is
module-scoped so that a module's fixtures holding a ledger for many tests
(``module_databases``) and its tests' own databases are of one backend.
"""

from __future__ import annotations

import pytest

from benchmarks.common import shared_data_dir
from tests.postgres import Databases, PostgresServer, PostgresUnavailable

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres: runs against the tests' private PostgreSQL server (skips where it is not installed)"
    )


@pytest.fixture(scope="session")
def shared_data():
    """``../shared/data``, or skip with the reason when a clone has none."""
    path = shared_data_dir()
    if not path.exists():
        pytest.skip(f"public data folder {path} is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline with newsledger's components, loaded once."""
    from newsledger.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    """The full extraction pipeline, loaded once."""
    from newsledger.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def postgres_server():
    """The tests' private PostgreSQL server, started once; skips (with why) where it cannot start."""
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL variant skipped: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    """``sqlite`` or ``postgresql``: each test that asks runs once with each."""
    return request.param


def open_databases(request, backend: str, folder) -> Databases:
    """The :class:`~tests.postgres.Databases` of ``backend`` for the requesting test or module."""
    if backend == "sqlite":
        return Databases("sqlite", folder)
    server = request.getfixturevalue("postgres_server")
    return Databases("postgresql", folder, server, request.node.name)


@pytest.fixture
def databases(request, backend, tmp_path):
    """This test's databases by name (``databases.url("ledger")``): SQLite files, or fresh PostgreSQL databases."""
    made = open_databases(request, backend, tmp_path)
    yield made
    made.close()


@pytest.fixture(scope="module")
def module_databases(request, backend, tmp_path_factory):
    """Databases shared by one module's tests (a ledger built once and only read), on ``backend``."""
    made = open_databases(request, backend, tmp_path_factory.mktemp("databases"))
    yield made
    made.close()


@pytest.fixture
def store_url(databases) -> str:
    """Where this test's store is: an SQLite file, or a fresh PostgreSQL database's URL."""
    return databases.url("ledger")
