"""Key drivers: exact Shapley/LMG decomposition of R^2 and Johnson's relative weights, both
from a weighted correlation matrix, with stratified (Rao-Wu) bootstrap percentile intervals.

The bootstrap resamples n_h - 1 respondents with replacement per stratum and rescales by
n_h/(n_h - 1); the final weights are treated as fixed within a replicate (no re-raking).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from maatmonitor.core.stats._arrays import F64, ArrayLike, as_float
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.errors import StatsInputError

MAX_PREDICTORS = 15  # 2^15 subsets: exact Shapley stays well under a second


def weighted_corr(data: F64, weights: F64) -> F64:
    cov = np.cov(data, rowvar=False, aweights=weights, ddof=0)
    sd = np.sqrt(np.diag(cov))
    if np.any(sd == 0):
        raise StatsInputError("drijfveren: een variabele heeft geen spreiding")
    out: F64 = cov / np.outer(sd, sd)
    return out


def _r2_all_subsets(corr: F64) -> F64:
    """R^2 of y (column 0) on every subset of the predictors, indexed by bitmask."""
    p = corr.shape[0] - 1
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    r2 = np.zeros(1 << p)
    for mask in range(1, 1 << p):
        idx = [j for j in range(p) if mask >> j & 1]
        r = rxy[idx]
        r2[mask] = float(r @ np.linalg.solve(rxx[np.ix_(idx, idx)], r))
    return r2


def shapley_r2(corr: F64) -> F64:
    """Exact Shapley (LMG) shares of R^2 for each predictor; they sum to the full R^2."""
    p = corr.shape[0] - 1
    r2 = _r2_all_subsets(corr)
    masks = np.arange(1 << p)
    sizes = np.array([bin(m).count("1") for m in masks])
    fact = [math.factorial(k) for k in range(p + 1)]
    out = np.zeros(p)
    for j in range(p):
        without = masks[(masks >> j & 1) == 0]
        k = sizes[without]
        wts = np.array([fact[s] * fact[p - s - 1] for s in k]) / fact[p]
        out[j] = float(np.sum(wts * (r2[without | (1 << j)] - r2[without])))
    return out


def johnson_weights(corr: F64) -> F64:
    """Johnson's (2000) relative weights: sum to R^2."""
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    vals, vecs = np.linalg.eigh(rxx)
    lam = vecs @ np.diag(np.sqrt(np.clip(vals, 0, None))) @ vecs.T
    beta = np.linalg.solve(lam, rxy)
    out: F64 = (lam**2) @ (beta**2)
    return out


@dataclass(frozen=True)
class Driver:
    name: str
    shapley: float
    shapley_ci: tuple[float, float] | None
    johnson: float
    johnson_ci: tuple[float, float] | None


@dataclass(frozen=True)
class KeyDrivers:
    """Drivers of one outcome for one audience."""

    outcome: str
    r2: float
    n: int
    drivers: tuple[Driver, ...]
    replicates: int
    level: float

    def top(self) -> str:
        return max(self.drivers, key=lambda d: d.shapley).name

    def to_dict(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "r2": self.r2,
            "n": self.n,
            "replicates": self.replicates,
            "level": self.level,
            "drivers": [
                {
                    "name": d.name,
                    "shapley": d.shapley,
                    "shapley_share": d.shapley / self.r2,
                    "shapley_ci": d.shapley_ci,
                    "johnson": d.johnson,
                    "johnson_ci": d.johnson_ci,
                }
                for d in self.drivers
            ],
        }


class RaoWu:
    """Replicate multipliers of the Rao-Wu rescaling bootstrap for the rows of a design.

    Per replicate and stratum, n_h - 1 of the n_h respondents are drawn with replacement and
    each draw count is scaled by n_h / (n_h - 1); strata with a single respondent keep factor 1.
    The work is done in stratum order (``order``) so one replicate is a few passes over the rows.
    """

    def __init__(self, strata: np.ndarray) -> None:
        self.order = np.argsort(strata, kind="stable")
        ordered = strata[self.order]
        sizes = np.bincount(ordered)
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        multi = sizes >= 2
        slots = np.repeat(np.arange(sizes.size), np.where(multi, sizes - 1, 0))
        self.n = strata.size
        self.slot_offset = offsets[slots]
        self.slot_size = sizes[slots].astype(np.float64)
        self.scale = np.where(multi, sizes / np.maximum(sizes - 1, 1), 0.0)[ordered]
        self.fixed = (~multi[ordered]).astype(np.float64)  # singletons: factor 1

    def sorted_factors(self, rng: np.random.Generator) -> F64:
        """One replicate's multipliers, in stratum order."""
        picks = self.slot_offset + (rng.random(self.slot_size.size) * self.slot_size).astype(
            np.int64
        )
        out: F64 = np.bincount(picks, minlength=self.n) * self.scale + self.fixed
        return out


