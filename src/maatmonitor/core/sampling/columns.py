"""Per-distinct-value access to the text columns of a raw frame.

A frame column with millions of rows has few distinct values; each check looks at the
distinct values once and spreads the verdict over the rows through the category codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
T = TypeVar("T", bound=np.generic)


@dataclass(frozen=True)
class TextColumn:
    """A text column as distinct raw values plus one index per row into them."""

    name: str
    present: bool
    raw: npt.NDArray[np.object_]  # distinct values as written
    clean: npt.NDArray[np.object_]  # trimmed (and lower-cased for codes)
    index: IntArray  # per row: position in `raw`

    @property
    def empty(self) -> BoolArray:
        """Rows whose trimmed value is empty."""
        return self.per_row(self.clean == "")

    def per_row(self, per_value: npt.NDArray[T]) -> npt.NDArray[T]:
        """Spread a per-distinct-value array over the rows."""
        return per_value[self.index]

    def values_at(self, rows: IntArray) -> npt.NDArray[np.object_]:
        """The raw values of some rows (for the report)."""
        return self.raw[self.index[rows]]


def text_column(frame: pd.DataFrame, name: str, *, lower: bool) -> TextColumn:
    """Build a TextColumn; an absent column behaves as all-empty."""
    n = len(frame)
    if name not in frame:
        blank = np.array([""], dtype=object)
        return TextColumn(name, False, blank, blank, np.zeros(n, dtype=np.int64))
    series = frame[name]
    if isinstance(series.dtype, pd.CategoricalDtype):
        raw = np.asarray(series.cat.categories.astype(str), dtype=object)
        index = series.cat.codes.to_numpy().astype(np.int64)
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        raw = np.asarray(pd.Index(uniques).astype(str), dtype=object)
        index = codes.astype(np.int64)
    # Nulls (code -1) read as an empty value.
    raw = np.append(raw, "")
    index[index < 0] = len(raw) - 1
    clean = np.array([(v.strip().lower() if lower else v.strip()) for v in raw], dtype=object)
    return TextColumn(name, True, raw, clean, index)
