"""Weighted means, proportions and totals with linearised SEs, for the whole population or for
domains estimated by zeroing (the full design is kept; rows outside the domain get influence 0).

Missing answers (NaN, e.g. "weet ik niet") are left out the same way, as R ``na.rm=TRUE``.
Degrees of freedom are R's ``degf`` on the contributing rows: PSUs minus strata.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from maatmonitor.core.stats import intervals
from maatmonitor.core.stats._arrays import F64, I64, ArrayLike, Bool, as_bool, as_float
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.disclosure import complementary_suppression
from maatmonitor.core.stats.errors import StatsInputError
from maatmonitor.core.stats.results import Domain, Estimate
from maatmonitor.core.stats.rules import DEFAULT_RULES, DisclosureRules

Measure = Literal["mean", "proportion", "total"]
CiMethod = Literal["logit", "beta", "wald"]
_CHUNK_CELLS = 4_000_000  # influence-matrix cells per variance pass (memory bound)


@dataclass(frozen=True, eq=False)
class RawEstimate:
    """Unprotected figure for internal use (comparisons); never published as such."""

    measure: str
    value: float
    se: float
    df: int
    n: int
    n_eff: float
    weighted_n: float
    influence: F64


def _values(design: SurveyDesign, y: ArrayLike, measure: Measure, name: str) -> F64:
    arr = as_float(y, name, design.n)
    if measure == "proportion":
        bad = np.isfinite(arr) & ~np.isin(arr, (0.0, 1.0))
        if bad.any():
            rows = np.flatnonzero(bad)[:5].tolist()
            raise StatsInputError(f"{name}: een aandeel vraagt 0/1 (of leeg); fout in rij {rows}")
    return arr


def group_codes(values: ArrayLike, name: str, n: int) -> tuple[I64, tuple[str, ...]]:
    """Codes 0..G-1 per row for a domain variable (-1 where missing) and the sorted labels.

    A categorical Series with sorted string categories is used as it is (see
    :func:`as_domain`): encoding a large column once instead of per figure saves the time.
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        cats = [str(c) for c in values.cat.categories]
        if cats == sorted(cats) and values.shape[0] == n:
            used = np.bincount(values.cat.codes.to_numpy() + 1, minlength=len(cats) + 1)[1:]
            if used.all():
                return values.cat.codes.to_numpy().astype(np.int64), tuple(cats)
    series = pd.Series(np.asarray(values, dtype=object).ravel())
    if series.shape[0] != n:
        raise StatsInputError(f"{name}: {series.shape[0]} waarden, verwacht {n}")
    missing = series.isna().to_numpy()
    labels = series.where(~missing, "").astype(str)
    codes, uniques = pd.factorize(labels, sort=True)
    codes = codes.astype(np.int64)
    keep = [str(u) for u in uniques]
    if missing.any() and "" in keep:
        # drop the placeholder for missing values, renumber the rest
        gap = keep.index("")
        codes = np.where(missing, -1, np.where(codes > gap, codes - 1, codes))
        keep.pop(gap)
    return codes, tuple(keep)


def as_domain(values: ArrayLike) -> pd.Series:
    """A domain column encoded once as a categorical of its sorted string labels (missing stays
    missing); :func:`group_codes` then reads its codes directly."""
    series = pd.Series(np.asarray(values, dtype=object).ravel())
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    # label each distinct value once; as group_codes, an empty label counts as missing
    names = [str(u) for u in uniques]
    cats = sorted({n for n in names if n != ""})
    position = {c: i for i, c in enumerate(cats)}
    lookup = np.array([position.get(n, -1) for n in names] + [-1], dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(lookup[codes], categories=pd.Index(cats)))


