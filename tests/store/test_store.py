"""Saving extraction results and reading them back: round trip, runs, rollback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

import newsledger
import newsledger.store.rows as rows_module
import newsledger.store.store as store_module
from newsledger.errors import NewsledgerError, StoreError, UnstorableResultError
from newsledger.schema import Article, EventDate, ExtractionError, PlaceMention, Speaker
from newsledger.store import SaveStatus, Store, run_signature

EMPTY_COUNTS = {
    "articles": 0,
    "runs": 0,
    "entities": 0,
    "times": 0,
    "places": 0,
    "quotes": 0,
    "claims": 0,
    "events": 0,
    "errors": 0,
    "failures": 0,
    "copies": 0,
    "incidents": 0,
}


def expected_dict(result, duplicate_of=None):
    """What iter_results documents: to_dict() plus article.duplicate_of."""
    data = result.to_dict()
    data["article"]["duplicate_of"] = duplicate_of
    return data


def as_json(value):
    """A JSON column as plain SQL reads it: text on SQLite; PostgreSQL's driver decodes JSONB itself."""
    return json.loads(value) if isinstance(value, str) else value


def with_versions(result, **changes):
    runs = {**result.runs, "extractors": dict(result.runs["extractors"])}
    for key, value in changes.items():
        if key in runs["extractors"]:
            runs["extractors"][key] = value
        else:
            runs[key] = value
    return dataclasses.replace(result, runs=runs)


def test_round_trip_equals_to_dict(store, result):
    outcome = store.save(result)
    assert outcome.status is SaveStatus.NEW_ARTICLE and outcome.written
    assert list(store.iter_results()) == [expected_dict(result)]
    assert store.counts() == {**EMPTY_COUNTS, "articles": 1, "runs": 1, "entities": 3, "times": 2, "places": 2}


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered outside the parliament.",
        # Non-BMP characters and non-Latin script must survive storage byte for byte.
        "Жители Магнитогорска 🙏 собрались у дома.",
        "Line one.\n\nLine two after a blank line.\t(tab)",
    ],
)
def test_round_trip_of_bare_result_with_errors(store, make_bare, text):
    result = make_bare(
        text, errors=(ExtractionError("times", "ValueError: bad date"), ExtractionError("places", "KeyError: 'x'"))
    )
    store.save(result)
    [got] = store.iter_results()
    assert got == expected_dict(result)
    assert got["article"]["published"] is None and got["article"]["language"] is None
    assert [e["stage"] for e in got["errors"]] == ["times", "places"]


def test_saving_twice_writes_nothing(store, result):
    first = store.save(result)
    counts = store.counts()
    second = store.save(result)
    assert second.status is SaveStatus.UNCHANGED and not second.written
    assert second.run_id == first.run_id
    assert store.counts() == counts


def test_a_new_newsledger_version_is_a_new_run(store, result):
    # A release may change what the same extractor versions give: its runs are its own.
    store.save(result)
    outcome = store.save(with_versions(result, newsledger="0.2.0"))
    assert outcome.status is SaveStatus.NEW_RUN


@pytest.mark.parametrize(
    "change", [{"places": "places.v2"}, {"entities": "entities.v2"}, {"spacy_model": "en_core_web_trf-3.8.0"}]
)
def test_new_versions_add_a_run_beside_the_old_one(store, result, change):
    old = store.save(result)
    # The new run finds one place fewer: the old run's two places must stay.
    rerun = dataclasses.replace(with_versions(result, **change), places=result.places[:1])
    new = store.save(rerun)
    assert new.status is SaveStatus.NEW_RUN and new.run_id != old.run_id
    assert store.counts() == {**EMPTY_COUNTS, "articles": 1, "runs": 2, "entities": 6, "times": 4, "places": 3}
    assert list(store.iter_results()) == [expected_dict(rerun)]
    assert list(store.iter_results(latest_run_only=False)) == [expected_dict(result), expected_dict(rerun)]
    assert store.save(rerun).status is SaveStatus.UNCHANGED


def _explode(*args, **kwargs):
    raise RuntimeError("injected failure after the article and run rows were flushed")


