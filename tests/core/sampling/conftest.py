"""Shared fixtures: a small synthetic valid frame in the fixed schema (fixed seed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core import codes


def synthetic_frame(n: int, seed: int = 7, employer_share: float = 0.2) -> pd.DataFrame:
    """A valid raw frame of `n` units: text columns exactly as a frame file holds them."""
    rng = np.random.default_rng(seed)
    employer = rng.random(n) < employer_share
    cj = np.array([j.code for j in codes.journeys("client")], dtype=object)
    ej = np.array([j.code for j in codes.journeys("employer")], dtype=object)
    districts = np.array([d.code for d in codes.DISTRICTS], dtype=object)
    journey = np.where(
        employer, ej[rng.integers(0, 3, n)], cj[rng.choice(3, n, p=[0.5, 0.35, 0.15])]
    )
    age = rng.integers(18, 67, n)
    last = np.datetime64("2025-01-01") + rng.integers(-900, 150, n).astype("timedelta64[D]")
    never = rng.random(n) < 0.5
    frame = pd.DataFrame(
        {
            "unit_id": [f"P{i:07d}" for i in range(n)],
            "audience": np.where(employer, "employer", "client"),
            "journey": journey,
            "district": districts[
                rng.choice(11, n, p=np.linspace(2, 1, 11) / np.linspace(2, 1, 11).sum())
            ],
            "birth_year": np.where(employer, "", (2025 - age).astype(str)),
            "outcome": np.where(
                employer, "", np.array(["granted", "rejected", "none"])[rng.integers(0, 3, n)]
            ),
            "debt": np.where(employer, "", rng.integers(0, 2, n).astype(str)),
            "channel": np.array(["email", "post"])[rng.integers(0, 2, n)],
            "last_invited": np.where(never, "", np.datetime_as_string(last, unit="D")),
            "opt_out": (rng.random(n) < 0.03).astype(int).astype(str),
            "size_class": np.where(
                employer, np.array(["small", "medium", "large"])[rng.integers(0, 3, n)], ""
            ),
            "sector": np.where(employer, "care", ""),
        }
    )
    return frame


@pytest.fixture
def frame_csv(tmp_path: Path) -> Path:
    path = tmp_path / "frame.csv"
    synthetic_frame(3000).to_csv(path, index=False)
    return path
