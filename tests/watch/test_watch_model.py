"""``newsledger watch`` with the real pipeline: a live page's toll rises, and the ledger's incident follows it."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.ledger import Ledger
from newsledger.store import Store
from tests.watch.conftest import QUICK

pytestmark = pytest.mark.model


def test_the_watch_follows_a_rising_toll_into_one_incident_s_history(site, tmp_path, monkeypatch):
    monkeypatch.setattr("newsledger.watch.watcher.FetchConfig", lambda **kw: dataclasses.replace(QUICK, **kw))
    db = str(tmp_path / "live.db")
    source = site.url("/clean.rss")

    first = CliRunner().invoke(app, ["watch", source, "--db", db, "--once", "--print"])
    site.toll = 5
    second = CliRunner().invoke(app, ["watch", source, "--db", db, "--once", "--print"])

    assert first.exit_code == 0, first.output
    strike = [line for line in first.stdout.splitlines() if "Kharkiv" in line]
    assert len(strike) == 1
    assert strike[0].endswith("  new  2025-03-04  Shelling/artillery/missile attack  Kharkiv, UA  deaths 3")
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines() == [strike[0].split()[0] + "  updated  2025-03-04  Shelling/artillery/missile "
                                          "attack  Kharkiv, UA  deaths 5"]
    with Store.open(db) as store:
        ledger = Ledger(store)
        incident_id = strike[0].split()[0]
        detail, _ = ledger.get(incident_id)
        history = ledger.history(incident_id)
        kinds = [change["kind"] for change in ledger.changes() if change["incident_id"] == incident_id]
    assert [v.detail["fatalities"]["min"] for v in history] == [3, 5]
    assert len(detail["members"]) == 1 and detail["independent_sources"] == 1
    assert kinds == ["new", "updated"]
