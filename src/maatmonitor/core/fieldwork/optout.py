"""The opt-out frame restriction: units who opted out are marked in the next wave's frame.

Opt-outs are kept per audience and pseudonymous unit id (apps.fieldwork.OptOut). Before a
frame is saved and drawn from, `apply_opt_outs` sets its `opt_out` flag for them, so the
draw's eligibility rule (core.sampling.strata.eligibility) excludes them and the manifest's
exclusion counts show how many. Apply before saving the frame: the frame hash covers the flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

OPT_OUT_COLUMNS = ("audience", "unit_id")


@dataclass(frozen=True)
class OptOutResult:
    """The frame with opt-outs applied and how many frame rows each source marked."""

    frame: pd.DataFrame
    listed: int  # opt-outs given
    marked: int  # frame rows newly flagged by them
    already: int  # frame rows that were flagged in the frame itself as well


def _normalise(opt_outs: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in OPT_OUT_COLUMNS if c not in opt_outs.columns]
    if missing:
        raise ValueError(f"afmeldingen missen kolommen: {', '.join(missing)}")
    table = opt_outs[list(OPT_OUT_COLUMNS)].astype(str)
    empty = table[(table["unit_id"].str.strip() == "") | (table["audience"].str.strip() == "")]
    if len(empty):
        row = int(empty.index[0]) + 2  # 1-based, after the header line
        raise ValueError(f"afmeldingen rij {row}: lege audience of unit_id")
    return table.drop_duplicates()


def apply_opt_outs(frame: pd.DataFrame, opt_outs: pd.DataFrame) -> OptOutResult:
    """Set `opt_out` True for the frame rows whose (audience, unit_id) opted out."""
    for col in ("audience", "unit_id", "opt_out"):
        if col not in frame.columns:
            raise ValueError(f"frame mist kolom {col!r}")
    listed = _normalise(opt_outs)
    keys = pd.MultiIndex.from_frame(listed)
    rows = pd.MultiIndex.from_arrays(
        [frame["audience"].astype(str).to_numpy(), frame["unit_id"].astype(str).to_numpy()]
    )
    hit = rows.isin(keys)
    before = frame["opt_out"].to_numpy(dtype=bool)
    out = frame.copy()
    out["opt_out"] = before | hit
    out["opt_out"] = out["opt_out"].astype(frame["opt_out"].dtype)
    return OptOutResult(
        frame=out,
        listed=len(listed),
        marked=int((hit & ~before).sum()),
        already=int((hit & before).sum()),
    )


def write_opt_outs(opt_outs: pd.DataFrame, path: str | Path) -> Path:
    """Write opt-outs as CSV (audience, unit_id): pseudonymous ids only, no dates or contacts."""
    path = Path(path)
    _normalise(opt_outs).sort_values(list(OPT_OUT_COLUMNS)).to_csv(path, index=False)
    return path


def read_opt_outs(path: str | Path) -> pd.DataFrame:
    """Read an opt-out CSV written by write_opt_outs (or by hand with the same two columns)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return _normalise(table)
