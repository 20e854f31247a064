"""Simulation proof (issue #4): repeated samples from the synthetic population with known truth.

Each replicate draws a stratified sample (journey x district), lets units respond with the
synthetic response model (younger, rejected and post-only clients respond less, so the
respondents are not representative), weights them with the pipeline's own weighting
(``weights_for``: N_h/n_h, nonresponse within strata, raking to the register margins) and
estimates the headline share "(zeer) sterk" nationally and in a district of about 40
respondents. Over the replicates the weighted estimate must be unbiased and its 95% intervals
must cover the population's true share 93.5-96.5% of the time; the unweighted share must be
visibly biased.

The full proof (500 replicates) runs with ``-m simulation``, or ``SIMULATION_REPS=500``; by
default (and in CI) a reduced form of 100 replicates runs, with tolerances widened to three
binomial standard errors of the coverage and four standard errors of the mean error.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.sampling.margins import population_margins
from maatmonitor.core.stats import estimate
from maatmonitor.core.stats.pipeline import weights_for
from maatmonitor.core.synth import DEFAULT_RESPONSE_MODEL, compute_answers, shipped_questionnaires
from tests.core.stats.synthwave import population

FULL_REPS = 500
REDUCED_REPS = 100
SUBGROUP = "limburg"  # about 40 respondents per replicate with this design


@dataclass
class Outcome:
    truth: float
    truth_sub: float
    weighted: np.ndarray
    covered: np.ndarray
    weighted_sub: np.ndarray
    covered_sub: np.ndarray
    unweighted: np.ndarray
    n_sub: np.ndarray


def simulate(reps: int, seed: int = 20264) -> Outcome:
    pop, model = population(60_000, seed=11)
    block = compute_answers(pop, shipped_questionnaires()["client"], model, 1)
    head = np.isin(block.numeric["overall"], (4, 5)).astype(np.float64)
    propensity = DEFAULT_RESPONSE_MODEL.propensity(pop)
    margins = population_margins(pop)
    margins = margins[margins.audience == "client"].drop(columns="audience")
    codes, labels = pd.factorize(pop.stratum.to_numpy(), sort=True)
    big = np.bincount(codes)
    drawn = np.maximum(30, np.round(big * 0.04)).astype(np.int64)
    design = pd.DataFrame({"stratum": labels, "N_h": big, "n_h": drawn})
    start = np.concatenate([[0], np.cumsum(big)[:-1]])
    register = pop[["stratum", "journey", "district", "age_band", "outcome"]]
    in_sub = (pop.district == SUBGROUP).to_numpy()
    rng = np.random.default_rng(seed)
    rows: list[tuple[float, ...]] = []
    for _ in range(reps):
        # stratified SRS without replacement: the n_h smallest random keys of each stratum
        order = np.lexsort((rng.random(len(pop)), codes))
        rank = np.empty(len(pop), dtype=np.int64)
        rank[order] = np.arange(len(pop)) - start[codes[order]]
        responded = (rank < drawn[codes]) & (rng.random(len(pop)) < propensity)
        frame = register[responded].reset_index(drop=True)
        raked, _ = weights_for(frame, design, margins)
        y = head[responded]
        nat = estimate(raked, y, "proportion")
        sub = estimate(raked, y, "proportion", domain=in_sub[responded])
        rows.append(
            (
                nat.value, nat.ci_low, nat.ci_high,
                sub.value, sub.ci_low, sub.ci_high,
                y.mean(), in_sub[responded].sum(),
            )
        )  # fmt: skip
    a = np.array(rows, dtype=np.float64)
    truth, truth_sub = head.mean(), head[in_sub].mean()
    return Outcome(
        truth=float(truth),
        truth_sub=float(truth_sub),
        weighted=a[:, 0],
        covered=(a[:, 1] <= truth) & (truth <= a[:, 2]),
        weighted_sub=a[:, 3],
        covered_sub=(a[:, 4] <= truth_sub) & (truth_sub <= a[:, 5]),
        unweighted=a[:, 6],
        n_sub=a[:, 7],
    )


def _reps() -> int:
    return int(os.environ.get("SIMULATION_REPS", "0")) or REDUCED_REPS


def _check(out: Outcome, reps: int) -> dict[str, float]:
    full = reps >= FULL_REPS
    err = 100 * (out.weighted - out.truth)
    err_sub = 100 * (out.weighted_sub - out.truth_sub)
    bias_un = 100 * (out.unweighted - out.truth)
    figures = {
        "reps": reps,
        "truth": 100 * out.truth,
        "mean_error": err.mean(),
        "coverage": 100 * out.covered.mean(),
        "truth_sub": 100 * out.truth_sub,
        "mean_error_sub": err_sub.mean(),
        "coverage_sub": 100 * out.covered_sub.mean(),
        "mean_n_sub": out.n_sub.mean(),
        "unweighted_bias": bias_un.mean(),
    }
    print(figures)  # shown with -s: the figures of the proof
    # the subgroup is "about 40 respondents"
    assert 30 <= out.n_sub.mean() <= 50
    if full:
        tol_err = tol_err_sub = 0.5
        low, high = 93.5, 96.5
    else:
        # reduced run: 4 SE of the mean error (at least 0.5 point) and 3 binomial SE of coverage
        tol_err = max(0.5, 4 * err.std(ddof=1) / math.sqrt(reps))
        tol_err_sub = max(0.5, 4 * err_sub.std(ddof=1) / math.sqrt(reps))
        half = 300 * math.sqrt(0.95 * 0.05 / reps)
        low, high = 95 - half, 95 + half
    assert abs(err.mean()) < tol_err
    assert abs(err_sub.mean()) < tol_err_sub
    assert low <= figures["coverage"] <= high
    assert low <= figures["coverage_sub"] <= high
    # the unweighted estimate is visibly biased: beyond 1 point, 5 of its SEs, and the weighted
    assert abs(bias_un.mean()) > max(1.0, 5 * bias_un.std(ddof=1) / math.sqrt(reps))
    assert abs(bias_un.mean()) > 3 * abs(err.mean())
    return figures


def test_weighted_headline_is_unbiased_and_covers_reduced():
    reps = _reps()
    _check(simulate(reps), reps)


@pytest.mark.simulation
def test_weighted_headline_is_unbiased_and_covers_full():
    _check(simulate(FULL_REPS), FULL_REPS)