@pytest.mark.parametrize("failure", ["python_error", "database_error"])
def test_failure_mid_save_leaves_no_partial_rows(store, result, monkeypatch, failure):
    if failure == "python_error":
        monkeypatch.setattr(rows_module, "_place_row", _explode)
        expected = RuntimeError
    else:
        # places.name is NOT NULL: the database refuses the row at commit.
        bad_place = dataclasses.replace(result.places[1], name=None)
        result = dataclasses.replace(result, places=[result.places[0], bad_place])
        expected = StoreError
    with pytest.raises(expected):
        store.save(result)
    assert store.counts() == EMPTY_COUNTS
    assert not store.has_article(result.article.id)


def test_failed_new_run_keeps_the_old_run_intact(store, result, monkeypatch):
    store.save(result)
    before = store.counts()
    monkeypatch.setattr(rows_module, "_place_row", _explode)
    with pytest.raises(RuntimeError):
        store.save(with_versions(result, places="places.v2"))
    assert store.counts() == before
    monkeypatch.undo()
    assert list(store.iter_results()) == [expected_dict(result)]


def test_database_error_is_a_store_error_naming_the_article(store, result):
    bad = dataclasses.replace(result, places=[dataclasses.replace(result.places[0], name=None)])
    with pytest.raises(StoreError, match=result.article.id):
        store.save(bad)


def test_duplicate_of_is_stored_and_read_back(store, result, make_bare):
    store.save(result)
    # A syndicated copy with a changed last sentence: a near duplicate, not the same hash.
    copy = make_bare(result.article.text.replace("yesterday", "on Wednesday"))
    store.save(copy, duplicate_of=result.article.id)
    by_id = {r["article"]["id"]: r for r in store.iter_results()}
    assert by_id[copy.article.id] == expected_dict(copy, duplicate_of=result.article.id)
    assert by_id[result.article.id]["article"]["duplicate_of"] is None


def test_duplicate_of_an_unknown_article_is_refused(store, make_bare):
    with pytest.raises(StoreError):
        store.save(make_bare("A short report."), duplicate_of="0000000000000000")
    assert store.counts() == EMPTY_COUNTS


def test_has_article_and_has_run(store, result):
    published = result.article.published
    assert not store.has_article(result.article.id)
    assert not store.has_run(result.article.id, result.runs, published)
    store.save(result)
    assert store.has_article(result.article.id)
    assert store.stored_published(result.article.id) == (True, published)
    assert store.has_run(result.article.id, result.runs, published)
    assert not store.has_run(result.article.id, {**result.runs, "spacy_model": "other-1.0"}, published)
    # A run is made against its reference date: the same versions without it are another run.
    assert not store.has_run(result.article.id, result.runs, None)


def test_same_hash_with_different_whitespace_is_refused_for_a_new_run(store, result):
    store.save(result)
    respaced = dataclasses.replace(result.article, text=result.article.text.replace(". ", ".  "))
    assert respaced.id == result.article.id  # same content hash: whitespace is normalised away
    rerun = dataclasses.replace(with_versions(result, times="times.v2"), article=respaced)
    with pytest.raises(StoreError, match="different text"):
        store.save(rerun)
    assert store.counts()["runs"] == 1


@pytest.mark.parametrize(
    ("runs", "message"),
    [
        ({"extractors": {}, "spacy_model": "m", "newsledger": "0.1.0", "gazetteer": "geonames-2024"}, "gazetteer"),
        ({"extractors": {}, "spacy_model": "m", "newsledger": "0.1.0", "aaa": 1, "zzz": 2}, r"\['aaa', 'zzz'\]"),
    ],
    ids=["one-unknown-key", "two-unknown-keys"],
)
def test_runs_keys_without_a_column_are_refused_before_writing(store, reading, runs, message):
    with pytest.raises(UnstorableResultError, match=message) as refused:
        store.save(dataclasses.replace(reading, runs=runs))
    assert isinstance(refused.value, NewsledgerError)  # one line at the command line, not a traceback
    assert store.counts() == EMPTY_COUNTS


def test_record_failure(store):
    store.record_failure("feeds/reuters.xml#3", "InputError: empty document")
    store.record_failure("<stdin>", "InputError: not UTF-8")
    assert store.counts()["failures"] == 2
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT origin, reason FROM ingest_failures ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        ("feeds/reuters.xml#3", "InputError: empty document"),
        ("<stdin>", "InputError: not UTF-8"),
    ]


