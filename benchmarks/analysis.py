"""Analysis benchmark: the full analysis of one wave on synthetic respondents, against R `survey`.

Run: .venv/bin/python benchmarks/analysis.py [--rows N] [--r-rows M] [--profile]

Data (fixed seed): respondents in 33 strata (3 client journeys x 11 districts) with N_h and n_h
(so weights are N_h / n_h x n_h / r_h), 4 dimensions x 5 agreement items (with "weet ik niet"),
overall question and grade, named as the shipped client questionnaire. The full analysis is
`core.stats.pipeline.analyse_wave` (contract C2) with its own step timings:
- weights:    design weights, nonresponse adjustment, raking on 4 margins (journey, district,
              age band, outcome), Kish diagnostics
- figures:    `monitor_figures` by 4 domain variables (journey, district, age band, outcome):
              11 variables x 21 cells + national + satisfaction link, subgroup-vs-rest tests
- tests:      Benjamini-Hochberg over all test tables
- scales:     alpha + omega for the 4 dimensions
- drivers:    key drivers of the overall answer (Shapley + Johnson, 200 bootstrap replicates)
- estimation: (best of 3) only the estimate table (national + `estimate_by` per domain variable
              for the 11 variables) - the part compared with the named baseline
- baseline:   R `survey` on the same data: svydesign + rake (not timed), then svymean + svyby for the
              same table (timed in R with system.time); values and SEs compared with ours.
Targets: full analysis < 10 s at 20,000 rows and < 120 s / 4 GB at 1,000,000 rows; estimation
>= 5x faster than R with equal results.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from maatmonitor.core.codes import AGE_BANDS, DISTRICTS, JOURNEYS, OUTCOMES
from maatmonitor.core.stats import (
    MonitorSpec,
    SurveyDesign,
    design_weights,
    estimate,
    estimate_by,
    items_by_dimension,
    rake,
    respondent_scores,
)
from maatmonitor.core.stats.estimators import Measure
from maatmonitor.core.stats.pipeline import analyse_wave
from maatmonitor.core.synth import shipped_questionnaires

T = TypeVar("T")
BY = ("journey", "district", "age_band", "outcome")
MARGINS = ("district", "journey", "age_band", "outcome")
BASELINE = "R survey svymean + svyby (same table, same raked design)"


def build(
    rows: int, seed: int = 20264
) -> tuple[pd.DataFrame, dict[str, dict[str, float]], pd.DataFrame]:
    """Respondents with strata, N_h, margins and answers, plus register margins for raking."""
    rng = np.random.default_rng(seed)
    journeys = np.array([j.code for j in JOURNEYS["client"]])
    districts = np.array([d.code for d in DISTRICTS])
    ages = np.array([a.code for a in AGE_BANDS])
    outcomes = np.array([o.code for o in OUTCOMES])
    j = rng.choice(3, rows, p=[0.5, 0.35, 0.15])
    d = rng.integers(0, districts.size, rows)
    age = rng.choice(4, rows, p=[0.1, 0.35, 0.25, 0.3])
    out = rng.choice(3, rows, p=[0.6, 0.2, 0.2])
    frame = pd.DataFrame(
        {
            "stratum": np.char.add(np.char.add(journeys[j], ":"), districts[d]),
            "journey": journeys[j],
            "district": districts[d],
            "age_band": ages[age],
            "outcome": outcomes[out],
        }
    )
    lat = 0.4 * (j == 1) - 0.8 * (out == 1) - 0.4 * (age == 0) + rng.normal(0, 1, rows)
    for k, dim in enumerate(("mens", "redelijk", "helpt", "simpel")):
        for i in range(1, 6):
            item = np.clip(np.round(3 + (1 - 0.1 * k) * lat + rng.normal(0, 0.8, rows)), 1, 5)
            item[rng.random(rows) < 0.06] = 9
            frame[f"{dim}_{i}"] = item.astype(np.int64)
    frame["overall"] = np.clip(np.round(3.2 + lat + rng.normal(0, 0.7, rows)), 1, 5).astype(int)
    grade = np.clip(np.round(6.5 + 1.2 * lat + rng.normal(0, 1, rows)), 1, 10).astype(float)
    grade[rng.random(rows) < 0.03] = np.nan
    frame["satisfaction"] = grade
    # population: each stratum 3-30 times its respondents (response rate 40%, so n_h = r_h / 0.4);
    # register margins from a population share that differs from the sample (age- and
    # outcome-related nonresponse)
    r_h = frame.stratum.value_counts()
    factor = pd.Series(rng.uniform(3, 30, r_h.size), index=r_h.index)
    big = (r_h * factor).round()
    total = float(big.sum())
    by_journey = big.groupby(big.index.str.split(":").str[0]).sum().astype(float)
    by_district = big.groupby(big.index.str.split(":").str[1]).sum().astype(float)
    targets = {
        "district": {k: float(v) for k, v in by_district.items()},
        "journey": {k: float(v) for k, v in by_journey.items()},
        "age_band": dict(zip(ages, total * np.array([0.15, 0.35, 0.25, 0.25]), strict=True)),
        "outcome": dict(zip(outcomes, total * np.array([0.55, 0.25, 0.2]), strict=True)),
    }
    design = pd.DataFrame({"stratum": big.index, "N_h": big.to_numpy()})
    design["n_h"] = np.ceil(r_h[design.stratum].to_numpy() / 0.4).astype(np.int64)
    design["N_h"] = np.maximum(design.N_h, design.n_h)
    frame["N_h"] = frame.stratum.map(design.set_index("stratum").N_h).astype(float)
    return frame, targets, design


def margins_frame(targets: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(m, c, v) for m, cats in targets.items() for c, v in cats.items()],
        columns=["variable", "category", "count"],
    )


def analyse(
    frame: pd.DataFrame, targets: dict[str, dict[str, float]], design: pd.DataFrame
) -> dict[str, float]:
    """The full analysis of one wave (`analyse_wave`); returns the timing of each step."""
    timings: dict[str, float] = {}
    result = analyse_wave(
        frame,
        design,
        margins_frame(targets),
        shipped_questionnaires()["client"],
        domains=BY,
        bootstrap=200,
        timings=timings,
    )
    timings["n_estimates"] = len(result.national()) + len(result.domains) + 2
    timings["n_tests"] = len(result.all_tests())
    return timings


def estimation_table(
    raked: SurveyDesign, frame: pd.DataFrame, scores: pd.DataFrame
) -> pd.DataFrame:
    """The compared table: each variable nationally and by every domain variable."""
    rows: list[tuple[str, str, str, float, float]] = []
    for name in scores.columns:
        m: Measure = "mean" if name.startswith("score:") or name == "satisfaction" else "proportion"
        y = scores[name].to_numpy()
        e = estimate(raked, y, m, variable=name)
        rows.append((name, "", "", float(e.value or 0), float(e.se or 0)))
        for var in BY:
            for e in estimate_by(raked, y, var, frame[var], m, variable=name):
                rows.append((name, var, e.domain[0][1], float(e.value or 0), float(e.se or 0)))
    return pd.DataFrame(rows, columns=["variable", "by", "group", "value", "se"])


R_SCRIPT = """
suppressMessages(library(survey))
d <- read.csv("data.csv", stringsAsFactors = TRUE, check.names = FALSE)
des <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N_h, weights = ~w0, data = d)
tg <- read.csv("targets.csv", stringsAsFactors = FALSE)
pm <- lapply(c("district", "journey", "age_band", "outcome"), function(m) {
  x <- tg[tg$margin == m, ]; f <- data.frame(x$category, x$count); names(f) <- c(m, "Freq"); f })
