"""Population margins from the (full, clean) frame: the raking targets of the weighting step.

A tidy table with one row per audience x variable x category, every category of the code list
included (zero counts too, so a raking target never goes missing silently).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from maatmonitor.core import codes
from maatmonitor.core.sampling.schema import CODE_LISTS

# Variables per audience, in report order.
MARGIN_VARIABLES: dict[str, tuple[str, ...]] = {
    "client": ("district", "journey", "age_band", "outcome"),
    "employer": ("district", "journey", "size_class"),
}
MARGIN_COLUMNS = ("audience", "variable", "category", "count")


def population_margins(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts per category of each margin variable, per audience (columns MARGIN_COLUMNS)."""
    records: list[tuple[str, str, str, int]] = []
    audience = pd.Categorical(frame["audience"], categories=list(CODE_LISTS["audience"]))
    for aud, variables in MARGIN_VARIABLES.items():
        rows = np.asarray(audience == aud)
        for var in variables:
            allowed = (
                [j.code for j in codes.journeys(aud)] if var == "journey" else list(CODE_LISTS[var])
            )
            observed = frame[var][rows].value_counts(dropna=True)
            observed = observed[observed > 0]
            stray = sorted(set(map(str, observed.index)) - set(allowed))
            if stray:
                raise ValueError(f"{aud} {var}: onbekende categorieën {', '.join(stray)}")
            counts = observed.reindex(allowed, fill_value=0).to_numpy()
            records += [(aud, var, cat, int(c)) for cat, c in zip(allowed, counts, strict=True)]
    return pd.DataFrame.from_records(records, columns=list(MARGIN_COLUMNS))


def write_margins(margins: pd.DataFrame, path: str | Path) -> Path:
    """Write margins as CSV, or as JSON (list of records) when the name ends in `.json`."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = margins.to_dict(orient="records")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        margins.to_csv(path, index=False)
    return path


def read_margins(path: str | Path) -> pd.DataFrame:
    """Read margins written by `write_margins`."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        table = pd.DataFrame.from_records(data, columns=list(MARGIN_COLUMNS))
    else:
        table = pd.read_csv(path, dtype={"audience": str, "variable": str, "category": str})
    table["count"] = table["count"].astype("int64")
    return table
