"""Extractors declare themselves: a new one is found, ordered and chosen with no list edited."""

from __future__ import annotations

import pytest
import spacy

from newsledger import pipeline
from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.extract import registry
from newsledger.extract.registry import Extractor, register, unregister
from newsledger.schema import FLAT_MENTION_KINDS, Article

BUILT_IN = ("entities", "times", "places", "quotes", "claims", "events")


@pytest.fixture
def fakes():
    """Two extractors declared like the built-in ones: ``later`` needs ``fake``, which needs entities."""
    calls: list[tuple] = []

    def run_fake(doc, article, found):
        calls.append(("fake", found["fake"] if "fake" in found else None, article.id))
        return {"fake": [doc.text.upper()]}

    def run_later(doc, article, found):
        calls.append(("later", found["fake"]))
        return {}

    # Registered in the wrong order on purpose: the needs decide.
    register(Extractor("later", "later.v1", needs=("fake",), sets=(), run=run_later))
    register(Extractor("fake", "fake.v1", needs=("entities",), sets=("fake",), run=run_fake))
    yield calls
    unregister("later")
    unregister("fake")


@pytest.fixture
def blank_pipeline(monkeypatch):
    """A Pipeline over a blank spaCy pipeline (no trained model needed)."""
    monkeypatch.setattr(pipeline, "load_nlp", lambda name: spacy.blank("en"))
    monkeypatch.setattr(pipeline, "model_name", lambda nlp: "blank")

    def make(extractors: str) -> pipeline.Pipeline:
        return pipeline.Pipeline(Settings(extractors=extractors))

    return make


def test_built_in_declarations_give_todays_order_and_versions():
    assert tuple(pipeline.EXTRACTOR_VERSIONS) == BUILT_IN
    assert pipeline.EXTRACTOR_VERSIONS["places"] == "places.v2"
    assert pipeline.NEEDS["events"] == ("entities", "times", "places", "quotes", "claims")
    assert pipeline.resolve_extractors("all") == BUILT_IN
    assert pipeline.resolve_extractors("claims") == ("entities", "quotes", "claims")
    assert [kind.kind for kind in FLAT_MENTION_KINDS] == ["entity", "time", "place"]


def test_the_flat_mention_kinds_are_the_ones_extractors_declare_in_their_order():
    declared = [e.mentions for e in registry.extractors() if e.mentions is not None]
    assert tuple(declared) == FLAT_MENTION_KINDS
    for extractor in registry.extractors():
        if extractor.mentions is not None:
            assert extractor.mentions.field in extractor.sets


def test_a_declared_extractor_is_chosen_with_its_needs(fakes):
    assert pipeline.resolve_extractors("later") == ("entities", "fake", "later")
    assert pipeline.EXTRACTOR_VERSIONS["fake"] == "fake.v1"
    assert pipeline.NEEDS["later"] == ("fake",)
    names = [e.name for e in registry.extractors()]
    assert names.index("entities") < names.index("fake") < names.index("later")
    assert set(BUILT_IN) < set(pipeline.resolve_extractors("all"))


def test_a_declared_extractor_runs_after_what_it_needs(fakes, blank_pipeline):
    runner = blank_pipeline("later")
    result = runner.extract(Article.from_text("Shots were fired."))
    assert result.errors == []
    assert fakes == [("fake", None, result.article.id), ("later", ["SHOTS WERE FIRED."])]
    assert result.runs["extractors"] == {"entities": "entities.v1", "fake": "fake.v1", "later": "later.v1"}
    assert result.places == [] and result.events == []


def test_a_failing_declared_extractor_is_recorded_and_the_others_run(blank_pipeline):
    def broken(doc, article, found):
        raise ValueError("no luck")

    register(Extractor("broken", "broken.v1", needs=(), sets=(), run=broken))
    try:
        result = blank_pipeline("broken,times").extract(Article.from_text("It rained on Friday."))
    finally:
        unregister("broken")
    assert [(e.stage, e.message) for e in result.errors] == [("broken", "ValueError: no luck")]
    assert "times" in result.runs["extractors"]


def test_unknown_needs_and_cycles_are_errors():
    register(Extractor("orphan", "orphan.v1", needs=("nothing",), sets=(), run=lambda d, a, f: {}))
    try:
        with pytest.raises(NewsledgerError, match="needs nothing, which is no extractor"):
            registry.extractors()
    finally:
        unregister("orphan")
    register(Extractor("egg", "egg.v1", needs=("hen",), sets=(), run=lambda d, a, f: {}))
    register(Extractor("hen", "hen.v1", needs=("egg",), sets=(), run=lambda d, a, f: {}))
    try:
        with pytest.raises(NewsledgerError, match="cycle"):
            registry.extractors()
    finally:
        unregister("egg")
        unregister("hen")


def test_an_unknown_choice_names_the_declared_extractors():
    with pytest.raises(NewsledgerError, match="choose from entities, times, places, quotes, claims, events or all"):
        pipeline.resolve_extractors("nonsense")


@pytest.mark.model
def test_the_pipelines_identity_names_the_classifier_and_the_output_runs_stay_as_they_were(pipeline):
    from newsledger.extract.event_types import classifier_version

    assert set(pipeline.runs) == {"extractors", "spacy_model", "newsledger"}  # the contract's runs object
    assert pipeline.identity == {**pipeline.runs, "models": {"event_types": classifier_version()}}
    name, _, digest = classifier_version().partition("+")
    assert name == "acled_subtype-1.0.0" and len(digest) == 12
