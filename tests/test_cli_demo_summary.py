"""The demo's event table lists what each article reports: no campaign totals, no recalled events."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsledger.cli.render import _print_demo_summary
from newsledger.store import Store
from tests.ledger.reports import date, event, result, sentence, span

TEXT = (
    "An air strike hit Mosul on Sunday. It recalled an air raid in Basra last March. "
    "Strikes have killed hundreds since September."
)


def test_the_demo_table_leaves_out_aggregates_and_background(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    today = event("V1", span(TEXT, "air strike"), sentence(TEXT, "An air strike"),
                  when=date(TEXT, "Sunday", ("2024-03-10", "2024-03-10")), subtype="Air/drone strike")
    recalled = dataclasses.replace(
        event("V2", span(TEXT, "air raid"), sentence(TEXT, "It recalled"),
              when=date(TEXT, "last March", ("2023-03-01", "2023-03-31"), "month"), subtype="Shelling/artillery/missile attack"),
        background=True,
    )
    campaign = dataclasses.replace(
        event("V3", span(TEXT, "Strikes"), sentence(TEXT, "Strikes have"), subtype="Remote explosive/landmine/IED"),
        aggregate=True,
    )
    with Store.open(tmp_path / "demo.db") as store:
        store.save(result(TEXT, "Courier", "Strike on Mosul", dt.date(2024, 3, 11), [today, recalled, campaign]))
    _print_demo_summary(Store.open(tmp_path / "demo.db"))
    printed = capsys.readouterr().out
    table = printed[printed.index("Events (ACLED sub-type"):]
    assert "Air/drone strike" in table
    assert "Shelling" not in table and "Remote explosive" not in table
