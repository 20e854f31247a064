"""Array aliases and small validated conversions shared by the stats modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core.stats.errors import StatsInputError

F64: TypeAlias = npt.NDArray[np.float64]
I64: TypeAlias = npt.NDArray[np.int64]
Bool: TypeAlias = npt.NDArray[np.bool_]
ArrayLike: TypeAlias = npt.ArrayLike


def as_float(values: ArrayLike, name: str, n: int | None = None) -> F64:
    """A 1-d float array; missing values become NaN. ``n`` checks the length."""
    raw = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    if raw.dtype.kind in "fiub":  # already numeric: no per-element conversion needed
        fast: F64 = raw.astype(np.float64).ravel()
        check_length(fast, name, n)
        return fast
    try:
        arr = np.asarray(
            pd.to_numeric(pd.Series(np.asarray(values, dtype=object).ravel())), dtype=np.float64
        )
    except (ValueError, TypeError) as exc:
        raise StatsInputError(f"{name}: niet-numerieke waarde ({exc})") from exc
    check_length(arr, name, n)
    return arr


def as_bool(values: ArrayLike, name: str, n: int | None = None) -> Bool:
    """A 1-d boolean mask; refuses missing values and anything other than 0/1/True/False."""
    raw = np.asarray(values)
    check_length(raw, name, n)
    if raw.dtype == np.bool_:
        return raw.astype(np.bool_)
    num = as_float(raw, name, n)
    bad = ~np.isin(num, (0.0, 1.0))
    if bad.any():
        rows = np.flatnonzero(bad)[:5].tolist()
        raise StatsInputError(f"{name}: alleen 0/1 toegestaan; afwijkend in rij(en) {rows}")
    mask: Bool = num == 1.0
    return mask


def check_length(arr: npt.NDArray[Any], name: str, n: int | None) -> None:
    if arr.ndim != 1:
        raise StatsInputError(
            f"{name}: verwacht een kolom (1-dimensionaal), kreeg vorm {arr.shape}"
        )
    if n is not None and arr.shape[0] != n:
        raise StatsInputError(f"{name}: {arr.shape[0]} waarden, verwacht {n} (aantal respondenten)")


def encode(values: ArrayLike, name: str, n: int | None = None) -> tuple[I64, tuple[str, ...]]:
    """Integer codes 0..K-1 for a categorical column plus the category labels (as strings).

    Labels are sorted so codes do not depend on row order; missing values are refused with the
    first offending rows named.
    """
    series = pd.Series(np.asarray(values, dtype=object).ravel())
    check_length(series.to_numpy(), name, n)
    missing = series.isna().to_numpy()
    if missing.any():
        rows = np.flatnonzero(missing)[:5].tolist()
        raise StatsInputError(f"{name}: ontbrekende waarde in rij(en) {rows}")
    labels = series.astype(str)
    codes, uniques = pd.factorize(labels, sort=True)
    return codes.astype(np.int64), tuple(str(u) for u in uniques)


def labels_of(values: Sequence[object] | ArrayLike) -> list[str]:
    """String labels of a column (no missing values allowed, see :func:`encode`)."""
    return [str(v) for v in np.asarray(values, dtype=object).ravel()]
