"""Key drivers against base R on ``swiss``; alpha and omega properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.stats import SurveyDesign
from maatmonitor.core.stats.drivers import (
    johnson_weights,
    key_drivers,
    shapley_r2,
    weighted_corr,
)
from maatmonitor.core.stats.reliability import (
    alpha_from_cov,
    omega_from_cov,
    one_factor_ml,
    scale_quality,
)
from tests.core.stats.rhelper import run_r

SWISS = """
write.csv(swiss, "swiss.csv", row.names = FALSE)
y <- swiss$Fertility; X <- swiss[, -1]; p <- ncol(X)
r2 <- function(S) if (length(S) == 0) 0 else summary(lm(y ~ ., data = X[, S, drop = FALSE]))$r.squared
lmg <- sapply(1:p, function(j) { tot <- 0
  for (k in 0:(p - 1)) for (s in combn(setdiff(1:p, j), k, simplify = FALSE)) {
    if (k == 0) s <- integer(0)
    tot <- tot + factorial(k) * factorial(p - k - 1) / factorial(p) * (r2(c(s, j)) - r2(s)) }
  tot })
out("lmg", lmg); out("r2", r2(1:p))
e <- eigen(cor(X)); L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
b <- solve(L, cor(X, y)); out("rw", as.vector((L^2) %*% (b^2)))
"""


def test_shapley_and_johnson_match_base_r_on_swiss(tmp_path):
    ref = run_r(SWISS, tmp_path)
    swiss = pd.read_csv(tmp_path / "swiss.csv")
    corr = weighted_corr(swiss.to_numpy(dtype=float), np.ones(len(swiss)))
    np.testing.assert_allclose(shapley_r2(corr), ref["lmg"], rtol=1e-8)
    np.testing.assert_allclose(johnson_weights(corr), ref["rw"], rtol=1e-8)
    np.testing.assert_allclose(shapley_r2(corr).sum(), ref["r2"][0], rtol=1e-10)
    # published oracle in research/statistics.md (R 4.2.2)
    np.testing.assert_allclose(
        shapley_r2(corr), [0.057091, 0.171173, 0.260135, 0.105570, 0.112766], atol=1e-6
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6))
def test_shapley_and_johnson_shares_sum_to_r2(seed, p):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, p)) @ rng.normal(size=(p, p))
    y = x @ rng.normal(size=p) + rng.normal(size=60)
    corr = weighted_corr(np.column_stack([y, x]), rng.uniform(0.5, 2, 60))
    r2 = corr[0, 1:] @ np.linalg.solve(corr[1:, 1:], corr[1:, 0])
    assert shapley_r2(corr).sum() == pytest.approx(r2, rel=1e-9)
    assert johnson_weights(corr).sum() == pytest.approx(r2, rel=1e-9)


def test_key_drivers_find_the_planted_driver_with_bootstrap_intervals():
    rng = np.random.default_rng(2)
    n = 600
    x = rng.normal(size=(n, 3))
    y = 1.0 * x[:, 0] + 0.3 * x[:, 1] + rng.normal(size=n)
    d = SurveyDesign.from_arrays(rng.uniform(1, 3, n), np.repeat(["a", "b"], n // 2))
    res = key_drivers(
        d, y, {"mens": x[:, 0], "redelijk": x[:, 1], "helpt": x[:, 2]}, replicates=100
    )
    assert res.top() == "mens"
    mens = res.drivers[0]
    assert mens.shapley_ci[0] < mens.shapley < mens.shapley_ci[1]
    assert res.drivers[2].shapley_ci[0] < 0.01  # noise predictor: interval reaches ~0
    assert res.to_dict()["drivers"][0]["shapley_share"] > 0.7


def test_omega_equals_alpha_for_tau_equivalent_items():
    lam = np.full(5, 0.8)
    cov = np.outer(lam, lam) + np.diag(np.full(5, 0.6))
    assert omega_from_cov(cov) == pytest.approx(alpha_from_cov(cov), rel=1e-8)


def test_one_factor_ml_is_exact_for_three_items():
    # three items: the model is just-identified, loadings follow from the covariances
    rng = np.random.default_rng(4)
    x = rng.normal(size=(400, 3)) @ np.array([[1, 0.5, 0.3], [0, 1, 0.4], [0, 0, 1]])
    s = np.cov(x, rowvar=False, ddof=0)
    lam = np.sqrt(
        [s[0, 1] * s[0, 2] / s[1, 2], s[0, 1] * s[1, 2] / s[0, 2], s[0, 2] * s[1, 2] / s[0, 1]]
    )
    got, psi = one_factor_ml(s)
    np.testing.assert_allclose(got, lam, rtol=1e-6)
    np.testing.assert_allclose(psi, np.diag(s) - lam**2, rtol=1e-6)


def test_alpha_matches_its_formula_and_weights_matter():
    rng = np.random.default_rng(8)
    x = rng.normal(size=(200, 1)) + rng.normal(size=(200, 4))
    k = 4
    s = np.cov(x, rowvar=False, ddof=0)
    expected = k / (k - 1) * (1 - x.var(axis=0).sum() / x.sum(axis=1).var())
    q = scale_quality("mens", ("mens_1", "mens_2", "mens_3", "mens_4"), x)
    assert q.alpha == pytest.approx(expected) == pytest.approx(alpha_from_cov(s))
    assert 0 < q.omega < 1
    w = np.where(np.arange(200) < 100, 5.0, 1.0)
    assert scale_quality("mens", (), x, w).alpha != pytest.approx(q.alpha, rel=1e-6)
