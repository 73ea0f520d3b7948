"""The ECB+ reader on the real files: rebuilt text, gold chains, the scored-sentence filter; and CEAF-e by parts.

Needs the public data (``ecbplus``) but no model. Expectations were read by
hand from the XML files and from ``ECBplus_coreference_sentences.csv``; the
scored mention counts are the ones reported for the usual split (3,808 event
mentions in the training topics, 1,245 in the development topics).
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from benchmarks.coref_meantime import ceaf_e
from benchmarks.resolve_ecbplus import (
    DEVELOPMENT_TOPICS,
    EVENT_TAGS,
    ceaf_e_by_parts,
    corpus_topics,
    read_ecb_document,
    read_topics,
)


@pytest.fixture(scope="module")
def ecbplus(shared_data):
    folder = shared_data / "ecbplus"
    if not (folder / "ECB+").exists():
        pytest.skip(f"{folder} is absent")
    return folder


@pytest.fixture(scope="module")
def scored_documents(ecbplus):
    return read_topics(corpus_topics(ecbplus), ecbplus)


def _tokens(path):
    root = ET.parse(path).getroot()
    return root, {t.get("t_id"): (t.text or "", int(t.get("sentence"))) for t in root.iter("token")}


def test_every_gold_mention_reads_back_as_its_tokens(ecbplus):
    checked = 0
    for path in sorted((ecbplus / "ECB+").glob("*/*.xml")):
        doc = read_ecb_document(path)
        root, tokens = _tokens(path)
        expected = {}
        for markable in root.find("Markables"):
            ids = [a.get("t_id") for a in markable.findall("token_anchor")]
            if markable.tag.startswith(EVENT_TAGS) and ids:
                expected[markable.get("m_id")] = [tokens[i][0] for i in sorted(ids, key=int)], ids
        assert {m.m_id for m in doc.mentions} == set(expected), path.name
        for mention in doc.mentions:
            words, ids = expected[mention.m_id]
            span = doc.text[mention.start:mention.end]
            assert mention.text == span
            numbers = sorted(int(i) for i in ids)
            contiguous = numbers == list(range(numbers[0], numbers[-1] + 1))
            if contiguous:
                assert span == " ".join(words), (path.name, mention)
            else:
                assert span.startswith(words[0]) and span.endswith(words[-1]), (path.name, mention)
            checked += 1
    assert checked > 10_000  # 10,829 event mentions in the training and development topics


@pytest.mark.parametrize("name", ["12/12_1ecb.xml", "12/12_1ecbplus.xml", "1/1_11ecb.xml", "35/35_1ecbplus.xml"])
def test_one_line_per_sentence_and_the_address_kept_out(ecbplus, name):
    path = ecbplus / "ECB+" / name
    doc = read_ecb_document(path)
    _, tokens = _tokens(path)
    sentences: dict[int, list[str]] = {}
    for word, sentence in tokens.values():
        sentences.setdefault(sentence, []).append(word)
    if name.endswith("ecbplus.xml"):
        address = sentences.pop(0)
        assert doc.url == "".join(address) and doc.url.startswith("http")
        assert "http" not in doc.text.split("\n")[0]
    else:
        assert doc.url is None
    assert doc.text.split("\n") == [" ".join(sentences[s]) for s in sorted(sentences)]


@pytest.mark.parametrize(("name", "m_id", "text", "chain"), [
    ("12/12_1ecb.xml", "17", "attacking", "ACT17403630531063654"),  # CROSS_DOC_COREF r_id 34172
    ("12/12_1ecb.xml", "18", "flying", "singleton:12_1ecb:18"),  # in no relation
    ("1/1_11ecb.xml", "25", "tequila conventions", "intra:1_11ecb:37615"),  # INTRA_DOC_COREF only
])
def test_chains_are_read(ecbplus, name, m_id, text, chain):
    mention = next(m for m in read_ecb_document(ecbplus / "ECB+" / name).mentions if m.m_id == m_id)
    assert (mention.text, mention.chain) == (text, chain)


def test_a_cross_document_chain_spans_its_incidents_documents(scored_documents):
    holders = {m.doc for d in scored_documents for m in d.mentions if m.chain == "ACT17403630531063654"}
    assert {"12_1ecb", "12_2ecb"} <= holders
    # The pirates' attack on the Ethiopian-flagged ship is the ECB half's incident: never an ecbplus file.
    assert all(name.endswith("ecb") for name in holders)


def test_only_listed_sentences_are_scored(ecbplus):
    path = ecbplus / "ECB+" / "12" / "12_1ecbplus.xml"
    every = read_ecb_document(path)
    scored = next(d for d in read_topics([12], ecbplus) if d.name == "12_1ecbplus")
    assert sorted({m.sentence for m in every.mentions}) == [2, 3, 7]
    # The CSV lists sentences 2 and 3 of 12_1ecbplus.
    assert {m.sentence for m in scored.mentions} == {2, 3}
    assert scored.mentions == tuple(m for m in every.mentions if m.sentence in {2, 3})
    assert len(scored.mentions) == 8


def test_scored_mentions_match_the_usual_split(scored_documents):
    training = sum(len(d.mentions) for d in scored_documents if d.topic not in DEVELOPMENT_TOPICS)
    development = sum(len(d.mentions) for d in scored_documents if d.topic in DEVELOPMENT_TOPICS)
    assert (training, development) == (3808, 1245)
    assert len(scored_documents) == 772


def test_test_topics_are_never_read(ecbplus):
    assert max(corpus_topics(ecbplus)) <= 35
    with pytest.raises(ValueError, match="test topic"):
        read_topics([40], ecbplus)


@pytest.mark.parametrize("seed", range(8))
def test_ceaf_e_by_parts_equals_one_alignment(seed):
    rng = random.Random(seed)
    mentions = range(rng.randint(1, 40))
    gold = {m: rng.randint(0, 8) for m in mentions}
    # Mostly gold clusters cut up within groups of three, with some noise: several parts, not one.
    predicted = {m: (gold[m] // 3, rng.randint(0, 2)) if rng.random() > 0.1 else rng.randint(0, 3) for m in mentions}
    assert ceaf_e_by_parts(gold, predicted) == pytest.approx(ceaf_e(gold, predicted))
