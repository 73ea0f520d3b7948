"""Resolution of events the real pipeline extracts from Wikinews reports of one strike.

Reads three articles of ``wikinews-conflict`` (English Wikinews, CC BY 2.5) in
place: the Soleimani strike report (2020-01-05), the Iraqi parliament vote
(2020-01-06) and the Kerman stampede (2020-01-09), which says "He was killed
last week by a United States military airstrike in Iraq."
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsledger.resolve import EventRef, Resolver, resolve
from newsledger.schema import Article

TITLES = {
    "strike": "United States military kills Qasem Soleimani",
    "vote": "Iraqi Parliament votes for expulsion of United States troops",
    "stampede": "Stampede during funeral procession of Qasem Soleimani causes deaths, delays burial",
}


@pytest.fixture(scope="module")
def extracted(shared_data, pipeline):
    records = {}
    with open(shared_data / "wikinews-conflict" / "articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[record["title"]] = record
    results = {}
    for name, title in TITLES.items():
        record = records[title]
        article = Article.from_text(
            record["text"], title=title, url=record["url"], outlet=f"Wikinews ({name})",
            published=dt.date.fromisoformat(record["published"]),
        )
        results[name] = pipeline.extract(article)
    return results


def refs_of(result, group=None):
    article = result.article
    return [
        EventRef(article.id, group or article.id, article.outlet, event, article.published)
        for event in result.events
    ]


def all_refs(extracted):
    return [ref for result in extracted.values() for ref in refs_of(result)]


@pytest.mark.model
def test_the_stampede_report_joins_the_strike_report(extracted):
    stampede = [
        r for r in refs_of(extracted["stampede"])
        if "airstrike" in {r.event.trigger.text, *(m.text for m in r.event.mentions)}
    ]
    assert stampede, "the stampede article's airstrike sentence gave no event"
    resolver = Resolver()
    resolver.add(all_refs(extracted))
    incident_id = resolver.incident_of(stampede[0].key)
    [incident] = [i for i in resolver.incidents() if i.id == incident_id]
    strike_id = extracted["strike"].article.id
    assert strike_id in incident.sources and len(incident.sources) >= 2
    assert incident.family == "attack"
    # The city named by the strike report is more specific than "Iraq".
    assert incident.place.canonical.name == "Baghdad"
    assert incident.place.canonical.country_code == "IQ"
    # The strike was on 3 January (2 January in Washington); the incident's dates must hold it.
    assert incident.date.canonical[0] <= "2020-01-02" <= incident.date.canonical[1]
    # Two outlets; the extractor also dated one mention by the "December 31 attack" it cites,
    # so the dates may be contested, but never a single source.
    assert incident.grade in {"several sources", "contested"}


@pytest.mark.model
def test_real_extractions_resolve_the_same_in_any_order(extracted):
    refs = all_refs(extracted)
    forward = [(i.id, i.members) for i in resolve(refs)]
    assert forward == [(i.id, i.members) for i in resolve(list(reversed(refs)))]
    resolver = Resolver()
    for result in reversed(list(extracted.values())):
        resolver.add(refs_of(result))
    assert forward == [(i.id, i.members) for i in resolver.incidents()]
    keys = [key for _, members in forward for key in members]
    assert len(keys) == len(set(keys))  # a mention is in one incident at most
    aggregates = {r.key for r in refs if r.event.aggregate or r.event.time_status in {"future", "hypothetical"}}
    assert not aggregates & set(keys)


@pytest.mark.model
def test_a_syndicated_near_copy_adds_no_source(extracted, pipeline):
    original = extracted["strike"].article
    copy = Article.from_text(
        original.text + "\n\nThis story was first published by Wikinews.", url="https://example.org/copy",
        outlet="Example Daily", published=original.published,
    )
    copy_refs = refs_of(pipeline.extract(copy), group=original.id)
    base = resolve(all_refs(extracted))
    with_copy = resolve(all_refs(extracted) + copy_refs)
    assert sorted(i.sources for i in base) == sorted(i.sources for i in with_copy)
    assert max(i.independent_sources for i in base) == max(i.independent_sources for i in with_copy)
    assert sum(len(i.members) for i in with_copy) > sum(len(i.members) for i in base)
