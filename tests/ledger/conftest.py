"""Fixtures of the ledger tests that need no spaCy: the hand-built reports, and a probe.

Nothing here loads the pipeline (no ``nlp`` or ``pipeline`` fixture, no
``model`` mark). When ``NEWSLEDGER_SPACY_PROBE`` names a file, the end of the
test session writes into it which ``spacy`` modules the process imported and
which tests of this folder asked for the pipeline or carry the ``model`` mark
(seen as they are collected, before ``-m "not model"`` deselects any), so a
test can run this folder in a fresh process and check that there are none.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.ledger.reports import PROBE, reports

HERE = Path(__file__).resolve().parent
PIPELINE_FIXTURES = {"nlp", "pipeline"}
_needing_the_model: list[str] = []


@pytest.fixture(scope="session")
def results():
    """Every hand-built report by name (frozen values, shared by all tests)."""
    return reports()


def pytest_itemcollected(item):
    if HERE in Path(item.path).resolve().parents and (
        item.get_closest_marker("model") or PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ()))
    ):
        _needing_the_model.append(item.nodeid)


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get(PROBE)
    if target:
        loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy."))
        Path(target).write_text(json.dumps({
            "spacy_modules": loaded, "needing_the_model": _needing_the_model,
            "collected": session.testscollected, "failed": session.testsfailed, "exitstatus": int(exitstatus),
        }), encoding="utf-8")
