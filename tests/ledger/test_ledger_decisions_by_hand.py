"""A person's merges, splits and corrections: kept over later reports, the later decision winning.

On hand-built event mentions (:mod:`tests.ledger.reports`), no spaCy. The
``wire`` report ("a strike in northern Iraq on Sunday") is too vague to join
the Mosul strike by itself; a person may merge it. The ``bulletin`` report of
the Mosul strike, arriving after a decision, links to every report of it.
"""

from __future__ import annotations

import pytest

from newsledger.ledger import Ledger, LedgerError
from tests.ledger.reports import MOSUL_REPORTS, articles_of, holding, ledger_of


def one_holding(ledger: Ledger, article_id: str) -> dict:
    found = holding(ledger, article_id)
    assert len(found) == 1, [d["id"] for d in found]
    return found[0]


def arrive(ledger: Ledger, results, *names: str) -> None:
    for name in names:
        ledger.store.save(results[name])
    ledger.update()


def test_a_merge_is_kept_and_the_merged_id_leads_to_the_survivor(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, ("courier", "wire"))
    mosul, wire = one_holding(ledger, ids["courier"]), one_holding(ledger, ids["wire"])
    assert mosul["id"] != wire["id"]
    survivor = ledger.merge([mosul["id"], wire["id"]], note="the wire's strike is the market strike")
    gone = max(mosul["id"], wire["id"])
    assert survivor == min(mosul["id"], wire["id"])
    detail, path = ledger.get(gone)
    assert detail["id"] == survivor and path == [gone]
    assert articles_of(detail) == {ids["courier"], ids["wire"]}
    gone_history = ledger.history(gone)
    assert [v.status for v in gone_history] == ["active", "replaced"] and gone_history[-1].replaced_by == survivor
    assert gone_history[-1].reason.startswith("merge by a person (decision 1): the wire's strike is the market strike")
    assert ledger.history(survivor)[-1].reason.startswith("merge by a person (decision 1)")
    # Later reports of the strike join it; the wire report stays with them.
    arrive(ledger, results, "post", "radio")
    merged = one_holding(ledger, ids["wire"])
    assert merged["id"] == survivor
    assert articles_of(merged) == {ids[n] for n in ("courier", "wire", "post", "radio")}
    assert ledger.get(gone)[0] == merged
    with pytest.raises(LedgerError, match="replaced"):
        ledger.merge([gone, survivor])
    with pytest.raises(LedgerError, match="two or more"):
        ledger.merge([survivor, survivor])


def test_a_split_is_kept_when_a_report_linking_both_sides_arrives(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, MOSUL_REPORTS)
    [incident] = ledger.incidents()
    rest, new = ledger.split(incident["id"], [ids["radio"]], note="the radio's toll is of another strike")
    assert rest == incident["id"] and new != rest
    assert articles_of(ledger.get(new)[0]) == {ids["radio"]}
    assert articles_of(ledger.get(rest)[0]) == {ids["courier"], ids["post"]}
    # The bulletin links to the reports of both sides; the person's split still holds.
    arrive(ledger, results, "bulletin")
    radio_side, other_side = one_holding(ledger, ids["radio"]), one_holding(ledger, ids["courier"])
    assert radio_side["id"] != other_side["id"]
    assert ids["courier"] not in articles_of(radio_side) and ids["radio"] not in articles_of(other_side)
    assert ids["post"] in articles_of(other_side)
    assert len(holding(ledger, ids["bulletin"])) == 1
    reasons = [v.reason for v in ledger.history(rest)]
    assert any(r.startswith("split by a person (decision 1): the radio's toll is of another strike") for r in reasons)


def test_a_split_by_report_key_works_like_one_by_article(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, MOSUL_REPORTS)
    [incident] = ledger.incidents()
    rest, new = ledger.split(incident["id"], [f"{ids['post']}:V1"])
    assert articles_of(ledger.get(new)[0]) == {ids["post"]}
    assert articles_of(ledger.get(rest)[0]) == {ids["courier"], ids["radio"]}


