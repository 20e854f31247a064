"""Invariants of the composed weighting (hypothesis): the pipeline's weights (design x
nonresponse x raking, optionally trimmed) always sum to N and hit every register margin within
1e-8; domain totals of a raked design add up to the total. (The single-step invariants - raking
alone, domain totals of a plain design, Shapley/Johnson summing to R^2 - are in test_weights,
test_estimators and test_drivers_reliability.)"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.stats import RakingError, TrimBounds, estimate_by, raw_estimate
from maatmonitor.core.stats.pipeline import weights_for
from maatmonitor.core.stats.rules import DisclosureRules

OPEN = DisclosureRules(min_n=1)


@st.composite
def waves(draw):
    """Respondents in 2-4 strata with two margins whose targets come from a hidden positive
    weighting of a population that contains the respondents (so they are always feasible)."""
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)
    h = draw(st.integers(2, 4))
    ka, kb = draw(st.integers(2, 4)), draw(st.integers(2, 3))
    r_h = rng.integers(6, 30, h)
    n = int(r_h.sum())
    strata = np.repeat([f"s{i}" for i in range(h)], r_h)
    a = np.arange(n) % ka  # every category present
    b = rng.permutation(np.arange(n) % kb)
    drawn = r_h + rng.integers(0, 40, h)
    big = drawn * rng.uniform(2, 50, h)
    big = np.round(big).astype(int)
    total = float(big.sum())
    v = rng.uniform(0.2, 5.0, n)
    v *= total / v.sum()
    margins = [("a", str(i), x) for i, x in enumerate(np.bincount(a, weights=v, minlength=ka))]
    margins += [("b", str(i), x) for i, x in enumerate(np.bincount(b, weights=v, minlength=kb))]
    responses = pd.DataFrame(
        {"stratum": strata, "a": a.astype(str), "b": b.astype(str), "y": rng.normal(size=n)}
    )
    design = pd.DataFrame({"stratum": [f"s{i}" for i in range(h)], "N_h": big, "n_h": drawn})
    return responses, design, pd.DataFrame(margins, columns=["variable", "category", "count"])


@settings(max_examples=30, deadline=None)
@given(waves())
def test_pipeline_weights_sum_to_n_and_hit_the_margins(case):
    responses, design, margins = case
    raked, report = weights_for(responses, design, margins, tolerance=1e-12)
    total = float(design.N_h.sum())
    assert raked.weights.sum() == pytest.approx(total, rel=1e-8)
    assert report["nonresponse_adjusted"]["total"] == pytest.approx(total, rel=1e-12)
    for var, cats in margins.groupby("variable"):
        got = pd.Series(raked.weights).groupby(responses[var].to_numpy()).sum()
        want = cats.set_index("category")["count"]
        np.testing.assert_allclose(got[want.index], want, rtol=1e-8)


@settings(max_examples=30, deadline=None)
@given(waves(), st.floats(1.5, 4.0))
def test_trimmed_weights_respect_the_bound_and_the_margins(case, upper):
    responses, design, margins = case
    try:
        raked, _ = weights_for(
            responses, design, margins, trim=TrimBounds(upper=upper), tolerance=1e-12
        )
    except RakingError as exc:  # a bound too tight for the margins is refused, never ignored
        refused = str(exc)
    else:
        refused = ""
    if refused:
        assert "niet samen te halen" in refused
        return
    w = raked.weights
    assert w.max() <= upper * w.mean() * (1 + 1e-9)
    assert w.sum() == pytest.approx(float(design.N_h.sum()), rel=1e-8)
    for var, cats in margins.groupby("variable"):
        got = pd.Series(w).groupby(responses[var].to_numpy()).sum()
        want = cats.set_index("category")["count"]
        np.testing.assert_allclose(got[want.index], want, rtol=1e-8)


@settings(max_examples=30, deadline=None)
@given(waves())
def test_domain_totals_of_a_raked_design_add_up(case):
    responses, design, margins = case
    raked, _ = weights_for(responses, design, margins)
    y = responses["y"].to_numpy()
    cells = estimate_by(raked, y, "a", responses["a"], "total", rules=OPEN)
    whole = raw_estimate(raked, y, "total")
    assert sum(c.value for c in cells) == pytest.approx(whole.value, rel=1e-9, abs=1e-9)
    # the domain sizes are the raking targets of that margin
    sizes = estimate_by(raked, np.ones(len(y)), "a", responses["a"], "total", rules=OPEN)
    want = margins[margins.variable == "a"].set_index("category")["count"]
    np.testing.assert_allclose([c.value for c in sizes], want[sorted(want.index)], rtol=1e-8)
