"""The HTTP API on hand-built reports (no spaCy): lists, filters, paging, one incident, articles,
exports, the change feed, decisions with their rights, errors as JSON.

The ledger holds the three outlets' reports of the Mosul market strike, the
Kharkiv missile strike and the vague "strike in northern Iraq" of
:mod:`tests.ledger.reports`.
"""

from __future__ import annotations

import base64
import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from newsledger.serve.accounts import add_user
from newsledger.serve.app import ServeOptions, create_app
from newsledger.serve.security import CSRF_FIELD, CSRF_HEADER
from tests.ledger.reports import Clock, ledger_of

NAMES = ("courier", "post", "radio", "kharkiv", "wire")
PASSWORD = "correct horse battery"


@pytest.fixture
def ledger(databases, results):
    """The ledger the API serves, in an SQLite file and in a PostgreSQL database (``[sqlite]``, ``[postgresql]``)."""
    ledger = ledger_of(databases, results, NAMES, clock=Clock())
    add_user(ledger.store, "alice", PASSWORD)
    yield ledger
    ledger.store.close()


@pytest.fixture
def client(ledger):
    return TestClient(create_app(ledger.store))


def basic(name: str = "alice", password: str = PASSWORD) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}


def by_place(client, name: str) -> dict:
    [found] = [i for i in client.get("/api/v1/incidents").json()["items"] if i["location"] == name]
    return found


def test_the_list_has_every_incident_with_its_flat_fields(client):
    body = client.get("/api/v1/incidents").json()
    assert body["total"] == 3 and len(body["items"]) == 3 and body["next_cursor"] is None
    mosul = by_place(client, "Mosul")
    assert (mosul["sub_event_type"], mosul["country_code"], mosul["date_start"]) == ("Air/drone strike", "IQ", "2024-03-10")
    assert (mosul["fatalities_min"], mosul["fatalities_max"], mosul["fatalities_conservative"]) == (12, 15, 12)
    assert mosul["reports"] == 3 and mosul["grade"] == "several sources"


@pytest.mark.parametrize(("query", "places"), [
    ("country=Ukraine", {"Kharkiv"}),
    ("country=IQ", {"Mosul", "Iraq"}),
    ("type=Shelling/artillery/missile attack", {"Kharkiv"}),
    ("min_grade=several sources", {"Mosul"}),
    ("bbox=35,30,50,40", {"Mosul", "Iraq"}),
    ("bbox=30,45,40,55", {"Kharkiv"}),
    ("q=MARKET", {"Mosul"}),
    ("q=100%25", set()),
    ("since=2024-03-11", {"Kharkiv"}),
    ("until=2024-03-10", {"Mosul", "Iraq"}),
])
def test_filters_narrow_the_list(client, query, places):
    body = client.get(f"/api/v1/incidents?{query}").json()
    assert {i["location"] for i in body["items"]} == places
    assert body["total"] == len(places)


def test_pages_follow_the_cursor_without_repeats_in_every_sort(client):
    everything = {i["id"] for i in client.get("/api/v1/incidents").json()["items"]}
    for sort in ("date", "-date", "deaths", "-deaths", "reports", "grade", "-id"):
        seen, url = [], f"/api/v1/incidents?limit=1&sort={sort}"
        while url:
            body = client.get(url).json()
            assert body["total"] == 3
            seen += [i["id"] for i in body["items"]]
            url = body["next"]
        assert len(seen) == 3 and set(seen) == everything, sort
    deaths = [i["fatalities_conservative"] for i in client.get("/api/v1/incidents?sort=-deaths").json()["items"]]
    assert deaths[0] == 12