REPORTS = [f"Report number {n}: shelling hit the district overnight." for n in range(7)]


def test_iter_article_texts_pages_through_every_article(store, make_bare, monkeypatch):
    monkeypatch.setattr(store_module, "_PAGE", 3)  # 7 articles: pages of 3, 3, 1
    for report in REPORTS:
        store.save(make_bare(report))
    pairs = list(store.iter_article_texts())
    assert sorted(pairs) == pairs
    assert sorted(t for _, t in pairs) == sorted(REPORTS)
    assert all(Article.from_text(t).id == i for i, t in pairs)


def test_iter_results_pages_in_ingestion_order(store, make_bare, monkeypatch):
    monkeypatch.setattr(store_module, "_PAGE", 2)
    for report in REPORTS:
        store.save(make_bare(report))
    assert [r["text"] for r in store.iter_results()] == REPORTS


def test_save_is_possible_while_reading_texts(store, make_bare, monkeypatch):
    # ingest reads the near-duplicate index and saves in one program: no lock may be held.
    monkeypatch.setattr(store_module, "_PAGE", 2)
    for report in REPORTS[:4]:
        store.save(make_bare(report))
    seen = 0
    for _ in store.iter_article_texts():
        seen += 1
        if seen <= 4:
            store.save(make_bare(f"Follow-up {seen}: the district was evacuated."))
    assert store.counts()["articles"] == 8


def test_save_is_possible_while_reading_results(store, make_bare, monkeypatch):
    monkeypatch.setattr(store_module, "_PAGE", 2)
    for report in REPORTS[:4]:
        store.save(make_bare(report))
    for n, _ in enumerate(store.iter_results()):
        store.save(make_bare(f"Correction {n}: the district was not evacuated."))
    assert store.counts()["articles"] == 8


def test_results_validate_against_the_published_json_schema(store, result, quoted, reading, make_bare):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(newsledger.__file__).parent / "newsledger-1.schema.json").read_text())
    store.save(result)
    store.save(make_bare("A report with no mentions."), duplicate_of=result.article.id)
    store.save(quoted)
    store.save(reading)
    results = list(store.iter_results())
    assert len(results) == 4
    for data in results:
        jsonschema.validate(data, schema)


def test_in_memory_store(result):
    with Store.open(":memory:") as memory:
        memory.save(result)
        assert list(memory.iter_results()) == [expected_dict(result)]


def test_run_signature_ignores_key_order_but_not_what_decides_the_output():
    a = {"extractors": {"times": "times.v1", "entities": "entities.v1"}, "spacy_model": "m-1", "newsledger": "0.1.0"}
    b = {"newsledger": "0.1.0", "spacy_model": "m-1", "extractors": {"entities": "entities.v1", "times": "times.v1"}}
    assert run_signature(a) == run_signature(b)
    assert run_signature(a) != run_signature({**a, "spacy_model": "m-2"})
    # Another newsledger release, or a retrained classifier, may change the results: another run.
    assert run_signature(a) != run_signature({**a, "newsledger": "0.9.0"})
    with_model = {**a, "models": {"event_types": "acled_subtype-1.0.0+aaaaaaaaaaaa"}}
    assert run_signature(with_model) != run_signature(a)
    assert run_signature(with_model) != run_signature({**a, "models": {"event_types": "acled_subtype-1.0.0+bbbbbbbbbbbb"}})


def test_a_retrained_classifier_is_a_new_run_not_a_duplicate(store, result):
    identity = {**result.runs, "models": {"event_types": "acled_subtype-1.0.0+aaaaaaaaaaaa"}}
    retrained = {**result.runs, "models": {"event_types": "acled_subtype-1.0.0+bbbbbbbbbbbb"}}
    published = result.article.published
    assert store.save(result, identity=identity).status is SaveStatus.NEW_ARTICLE
    assert store.has_run(result.article.id, identity, published)
    assert not store.has_run(result.article.id, retrained, published)
    assert store.save(result, identity=retrained).status is SaveStatus.NEW_RUN
    assert store.save(result, identity=retrained).status is SaveStatus.UNCHANGED
    assert store.counts()["runs"] == 2


