"""Shared fixtures: the loaded pipeline (once per session) and the public data folder."""

from __future__ import annotations

import pytest

from benchmarks.common import shared_data_dir


@pytest.fixture(scope="session")
def shared_data():
    """``../shared/data``, or skip with the reason when a clone has none."""
    path = shared_data_dir()
    if not path.exists():
        pytest.skip(f"public data folder {path} is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline with newsledger's components, loaded once."""
    from newsledger.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    """The full extraction pipeline, loaded once."""
    from newsledger.pipeline import Pipeline

    return Pipeline()
