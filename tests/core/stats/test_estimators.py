"""Estimator properties: zeroing vs subsetting, additivity, missing answers, design checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.stats import (
    DisclosureRules,
    LonelyPsuError,
    StatsInputError,
    SurveyDesign,
    estimate_by,
    raw_estimate,
)

OPEN = DisclosureRules(min_n=1)


def test_domain_by_zeroing_differs_from_naive_subsetting():
    rng = np.random.default_rng(1)
    strata = np.repeat(["a", "b", "c"], 30)
    d = SurveyDesign.from_arrays(np.full(90, 10.0), strata, np.full(90, 300.0))
    y = rng.normal(size=90)
    dom = rng.random(90) < 0.4
    zeroed = raw_estimate(d, y, domain=dom)
    sub = SurveyDesign.from_arrays(np.full(dom.sum(), 10.0), strata[dom], np.full(dom.sum(), 300.0))
    naive = raw_estimate(sub, y[dom])
    assert zeroed.value == pytest.approx(naive.value)
    assert zeroed.se != pytest.approx(naive.se, rel=1e-3)  # subsetting changes n_h and means


def test_missing_answers_are_left_out_of_numerator_and_denominator():
    d = SurveyDesign.from_arrays([1.0, 1.0, 2.0, 2.0])
    r = raw_estimate(d, [1.0, np.nan, 4.0, 5.0])
    assert r.value == pytest.approx((1 + 8 + 10) / 5)
    assert r.n == 3


def test_proportion_rejects_non_binary_values():
    d = SurveyDesign.from_arrays([1.0, 1.0])
    with pytest.raises(StatsInputError, match=r"0/1.*\[1\]"):
        raw_estimate(d, [1.0, 3.0], "proportion")


def test_design_validation_messages():
    with pytest.raises(StatsInputError, match=r"> 0.*\[1\]"):
        SurveyDesign.from_arrays([1.0, 0.0])
    with pytest.raises(LonelyPsuError, match="'b'"):
        SurveyDesign.from_arrays([1.0, 1.0, 1.0], ["a", "a", "b"])
    assert SurveyDesign.from_arrays([1.0, 1.0, 1.0], ["a", "a", "b"], lonely_psu="remove").n == 3
    with pytest.raises(StatsInputError, match="niet constant"):
        SurveyDesign.from_arrays([1.0, 1.0], ["a", "a"], [10, 11])
    with pytest.raises(StatsInputError, match="populatie 1"):
        SurveyDesign.from_arrays([1.0, 1.0], ["a", "a"], [1, 1])


def test_fpc_of_a_census_stratum_gives_zero_variance():
    d = SurveyDesign.from_arrays([1.0] * 4, ["a"] * 4, [4] * 4)
    assert raw_estimate(d, [1.0, 2.0, 3.0, 4.0]).se == 0.0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 6))
def test_domain_totals_add_up_to_the_total(seed, k):
    rng = np.random.default_rng(seed)
    n = 120
    d = SurveyDesign.from_arrays(rng.uniform(1, 5, n), np.repeat(["s1", "s2", "s3"], 40))
    y = rng.normal(size=n)
    groups = rng.integers(0, k, n).astype(str)
    cells = estimate_by(d, y, "g", groups, "total", rules=OPEN)
    whole = raw_estimate(d, y, "total")
    assert sum(c.value for c in cells) == pytest.approx(whole.value, rel=1e-9, abs=1e-9)
    # the mean is the size-weighted average of the domain means
    means = estimate_by(d, y, "g", groups, rules=OPEN)
    avg = sum(c.value * c.weighted_n for c in means) / sum(c.weighted_n for c in means)
    assert avg == pytest.approx(raw_estimate(d, y).value, rel=1e-9, abs=1e-12)