def test_an_identity_that_disagrees_with_the_results_runs_is_refused(store, result):
    from newsledger.errors import UnstorableResultError

    with pytest.raises(UnstorableResultError, match="disagrees with its runs on spacy_model"):
        store.save(result, identity={**result.runs, "spacy_model": "other-9"})
    assert store.counts()["articles"] == 0


def test_run_signature_names_the_reference_date_only_when_there_is_one():
    runs = {"extractors": {"times": "times.v1"}, "spacy_model": "m-1"}
    assert "published" not in run_signature(runs)
    assert run_signature(runs, dt.date(2025, 12, 30)) != run_signature(runs)
    assert run_signature(runs, dt.date(2025, 12, 30)) != run_signature(runs, dt.date(2025, 12, 31))


def test_stored_rows_are_readable_sql(store, result):
    # People query the file directly (Datasette): columns carry plain values.
    store.save(result)
    with store.engine.connect() as connection:
        row = connection.execute(
            text("SELECT text, start_char, end_char, geonameid, lat FROM places WHERE name = 'Russia'")
        ).one()
        published = connection.execute(text("SELECT published FROM articles")).scalar_one()
    assert tuple(row) == ("Russia", result.places[1].start, result.places[1].end, 2017370, 60.0)
    assert str(published) == "2019-01-04"
    assert result.article.text[row.start_char : row.end_char] == "Russia"


def test_place_without_coordinates_round_trips(store, make_bare):
    report = "Fighting was reported near the Black Sea coast."
    start = report.index("Black Sea")
    sea = PlaceMention(
        "Black Sea",
        start,
        start + 9,
        name="Black Sea",
        geonameid=None,
        country_code=None,
        admin1=None,
        lat=None,
        lon=None,
        feature_code=None,
        precision="water",
    )
    result = dataclasses.replace(make_bare(report), places=[sea])
    store.save(result)
    assert list(store.iter_results()) == [expected_dict(result)]


def test_published_date_type_is_kept(store, result):
    store.save(result)
    [got] = store.iter_results()
    assert got["article"]["published"] == dt.date(2019, 1, 4).isoformat()


def test_quotes_claims_and_warnings_round_trip(store, quoted):
    store.save(quoted)
    [got] = store.iter_results()
    assert got == expected_dict(quoted)
    assert store.counts() == {**EMPTY_COUNTS, "articles": 1, "runs": 1, "entities": 3, "quotes": 5, "claims": 5}
    # The shapes equality alone would not single out if to_dict dropped them.
    assert [q["id"] for q in got["quotes"]] == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    assert got["quotes"][4]["speaker"] is None and got["quotes"][4]["cue"] is None
    assert got["quotes"][2]["inherited"] is True and got["quotes"][1]["inherited"] is False
    assert got["quotes"][3]["speaker"] == {
        "kind": "anonymous",
        "canonical": "its source",
        "mention": {"text": "its source", "start": 437, "end": 447},
        "entity_id": None,
        "affiliation": "Znak.com",
    }
    assert got["claims"][4]["source"]["mention"] is None and got["claims"][4]["source_span"] is None
    assert got["claims"][0]["source_span"] == {"text": "Alexander Chupriyan", "start": 84, "end": 103}
    assert got["claims"][1]["cues"] == []
    assert [c["text"] for c in got["claims"][3]["cues"]] == ["reported", "said"]
    assert got["warnings"] == quoted.warnings


def _unnamed_speaker(result):
    # A speaker known only by kind: no canonical name, no mention, no entity.
    quote = dataclasses.replace(result.quotes[1], speaker=Speaker("unknown", None))
    return dataclasses.replace(result, quotes=[quote], claims=[])


def _only(quote_ids, claim_ids):
    def pick(result):
        return dataclasses.replace(
            result,
            quotes=[q for q in result.quotes if q.id in quote_ids],
            claims=[c for c in result.claims if c.id in claim_ids],
        )

    return pick


@pytest.mark.parametrize(
    "shape",
    [
        _only({"Q5"}, set()),  # no speaker, no cue
        _only({"Q4"}, {"C4"}),  # anonymous source with an affiliation, two cues
        _only(set(), {"C5"}),  # the outlet's own voice: no mention
        _only(set(), {"C2"}),  # no cues
        _only({"Q3"}, set()),  # inherited speaker, claim key without its claim
        _unnamed_speaker,
    ],
    ids=["no-speaker-no-cue", "anonymous-affiliated", "outlet-voice", "no-cues", "inherited", "unnamed-speaker"],
)
def test_each_quote_and_claim_shape_round_trips_alone(store, quoted, shape):
    result = shape(quoted)
    store.save(result)
    assert list(store.iter_results()) == [expected_dict(result)]


