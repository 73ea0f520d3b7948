"""Place-like entities take the gazetteer's name; no model needed."""

from newsledger.extract.entities import align_with_places
from newsledger.schema import Entity, PlaceMention

TEXT = "U.S. forces struck a boat. The United States said Venezuela objected."


def _entity(text, label, canonical, nth=0):
    start = TEXT.index(text)
    return Entity("", text, label, start, start + len(text), canonical)


def _place(text, name, code):
    start = TEXT.index(text)
    return PlaceMention(text, start, start + len(text), name, 1, code, None, 0.0, 0.0, "PCLI", "country")


def test_aliases_of_one_country_share_name_and_id():
    entities = [
        _entity("U.S.", "GPE", "U.S."),
        _entity("The United States", "GPE", "The United States"),
        _entity("Venezuela", "GPE", "Venezuela"),
    ]
    places = [
        _place("U.S.", "United States", "US"),
        _place("United States", "United States", "US"),
        _place("Venezuela", "Venezuela", "VE"),
    ]
    aligned = align_with_places(entities, places)
    assert [e.canonical for e in aligned] == ["United States", "United States", "Venezuela"]
    assert aligned[0].id == aligned[1].id != aligned[2].id
    assert [(e.start, e.end, e.text) for e in aligned] == [(e.start, e.end, e.text) for e in entities]


def test_people_and_unresolved_places_keep_their_names():
    entities = [_entity("Venezuela", "PERSON", "Venezuela"), _entity("U.S.", "GPE", "U.S.")]
    aligned = align_with_places(entities, [])
    assert [e.canonical for e in aligned] == ["Venezuela", "U.S."]
    assert [e.label for e in aligned] == ["PERSON", "GPE"]
    aligned = align_with_places(entities, [_place("United States", "United States", "US")])
    assert aligned[1].canonical == "U.S."


def test_a_resolved_place_tagged_as_an_organisation_becomes_a_place():
    entities = [_entity("Venezuela", "ORG", "Venezuela")]
    aligned = align_with_places(entities, [_place("Venezuela", "Venezuela", "VE")])
    assert aligned[0].label == "GPE"
