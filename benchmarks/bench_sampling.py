"""Sampling benchmark: import + validate + draw on a synthetic 5-million-row frame.

Run: .venv/bin/python benchmarks/bench_sampling.py [--rows N]

What each timing covers:
- write:     building the frame with numpy (fixed seed) and writing Parquet (setup, not a target)
- import:    read Parquet + validate every row + build the clean frame
- prn:       BLAKE2b PRNs for all ids (done once per salt; cached in the clean Parquet)
- draw:      strata + eligibility + allocation + per-stratum selection + frame hash + manifest
- selection: (best of 3 runs) only the per-stratum selection on precomputed strata/PRNs/sizes; this is the step
             compared with the named baseline, which gets the same strata and sizes
- baseline:  (best of 3 runs) pandas `groupby(stratum).sample(n=n_h)` (per-stratum n via groupby-apply)
Targets: import + prn + draw < 60 s, peak RSS < 4 GB, selection >= 3x faster than baseline.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from maatmonitor.core import codes, sampling
from maatmonitor.core.sampling.prn import select_smallest, wave_start
from maatmonitor.core.sampling.store import prn_for

T = TypeVar("T")


def build_frame(rows: int, seed: int = 20250601) -> pa.Table:
    """A valid synthetic frame (80% clients), built column-wise with numpy."""
    rng = np.random.default_rng(seed)
    employer = rng.random(rows) < 0.2
    cj = np.array([j.code for j in codes.journeys("client")])
    ej = np.array([j.code for j in codes.journeys("employer")])
    districts = np.array([d.code for d in codes.DISTRICTS])
    p_district = np.linspace(2.0, 1.0, districts.size)
    journey = np.where(
        employer, ej[rng.integers(0, 3, rows)], cj[rng.choice(3, rows, p=[0.5, 0.35, 0.15])]
    )
    birth = (2025 - rng.integers(18, 67, rows)).astype(np.int64)
    last = np.datetime64("2025-01-01") + rng.integers(-900, 150, rows).astype("timedelta64[D]")
    never = rng.random(rows) < 0.5
    ids = np.char.add("U", np.char.zfill(rng.permutation(rows).astype(str), 9))
    sizes = np.array(["small", "medium", "large"])
    outcomes = np.array(["granted", "rejected", "none"])
    return pa.table(
        {
            "unit_id": ids,
            "audience": np.where(employer, "employer", "client"),
            "journey": journey,
            "district": districts[
                rng.choice(districts.size, rows, p=p_district / p_district.sum())
            ],
            "birth_year": pa.array(birth, mask=employer),
            "outcome": pa.array(outcomes[rng.integers(0, 3, rows)], mask=employer),
            "debt": pa.array(rng.random(rows) < 0.1, mask=employer),
            "channel": np.array(["email", "post"])[rng.integers(0, 2, rows)],
            "last_invited": pa.array(last, mask=never).cast(pa.date32()),
            "opt_out": rng.random(rows) < 0.03,
            "size_class": pa.array(sizes[rng.integers(0, 3, rows)], mask=~employer),
            "sector": pa.array(np.full(rows, "care"), mask=~employer),
        }
    )


BASELINE = "baseline groupby().sample() (best of 3)"


def best_of(repeats: int, func: Callable[..., T], *args: object) -> tuple[T, float]:
    """Result and best wall time of `repeats` runs (the machine is shared; best is least noisy)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - t)
    return result, best


def baseline(frame: pd.DataFrame, strata: np.ndarray, take: np.ndarray) -> pd.Index:
    """Named baseline: pandas groupby(stratum).sample(n=n_h) with a per-stratum n."""
    eligible = frame[["unit_id"]].assign(stratum=strata)
    picked = eligible.groupby("stratum", group_keys=False).apply(
        lambda g: g.sample(n=int(take[g.name]), random_state=1)
    )
    return picked.index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--size", type=int, default=20_000, help="target completes")
    args = parser.parse_args()
    ref = date(2025, 6, 1)
    design = sampling.Design(size=args.size, method="neyman", minimum=30, cap=2000)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "frame.parquet"
        t = time.perf_counter()
        pq.write_table(build_frame(args.rows), path)
        timings["write (setup)"] = time.perf_counter() - t

        t = time.perf_counter()
        result = sampling.import_frame(path, reference_date=ref)
        timings["import + validate"] = time.perf_counter() - t
        print(result.summary())
        assert result.rows_rejected == 0, "synthetic frame should be valid"

        t = time.perf_counter()
        frame = sampling.attach_prn(result.frame, "bench-salt")
        timings["prn (BLAKE2b, once per salt)"] = time.perf_counter() - t

        t = time.perf_counter()
        drawn = sampling.draw(
            frame, design, salt="bench-salt", wave=1, reference_date=ref, exclusion_months=12
        )
        timings["draw (all steps)"] = time.perf_counter() - t

        _table, index, eligible = sampling.prepare_strata(frame, ref, 12)
        take = drawn.table["invitations"].to_numpy()
        rows = np.flatnonzero(eligible)
        prn = prn_for(frame, "bench-salt")
        ids = frame["unit_id"].to_numpy(dtype=object)
        args_sel = (index[rows], prn[rows], take, wave_start(1), ids[rows])
        chosen, timings["selection only (best of 3)"] = best_of(3, select_smallest, *args_sel)
        assert chosen.size == take.sum() == len(drawn.sample)

        sub = frame.iloc[rows]
        picked, timings[BASELINE] = best_of(3, baseline, sub, index[rows], take)
        assert len(picked) == take.sum()

    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # Linux: KiB
    print(f"rows: {args.rows:,}; invitations drawn: {int(take.sum()):,} in {len(take)} strata")
    for name, secs in timings.items():
        print(f"{name:<40} {secs:8.2f} s")
    total = timings["import + validate"] + timings["prn (BLAKE2b, once per salt)"]
    total += timings["draw (all steps)"]
    ratio = timings[BASELINE] / timings["selection only (best of 3)"]
    print(f"{'total import + prn + draw':<40} {total:8.2f} s  (target < 60 s)")
    print(f"{'peak memory (ru_maxrss)':<40} {peak_gb:8.2f} GB (target < 4 GB)")
    print(
        f"draw is {ratio:.1f}x faster than pandas groupby().sample() (selection step; target >= 3x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
