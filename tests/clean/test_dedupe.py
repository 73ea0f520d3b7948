"""Near-duplicates: a lightly edited copy of a Wikinews article is found, a different article is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.clean.dedupe import NearDuplicateIndex, shingles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
GDANSK = (FIXTURES / "gdansk.txt").read_text(encoding="utf-8")
EL_PASO = (FIXTURES / "el-paso-cp1252.txt").read_bytes().decode("cp1252")
# A sentence of the Gdańsk article, rewritten in the copy below.
ORIGINAL_SENTENCE = "It raises money annually to assist the nation's medical services."
REWRITTEN_SENTENCE = "Every January it collects donations for Polish hospitals, clinics and their patients."


@pytest.fixture()
def index() -> NearDuplicateIndex:
    idx = NearDuplicateIndex()
    idx.add("gdansk", GDANSK)
    idx.add("el-paso", EL_PASO)
    return idx


def test_the_rewritten_sentence_is_in_the_fixture():
    assert ORIGINAL_SENTENCE in GDANSK


@pytest.mark.parametrize(
    "copy",
    [
        GDANSK,
        "By Anna Kowalska, Polish Press Agency\n\n" + GDANSK,
        GDANSK.replace(ORIGINAL_SENTENCE, REWRITTEN_SENTENCE),
        "By Anna Kowalska\n\n" + GDANSK.replace(ORIGINAL_SENTENCE, REWRITTEN_SENTENCE) + "\nCopyright 2019 PAP.",
        GDANSK.upper().replace("\n\n", "\n"),
    ],
)
def test_lightly_edited_copy_is_found(index, copy):
    assert index.find(copy) == "gdansk"


def test_a_different_article_is_not_a_duplicate():
    idx = NearDuplicateIndex()
    idx.add("gdansk", GDANSK)
    assert idx.find(EL_PASO) is None


def test_half_an_article_is_not_a_near_duplicate(index):
    paragraphs = GDANSK.split("\n\n")
    assert index.find("\n\n".join(paragraphs[: len(paragraphs) // 2])) is None


def test_empty_index_and_empty_text():
    assert NearDuplicateIndex().find(GDANSK) is None
    idx = NearDuplicateIndex()
    idx.add("blank", "  ... ")
    assert len(idx) == 0 and idx.find("") is None


def test_adding_an_id_twice_keeps_the_first_text(index):
    index.add("gdansk", EL_PASO)
    assert len(index) == 2
    assert index.find(GDANSK) == "gdansk"


def test_shingles_are_five_word_windows():
    assert shingles("The Mayor of Gdańsk was stabbed on stage.") == {
        "the mayor of gdańsk was",
        "mayor of gdańsk was stabbed",
        "of gdańsk was stabbed on",
        "gdańsk was stabbed on stage",
    }
    assert shingles("Four dead") == {"four dead"}


def test_threshold_must_be_a_share():
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=1.5)
