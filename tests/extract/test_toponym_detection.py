"""Toponym detection: datelines, county lists, cued names, lists, repeated names and the guards.

Text-only detectors and resolution run without the spaCy model; whole
sentences go through the model (marked ``model``). Every sentence here is
written for these tests.
"""

from __future__ import annotations

import re

import pytest

from newsledger.extract.places import resolve_spans
from newsledger.extract.toponyms import county_list_toponyms, dateline_toponyms


def _texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    found = []
    for name in names:
        found += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return sorted(found)


# ---------------------------------------------------------------- no model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TORRINGTON — The city council approved the budget on Tuesday.", ["TORRINGTON"]),
        ("COLUMBUS, Ohio (AP) — Lawmakers met on Monday.", ["COLUMBUS", "Ohio"]),
        ("Storm closes schools. NEWARK -- Classes were cancelled on Friday.", ["NEWARK"]),
        ("By Jane Doe, Staff Writer March 30, 2009 HANOVER -- Students read letters.", ["HANOVER"]),
        ("BEIRUT: Gunmen fired on a checkpoint overnight.", ["BEIRUT"]),
        ("PARIS, Texas — A fair opened.", ["PARIS", "Texas"]),
        # Not datelines: a label, an unknown word, capitals mid-sentence, a comma and no region.
        ("UPDATE — The road has reopened.", []),
        ("ZORBLATT — Something happened.", []),
        ("The mayor said TORRINGTON — no.", []),
        ("SMITH, JONES — a law firm.", []),
    ],
)
def test_datelines(text, expected):
    assert _texts(text, dateline_toponyms(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Water covered roads in Becker, Clay and Wilkin counties on Monday.", ["Becker", "Clay", "Wilkin"]),
        ("In Clarke, Madison, Oconee and Oglethorpe counties the rate fell.",
         ["Clarke", "Madison", "Oconee", "Oglethorpe"]),
        ("Deputies in Avoyelles and Rapides parishes searched the woods.", ["Avoyelles", "Rapides"]),
        ("Schools in Zorblatt and Qwenny counties closed.", []),
    ],
)
def test_county_lists(text, expected):
    assert _texts(text, county_list_toponyms(text)) == expected


def test_a_county_list_reads_as_counties():
    text = "Water covered roads in Becker, Clay and Wilkin counties on Monday."
    mentions = resolve_spans(text, county_list_toponyms(text), min_score=2.0)
    assert [m.precision for m in mentions] == ["admin2"] * 3
    assert {m.admin1 for m in mentions} == {"Minnesota"}


def test_capitals_in_a_list_are_not_containers():
    # Kiev, Minsk and Riga are also admin1 regions; Moscow does not lie in them.
    text = "Flights link Moscow, Kiev, Minsk and Riga."
    by_text = {m.text: m for m in resolve_spans(text, _spans(text, "Moscow", "Kiev", "Minsk", "Riga"), min_score=2.0)
               if m is not None}
    assert by_text["Moscow"].country_code == "RU"
    assert by_text["Riga"].country_code == "LV"


def test_a_container_holds_only_the_name_right_before_it():
    text = "The finalists are Denver, Indianapolis, Louisville, Ky., and New Haven."
    spans = _spans(text, "Denver", "Indianapolis", "Louisville", "Ky.", "New Haven")
    by_text = {m.text: m for m in resolve_spans(text, spans, min_score=2.0) if m is not None}
    assert by_text["Denver"].admin1 == "Colorado"
    assert by_text["Indianapolis"].admin1 == "Indiana"
    assert by_text["Louisville"].admin1 == "Kentucky"


def test_a_town_outside_its_container_is_still_dropped():
    # The gazetteer knows no Stroud in Ontario: the Stroud in England would be wrong.
    text = "He was pulled over in Stroud, Ontario, on Monday."
    stroud, ontario = resolve_spans(text, _spans(text, "Stroud", "Ontario"), min_score=2.0)
    assert stroud is None and ontario.country_code == "CA"


def test_a_name_that_will_be_dropped_is_no_evidence():
    # "Titan" (a company here) reads only as a hamlet in Afghanistan, too weak to keep; it must
    # not pull Arlington onto the wrong continent and out of the article.
    text = "Titan plans wells in north Arlington. Titan said Arlington would gain. Titan agreed."
    mentions = resolve_spans(text, _spans(text, "Titan", "Arlington"), min_score=2.0)
    kept = {m.text for m in mentions if m is not None}
    assert kept == {"Arlington"}


