"""Strata (audience x journey x district; employers also x size class) and frame eligibility.

Stratum labels join the codes with ':' — `client:unemployed:noord`,
`employer:find_employee:noord:small` — and sort in code-list order.

Eligibility is a frame restriction applied before allocation: a unit is excluded when it opted
out, or when it was invited less than `exclusion_months` calendar months before the reference
date (last_invited > reference_date - months; a date after the reference date counts as recent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core.sampling.schema import CODE_LISTS

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Strata:
    """A stratum number per frame row and the label of each number."""

    index: IntArray
    labels: list[str]


def _codes(frame: pd.DataFrame, name: str) -> IntArray:
    column = frame[name]
    categories = list(CODE_LISTS[name])
    if (
        not isinstance(column.dtype, pd.CategoricalDtype)
        or list(column.cat.categories) != categories
    ):
        recoded = pd.Categorical(column, categories=categories)
        return np.asarray(recoded.codes, dtype=np.int64)
    return column.cat.codes.to_numpy().astype(np.int64)


def assign_strata(frame: pd.DataFrame) -> Strata:
    """Number the strata present in a clean frame (vectorised: arithmetic on category codes)."""
    audience, journey = _codes(frame, "audience"), _codes(frame, "journey")
    district, size = _codes(frame, "district"), _codes(frame, "size_class")
    if (audience < 0).any() or (journey < 0).any() or (district < 0).any():
        raise ValueError("frame bevat rijen zonder audience, journey of district; eerst valideren")
    employer = CODE_LISTS["audience"].index("employer")
    if ((audience == employer) & (size < 0)).any():
        raise ValueError("werkgever zonder size_class in frame; eerst valideren")
    n_j, n_d, n_s = (len(CODE_LISTS[c]) for c in ("journey", "district", "size_class"))
    # size + 1 so that clients (no size class, code -1) get slot 0.
    combined = ((audience * n_j + journey) * n_d + district) * (n_s + 1) + np.where(
        audience == employer, size + 1, 0
    )
    counts = np.bincount(combined, minlength=len(CODE_LISTS["audience"]) * n_j * n_d * (n_s + 1))
    present = np.flatnonzero(counts)
    lookup = np.full(counts.size, -1, dtype=np.int64)
    lookup[present] = np.arange(present.size)
    labels = [_label(int(c), n_j, n_d, n_s) for c in present]
    return Strata(lookup[combined], labels)


def _label(combined: int, n_j: int, n_d: int, n_s: int) -> str:
    rest, size = divmod(combined, n_s + 1)
    rest, district = divmod(rest, n_d)
    audience, journey = divmod(rest, n_j)
    parts = [
        CODE_LISTS["audience"][audience],
        CODE_LISTS["journey"][journey],
        CODE_LISTS["district"][district],
    ]
    if size:
        parts.append(CODE_LISTS["size_class"][size - 1])
    return ":".join(parts)


@dataclass(frozen=True)
class Eligibility:
    """Who may be drawn, and why the others may not."""

    eligible: BoolArray
    recent: BoolArray
    opted_out: BoolArray
    cutoff: date


def recency_cutoff(reference_date: date, months: int) -> date:
    """The date `months` calendar months before the reference date (day clipped to month end)."""
    if months < 0:
        raise ValueError(f"exclusion_months mag niet negatief zijn: {months}")
    return (pd.Timestamp(reference_date) - pd.DateOffset(months=months)).date()


def eligibility(frame: pd.DataFrame, reference_date: date, exclusion_months: int) -> Eligibility:
    """Apply the frame restriction: opt-outs and recently invited units are excluded."""
    cutoff = recency_cutoff(reference_date, exclusion_months)
    last = frame["last_invited"].to_numpy(dtype="datetime64[s]")
    if exclusion_months == 0:
        recent = np.zeros(len(frame), dtype=bool)
    else:
        recent = ~np.isnat(last) & (last > np.datetime64(cutoff, "s"))
    opted_out = frame["opt_out"].to_numpy(dtype=bool)
    return Eligibility(~(recent | opted_out), recent, opted_out, cutoff)


def stratum_table(strata: Strata, elig: Eligibility) -> pd.DataFrame:
    """Per stratum: population, exclusions (a unit can be both), eligible N_h, excluded share."""
    h = len(strata.labels)

    def count(mask: BoolArray) -> IntArray:
        return np.bincount(strata.index[mask], minlength=h).astype(np.int64)

    population = np.bincount(strata.index, minlength=h).astype(np.int64)
    eligible = count(elig.eligible)
    table = pd.DataFrame(
        {
            "stratum": pd.array(strata.labels, dtype="str"),
            "population": population,
            "excluded_recent": count(elig.recent),
            "excluded_opt_out": count(elig.opted_out),
            "eligible": eligible,
        }
    )
    table["excluded_share"] = np.where(
        population > 0, 1.0 - eligible / np.maximum(population, 1), 0.0
    )
    return table