def test_quotes_and_claims_are_readable_sql(store, quoted):
    store.save(quoted)
    text_of = quoted.article.text
    with store.engine.connect() as connection:
        quotes = connection.execute(
            text(
                "SELECT quote_key, kind, speaker_kind, speaker_name, speaker_affiliation, speaker_entity_key, "
                "cue_text, claim_key, inherited, content_text, content_start, content_end FROM quotes ORDER BY position"
            )
        ).all()
        claim = connection.execute(
            text(
                "SELECT source_kind, source_name, source_text, source_start, certainty, polarity, time_status, cues, "
                "quote_key FROM claims WHERE claim_key = 'C3'"
            )
        ).one()
        warnings = connection.execute(text("SELECT warnings FROM extraction_runs")).scalar_one()
    assert [tuple(q[:9]) for q in quotes] == [
        ("Q1", "direct", "person", "Alexander Chupriyan", None, "E1", "told", "C1", 0),
        ("Q2", "indirect", "person", "Boris Dubrovsky", None, "E2", "said", "C2", 0),
        ("Q3", "indirect", "person", "Boris Dubrovsky", None, "E2", "said", "C3", 1),
        ("Q4", "direct", "anonymous", "its source", "Znak.com", None, "said", "C4", 0),
        ("Q5", "floating", None, None, None, None, None, None, 0),
    ]
    assert all(text_of[q.content_start : q.content_end] == q.content_text for q in quotes)
    assert tuple(claim[:7]) == ("person", "Boris Dubrovsky", "Boris Dubrovsky", 246, "reported", "negative", "past")
    assert as_json(claim.cues) == [
        {"type": "attribution", "text": "said", "start": 367, "end": 371},
        {"type": "negation", "text": "unrelated", "start": 385, "end": 394},
    ]
    assert claim.quote_key == "Q3"
    assert as_json(warnings) == quoted.warnings


def test_new_run_keeps_the_old_runs_quotes(store, quoted):
    store.save(quoted)
    rerun = dataclasses.replace(
        with_versions(quoted, quotes="quotes.v2"), quotes=quoted.quotes[:2], claims=quoted.claims[:1], warnings=[]
    )
    assert store.save(rerun).status is SaveStatus.NEW_RUN
    counts = store.counts()
    assert (counts["runs"], counts["quotes"], counts["claims"]) == (2, 7, 6)
    assert list(store.iter_results()) == [expected_dict(rerun)]
    assert list(store.iter_results(latest_run_only=False)) == [expected_dict(quoted), expected_dict(rerun)]


@pytest.mark.parametrize("failure", ["_quote_row", "_claim_row", "null_certainty"])
def test_failed_quote_or_claim_leaves_no_partial_rows(store, quoted, monkeypatch, failure):
    if failure == "null_certainty":
        # claims.certainty is NOT NULL: the database refuses the last row at commit.
        bad = dataclasses.replace(quoted.claims[-1], certainty=None)
        quoted = dataclasses.replace(quoted, claims=[*quoted.claims[:-1], bad])
        expected = StoreError
    else:
        monkeypatch.setattr(rows_module, failure, _explode)
        expected = RuntimeError
    with pytest.raises(expected):
        store.save(quoted)
    assert store.counts() == EMPTY_COUNTS


