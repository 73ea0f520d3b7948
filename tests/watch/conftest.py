"""Fixtures of the watch tests: the local site (see site.py), a store, and watchers with small timeouts."""

from __future__ import annotations

import pytest

from newsledger.store import Store
from newsledger.watch import FetchConfig, Watcher, parse_source
from tests.watch.fakes import TollExtractor
from tests.watch.site import Site, serve, stop

# Small enough that the slow host, the 500 and the endless page cost about a second together.
QUICK = FetchConfig(connect_timeout=1.0, read_timeout=0.3, page_seconds=0.8, retries=1, backoff=0.05,
                    max_backoff=0.2, host_interval=0.0)


@pytest.fixture
def site():
    """The test site on two free ports of 127.0.0.1, stopped after the test."""
    state = Site()
    servers = serve(state)
    yield state
    stop(state, servers)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "watch.db")
    yield opened
    opened.close()


@pytest.fixture
def make_watcher(store):
    """Builds watchers over ``store`` (closed after the test): sources as given on the command line."""
    made = []

    def build(*sources: str, extractor=None, fetch: FetchConfig = QUICK, into=None, **options) -> Watcher:
        watcher = Watcher([parse_source(s, settle=0.0) for s in sources], into or store,
                          extractor or TollExtractor(), fetch=fetch, **options)
        made.append(watcher)
        return watcher

    yield build
    for watcher in made:
        watcher.close()
