"""Scale quality per dimension: Cronbach's alpha and McDonald's omega (total) from a one-factor
maximum-likelihood model, both on the weighted covariance of the complete cases."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy import optimize

from maatmonitor.core.stats._arrays import F64, ArrayLike
from maatmonitor.core.stats.errors import StatsInputError


def weighted_cov(items: ArrayLike, weights: ArrayLike | None = None) -> tuple[F64, int]:
    """Weighted covariance of the rows without missing values, and how many rows those are."""
    x = np.asarray(items, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 2:
        raise StatsInputError("schaal: minstens twee items (kolommen) nodig")
    w = np.ones(x.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != (x.shape[0],):
        raise StatsInputError("schaal: gewichten passen niet bij de items")
    keep = np.isfinite(x).all(axis=1)
    if keep.sum() < 3:
        raise StatsInputError("schaal: minder dan 3 volledige antwoorden")
    x, w = x[keep], w[keep]
    cov: F64 = np.cov(x, rowvar=False, aweights=w, ddof=0)
    return cov, int(keep.sum())


def alpha_from_cov(cov: F64) -> float:
    """alpha = k/(k-1) * (1 - trace(S) / sum(S))."""
    k = cov.shape[0]
    return float(k / (k - 1) * (1 - np.trace(cov) / cov.sum()))


def one_factor_ml(cov: F64) -> tuple[F64, F64]:
    """Loadings and unique variances of a one-factor model fitted by maximum likelihood."""
    k = cov.shape[0]
    scale = np.sqrt(np.diag(cov))
    s = cov / np.outer(scale, scale)  # fit on the correlation matrix; ML is scale-invariant
    vals, vecs = np.linalg.eigh(s)
    start = np.concatenate(
        [vecs[:, -1] * math.sqrt(vals[-1]) * np.sign(vecs[:, -1].sum() or 1), np.full(k, 0.5)]
    )

    def objective(theta: F64) -> tuple[float, F64]:
        lam, psi = theta[:k], theta[k:]
        sigma = np.outer(lam, lam) + np.diag(psi)
        inv = np.linalg.inv(sigma)
        sign, logdet = np.linalg.slogdet(sigma)
        if sign <= 0:
            return 1e10, np.zeros(2 * k)
        value = float(logdet + np.trace(s @ inv))
        g = inv - inv @ s @ inv
        return value, np.concatenate([2 * g @ lam, np.diag(g)])

    bounds = [(None, None)] * k + [(1e-8, None)] * k
    fit = optimize.minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000},
    )
    lam, psi = fit.x[:k] * scale, fit.x[k:] * scale**2
    if lam.sum() < 0:
        lam = -lam
    return lam, psi


def omega_from_cov(cov: F64) -> float:
    """omega_total = (sum lambda)^2 / ((sum lambda)^2 + sum psi)."""
    lam, psi = one_factor_ml(cov)
    common = float(lam.sum() ** 2)
    return common / (common + float(psi.sum()))


@dataclass(frozen=True)
class ScaleQuality:
    """Reliability of one dimension's items."""

    dimension: str
    items: tuple[str, ...]
    n: int
    alpha: float
    omega: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def scale_quality(
    dimension: str,
    items: tuple[str, ...],
    values: ArrayLike,
    weights: ArrayLike | None = None,
    min_n: int = 10,
) -> ScaleQuality:
    """Alpha and omega for one dimension; refuses fewer than ``min_n`` complete answers."""
    cov, n = weighted_cov(values, weights)
    if n < min_n:
        raise StatsInputError(f"schaal {dimension!r}: {n} volledige antwoorden, minimum {min_n}")
    return ScaleQuality(dimension, items, n, alpha_from_cov(cov), omega_from_cov(cov))
