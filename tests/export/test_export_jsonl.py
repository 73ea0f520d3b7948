"""JSON Lines export: one newsledger/1 object per line, UTF-8 text kept readable."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from newsledger.export.jsonl import write_jsonl
from newsledger.schema import Article


def test_one_object_per_line(magnitogorsk, vague):
    results = [magnitogorsk.to_dict(), vague.to_dict()]
    buffer = io.StringIO()
    assert write_jsonl(results, buffer) == 2
    lines = buffer.getvalue().split("\n")
    assert lines[-1] == ""  # every line, the last included, ends with a newline
    assert [json.loads(line) for line in lines[:-1]] == results


@pytest.mark.parametrize("text", ["Zürich police said", "Жители Магнитогорска", "Gaza — “ceasefire”"])
def test_non_ascii_is_written_as_is(magnitogorsk, text):
    result = dataclasses.replace(magnitogorsk, article=Article.from_text(text), entities=[], times=[], places=[])
    buffer = io.StringIO()
    write_jsonl([result.to_dict()], buffer)
    assert text in buffer.getvalue()
    assert "\\u" not in buffer.getvalue()


def test_text_newlines_stay_inside_one_line(magnitogorsk):
    result = dataclasses.replace(
        magnitogorsk, article=Article.from_text("Para one.\n\nPara two."), entities=[], times=[], places=[]
    )
    buffer = io.StringIO()
    write_jsonl([result.to_dict()], buffer)
    assert buffer.getvalue().count("\n") == 1
    assert json.loads(buffer.getvalue())["text"] == "Para one.\n\nPara two."


def test_nothing_to_write():
    buffer = io.StringIO()
    assert write_jsonl(iter([]), buffer) == 0
    assert buffer.getvalue() == ""
