"""The monitor's figures: dimension scores and agreement, the headline "(zeer) sterk" share,
satisfaction, and satisfaction among those who do and do not experience the human measure.

Rules (documented in docs/statistics.md):
- agreement items take ``valid_values`` (1..5); ``dont_know`` (9, "weet ik niet") and blanks are
  missing; any other code is an error naming the column and rows;
- a respondent's dimension score is the mean of their answered items of that dimension, given
  when at least ``min_item_share`` of the items (rounded up) is answered, else missing;
- the dimension's "share agreeing" is the share of respondents whose score is at least the
  lowest agree value (4): on average they agree;
- headline: overall question in ``overall_top`` (4, 5) among valid answers 1..5;
- satisfaction: mean grade 1..10; satisfied = grade >= ``satisfied_from`` (7).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from maatmonitor.core.stats._arrays import F64
from maatmonitor.core.stats.compare import difference, subgroup_vs_rest, tested
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.errors import StatsInputError
from maatmonitor.core.stats.estimators import Measure, as_domain, estimate, estimate_by
from maatmonitor.core.stats.results import Comparison, Estimate
from maatmonitor.core.stats.rules import DEFAULT_RULES, DisclosureRules

DIMENSIONS = ("mens", "redelijk", "helpt", "simpel")


def items_by_dimension(
    columns: Iterable[str], dimensions: Sequence[str] = DIMENSIONS
) -> dict[str, tuple[str, ...]]:
    """Map each dimension to its statement columns ``<dim>_<n>``, in item order."""
    out: dict[str, list[tuple[int, str]]] = {d: [] for d in dimensions}
    for col in columns:
        m = re.fullmatch(r"([a-z]+)_(\d+)", col)
        if m and m.group(1) in out:
            out[m.group(1)].append((int(m.group(2)), col))
    return {d: tuple(c for _, c in sorted(v)) for d, v in out.items() if v}


@dataclass(frozen=True)
class MonitorSpec:
    """Item mapping and codes; nothing about the questionnaire is hard-coded elsewhere."""

    dimensions: Mapping[str, Sequence[str]]
    valid_values: tuple[int, ...] = (1, 2, 3, 4, 5)
    agree_values: tuple[int, ...] = (4, 5)
    dont_know: tuple[int, ...] = (9,)
    min_item_share: float = 0.5
    overall: str = "overall"
    overall_valid: tuple[int, ...] = (1, 2, 3, 4, 5)
    overall_top: tuple[int, ...] = (4, 5)
    satisfaction: str = "satisfaction"
    satisfaction_valid: tuple[int, ...] = tuple(range(1, 11))
    satisfied_from: int = 7
    comparable: Mapping[str, bool] = field(default_factory=dict)


def _coded(frame: pd.DataFrame, column: str, valid: Sequence[int], missing: Sequence[int]) -> F64:
    if column not in frame.columns:
        raise StatsInputError(f"antwoorden: kolom {column!r} ontbreekt")
    raw = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
    given = frame[column].notna().to_numpy()
    bad = (given & np.isnan(raw)) | (np.isfinite(raw) & ~np.isin(raw, [*valid, *missing]))
    if bad.any():
        rows = np.flatnonzero(bad)[:5].tolist()
        raise StatsInputError(f"antwoorden: kolom {column!r} heeft ongeldige code in rij {rows}")
    return np.where(np.isin(raw, valid), raw, np.nan)


def respondent_scores(frame: pd.DataFrame, spec: MonitorSpec) -> pd.DataFrame:
    """Per respondent: ``score:<dim>``, ``agree:<dim>``, ``headline``, ``satisfaction``,
    ``satisfied`` (NaN where missing by the rules above)."""
    out: dict[str, F64] = {}
    threshold = float(min(spec.agree_values))
    for dim, items in spec.dimensions.items():
        if not items:
            raise StatsInputError(f"dimensie {dim!r} heeft geen items")
        block = np.column_stack(
            [_coded(frame, c, spec.valid_values, spec.dont_know) for c in items]
        )
        answered = np.isfinite(block).sum(axis=1)
        need = max(1, math.ceil(spec.min_item_share * len(items)))
        with np.errstate(invalid="ignore"):
            score = np.where(
                answered >= need, np.nansum(block, axis=1) / np.maximum(answered, 1), np.nan
            )
        out[f"score:{dim}"] = score
        out[f"agree:{dim}"] = np.where(np.isfinite(score), (score >= threshold) * 1.0, np.nan)
    overall = _coded(frame, spec.overall, spec.overall_valid, spec.dont_know)
    out["headline"] = np.where(
        np.isfinite(overall), np.isin(overall, spec.overall_top) * 1.0, np.nan
    )
    grade = _coded(frame, spec.satisfaction, spec.satisfaction_valid, spec.dont_know)
    out["satisfaction"] = grade
    out["satisfied"] = np.where(np.isfinite(grade), (grade >= spec.satisfied_from) * 1.0, np.nan)
    return pd.DataFrame(out, index=frame.index)


@dataclass(frozen=True)
class MonitorFigures:
    """All protected figures of one wave (and audience): estimates and tests."""

    estimates: tuple[Estimate, ...]
    comparisons: tuple[tuple[Comparison, ...], ...]


def _measure(name: str) -> Measure:
    return "mean" if name.startswith("score:") or name == "satisfaction" else "proportion"


def monitor_figures(
    design: SurveyDesign,
    frame: pd.DataFrame,
    spec: MonitorSpec,
    by: Sequence[str] = (),
    *,
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
) -> MonitorFigures:
    """Every figure nationally and per domain variable in ``by`` (columns of ``frame``), plus
    subgroup-vs-rest tests per domain and the satisfaction link (experiencers vs others)."""
    if len(frame) != design.n:
        raise StatsInputError(f"antwoorden: {len(frame)} rijen, design heeft {design.n}")
    scores = respondent_scores(frame, spec)
    # encode each domain column once; every figure below reuses the codes
    domains = {var: as_domain(frame[var].to_numpy()) for var in by}
    estimates: list[Estimate] = []
    tables: list[tuple[Comparison, ...]] = []
    for name in scores.columns:
        y = scores[name].to_numpy()
        m = _measure(name)
        estimates.append(estimate(design, y, m, variable=name, level=level, rules=rules))
        for var in by:
            table = estimate_by(
                design, y, var, domains[var], m, variable=name, level=level, rules=rules
            )
            estimates.extend(table)
            tables.append(
                subgroup_vs_rest(
                    design,
                    y,
                    var,
                    domains[var],
                    m,
                    variable=name,
                    level=level,
                    rules=rules,
                    published=table,
                )
            )
    head = scores["headline"].to_numpy()
    sat = scores["satisfied"].to_numpy()
    link_note = ("tevredenheid bij wie de menselijke maat (zeer) sterk ervaart vs de anderen",)
    for value, label in ((1.0, "yes"), (0.0, "no")):
        estimates.append(
            estimate(
                design,
                sat,
                "proportion",
                variable="satisfied",
                domain=head == value,
                domain_name=(("headline", label),),
                level=level,
                rules=rules,
                notes=link_note,
            )
        )
    estimates_link = estimates[-2:]
    if all(not e.suppressed for e in estimates_link):
        diff, se, df, _, _ = difference(
            design, sat, head == 1.0, head == 0.0, "proportion", "satisfied"
        )

        tables.append(
            (
                tested(
                    "satisfaction_link",
                    "satisfied",
                    (("headline", "yes"),),
                    (("headline", "no"),),
                    diff,
                    se,
                    df,
                    level,
                    link_note,
                ),
            )
        )
    else:
        tables.append(
            (
                Comparison.hidden(
                    "satisfaction_link",
                    "satisfied",
                    (("headline", "yes"),),
                    (("headline", "no"),),
                    level,
                    "suppressed_input",
                    link_note,
                ),
            )
        )
    return MonitorFigures(tuple(estimates), tuple(tables))
