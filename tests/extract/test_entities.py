"""Entities on real text: who is named, under which canonical name, with offsets."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import extract_entities

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_entities(nlp, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    text = text[: text.index("flooded the country with drugs.") + len("flooded the country with drugs.")]
    return text, extract_entities(nlp(text))


def _canonicals(entities, label):
    return {e.canonical for e in entities if e.label == label}


@pytest.mark.parametrize("name", ["Donald Trump", "Nicolas Maduro", "Pete Hegseth", "Susie Wiles", "Rand Paul"])
def test_seed_people(seed_entities, name):
    _, entities = seed_entities
    assert name in _canonicals(entities, "PERSON")


@pytest.mark.parametrize(
    "name", ["CIA", "CNN", "Coast Guard", "Tren de Aragua", "United Nations Office on Drugs and Crime",
             "Drug Enforcement Administration"]
)
def test_seed_organisations(seed_entities, name):
    _, entities = seed_entities
    assert name in _canonicals(entities, "ORG")


@pytest.mark.parametrize(
    "surface, canonical",
    [
        ("Trump", "Donald Trump"),
        ("Donald Trump", "Donald Trump"),
        ("the president", "Donald Trump"),
        ("Maduro", "Nicolas Maduro"),
        ("the latter", "Pete Hegseth"),
        ("UNODC", "United Nations Office on Drugs and Crime"),
    ],
)
def test_seed_mentions_group_under_one_name(seed_entities, surface, canonical):
    _, entities = seed_entities
    found = {e.canonical for e in entities if e.text.lower() == surface.lower()}
    assert found == {canonical}


def test_seed_one_id_per_canonical_name(seed_entities):
    _, entities = seed_entities
    ids = {}
    for e in entities:
        ids.setdefault((e.label, e.canonical), set()).add(e.id)
    assert all(len(v) == 1 for v in ids.values())
    trump_ids = {e.id for e in entities if e.canonical == "Donald Trump"}
    assert len(trump_ids) == 1
    assert sum(e.canonical == "Donald Trump" for e in entities) >= 10


def test_seed_offsets_point_at_the_text(seed_entities):
    text, entities = seed_entities
    assert entities
    for e in entities:
        assert text[e.start : e.end] == e.text


def test_no_person_is_an_organisation(seed_entities):
    _, entities = seed_entities
    assert not {"Trump", "Donald Trump", "Maduro"} & {e.text for e in entities if e.label == "ORG"}


# Wikinews (CC BY 2.5), https://en.wikinews.org/wiki/United_States_military_kills_Qasem_Soleimani
SOLEIMANI = (
    "Iranian Major General Qasem Soleimani was killed on Friday by a United States drone strike at "
    "Baghdad International Airport in Iraq. Soleimani commanded the Quds Force."
)


def test_wikinews_surname_joins_full_name(nlp):
    entities = extract_entities(nlp(SOLEIMANI))
    soleimani = [e for e in entities if "Soleimani" in e.text]
    assert len(soleimani) == 2
    assert {e.canonical for e in soleimani} == {"Qasem Soleimani"}
    assert {e.label for e in soleimani} == {"PERSON"}


def test_empty_text_gives_no_entities(nlp):
    assert extract_entities(nlp("")) == []
