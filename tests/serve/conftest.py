"""Fixtures of the web tests: the hand-built reports of :mod:`tests.ledger.reports` (no spaCy)."""

from __future__ import annotations

import pytest

from tests.ledger.reports import reports


@pytest.fixture(scope="session")
def results():
    """Every hand-built report by name (frozen values, shared by all tests)."""
    return reports()
