"""Coreference scoring checked by hand, and quality gates on the two resolution benchmarks.

The gates run the benchmark functions on small fixed subsets: the first 10
MEANTIME cross-document files, and 2,000 to 8,000 synthetic mentions built from
the events of the first 10 wikinews-conflict articles. Floors sit a little
below the figures measured on those subsets (in the comments).
"""

from __future__ import annotations

import pytest

from benchmarks.coref_meantime import max_assignment, score

# Key {a,b,c} {d,e}; response {a,b} {c,d,e}. By hand: MUC links 2 of 3 either way;
# B-cubed precision (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15, recall the same;
# CEAF-e aligns {a,b,c}-{a,b} (2*2/5) and {d,e}-{c,d,e} (2*2/5): 1.6 / 2 clusters.
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


@pytest.mark.parametrize("metric, expected", [
    ("MUC", 2 / 3), ("B3", 11 / 15), ("CEAF-e", 0.8), ("CoNLL", (2 / 3 + 11 / 15 + 0.8) / 3),
])
def test_scores_match_hand_computation(metric, expected):
    p, r, f = score(KEY, RESPONSE)[metric]
    assert p == pytest.approx(expected) and r == pytest.approx(expected) and f == pytest.approx(expected)


def test_all_singletons_have_no_muc_links_and_perfect_b3_precision():
    singletons = {m: m for m in KEY}
    assert score(KEY, singletons)["MUC"][2] == 0.0
    p, r, _ = score(KEY, singletons)["B3"]
    assert p == 1.0 and r == pytest.approx((1 / 3 * 3 + 1 / 2 * 2) / 5)


@pytest.mark.parametrize("weights, best", [
    ([[1.0, 0.2], [0.9, 0.1]], 1.1),  # the greedy pick (1.0 then 0.1) is not the best
    ([[0.5, 0.4, 0.1]], 0.5),
    ([[0.3], [0.6], [0.2]], 0.6),
])
def test_max_assignment(weights, best):
    assert max_assignment(weights) == pytest.approx(best)


def _rows(rows):
    return {r.metric: r for r in rows}


@pytest.mark.gate
@pytest.mark.model
def test_gate_coref_meantime(shared_data):
    from benchmarks.coref_meantime import run_coref_meantime

    rows = _rows(run_coref_meantime(limit=10))
    assert rows["B3 F1"].n >= 3  # measured 4 matched gold mentions
    assert rows["B3 F1"].ours >= 0.70  # measured 0.750


@pytest.mark.gate
@pytest.mark.model
def test_gate_resolve_scale(shared_data):
    from benchmarks.resolve_scale import extract_templates, run_resolve_scale

    # Twenty articles' templates: with ten (32 sentences) chance wording agreements between
    # synthetic stories that drew one real sentence pull precision to 0.91.
    rows = _rows(run_resolve_scale((2000, 4000, 8000), extract_templates(limit=20)))
    for size in (2000, 8000):
        assert rows[f"B3 P / R / F1 vs synthetic stories, {size}: P"].ours >= 0.92  # measured 0.945 (2000), 0.942 (8000)
        # Issue 12: an actor agrees only when tied to an entity or a country ("gunmen" says nothing), so
        # reports drawn from templates with such actors link less often (0.739 with the old rule).
        assert rows[f"B3 P / R / F1 vs synthetic stories, {size}: R"].ours >= 0.62  # measured 0.656 (2000)
    # Blocking: the work per mention does not grow with the ledger.
    small = rows["comparisons per mention, 2000 mentions"].ours
    large = rows["comparisons per mention, 8000 mentions"].ours
    assert large <= 1.5 * small + 0.5  # measured 5.659 (2000), 6.484 (8000)
