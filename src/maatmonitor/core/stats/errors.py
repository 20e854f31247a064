"""Errors raised by the survey estimators; each names the field, category or row at fault."""

from __future__ import annotations


class StatsInputError(ValueError):
    """Input data that the estimators cannot use (wrong length, missing values, bad codes)."""


class RakingError(StatsInputError):
    """Raking targets that cannot be met: inconsistent margins, empty cells, no convergence."""


class LonelyPsuError(StatsInputError):
    """A stratum with a single sampled unit, whose variance contribution is not estimable."""