def _raw_by(
    design: SurveyDesign, y: F64, codes: I64, groups: int, measure: Measure
) -> list[RawEstimate]:
    """Estimates for every group code at once (codes -1 belong to no group)."""
    w = design.weights
    valid = np.isfinite(y) & (codes >= 0)
    yv = np.where(valid, y, 0.0)
    g = np.where(valid, codes, groups)  # spare bin for excluded rows
    size = np.bincount(g, weights=w, minlength=groups + 1)[:groups]
    wsum = np.bincount(g, weights=w * yv, minlength=groups + 1)[:groups]
    wsq = np.bincount(g, weights=w * w, minlength=groups + 1)[:groups]
    counts = np.bincount(g, minlength=groups + 1)[:groups]
    if measure == "total":
        values = wsum
    else:
        values = np.divide(wsum, size, out=np.full(groups, np.nan), where=size > 0)
    out: list[RawEstimate] = []
    step = max(1, _CHUNK_CELLS // max(design.n, 1))
    for start in range(0, groups, step):
        cols = np.arange(start, min(groups, start + step))
        member = valid[:, None] & (codes[:, None] == cols[None, :])
        if measure == "total":
            z = np.where(member, yv[:, None], 0.0)
        else:
            scale = np.divide(1.0, size[cols], out=np.zeros(cols.size), where=size[cols] > 0)
            z = np.where(member, (yv[:, None] - np.nan_to_num(values[cols])[None, :]), 0.0)
            z *= scale[None, :]
        var = design.variances(z)
        for j, c in enumerate(cols):
            mask = member[:, j]
            out.append(
                RawEstimate(
                    measure=measure,
                    value=float(values[c]),
                    se=math.sqrt(max(float(var[j]), 0.0)),
                    df=design.df(mask) if counts[c] else 0,
                    n=int(counts[c]),
                    n_eff=float(size[c] ** 2 / wsq[c]) if wsq[c] > 0 else 0.0,
                    weighted_n=float(size[c]),
                    influence=z[:, j].copy() if cols.size <= 2 else np.empty(0),
                )
            )
    return out


def raw_estimate(
    design: SurveyDesign,
    y: ArrayLike,
    measure: Measure = "mean",
    domain: ArrayLike | None = None,
    name: str = "y",
) -> RawEstimate:
    """Unprotected estimate with its influence values (for comparisons and tests)."""
    arr = _values(design, y, measure, name)
    inside = (
        np.ones(design.n, dtype=bool) if domain is None else as_bool(domain, "domein", design.n)
    )
    return _raw_by(design, arr, np.where(inside, 0, -1).astype(np.int64), 1, measure)[0]


def publish(
    raw: RawEstimate,
    *,
    variable: str,
    domain: Domain,
    ci: CiMethod,
    level: float,
    rules: DisclosureRules,
    notes: tuple[str, ...] = (),
) -> Estimate:
    """Intervals, reliability flags and disclosure for one raw estimate."""
    if raw.n < rules.min_n or raw.n == 0:
        return Estimate.hidden(raw.measure, variable, domain, ci, level, "min_n", notes, rules)
    kg: tuple[float, float] | None = None
    if raw.measure == "proportion":
        kg = intervals.korn_graubard(raw.value, raw.se, raw.n, raw.df, level)
        if ci == "logit":
            bounds = intervals.logit(raw.value, raw.se, raw.df, level)
        elif ci == "beta":
            bounds = kg
        else:
            bounds = intervals.wald(raw.value, raw.se, raw.df, level)
        design_n = raw.value * (1 - raw.value) / raw.se**2 if raw.se > 0 else float(raw.n)
        n_eff = min(float(raw.n), design_n)
        flags = rules.proportion_flags(raw.value, n_eff, kg, raw.df)
    else:
        bounds = intervals.wald(raw.value, raw.se, raw.df, level)
        n_eff = raw.n_eff
        flags = rules.mean_flags(n_eff, raw.df)
        ci = "wald"
    return Estimate.publish(
        measure=raw.measure,
        variable=variable,
        domain=domain,
        value=raw.value,
        se=raw.se,
        ci=bounds,
        ci_method=ci,
        level=level,
        df=raw.df,
        n=raw.n,
        n_eff=n_eff,
        weighted_n=raw.weighted_n,
        kg=kg,
        flags=flags,
        notes=notes,
        rules=rules,
    )


def estimate(
    design: SurveyDesign,
    y: ArrayLike,
    measure: Measure = "mean",
    *,
    variable: str = "y",
    domain: ArrayLike | None = None,
    domain_name: Domain = (),
    ci: CiMethod = "logit",
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
    notes: tuple[str, ...] = (),
) -> Estimate:
    """One protected figure: the mean/proportion/total of ``y`` in ``domain`` (a 0/1 mask).

    Proportions take a 0/1 column and get a logit interval (``ci="beta"``: Korn-Graubard,
    ``"wald"``: symmetric t); means and totals get a t interval with the domain's df.
    """
    raw = raw_estimate(design, y, measure, domain, variable)
    return publish(
        raw, variable=variable, domain=domain_name, ci=ci, level=level, rules=rules, notes=notes
    )


def estimate_by(
    design: SurveyDesign,
    y: ArrayLike,
    by: str,
    groups: ArrayLike,
    measure: Measure = "mean",
    *,
    variable: str = "y",
    within: Domain = (),
    within_mask: ArrayLike | None = None,
    ci: CiMethod = "logit",
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
    complementary: bool = True,
    notes: tuple[str, ...] = (),
) -> tuple[Estimate, ...]:
    """Estimates per category of ``groups`` (as R ``svyby``), by zeroing, with complementary
    suppression across the categories (they partition the population)."""
    arr = _values(design, y, measure, variable)
    codes, labels = group_codes(groups, by, design.n)
    if within_mask is not None:
        codes = np.where(as_bool(within_mask, "binnen", design.n), codes, -1)
    raws = _raw_by(design, arr, codes, len(labels), measure)
    table = [
        publish(
            r,
            variable=variable,
            domain=(*within, (by, lab)),
            ci=ci,
            level=level,
            rules=rules,
            notes=notes,
        )
        for r, lab in zip(raws, labels, strict=True)
    ]
    return complementary_suppression(table) if complementary else tuple(table)


def domain_mask(values: ArrayLike, category: str) -> Bool:
    """Rows whose label equals ``category`` (missing never matches)."""
    series = pd.Series(np.asarray(values, dtype=object).ravel())
    return (series.notna() & (series.astype(str) == category)).to_numpy()


def domain_totals_check(estimates: Sequence[RawEstimate]) -> float:
    """Sum of domain values (used for the additivity invariant of totals)."""
    return float(sum(e.value for e in estimates))
