"""Claims: who stands behind each proposition and how firmly (seed acceptance and rules)."""

from __future__ import annotations

import pytest

from newsledger.extract.claims import extract_claims
from newsledger.extract.entities import extract_entities
from newsledger.extract.quotes import extract_quotes
from newsledger.schema import Article

pytestmark = pytest.mark.model
SEED_END = "flooded the country with drugs."


def _claims(nlp, text, outlet="Wikinews"):
    doc = nlp(text)
    quotes, _ = extract_quotes(doc, extract_entities(doc))
    return extract_claims(doc, quotes, Article.from_text(text, outlet=outlet))


@pytest.fixture(scope="module")
def seed(nlp, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    text = text[: text.index(SEED_END) + len(SEED_END)]
    return _claims(nlp, text, outlet="The Independent")


def _claim(claims, fragment):
    found = [c for c in claims if fragment in c.content.text]
    assert found, f"no claim containing {fragment!r}"
    return min(found, key=lambda c: len(c.content.text))


def test_no_one_present_is_the_networks_source(seed):
    claims, _ = seed
    c = _claim(claims, "No one was present at the port")
    assert c.source.kind == "anonymous" and c.source.affiliation == "CNN"
    assert c.certainty == "reported" and c.polarity == "negative"
    assert c.source_span.text == "the network’s source"


def test_unodc_reports_venezuela_is_not_a_producer(seed):
    claims, _ = seed
    c = _claim(claims, "Venezuela is not a major cocaine-producing country")
    assert c.source.canonical == "United Nations Office on Drugs and Crime"
    assert c.certainty == "reported" and c.polarity == "negative"


def test_the_strike_is_reportedly_by_the_cia_per_cnn(seed):
    claims, _ = seed
    c = _claim(claims, "The CIA reportedly carried out a drone strike")
    assert c.certainty in {"uncertain", "reported"}
    assert c.source.canonical == "CNN" and c.source.kind != "outlet"
    assert any(cue.text == "reportedly" for cue in c.cues)


def test_administration_officials_insist(seed):
    claims, _ = seed
    c = _claim(claims, "the two dozen strikes are fully within legal bounds")
    assert c.source.canonical == "Administration officials"
    assert c.certainty == "reported"


def test_experts_call_them_murders(seed):
    claims, _ = seed
    c = _claim(claims, "outright murders and war crimes")
    assert "experts" in c.source.canonical
    assert c.source.kind != "outlet"


def test_land_strikes_will_follow_is_future(seed):
    claims, _ = seed
    c = _claim(claims, "land strikes, like the dock blast, will soon follow")
    assert c.time_status == "future"
    assert c.source.kind != "outlet"


def test_allegedly_destroyed_is_alleged(seed):
    claims, _ = seed
    c = _claim(claims, "the operation allegedly destroyed the facility")
    assert c.certainty == "alleged" and c.source.kind == "outlet"


def test_every_quote_links_to_a_claim(seed):
    claims, quotes = seed
    ids = {c.id for c in claims}
    assert quotes and all(q.claim_id in ids for q in quotes)
    linked = {c.quote_id for c in claims if c.quote_id}
    assert linked <= {q.id for q in quotes}


def test_outlet_claims_are_asserted(seed):
    claims, _ = seed
    c = _claim(claims, "The strike is the first known U.S. operation inside the country.")
    assert (c.source.kind, c.source.canonical, c.certainty) == ("outlet", "The Independent", "asserted")


# Sentences adapted from Wikinews reports (CC BY 2.5) to exercise one rule each.
@pytest.mark.parametrize(
    "text, fragment, certainty, polarity, time_status",
    [
        ("The ministry denied that its forces fired on the crowd.", "its forces fired on the crowd", "denied", "positive", "past"),
        ("Police said the suspect may have acted alone.", "the suspect may have acted alone", "uncertain", "positive", "past"),
        ("Rebels claimed that they shot down a helicopter.", "they shot down a helicopter", "alleged", "positive", "past"),
        ("Officials said no one was killed in the blast.", "no one was killed in the blast", "reported", "negative", "past"),
        ("The president said troops will leave Syria.", "troops will leave Syria", "reported", "positive", "future"),
        ("The army is shelling the town, residents said.", "The army is shelling the town", "reported", "positive", "ongoing"),
        ("Iran would retaliate if attacked, the minister said.", "Iran would retaliate if attacked", "reported", "positive", "hypothetical"),
        ("The airline refused to meet the demands, the union said.", "The airline refused to meet the demands", "reported", "negative", "past"),
        ("The deal could be signed next month, officials said.", "The deal could be signed next month", "uncertain", "positive", "future"),
        ("The jet nearly broke the record, the company said.", "The jet nearly broke the record", "reported", "negative", "past"),
    ],
)
def test_certainty_polarity_and_time(nlp, text, fragment, certainty, polarity, time_status):
    claims, _ = _claims(nlp, text)
    c = _claim(claims, fragment)
    assert (c.certainty, c.polarity, c.time_status) == (certainty, polarity, time_status)
    assert c.source.kind != "outlet"
