"""Design weights, nonresponse adjustment, raking, trimming and Kish diagnostics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.stats import (
    RakingError,
    StatsInputError,
    SurveyDesign,
    TrimBounds,
    design_weights,
    nonresponse_adjust,
    rake,
    rake_weights,
    weight_diagnostics,
)
from tests.core.stats.synthetic import make_wave


def test_design_weights_are_population_over_sample_size():
    w = design_weights(["a", "a", "b", "b", "b"], {"a": 10, "b": 30})
    np.testing.assert_allclose(w, [5, 5, 10, 10, 10])


def test_design_weights_name_the_missing_or_too_small_stratum():
    with pytest.raises(StatsInputError, match="'b'"):
        design_weights(["a", "b"], {"a": 10})
    with pytest.raises(StatsInputError, match=r"'a'.*N_h=1"):
        design_weights(["a", "a"], {"a": 1})


def test_nonresponse_spreads_weight_within_stratum_to_n_over_r():
    w = design_weights(["a"] * 4 + ["b"] * 2, {"a": 40, "b": 10})
    out = nonresponse_adjust(w, ["a"] * 4 + ["b"] * 2, [1, 0, 1, 1, 0, 1])
    np.testing.assert_allclose(out, [40 / 3] * 3 + [10.0])
    assert out.sum() == pytest.approx(50)


def test_nonresponse_refuses_a_stratum_without_respondents():
    with pytest.raises(StatsInputError, match=r"\['b'\]"):
        nonresponse_adjust([1.0, 1.0, 1.0], ["a", "b", "b"], [1, 0, 0])


def test_kish_diagnostics_match_the_r_oracle_for_equal_and_unequal_weights():
    d = weight_diagnostics([2.0, 2.0, 2.0, 2.0])
    assert (d.kish_deff, d.effective_n, d.ratio) == (1.0, 4.0, 1.0)
    d = weight_diagnostics([1.0, 3.0])
    assert d.kish_deff == pytest.approx(2 * 10 / 16)
    assert d.effective_n == pytest.approx(16 / 10)
    assert (d.minimum, d.maximum, d.ratio) == (1.0, 3.0, 3.0)


@pytest.fixture(scope="module")
def wave():
    return make_wave(seed=3)


def _margins(s: pd.DataFrame) -> dict[str, pd.Series]:
    return {v: s[v] for v in ("stratum", "age_band", "outcome")}


def test_rake_reports_convergence_and_hits_every_margin(wave):
    s = wave.respondents
    w, report, _ = rake_weights(s.w0, _margins(s), wave.targets, tolerance=1e-12)
    assert report.converged
    assert 1 < report.iterations < report.max_iterations
    for var, spec in wave.targets.items():
        got = pd.Series(w).groupby(s[var].to_numpy()).sum()
        for cat, target in spec.items():
            assert got[cat] == pytest.approx(target, rel=1e-10)
    assert report.diagnostics.total == pytest.approx(len(wave.population))
    assert report.to_dict()["diagnostics"]["kish_deff"] >= 1


def test_rake_errors_are_specific(wave):
    s = wave.respondents
    bad = {k: dict(v) for k, v in wave.targets.items()}
    bad["age_band"]["18_26"] += 100
    with pytest.raises(RakingError, match="niet op tot hetzelfde totaal"):
        rake_weights(s.w0, _margins(s), bad)
    empty = {k: dict(v) for k, v in wave.targets.items()}
    empty["outcome"]["unknown_outcome"] = 5.0
    empty["outcome"]["granted"] -= 5.0
    with pytest.raises(RakingError, match=r"lege cel in outcome.*unknown_outcome"):
        rake_weights(s.w0, _margins(s), empty)
    missing = {k: dict(v) for k, v in wave.targets.items()}
    del missing["outcome"]["none"]
    with pytest.raises(RakingError, match=r"outcome heeft categorie.*'none'"):
        rake_weights(s.w0, _margins(s), missing)
    with pytest.raises(RakingError, match="niet geconvergeerd na 1 iteraties"):
        rake_weights(s.w0, _margins(s), wave.targets, max_iterations=1)


def test_rake_refuses_missing_margin_values_naming_the_rows(wave):
    s = wave.respondents.copy()
    s.loc[3, "age_band"] = None
    with pytest.raises(RakingError, match=r"age_band ontbreekt in rij\(en\) \[3\]"):
        rake_weights(s.w0, _margins(s), wave.targets)


def test_trimming_keeps_bounds_and_margins(wave):
    s = wave.respondents
    free, _, _ = rake_weights(s.w0, _margins(s), wave.targets)
    mean_w = len(wave.population) / len(s)
    upper = 0.9 * free.max() / mean_w  # binding cap
    w, report, _ = rake_weights(
        s.w0, _margins(s), wave.targets, trim=TrimBounds(lower=0.3, upper=upper), tolerance=1e-11
    )
    assert report.trim_cycles >= 1
    assert report.trimmed_weights >= 1
    assert w.max() <= upper * mean_w * (1 + 1e-8)
    assert w.min() >= 0.3 * mean_w * (1 - 1e-8)
    for var, spec in wave.targets.items():
        got = pd.Series(w).groupby(s[var].to_numpy()).sum()
        np.testing.assert_allclose([got[c] for c in spec], list(spec.values()), rtol=1e-9)


def test_impossible_trimming_bounds_raise(wave):
    s = wave.respondents
    with pytest.raises(RakingError, match="trimmen"):
        rake_weights(s.w0, _margins(s), wave.targets, trim=TrimBounds(upper=1.0001, lower=0.9999))


def test_rake_attaches_margins_for_the_variance(wave):
    s = wave.respondents
    base = SurveyDesign.from_arrays(s.w0, s.stratum, s.N_h)
    raked, _ = rake(base, _margins(s), wave.targets)
    assert raked.calibration is not None
    assert raked.calibration.names == ("stratum", "age_band", "outcome")
    assert base.calibration is None


@st.composite
def raking_cases(draw):
    n = draw(st.integers(20, 80))
    k1, k2 = draw(st.integers(2, 4)), draw(st.integers(2, 3))
    a = np.arange(n) % k1  # every category present
    b = np.array(draw(st.permutations(list(np.arange(n) % k2))))
    w0 = np.array(draw(st.lists(st.floats(0.5, 5.0), min_size=n, max_size=n)))
    total = draw(st.floats(100.0, 1e5))
    # Targets come from a hidden positive weighting of the same units, so they are always
    # jointly feasible (independent random shares can contradict each other when a and b overlap).
    v = np.array(draw(st.lists(st.floats(0.2, 5.0), min_size=n, max_size=n)))
    v *= total / v.sum()
    ta = {str(i): float(x) for i, x in enumerate(np.bincount(a, weights=v, minlength=k1))}
    tb = {str(i): float(x) for i, x in enumerate(np.bincount(b, weights=v, minlength=k2))}
    return w0, {"a": a, "b": b}, {"a": ta, "b": tb}, total


@settings(max_examples=40, deadline=None)
@given(raking_cases())
def test_raked_margins_hit_targets_and_weights_sum_to_n(case):
    w0, margins, targets, total = case
    # every category of both margins is present and all targets are positive, so IPF converges
    w, _, _ = rake_weights(w0, margins, targets, tolerance=1e-11, max_iterations=5000)
    assert w.sum() == pytest.approx(total, rel=1e-8)
    for name, spec in targets.items():
        got = np.bincount(margins[name], weights=w)
        np.testing.assert_allclose(got, [spec[str(i)] for i in range(got.size)], rtol=1e-8)
