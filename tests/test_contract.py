"""Every output follows the newsledger/1 JSON Schema, and every offset points at its text."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest

from newsledger.batch import extract_sources
from newsledger.schema import Article, ExtractionError, ExtractionResult

pytestmark = pytest.mark.model

SCHEMA = json.loads(files("newsledger").joinpath("newsledger-1.schema.json").read_text(encoding="utf-8"))
DEMO = str(files("newsledger.demo").joinpath("articles.jsonl"))


@pytest.fixture(scope="module")
def demo_outputs(pipeline):
    return [r.to_dict() for r in extract_sources([DEMO], pipeline)]


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_demo_outputs_validate(demo_outputs):
    assert len(demo_outputs) == 8
    for output in demo_outputs:
        jsonschema.validate(output, SCHEMA)


@pytest.mark.parametrize("kind", ["entities", "times", "places"])
def test_offsets_point_at_the_cleaned_text(demo_outputs, kind):
    total = 0
    for output in demo_outputs:
        for mention in output[kind]:
            assert output["text"][mention["start"] : mention["end"]] == mention["text"]
            total += 1
    assert total > 0, f"no {kind} found in eight real articles"


def test_schema_rejects_a_broken_output(demo_outputs):
    broken = json.loads(json.dumps(demo_outputs[0]))
    broken["times"].append({"text": "Friday", "start": 0, "end": 6, "value": "2025-12-26", "precision": "fortnight", "interval": None})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_extractor_failure_is_recorded_not_raised(pipeline, monkeypatch):
    from newsledger.extract import times

    def explode(doc, published):
        raise RuntimeError("boom")

    monkeypatch.setattr(times, "extract_times", explode)
    result = pipeline.extract(Article.from_text("Police arrested two men in Paris on Monday."))
    assert isinstance(result, ExtractionResult)
    assert result.errors == [ExtractionError(stage="times", message="RuntimeError: boom")]
    assert result.entities, "the other extractors still ran"
    jsonschema.validate(result.to_dict(), SCHEMA)
