"""Test-side key-driver check: exact Shapley (LMG) decomposition of R-squared."""

from __future__ import annotations

import itertools
import math

import numpy as np


def shapley_r2(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each predictor's Shapley share of the R-squared of y on the columns of x."""
    corr = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    k = x.shape[1]

    def r2(subset: tuple[int, ...]) -> float:
        if not subset:
            return 0.0
        idx = list(subset)
        rxy = corr[idx, k]
        return float(rxy @ np.linalg.solve(corr[np.ix_(idx, idx)], rxy))

    shares = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            weight = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in itertools.combinations(others, size):
                shares[j] += weight * (r2(tuple(sorted((*subset, j)))) - r2(subset))
    return shares