@pytest.mark.parametrize(("name", "country"), [("ROME", "IT"), ("NATO", None)])
def test_a_four_letter_dateline_may_be_a_large_city(name, country):
    text = f"{name} — Talks began on Monday."
    (mention,) = resolve_spans(text, [(0, len(name))], min_score=2.0)
    assert (mention.country_code if mention else None) == country


# --------------------------------------------------------------- with model
def _places(nlp, text: str):
    from newsledger.extract.entities import extract_entities
    from newsledger.extract.places import extract_places

    doc = nlp(text)
    places = extract_places(doc, extract_entities(doc))
    for mention in places:
        assert text[mention.start : mention.end] == mention.text  # evidence: offsets into the text
    return places


# (sentence, names that must be places, names that must not be)
SENTENCES = [
    # Cued by a noun of residence, a dateline, a container, a list, a county list.
    ("A Gainesville man was arrested Tuesday after a chase.", ["Gainesville"], []),
    ("CROMWELL — Police say a man was hurt in a crash on Route 9.", ["CROMWELL"], []),
    ("The dog was found during a safety check in Wainwright, Alta., by a train conductor.",
     ["Wainwright", "Alta."], []),
    ("A man from Clacton, Essex was charged on Friday.", ["Clacton", "Essex"], []),
    ("Cases were reported in Rogaland, Vestfold, Buskerud and Telemark.",
     ["Rogaland", "Vestfold", "Buskerud", "Telemark"], []),
    ("Water covered roads in Becker, Clay and Wilkin counties on Monday.", ["Becker", "Clay", "Wilkin"], []),
    ("New South Wales is the second state, with 74 infections.", ["New South Wales"], []),
    ("ISLAMABAD, Pakistan (Reuters) — The government agreed on Monday to restore the judge.",
     ["ISLAMABAD", "Pakistan"], []),
    ("Tom Smith of Lafayette said the bill died in committee.", ["Lafayette"], []),
    # Guards: titles, organisations, people, streets, "-based", a lone surname opening a sentence.
    ("The Florida-based Southern Command said the ships left port.", [], ["Florida"]),
    ("The Secretary of War spoke to reporters at the Pentagon on Monday.", [], ["War", "Pentagon"]),
    ("A columnist for the Washington Post said Georgia Tech had won.", [], ["Washington", "Georgia"]),
    ("Jackson said the vote would be close. Andrew Jackson was elected in 1828.", [], ["Jackson"]),
    ("A spokesman for the Ohio Department of Transportation said the road would reopen.", [], ["Ohio"]),
    ("She studied at the University of Pennsylvania before moving to Texas.", ["Texas"], ["Pennsylvania"]),
    ("The crash happened at Harrison and Main streets late Friday.", [], ["Harrison"]),
    ("Vargas then opened fire at the rescue workers.", [], ["Vargas"]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "present", "absent"), SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_sentences(nlp, text, present, absent):
    texts = {m.text for m in _places(nlp, text)}
    for name in present:
        assert name in texts, f"{name} missing from {sorted(texts)}"
    for name in absent:
        assert name not in texts, f"{name} should not be a place"


@pytest.mark.model
def test_other_uses_of_a_kept_name_follow_it_but_not_inside_names(nlp):
    text = ("Police in Whitestown said the fire began at noon. Whitestown officials asked residents to "
            "stay away. The Whitestown Fire Department sent two trucks.")
    starts = sorted(m.start for m in _places(nlp, text) if m.text == "Whitestown")
    uses = [m.start() for m in re.finditer("Whitestown", text)]
    assert starts == uses[:2]  # the fire department's name is not a place mention


@pytest.mark.model
def test_a_repeated_name_takes_the_reading_of_its_first_use(nlp):
    text = "LAWRENCEBURG, Tenn. — The games open Friday. Lawrenceburg will host 300 athletes."
    places = [m for m in _places(nlp, text) if m.text.lower() == "lawrenceburg"]
    assert len(places) == 2
    assert {(m.country_code, m.admin1) for m in places} == {("US", "Tennessee")}
