"""Tests between figures: a subgroup against the rest (joint linearisation, one design), a
change between two independent waves, and Benjamini-Hochberg across all tables of tests."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

from maatmonitor.core.stats import intervals
from maatmonitor.core.stats._arrays import ArrayLike, as_bool
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.estimators import (
    Measure,
    RawEstimate,
    _raw_by,
    _values,
    estimate_by,
    group_codes,
)
from maatmonitor.core.stats.results import Comparison, Domain, Estimate
from maatmonitor.core.stats.rules import DEFAULT_RULES, DisclosureRules

REST = "rest"


def tested(
    kind: str,
    variable: str,
    group: Domain,
    reference: Domain,
    diff: float,
    se: float,
    df: int,
    level: float,
    notes: tuple[str, ...],
) -> Comparison:
    """A shown comparison with t interval and two-sided t test (normal when df <= 0)."""
    low, high = intervals.wald(diff, se, df, level)
    if se > 0:
        stat = diff / se
        p = float(2 * (stats.t.sf(abs(stat), df) if df > 0 else stats.norm.sf(abs(stat))))
    else:
        stat, p = (0.0, 1.0) if diff == 0 else (math.copysign(math.inf, diff), 0.0)
    return Comparison(
        kind, variable, group, reference, diff, se, low, high, level, df, stat, p, notes=notes
    )


def difference(
    design: SurveyDesign,
    y: ArrayLike,
    in_a: ArrayLike,
    in_b: ArrayLike,
    measure: Measure = "mean",
    name: str = "y",
) -> tuple[float, float, int, RawEstimate, RawEstimate]:
    """Difference A - B of two domains of one design, its SE from the joint influence values
    and df = degf - 1 (as R ``svyttest``). The domains may overlap."""
    arr = _values(design, y, measure, name)
    a = as_bool(in_a, "groep", design.n)
    b = as_bool(in_b, "referentie", design.n)
    ra = _raw_by(design, arr, np.where(a, 0, -1).astype(np.int64), 1, measure)[0]
    rb = _raw_by(design, arr, np.where(b, 0, -1).astype(np.int64), 1, measure)[0]
    diff = ra.value - rb.value
    se = math.sqrt(max(design.variance(ra.influence - rb.influence), 0.0))
    either = (a | b) & np.isfinite(arr)
    return diff, se, design.df(either) - 1, ra, rb


def subgroup_vs_rest(
    design: SurveyDesign,
    y: ArrayLike,
    by: str,
    groups: ArrayLike,
    measure: Measure = "mean",
    *,
    variable: str = "y",
    within: Domain = (),
    within_mask: ArrayLike | None = None,
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
    published: Sequence[Estimate] | None = None,
) -> tuple[Comparison, ...]:
    """Each category of ``groups`` against all other respondents (with a known category).

    A comparison is hidden whenever the category's own figure is hidden (too few respondents
    or complementary suppression), because the difference would reveal it. Pass the table from
    :func:`estimate_by` as ``published`` to avoid computing it twice.
    """
    arr = _values(design, y, measure, variable)
    codes, labels = group_codes(groups, by, design.n)
    if within_mask is not None:
        codes = np.where(as_bool(within_mask, "binnen", design.n), codes, -1)
    if published is None:
        published = estimate_by(
            design,
            y,
            by,
            groups,
            measure,
            variable=variable,
            within=within,
            within_mask=within_mask,
            level=level,
            rules=rules,
        )
    note = ("subgroep tegen de rest; gezamenlijke linearisatie, df = degf - 1 (als R svyttest)",)
    valid = np.isfinite(arr) & (codes >= 0)
    yv = np.where(valid, arr, 0.0)
    w = design.weights
    k = len(labels)
    size = np.bincount(codes[valid], weights=w[valid], minlength=k)
    wsum = np.bincount(codes[valid], weights=(w * yv)[valid], minlength=k)
    count = np.bincount(codes[valid], minlength=k)
    rest_size, rest_sum, rest_count = size.sum() - size, wsum.sum() - wsum, count.sum() - count
    out: list[Comparison | None] = [None] * k
    todo = []
    for g, (label, shown) in enumerate(zip(labels, published, strict=True)):
        group, reference = (*within, (by, label)), (*within, (by, REST))
        if shown.suppressed or rest_count[g] < rules.min_n:
            reason = shown.reason if shown.suppressed and shown.reason else "min_n"
            out[g] = Comparison.hidden(
                "subgroup_vs_rest", variable, group, reference, level, reason, note
            )
        else:
            todo.append(g)
    if todo:
        cols = np.array(todo)
        member = valid[:, None] & (codes[:, None] == cols[None, :])
        rest = valid[:, None] & ~member
        if measure == "total":
            diffs = wsum[cols] - rest_sum[cols]
            z = np.where(member, yv[:, None], 0.0) - np.where(rest, yv[:, None], 0.0)
        else:
            mean_a, mean_b = wsum[cols] / size[cols], rest_sum[cols] / rest_size[cols]
            diffs = mean_a - mean_b
            z = np.where(member, (yv[:, None] - mean_a) / size[cols], 0.0) - np.where(
                rest, (yv[:, None] - mean_b) / rest_size[cols], 0.0
            )
        var = design.variances(z)
        df = design.df(valid) - 1
        for j, g in enumerate(todo):
            se = math.sqrt(max(float(var[j]), 0.0))
            out[g] = tested(
                "subgroup_vs_rest",
                variable,
                (*within, (by, labels[g])),
                (*within, (by, REST)),
                float(diffs[j]),
                se,
                df,
                level,
                note,
            )
    return tuple(c for c in out if c is not None)


def wave_change(
    current: RawEstimate,
    previous: RawEstimate,
    *,
    variable: str,
    group: Domain = (),
    comparable: bool,
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
) -> Comparison:
    """Change current - previous between independent waves: d +/- t * sqrt(SE1^2 + SE2^2),
    t with df = min(df1, df2). Items not marked comparable get no figure."""
    note = ("onafhankelijke metingen; SE = wortel(SE1^2 + SE2^2), df = min(df1, df2)",)
    reference = (*group, ("wave", "previous"))
    if not comparable:
        return Comparison.hidden(
            "wave_change", variable, group, reference, level, "not_comparable", note
        )
    if min(current.n, previous.n) < rules.min_n:
        return Comparison.hidden("wave_change", variable, group, reference, level, "min_n", note)
    diff = current.value - previous.value
    se = math.sqrt(current.se**2 + previous.se**2)
    return tested(
        "wave_change",
        variable,
        group,
        reference,
        diff,
        se,
        min(current.df, previous.df),
        level,
        note,
    )


def benjamini_hochberg(
    tables: Sequence[Sequence[Comparison]], alpha: float = 0.05
) -> list[tuple[Comparison, ...]]:
    """q-values (Benjamini-Hochberg FDR) over every shown test in all ``tables`` together."""
    flat = [
        (t, i)
        for t, table in enumerate(tables)
        for i, c in enumerate(table)
        if not c.suppressed and c.p_value is not None
    ]
    out = [list(table) for table in tables]
    if flat:
        pvals = np.array([tables[t][i].p_value for t, i in flat], dtype=np.float64)
        _, q, _, _ = multipletests(pvals, alpha=alpha, method="fdr_bh")
        for (t, i), qv in zip(flat, q, strict=True):
            out[t][i] = dataclasses.replace(out[t][i], q_value=float(qv))
    return [tuple(table) for table in out]
