"""Test helper: every evidence span (an object with ``start`` and ``end``) anywhere in an output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MENTION_KINDS = ("entities", "times", "places", "quotes", "claims", "events")


def spans_in(data: Any) -> Iterator[dict]:
    """Each dict holding ``start`` and ``end`` in ``data``, nested ones included (``start`` may be None)."""
    if isinstance(data, dict):
        if "start" in data and "end" in data:
            yield data
        for value in data.values():
            yield from spans_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from spans_in(value)


def mention_spans(output: dict) -> Iterator[dict]:
    """The spans of a ``newsledger/1`` output's mentions, quotes, claims and events."""
    return spans_in({kind: output[kind] for kind in MENTION_KINDS})
