"""Confidence intervals as R ``survey``: Wald (t), logit (``svyciprop`` default) and
Korn-Graubard (``svyciprop(method="beta")``)."""

from __future__ import annotations

import math

from scipy import stats


def t_quantile(level: float, df: float) -> float:
    """Two-sided t critical value; ``df <= 0`` falls back to the normal (R returns NaN)."""
    q = 0.5 + level / 2
    return float(stats.norm.ppf(q) if df <= 0 or math.isinf(df) else stats.t.ppf(q, df))


def wald(value: float, se: float, df: float, level: float = 0.95) -> tuple[float, float]:
    half = t_quantile(level, df) * se
    return value - half, value + half


def logit(p: float, se: float, df: float, level: float = 0.95) -> tuple[float, float]:
    """expit(logit p +/- t_df * SE / (p (1 - p))); degenerate p in {0, 1} gives [p, p]."""
    if p <= 0.0 or p >= 1.0:
        return p, p
    centre = math.log(p / (1 - p))
    half = t_quantile(level, df) * se / (p * (1 - p))
    return 1 / (1 + math.exp(-(centre - half))), 1 / (1 + math.exp(-(centre + half)))


def korn_graubard(
    p: float, se: float, n: int, df: float, level: float = 0.95
) -> tuple[float, float]:
    """Korn-Graubard (1998) beta interval exactly as R ``svyciprop(method="beta")``.

    n* = p(1-p)/SE^2 scaled by (t_{n-1}/t_df)^2; bounds are beta quantiles. With SE = 0 or
    p in {0, 1} the effective n is the actual ``n`` (a Clopper-Pearson-type interval).
    """
    alpha = 1 - level
    n_eff = p * (1 - p) / se**2 if se > 0 and 0 < p < 1 else float(n)
    if n > 1 and df > 0:
        n_eff *= (stats.t.ppf(alpha / 2, n - 1) / stats.t.ppf(alpha / 2, df)) ** 2
    x = n_eff * p
    lower = 0.0 if x <= 0 else float(stats.beta.ppf(alpha / 2, x, n_eff - x + 1))
    upper = 1.0 if n_eff - x <= 0 else float(stats.beta.ppf(1 - alpha / 2, x + 1, n_eff - x))
    return lower, upper