def test_a_split_naming_no_report_of_the_incident_says_so_and_writes_nothing(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, (*MOSUL_REPORTS, "kharkiv"))
    mosul = one_holding(ledger, ids["courier"])
    before = ledger.history(mosul["id"])
    with pytest.raises(LedgerError, match="deadbeef:V9 is not a report or article of " + mosul["id"]):
        ledger.split(mosul["id"], ["deadbeef:V9"])
    # A report of another incident is not one of this incident's either.
    with pytest.raises(LedgerError, match="not a report or article of"):
        ledger.split(mosul["id"], [f"{ids['kharkiv']}:V1"])
    with pytest.raises(LedgerError, match="some, not all"):
        ledger.split(mosul["id"], [ids[n] for n in MOSUL_REPORTS])
    with pytest.raises(LedgerError, match="no incident inc-0000"):
        ledger.split("inc-0000", [ids["courier"]])
    assert ledger.history(mosul["id"]) == before
    assert one_holding(ledger, ids["courier"]) == mosul


def test_a_merge_after_a_split_joins_them_again_for_good(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, MOSUL_REPORTS)
    [incident] = ledger.incidents()
    rest, new = ledger.split(incident["id"], [ids["radio"]], note="looked different")
    assert ledger.merge([rest, new], note="the same strike after all") == min(rest, new)
    [together] = ledger.incidents()
    assert articles_of(together) == {ids[n] for n in MOSUL_REPORTS}
    arrive(ledger, results, "bulletin")
    [still] = ledger.incidents()
    assert articles_of(still) == {ids[n] for n in (*MOSUL_REPORTS, "bulletin")}


def test_a_split_after_a_merge_keeps_them_apart_for_good(databases, results):
    ids = {name: r.article.id for name, r in results.items()}
    ledger = ledger_of(databases, results, ("courier", "wire"))
    survivor = ledger.merge([d["id"] for d in ledger.incidents()], note="same strike")
    assert len(ledger.incidents()) == 1
    ledger.split(survivor, [ids["wire"]], note="the wire meant another strike")
    arrive(ledger, results, "post", "bulletin")
    wire = one_holding(ledger, ids["wire"])
    assert articles_of(wire) == {ids["wire"]}
    assert articles_of(one_holding(ledger, ids["courier"])) == {ids[n] for n in ("courier", "post", "bulletin")}


def test_a_correction_overrides_a_field_over_later_reports_and_the_later_correction_wins(databases, results):
    ledger = ledger_of(databases, results, ("courier",))
    [incident] = ledger.incidents()
    ledger.correct(incident["id"], "fatalities", "10", note="hospital list")
    [corrected] = ledger.incidents()
    count = corrected["fatalities"]
    assert count["min"] == count["max"] == count["conservative"] == 10
    assert count["rule"] == "correction of fatalities by a person (decision 1): hospital list"
    assert ledger.history(incident["id"])[-1].reason == count["rule"]
    # Two more reports with their own tolls: the person's figure stays.
    arrive(ledger, results, "post", "radio")
    [later] = ledger.incidents()
    assert len(later["members"]) == 3 and later["fatalities"]["conservative"] == 10
    [correction] = later["corrections"]
    assert correction["note"] == "hospital list" and correction["before"] == {"min": 12, "max": 15, "conservative": 12}
    # A second correction of the same field is the later decision: it wins, now and over later reports.
    ledger.correct(later["id"], "fatalities", 20, note="morgue count")
    arrive(ledger, results, "bulletin")
    [final] = ledger.incidents()
    assert final["fatalities"]["conservative"] == final["fatalities"]["max"] == 20
    assert [c["note"] for c in final["corrections"]] == ["hospital list", "morgue count"]
    assert final["fatalities"]["rule"].startswith("correction of fatalities by a person (decision 2)")
    with pytest.raises(LedgerError, match="whole number"):
        ledger.correct(final["id"], "fatalities", "ten")
    with pytest.raises(LedgerError, match="correctable"):
        ledger.correct(final["id"], "grade", "acknowledged")
    assert len(ledger.incidents()[0]["corrections"]) == 2
