"""Quotes and speakers: the seed report's acceptance list, every mark style, odd marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract.entities import extract_entities
from newsledger.extract.quotes import extract_quotes, scan_quotations

SEED_END = "flooded the country with drugs."


@pytest.fixture(scope="module")
def seed_quotes(nlp, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    text = text[: text.index(SEED_END) + len(SEED_END)]
    doc = nlp(text)
    quotes, warnings = extract_quotes(doc, extract_entities(doc))
    return text, quotes, warnings


def _quote_starting(quotes, prefix, kind="direct"):
    found = [q for q in quotes if q.content.text.startswith(prefix) and q.kind == kind]
    assert found, f"no {kind} quote starting {prefix!r}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    "prefix, speaker",
    [
        ("“big facility where ships come from.”", "Donald Trump"),
        ("“the dock area where they load the boats up with drugs.”", "Donald Trump"),
        ("“So we hit all the boats, and now we hit the area,”", "Donald Trump"),
        ("“It’s the implementation area", "Donald Trump"),
        ("“just going to kill people”", "Donald Trump"),
        ("“I don’t think we're going to necessarily ask for a declaration of war.", "Donald Trump"),
        ("“cry uncle.”", "Susie Wiles"),
        ("“provocations”", "Rand Paul"),
        ("“a prelude to war.”", "Rand Paul"),
        ("“These narcoterrorists are the al-Qaeda of our hemisphere,”", "Pete Hegseth"),
        ("“And we are hunting them with the same sophistication", "Pete Hegseth"),
    ],
)
def test_seed_speakers(seed_quotes, prefix, speaker):
    _, quotes, _ = seed_quotes
    quote = _quote_starting(quotes, prefix)
    assert quote.speaker is not None and quote.speaker.canonical == speaker
    assert quote.speaker.kind == "person"


@pytest.mark.model
def test_seed_continuing_quotes_are_marked_inherited(seed_quotes):
    _, quotes, _ = seed_quotes
    assert _quote_starting(quotes, "“It’s the implementation area").inherited
    assert _quote_starting(quotes, "“And we are hunting them").inherited
    assert not _quote_starting(quotes, "“So we hit all the boats").inherited


@pytest.mark.model
def test_seed_multi_sentence_quote_is_one_quote(seed_quotes):
    _, quotes, _ = seed_quotes
    quote = _quote_starting(quotes, "“I don’t think")
    assert quote.content.text.endswith("We’re going to kill them,”")
    assert quote.cue.text == "said"


@pytest.mark.model
def test_seed_according_to(seed_quotes):
    _, quotes, _ = seed_quotes
    unodc = _quote_starting(quotes, "Venezuela is not a major cocaine-producing country", "according_to")
    assert unodc.speaker.canonical == "United Nations Office on Drugs and Crime"
    port = _quote_starting(quotes, "No one was present at the port", "according_to")
    assert port.speaker.kind == "anonymous" and port.speaker.affiliation == "CNN"
    assert port.speaker.mention.text == "the network’s source"


@pytest.mark.model
def test_seed_offsets_and_no_warnings(seed_quotes):
    text, quotes, warnings = seed_quotes
    assert warnings == []
    for q in quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker and q.speaker.mention:
            m = q.speaker.mention
            assert text[m.start : m.end] == m.text


# Short real sentences from Wikinews (CC BY 2.5); the marks are varied on purpose.
# https://en.wikinews.org/wiki/Iraqi_Parliament_votes_for_expulsion_of_United_States_troops
STYLES = [
    ("“We will leave,” Abdul Mahdi said on Sunday.", "“We will leave,”"),
    ('"We will leave," Abdul Mahdi said on Sunday.', '"We will leave,"'),
    ("‘We will leave,’ Abdul Mahdi said on Sunday.", "‘We will leave,’"),
    ("«We will leave», Abdul Mahdi said on Sunday.", "«We will leave»"),
    ("„We will leave“, Abdul Mahdi said on Sunday.", "„We will leave“"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence, content", STYLES)
def test_every_quotation_mark_style(nlp, sentence, content):
    doc = nlp(sentence)
    quotes, warnings = extract_quotes(doc, extract_entities(doc))
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == [content]
    assert direct[0].cue.text == "said"
    assert warnings == []


@pytest.mark.model
def test_quote_split_around_said(nlp):
    text = "“The strike was lawful,” the minister said, “and it will continue.”"
    doc = nlp(text)
    quotes, _ = extract_quotes(doc, extract_entities(doc))
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["“The strike was lawful,”", "“and it will continue.”"]
    assert all(q.cue is not None and q.cue.text == "said" for q in direct)


@pytest.mark.model
def test_unbalanced_marks_warn_but_never_abort(nlp):
    text = "Officials said the “operation was a success.\n\nNo one was hurt, police said."
    doc = nlp(text)
    quotes, warnings = extract_quotes(doc, extract_entities(doc))
    assert any("unclosed" in w for w in warnings)
    assert any(q.kind == "indirect" and q.content.text.startswith("No one was hurt") for q in quotes)


def test_multi_paragraph_quote_is_joined():
    text = "He said: “The first paragraph.\n\n“The second paragraph.” Then he left."
    quotes, warnings = scan_quotations(text)
    assert [text[q.start : q.end] for q in quotes] == ["“The first paragraph.\n\n“The second paragraph.”"]
    assert warnings == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Venezuela’s coast and the ’90s rock ‘n’ roll era", []),
        ("She called it ‘a farce’ and left.", ["‘a farce’"]),
        ("Odd ” closing mark and “a real one”.", ["“a real one”"]),
    ],
)
def test_apostrophes_and_stray_marks(text, expected):
    quotes, _ = scan_quotations(text)
    assert [text[q.start : q.end] for q in quotes] == expected


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”‘’«»„'"))))
def test_scanner_never_raises_and_stays_in_bounds(text):
    quotes, warnings = scan_quotations(text)
    last = 0
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        last = q.end
    assert all(isinstance(w, str) for w in warnings)