@pytest.mark.parametrize(("query", "words"), [
    ("since=2024-13-01", "since '2024-13-01' is not a date"),
    ("country=Atlantis", "country 'Atlantis'"),
    ("min_grade=excellent", "unknown grade"),
    ("bbox=1,2,3", "bounding box"),
    ("bbox=10,50,20,40", "south below north"),
    ("sort=colour", "cannot sort by 'colour'"),
    ("cursor=notacursor", "cursor"),
    ("limit=0", "limit"),
    ("as_of=yesterday", "as-of 'yesterday'"),
])
def test_a_bad_filter_value_is_a_400_that_names_it(client, query, words):
    response = client.get(f"/api/v1/incidents?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and words in body["error"]


def test_one_incident_is_the_typed_record_with_its_history_and_404_for_an_unknown_id(client):
    mosul = by_place(client, "Mosul")
    body = client.get(f"/api/v1/incidents/{mosul['id']}").json()
    incident = body["incident"]
    assert incident["schema"] == "newsledger-incident/1" and incident["id"] == mosul["id"]
    assert {f["min"] for f in incident["fatalities"]["figures"]} == {12, 14, 15}
    assert all(r["evidence"]["text"] for r in incident["reports"])
    assert [v["version"] for v in body["history"]] == list(range(1, len(body["history"]) + 1))
    assert body["history"][-1]["incident"]["id"] == mosul["id"]
    missing = client.get("/api/v1/incidents/inc-0000000000000000")
    assert missing.status_code == 404 and "no incident inc-0000000000000000" in missing.json()["error"]
    assert client.get("/api/v1/incidents/inc-0000000000000000/history").status_code == 404


def test_the_article_route_gives_the_text_every_extraction_and_the_incidents(client, ledger, results):
    article_id = results["courier"].article.id
    body = client.get(f"/api/v1/articles/{article_id}").json()
    extraction = body["extraction"]
    assert extraction["article"]["id"] == article_id and extraction["text"].startswith("An air strike hit")
    for event in extraction["events"]:
        span = event["evidence"]
        assert extraction["text"][span["start"]:span["end"]] == span["text"]
    joined = set(body["incidents"].values())
    assert by_place(client, "Mosul")["id"] in joined
    assert any(value.startswith("none: ") for value in joined)  # the aggregate, with why
    assert client.get("/api/v1/articles/nope").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "acled", "plover"])
def test_exports_take_the_filters(client, fmt):
    everything = client.get(f"/api/v1/export/{fmt}")
    iraq = client.get(f"/api/v1/export/{fmt}?country=IQ")
    assert everything.status_code == iraq.status_code == 200
    assert "attachment" in everything.headers["content-disposition"]

    def count(text: str) -> int:
        if fmt == "geojson":
            return len(json.loads(text)["features"])
        if fmt in ("csv", "acled"):
            return len(list(csv.DictReader(io.StringIO(text))))
        return len([line for line in text.splitlines() if line.strip()])

    assert (count(everything.text), count(iraq.text)) == (3, 2)


def test_map_and_timeline_data_follow_the_filters(client):
    points = client.get("/api/v1/incidents/map?country=UA").json()
    assert [f["properties"]["location"] for f in points["features"]] == ["Kharkiv"]
    assert points["features"][0]["geometry"]["coordinates"] == pytest.approx([36.25272, 49.98081])
    bins = client.get("/api/v1/incidents/timeline?country=IQ&unit=day").json()["bins"]
    assert bins == [{"start": "2024-03-10", "incidents": 2, "deaths": 12}]
    week = client.get("/api/v1/incidents/timeline?country=IQ&unit=week").json()["bins"]
    assert week == [{"start": "2024-03-04", "incidents": 2, "deaths": 12}]


def test_writes_need_a_reviewer(client, ledger):
    ids = sorted(i["id"] for i in client.get("/api/v1/incidents?country=IQ").json()["items"])
    body = {"incident_ids": ids, "note": "same strike"}
    anonymous = client.post("/api/v1/decisions/merge", json=body)
    assert anonymous.status_code == 401 and "WWW-Authenticate" in anonymous.headers
    wrong = client.post("/api/v1/decisions/merge", json=body, headers=basic(password="nope nope nope"))
    assert wrong.status_code == 401
    assert client.get("/api/v1/incidents?country=IQ").json()["total"] == 2  # nothing changed


def test_a_reviewers_merge_shows_in_the_incident_its_history_and_the_change_feed(client, ledger):
    before = client.get("/api/v1/changes?since=2000-01-01&limit=1000").json()["items"]
    ids = sorted(i["id"] for i in client.get("/api/v1/incidents?country=IQ").json()["items"])
    merged = client.post("/api/v1/decisions/merge", json={"incident_ids": ids, "note": "same strike"}, headers=basic())
    assert merged.status_code == 200
    survivor = merged.json()["incident_id"]
    assert client.get("/api/v1/incidents?country=IQ").json()["total"] == 1
    gone = next(i for i in ids if i != survivor)
    reached = client.get(f"/api/v1/incidents/{gone}").json()
    assert reached["incident"]["id"] == survivor and reached["reached_through"] == [gone]
    history = client.get(f"/api/v1/incidents/{survivor}/history").json()
    assert "merge by a person, alice," in history[-1]["reason"] and "same strike" in history[-1]["reason"]
    feed = client.get(f"/api/v1/changes?after={before[-1]['seq']}").json()["items"]
    assert {(c["incident_id"], c["kind"]) for c in feed} >= {(survivor, "merged"), (gone, "merged")}
    assert all(c["seq"] > before[-1]["seq"] for c in feed)