def test_events_round_trip(store, reading, serbia):
    store.save(reading)
    store.save(serbia)
    got = list(store.iter_results())
    assert got == [expected_dict(reading), expected_dict(serbia)]
    assert store.counts() == {
        **EMPTY_COUNTS,
        "articles": 2,
        "runs": 2,
        "entities": 5,
        "times": 2,
        "places": 2,
        "quotes": 3,
        "claims": 3,
        "events": 5,
    }
    # The shapes equality alone would not single out if to_dict dropped or merged them.
    stabbing, detention, raid = got[0]["events"]
    protests, storming = got[1]["events"]
    assert [e["id"] for e in (stabbing, detention, raid, protests, storming)] == ["V1", "V2", "V3", "V1", "V2"]
    assert stabbing["location"] == got[0]["places"][0]
    assert stabbing["date"]["interval"] == ["2020-06-20", "2020-06-20"]
    assert stabbing["actor2"]["entity_id"] is None and stabbing["actor1"]["entity_id"] == "E2"
    assert [m["text"] for m in stabbing["mentions"]] == ["attack", "attacked", "attack"]
    assert stabbing["statements"] == ["Q1", "Q2"]
    assert detention["date"] == {
        "text": None,
        "start": None,
        "end": None,
        "value": None,
        "precision": "unknown",
        "interval": ["2020-06-16", "2020-06-23"],
        "inferred": True,
    }
    assert (detention["actor2"]["category"], detention["actor2"]["country_code"]) == (None, None)
    assert raid["plover"] is None and raid["date"] is None and raid["actor2"] is None and raid["claim_id"] is None
    assert protests["arrested"] == {"min": 71, "max": None, "text": "at least 71 people", "start": 248, "end": 266}
    assert (protests["aggregate"], protests["attempted"]) == (True, False)
    assert (storming["aggregate"], storming["attempted"]) == (False, True)
    assert storming["date"]["inferred"] is True and stabbing["date"]["inferred"] is False


def _event_alone(result_name: str, event_id: str):
    def pick(results):
        result = results[result_name]
        return dataclasses.replace(result, events=[e for e in result.events if e.id == event_id])

    return pick


def _with_event_changes(result_name: str, event_id: str, **changes):
    def pick(results):
        result = _event_alone(result_name, event_id)(results)
        return dataclasses.replace(result, events=[dataclasses.replace(result.events[0], **changes)])

    return pick


def _date_without_interval(results):
    # Words that date the event but could not be placed on the calendar: no value, no interval.
    result = _event_alone("serbia", "V2")(results)
    start = result.article.text.index("the night's")
    date = EventDate("the night's", start, start + len("the night's"), None, "unknown", None)
    return dataclasses.replace(result, events=[dataclasses.replace(result.events[0], date=date)])


@pytest.mark.parametrize(
    "shape",
    [
        _event_alone("reading", "V1"),  # every part set
        _event_alone("reading", "V2"),  # no place, date from publication with no words, actor without category
        _event_alone("reading", "V3"),  # no PLOVER, no actor2, no date, no claim
        _event_alone("serbia", "V1"),  # aggregate, open-ended count, later mentions
        _event_alone("serbia", "V2"),  # attempted, inferred date with words
        _with_event_changes("reading", "V1", actor1=None, mentions=[], statements=[]),
        _date_without_interval,
    ],
    ids=[
        "all-set",
        "publication-date",
        "no-plover",
        "aggregate-open-count",
        "attempted",
        "no-actor1-no-lists",
        "date-without-interval",
    ],
)
def test_each_event_shape_round_trips_alone(store, reading, serbia, shape):
    result = shape({"reading": reading, "serbia": serbia})
    store.save(result)
    assert list(store.iter_results()) == [expected_dict(result)]
    assert store.counts()["events"] == 1