def rao_wu_factors(
    design: SurveyDesign, rows: np.ndarray, replicates: int, rng: np.random.Generator
) -> F64:
    """Replicate multipliers (replicates x len(rows)) of the Rao-Wu rescaling bootstrap."""
    boot = RaoWu(design.strata[rows])
    out = np.empty((replicates, rows.size))
    for b in range(replicates):
        out[b, boot.order] = boot.sorted_factors(rng)
    return out


def _bootstrap(
    design: SurveyDesign,
    rows: np.ndarray,
    x: F64,
    w: F64,
    replicates: int,
    rng: np.random.Generator,
) -> tuple[F64, F64]:
    """Shapley and Johnson weights per replicate.

    The weighted moments of every replicate come from one matrix product: factors (chunk x n)
    times the per-row cross products [1, x_j, x_j x_k] (n x m), so the data is not re-read per
    replicate; the replicate factors are made in chunks to bound memory.
    """
    p1 = x.shape[1]
    iu = np.triu_indices(p1)
    boot = RaoWu(design.strata[rows])
    xs, ws = x[boot.order], w[boot.order]  # stratum order, as the factors
    prods = np.column_stack([np.ones(xs.shape[0]), xs, xs[:, iu[0]] * xs[:, iu[1]]]) * ws[:, None]
    chunk = max(1, min(replicates, 20_000_000 // max(x.shape[0], 1)))
    boot_sh = np.empty((replicates, p1 - 1))
    boot_jw = np.empty((replicates, p1 - 1))
    done = 0
    while done < replicates:
        k = min(chunk, replicates - done)
        factors = np.empty((k, xs.shape[0]))
        for j in range(k):
            factors[j] = boot.sorted_factors(rng)
        moments = factors @ prods
        for j in range(k):
            total = moments[j, 0]
            mean = moments[j, 1 : 1 + p1] / total
            second = np.zeros((p1, p1))
            second[iu] = moments[j, 1 + p1 :] / total
            second = second + np.triu(second, 1).T
            cov = second - np.outer(mean, mean)
            sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
            if np.any(sd == 0):
                raise StatsInputError("drijfveren: een variabele heeft geen spreiding (bootstrap)")
            c = cov / np.outer(sd, sd)
            boot_sh[done + j], boot_jw[done + j] = shapley_r2(c), johnson_weights(c)
        done += k
    return boot_sh, boot_jw


def key_drivers(
    design: SurveyDesign,
    outcome: ArrayLike,
    predictors: Mapping[str, ArrayLike],
    *,
    outcome_name: str = "overall",
    replicates: int = 200,
    level: float = 0.95,
    seed: int = 20261,
    min_n: int = 30,
) -> KeyDrivers:
    """Shapley and Johnson weights of ``predictors`` for ``outcome`` on complete cases."""
    if not 1 <= len(predictors) <= MAX_PREDICTORS:
        raise StatsInputError(f"drijfveren: 1 tot {MAX_PREDICTORS} voorspellers nodig")
    cols = [as_float(outcome, outcome_name, design.n)]
    cols += [as_float(v, k, design.n) for k, v in predictors.items()]
    data = np.column_stack(cols)
    rows = np.flatnonzero(np.isfinite(data).all(axis=1))
    if rows.size < min_n:
        raise StatsInputError(f"drijfveren: {rows.size} volledige antwoorden, minimum {min_n}")
    x, w = data[rows], design.weights[rows]
    corr = weighted_corr(x, w)
    sh, jw = shapley_r2(corr), johnson_weights(corr)
    r2 = float(sh.sum())
    sh_ci: list[tuple[float, float] | None] = [None] * sh.size
    jw_ci: list[tuple[float, float] | None] = [None] * sh.size
    if replicates > 0:
        rng = np.random.default_rng(seed)
        boot_sh, boot_jw = _bootstrap(design, rows, x, w, replicates, rng)
        q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
        lo_hi_s = np.percentile(boot_sh, q, axis=0)
        lo_hi_j = np.percentile(boot_jw, q, axis=0)
        sh_ci = [(float(lo_hi_s[0, j]), float(lo_hi_s[1, j])) for j in range(sh.size)]
        jw_ci = [(float(lo_hi_j[0, j]), float(lo_hi_j[1, j])) for j in range(sh.size)]
    drivers = tuple(
        Driver(name, float(sh[j]), sh_ci[j], float(jw[j]), jw_ci[j])
        for j, name in enumerate(predictors)
    )
    return KeyDrivers(outcome_name, r2, int(rows.size), drivers, replicates, level)