def test_split_and_correct_through_the_api(client, ledger, results):
    mosul = by_place(client, "Mosul")["id"]
    radio = results["radio"].article.id
    split = client.post("/api/v1/decisions/split", headers=basic(),
                        json={"incident_id": mosul, "members": [radio], "note": "other market"})
    assert split.status_code == 200
    rest, new = split.json()["incident_id"], split.json()["other_id"]
    assert {r["article_id"] for r in client.get(f"/api/v1/incidents/{new}").json()["incident"]["reports"]} == {radio}
    fixed = client.post("/api/v1/decisions/correct", headers=basic(),
                        json={"incident_id": rest, "field": "fatalities", "value": 13, "note": "hospital list"})
    assert fixed.status_code == 200
    incident = client.get(f"/api/v1/incidents/{rest}").json()["incident"]
    assert incident["fatalities"]["conservative"] == 13 and incident["corrections"][0]["note"] == "hospital list"
    kinds = [c["kind"] for c in client.get("/api/v1/changes?since=2000-01-01&limit=1000").json()["items"]]
    assert "split" in kinds and "corrected" in kinds
    bad = client.post("/api/v1/decisions/correct", headers=basic(),
                      json={"incident_id": rest, "field": "date", "value": "someday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["error"]
    unknown = client.post("/api/v1/decisions/merge", headers=basic(),
                          json={"incident_ids": [rest, "inc-0000000000000000"]})
    assert unknown.status_code == 404


def test_a_session_write_needs_the_csrf_token(ledger):
    client = TestClient(create_app(ledger.store))
    # A logged-in browser session, as the login page leaves it.
    client.cookies.set("newsledger_session", _session_cookie(client, {"user": "alice", CSRF_FIELD: "tok"}))
    ids = sorted(i["id"] for i in client.get("/api/v1/incidents?country=IQ").json()["items"])
    without = client.post("/api/v1/decisions/merge", json={"incident_ids": ids})
    assert without.status_code == 403 and CSRF_HEADER in without.json()["error"]
    wrong = client.post("/api/v1/decisions/merge", json={"incident_ids": ids}, headers={CSRF_HEADER: "other"})
    assert wrong.status_code == 403
    right = client.post("/api/v1/decisions/merge", json={"incident_ids": ids}, headers={CSRF_HEADER: "tok"})
    assert right.status_code == 200


def _session_cookie(client: TestClient, data: dict) -> str:
    """A session cookie signed with the server's key, as Starlette's SessionMiddleware makes it."""
    import itsdangerous

    from newsledger.serve.accounts import session_key

    signer = itsdangerous.TimestampSigner(session_key(client.app.state.store))
    return signer.sign(base64.b64encode(json.dumps(data).encode())).decode()


def test_anonymous_reading_can_be_switched_off(ledger):
    private = TestClient(create_app(ledger.store, ServeOptions(anonymous_read=False)))
    assert private.get("/api/v1/incidents").status_code == 401
    assert private.get("/api/v1/incidents", headers=basic()).status_code == 200
    assert private.get("/api/v1/changes").status_code == 401


def test_errors_are_json_and_every_response_carries_the_security_headers(client):
    for url in ("/api/v1/incidents", "/api/v1/nothing-here", "/api/v1/export/xml", "/api/v1/openapi.json"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    assert client.post("/api/v1/decisions/merge", content=b"{not json", headers=basic()).status_code == 400


def test_the_openapi_schema_lists_the_promised_routes_and_no_docs_page_loads_a_cdn(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/incidents", "/api/v1/incidents/{incident_id}", "/api/v1/articles/{article_id}",
                 "/api/v1/changes", "/api/v1/export/{fmt}", "/api/v1/decisions/merge",
                 "/api/v1/decisions/split", "/api/v1/decisions/correct"):
        assert path in paths
    assert client.get("/docs").status_code == 404


def test_as_of_reads_the_ledger_as_it_stood(client, ledger):
    mosul = by_place(client, "Mosul")["id"]
    first = client.get(f"/api/v1/incidents/{mosul}/history").json()[0]["created_at"]
    then = client.get("/api/v1/incidents", params={"as_of": first}).json()
    assert mosul in {i["id"] for i in then["items"]}
    before = client.get("/api/v1/incidents", params={"as_of": "2000-01-01"}).json()
    assert before["total"] == 0