def test_events_are_readable_sql(store, reading, serbia):
    store.save(reading)
    store.save(serbia)
    with store.engine.connect() as connection:
        stabbing = connection.execute(text("SELECT * FROM events WHERE subtype = 'Attack'")).mappings().one()
        rows = connection.execute(
            text(
                "SELECT event_key, event_type, plover_type, plover_mode, actor1_name, actor2_name, location_name, "
                "location_country_code, date_value, date_interval_start, date_inferred, fatalities_min, "
                "fatalities_max, arrested_min, arrested_max, aggregate, attempted, claim_key "
                "FROM events ORDER BY run_id, position"
            )
        ).all()
        statements = connection.execute(
            text("SELECT statements FROM events WHERE event_key = 'V1' ORDER BY id")
        ).scalars().all()
    # Every column of the event with every part is written; only its victims have no entity.
    assert {column for column, value in stabbing.items() if value is None} == {"actor2_entity_key"}
    assert reading.article.text[stabbing["trigger_start"] : stabbing["trigger_end"]] == stabbing["trigger_text"]
    assert as_json(stabbing["mentions"])[1] == {"text": "attacked", "start": 583, "end": 591}
    assert [tuple(r) for r in rows] == [
        ("V1", "Violence against civilians", "ASSAULT", "beat", "Khairi Saadallah", "civilians", "Reading", "GB",
         "2020-06-20TEV", "2020-06-20", 0, 3, 3, 1, 1, 0, 0, "C1"),
        ("V2", "Strategic developments", "COERCE", "arrest", "Thames Valley Police", "Khairi Saadallah", None, None,
         None, "2020-06-16", 1, None, None, None, None, 0, 0, "C2"),
        ("V3", "Strategic developments", None, None, "counter terror police", None, None, None,
         None, None, None, None, None, None, None, 0, 0, None),
        ("V1", "Protests", "PROTEST", "demo", "Serbians", None, "Belgrade", "RS",
         "2020-07-10TNI", "2020-07-10", 0, None, None, 71, None, 1, 0, None),
        ("V2", "Riots", "PROTEST", "riot", "protesters", None, None, None,
         "2020-07-10TNI", "2020-07-10", 1, None, None, None, None, 0, 1, None),
    ]
    assert [as_json(s) for s in statements] == [["Q1", "Q2"], ["Q1"]]


@pytest.mark.parametrize("failure", ["_event_row", "null_subtype"])
def test_failed_event_leaves_no_partial_rows(store, reading, monkeypatch, failure):
    if failure == "null_subtype":
        # events.subtype is NOT NULL: the database refuses the last event at commit.
        bad = dataclasses.replace(reading.events[-1], subtype=None)
        reading = dataclasses.replace(reading, events=[*reading.events[:-1], bad])
        expected = StoreError
    else:
        monkeypatch.setattr(rows_module, failure, _explode)
        expected = RuntimeError
    with pytest.raises(expected):
        store.save(reading)
    assert store.counts() == EMPTY_COUNTS


def test_new_run_keeps_the_old_runs_events(store, reading):
    store.save(reading)
    rerun = dataclasses.replace(with_versions(reading, events="events.v2"), events=reading.events[:1])
    assert store.save(rerun).status is SaveStatus.NEW_RUN
    assert store.counts()["events"] == 4
    assert list(store.iter_results()) == [expected_dict(rerun)]
    assert list(store.iter_results(latest_run_only=False)) == [expected_dict(reading), expected_dict(rerun)]


def _minhash_column(store, article_id):
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT minhash FROM articles WHERE id = :id"), {"id": article_id}).scalar_one()


def test_the_near_duplicate_signature_is_saved_with_its_article(store, reading, make_bare):
    store.save(reading, minhash=b"signature of the reading article")
    bare = make_bare(REPORTS[0])
    store.save(bare)  # saved without one: the next batch computes it
    assert _minhash_column(store, reading.article.id) == b"signature of the reading article"
    assert dict(store.iter_minhashes()) == {reading.article.id: b"signature of the reading article", bare.article.id: None}
    # A new run of a stored article leaves its signature alone.
    store.save(with_versions(reading, events="events.v2"), minhash=b"another")
    assert _minhash_column(store, reading.article.id) == b"signature of the reading article"


def test_a_refused_save_keeps_no_signature_either(store, reading, monkeypatch):
    def broken(result, run_id):
        raise RuntimeError("mention rows could not be built")

    monkeypatch.setattr(store_module, "run_rows", broken)
    with pytest.raises(RuntimeError):
        store.save(reading, minhash=b"signature")
    assert list(store.iter_minhashes()) == []


def test_signatures_are_kept_for_stored_articles_and_texts_read_by_id(store, make_bare, monkeypatch):
    monkeypatch.setattr(store_module, "_PAGE", 3)  # 7 articles: pages of 3, 3, 1
    bare = [make_bare(report) for report in REPORTS]
    for result in bare:
        store.save(result)
    ids = [r.article.id for r in bare]
    assert dict(store.iter_texts(ids + ["not-stored"])) == dict(zip(ids, REPORTS))
    store.save_minhashes({article_id: article_id.encode() for article_id in ids[:5]})
    kept = dict(store.iter_minhashes())
    assert len(kept) == 7 and all(kept[i] == i.encode() for i in ids[:5])
    assert [kept[i] for i in ids[5:]] == [None, None]