r <- rake(des, list(~district, ~journey, ~age_band, ~outcome), pm, control = list(maxit = 1000,
          epsilon = 1e-10))
vars <- setdiff(names(d), c("stratum", "journey", "district", "age_band", "outcome", "N_h", "w0"))
res <- list()
tm <- system.time({
  for (v in vars) {
    f <- as.formula(paste0("~`", v, "`"))
    m <- svymean(f, r, na.rm = TRUE)
    res[[length(res) + 1]] <- data.frame(variable = v, by = "", group = "",
                                         value = coef(m)[[1]], se = SE(m)[[1]])
    for (b in c("journey", "district", "age_band", "outcome")) {
      s <- svyby(f, as.formula(paste0("~", b)), r, svymean, na.rm = TRUE)
      res[[length(res) + 1]] <- data.frame(variable = v, by = b, group = as.character(s[[b]]),
                                           value = s[[2]], se = s[[3]])
    }
  }
})
write.csv(do.call(rbind, res), "r_out.csv", row.names = FALSE)
cat(sprintf("RTIME,%.6f\\n", tm[["elapsed"]]))
"""


def run_r(
    frame: pd.DataFrame, targets: dict[str, dict[str, float]], scores: pd.DataFrame, w0: np.ndarray
) -> tuple[float, pd.DataFrame] | None:
    exe = shutil.which("Rscript")
    if exe is None:
        print("baseline: Rscript not found, skipped")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data = pd.concat(
            [frame[["stratum", *MARGINS, "N_h"]], scores.rename(columns=lambda c: c)], axis=1
        )
        data["w0"] = w0
        data.to_csv(Path(tmp) / "data.csv", index=False, float_format="%.17g")
        pd.DataFrame(
            [(m, c, v) for m, cats in targets.items() for c, v in cats.items()],
            columns=["margin", "category", "count"],
        ).to_csv(Path(tmp) / "targets.csv", index=False, float_format="%.17g")
        (Path(tmp) / "script.R").write_text(R_SCRIPT, encoding="utf-8")
        done = subprocess.run([exe, "script.R"], cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:])
            raise SystemExit("R failed")
        elapsed = next(
            float(line.split(",")[1])
            for line in done.stdout.splitlines()
            if line.startswith("RTIME")
        )
        out = pd.read_csv(Path(tmp) / "r_out.csv", keep_default_na=False)
    return elapsed, out


def best_of(repeats: int, func: Callable[[], T]) -> tuple[T, float]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return result, best


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument(
        "--r-rows",
        type=int,
        default=None,
        help="rows for the R comparison (default: same as --rows; 0 = skip R)",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the full analysis")
    args = parser.parse_args()
    frame, targets, design = build(args.rows)
    print(f"rows: {args.rows:,}")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
    start, cpu = time.perf_counter(), time.process_time()
    timing = analyse(frame, targets, design)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    if args.profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    for key, value in timing.items():
        print(f"  {key:12s} {value:10.3f}" + ("" if key.startswith("n_") else " s"))
    limit = 10.0 if args.rows <= 20_000 else 120.0
    print(
        # CPU time beside wall time: on a shared machine the wall time includes waiting
        f"full analysis: {total:.2f} s wall, {cpu:.2f} s CPU (target < {limit:.0f} s) "
        f"{'OK' if total < limit else 'TOO SLOW'}; peak RSS {peak_rss_gb():.2f} GB (target < 4)"
    )

    r_rows = args.rows if args.r_rows is None else args.r_rows
    if r_rows == 0:
        return 0 if total < limit else 1
    if r_rows != args.rows:
        frame, targets, design = build(r_rows)
    w0 = design_weights(frame.stratum, frame.groupby("stratum").N_h.first().to_dict())
    base = SurveyDesign.from_arrays(w0, frame.stratum, frame.N_h)
    raked, _ = rake(base, {m: frame[m] for m in MARGINS}, targets)
    scores = respondent_scores(frame, MonitorSpec(dimensions=items_by_dimension(frame.columns)))
    ours, ours_time = best_of(3, lambda: estimation_table(raked, frame, scores))
    baseline = run_r(frame, targets, scores, w0)
    if baseline is None:
        return 0
    r_time, r_table = baseline
    key = ["variable", "by", "group"]
    both = ours.merge(r_table, on=key, suffixes=("", "_r"), validate="one_to_one")
    if len(both) != len(ours):
        raise SystemExit(f"tables differ in cells: ours {len(ours)}, R {len(r_table)}")
    rel = lambda a, b: np.abs(a - b) / np.maximum(np.abs(b), 1e-12)  # noqa: E731
    dv, ds = rel(both.value, both.value_r).max(), rel(both.se, both.se_r).max()
    print(f"estimation table at {r_rows:,} rows: {len(ours)} cells")
    print(
        f"  ours (best of 3): {ours_time:.3f} s; {BASELINE}: {r_time:.3f} s; "
        f"ratio {r_time / ours_time:.1f}x (target >= 5x)"
    )
    print(f"  max relative difference: values {dv:.2e}, SEs {ds:.2e} (target < 1e-8)")
    ok = total < limit and r_time / ours_time >= 5 and max(dv, ds) < 1e-8
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
