"""Subgroup vs rest, wave change and Benjamini-Hochberg."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from maatmonitor.core.stats import (
    SurveyDesign,
    benjamini_hochberg,
    raw_estimate,
    subgroup_vs_rest,
    wave_change,
)


@pytest.fixture
def wave():
    rng = np.random.default_rng(9)
    n = 300
    d = SurveyDesign.from_arrays(rng.uniform(1, 4, n), np.repeat(["a", "b", "c"], 100))
    groups = rng.choice(["g1", "g2", "g3"], n, p=[0.5, 0.47, 0.03])
    y = rng.normal(size=n) + (groups == "g1")
    return d, y, groups


def test_subgroup_vs_rest_hides_tests_that_would_reveal_hidden_cells(wave):
    d, y, groups = wave
    tests = subgroup_vs_rest(d, y, "g", groups, variable="score")
    by = {c.group[0][1]: c for c in tests}
    assert by["g3"].suppressed
    assert by["g3"].reason == "min_n"
    assert by["g2"].suppressed
    assert by["g2"].reason == "complementary"
    g1 = by["g1"]
    assert g1.difference > 0
    assert g1.p_value < 0.001
    assert g1.reference == (("g", "rest"),)
    assert g1.ci_low < g1.difference < g1.ci_high


def test_wave_change_formula_and_comparability(wave):
    d, y, _ = wave
    now = raw_estimate(d, y + 0.2)
    before = raw_estimate(d, y)
    c = wave_change(now, before, variable="score", comparable=True)
    se = math.sqrt(now.se**2 + before.se**2)
    t = stats.t.ppf(0.975, min(now.df, before.df))
    assert c.difference == pytest.approx(0.2)
    assert (c.ci_low, c.ci_high) == pytest.approx((0.2 - t * se, 0.2 + t * se))
    assert c.p_value == pytest.approx(2 * stats.t.sf(0.2 / se, now.df))
    off = wave_change(now, before, variable="score", comparable=False)
    assert off.suppressed
    assert off.to_dict()["reason"] == "not_comparable"


def test_benjamini_hochberg_spans_all_tables(wave):
    d, y, groups = wave
    t1 = subgroup_vs_rest(d, y, "g", groups)
    t2 = (
        wave_change(raw_estimate(d, y + 0.05), raw_estimate(d, y), variable="s", comparable=True),
    )
    a1, a2 = benjamini_hochberg([t1, t2])
    shown = [c for c in (*a1, *a2) if not c.suppressed]
    p = np.array([c.p_value for c in shown])
    m = len(p)
    order = np.argsort(p)
    expected = np.minimum.accumulate((p[order] * m / np.arange(1, m + 1))[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(expected, 1)
    np.testing.assert_allclose([c.q_value for c in shown], q)
    assert all(c.q_value is None for c in (*a1, *a2) if c.suppressed)
