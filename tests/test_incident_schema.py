"""Every incident follows the newsledger-incident/1 JSON Schema, and the typed record gives back what it read.

The schema file is generated from :mod:`newsledger.incident`'s models and
committed; the first test fails when the two part. The demo's incidents (the
eight bundled Wikinews articles through the whole pipeline and the ledger) and
their JSONL export are validated against it; hand-made dicts cover what the
demo does not hold (a person's corrections).
"""

from __future__ import annotations

import io
import json
from importlib.resources import files

import jsonschema
import pytest

from newsledger.export.incidents import write_incidents
from newsledger.incident import (
    SCHEMA_PATH,
    IncidentRecord,
    IncidentVersion,
    incident_json_schema,
)

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
DEMO = str(files("newsledger.demo").joinpath("articles.jsonl"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def assert_valid(detail: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(detail)]
    assert not errors, errors


def round_trips(detail: dict) -> bool:
    """Same dict back, keys in the same order, so its JSON is byte-identical."""
    back = IncidentRecord.model_validate(detail).to_dict()
    return json.dumps(back, ensure_ascii=False) == json.dumps(detail, ensure_ascii=False)


def test_committed_schema_is_the_generated_one():
    assert SCHEMA == incident_json_schema(), (
        "regenerate: python -c 'from newsledger.incident import write_incident_json_schema as w; w()'"
    )
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_ships_with_the_package():
    assert json.loads(files("newsledger").joinpath("newsledger-incident-1.schema.json").read_text("utf-8")) == SCHEMA


def sample() -> dict:
    """A small incident dict as incident_to_dict writes one (one report, no place)."""
    member, source = "0cce2e5013f94f9f:V4", "0cce2e5013f94f9f"
    return {
        "schema": "newsledger-incident/1", "id": "inc-1606344d3c8f91d9", "family": "attack",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": {"value": "Remote explosive/landmine/IED", "rule": "most independent sources",
                           "contested": False, "candidates": [{"value": "Remote explosive/landmine/IED",
                                                               "sources": [source], "members": [member]}]},
        "attempted": False,
        "plover": {"value": {"event": "ASSAULT", "mode": "explosives"}, "rule": "taxonomy", "contested": False,
                   "candidates": []},
        "date": {"value": ["2019-01-14", "2019-01-20"], "rule": "dated intervals: intersection", "contested": False,
                 "candidates": [{"value": ["2019-01-14", "2019-01-20"], "sources": [source], "members": [member]}],
                 "start": "2019-01-14", "end": "2019-01-20", "time_precision": 2},
        "place": {"value": None, "rule": "no place", "contested": False, "candidates": [], "geo_precision": None},
        "actor1": {"value": "Kabul", "rule": "most independent sources, then name", "contested": False,
                   "candidates": [{"value": "Kabul", "sources": [source], "members": [member]}],
                   "category": "state forces", "country_code": None, "inter": 1},
        "actor2": {"value": None, "rule": "no actor", "contested": False, "candidates": [], "category": None,
                   "country_code": None, "inter": 0},
        "fatalities": {"min": 5, "max": 5, "conservative": 5, "rule": "range", "contested": False,
                       "figures": [{"member": member, "source": source, "min": 5, "max": 5, "text": "five",
                                    "start": 1807, "end": 1811}]},
        "injured": None, "arrested": None, "sources": [source], "outlets": ["Wikinews"], "claim_sources": [],
        "independent_sources": 1, "grade": "single source", "contested": [], "members": [member],
        "reports": [{"member": member, "article_id": source, "event_id": "V4", "source": source,
                     "outlet": "Wikinews", "url": None, "title": None, "published": "2019-01-24",
                     "claim_source": None, "sub_event_type": "Remote explosive/landmine/IED",
                     "certainty": "asserted", "trigger": {"text": "bomb", "start": 1700, "end": 1704},
                     "evidence": {"text": "A car bomb went off.", "start": 1690, "end": 1710}}],
    }


def test_typed_fields_read_the_dict():
    record = IncidentRecord.model_validate(sample())
    assert record.date.start.isoformat() == "2019-01-14" and record.date.time_precision == 2
    assert record.plover.value.mode == "explosives"
    assert record.fatalities.figures[0].text == "five" and record.injured is None
    assert record.place.value is None and record.actor1.inter == 1
    assert record.reports[0].trigger.end == 1704
    assert round_trips(sample())


def test_a_corrected_incident_round_trips_in_the_order_the_ledger_wrote_it():
    # A correction of a figure no source gave builds the count in another key order, and lists itself.
    detail = sample()
    detail["injured"] = {"figures": [], "contested": False, "min": 2, "max": 2, "conservative": 2,
                         "rule": "correction of injured by a person (decision 1): hospital list"}
    detail["corrections"] = [{"decision": 1, "field": "injured", "value": 2,
                              "before": {"min": None, "max": None, "conservative": None}, "note": "hospital list"}]
    assert_valid(detail)
    assert round_trips(detail)
    assert list(IncidentRecord.model_validate(detail).to_dict()["injured"]) == list(detail["injured"])


@pytest.mark.parametrize("change", [
    lambda d: d.update(grade="great"),
    lambda d: d.update(extra=1),
    lambda d: d["place"].update(value={"name": "Kabul"}),
    lambda d: d["date"].update(start="14 January"),
    lambda d: d.pop("reports"),
])
def test_schema_and_model_reject_a_broken_incident(change):
    detail = sample()
    change(detail)
    assert list(VALIDATOR.iter_errors(detail))
    with pytest.raises(ValueError):
        IncidentRecord.model_validate(detail)


def test_a_version_carries_status_reason_time_and_the_incident():
    version = IncidentVersion.model_validate({
        "incident_id": "inc-1606344d3c8f91d9", "version": 2, "status": "active", "replaced_by": None,
        "reason": "a new report", "created_at": "2025-12-31T10:00:00+00:00", "incident": sample(),
    })
    assert version.incident.id == version.incident_id and version.created_at.year == 2025
    assert IncidentVersion.model_validate({**version.model_dump(), "status": "replaced", "incident": None})


@pytest.fixture(scope="module")
def demo_ledger(pipeline, tmp_path_factory):
    from newsledger.batch import ingest
    from newsledger.ledger import Ledger
    from newsledger.store import Store

    store = Store.open(tmp_path_factory.mktemp("demo") / "demo.db")
    ingest([DEMO], store, pipeline)
    return Ledger(store)


@pytest.mark.model
def test_every_demo_incident_and_version_follows_the_schema(demo_ledger):
    incidents = demo_ledger.incidents()
    assert len(incidents) >= 10
    versions = 0
    for detail in incidents:
        assert_valid(detail)
        assert round_trips(detail)
        for version in demo_ledger.history(detail["id"]):
            if version.detail is not None:
                assert_valid(version.detail)
                assert round_trips(version.detail)
                versions += 1
    assert versions >= len(incidents)


@pytest.mark.model
def test_every_exported_jsonl_incident_follows_the_schema(demo_ledger):
    incidents = demo_ledger.incidents()
    out = io.StringIO()
    assert write_incidents(incidents, out, "jsonl") == len(incidents)
    typed = io.StringIO()
    write_incidents([IncidentRecord.model_validate(d) for d in incidents], typed, "jsonl")
    assert typed.getvalue() == out.getvalue()
    for line in out.getvalue().splitlines():
        assert_valid(json.loads(line))
