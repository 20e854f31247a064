"""A small synthetic wave: stratified SRSWOR by journey x district, age-dependent nonresponse,
register margins for raking, agreement items with "weet ik niet" (9)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from maatmonitor.core.codes import AGE_BANDS, DISTRICTS, JOURNEYS, OUTCOMES


@dataclass
class Wave:
    population: pd.DataFrame
    respondents: pd.DataFrame  # with columns stratum, N_h, w0 (= N_h / r_h)
    targets: dict[str, dict[str, float]]


def make_wave(seed: int, n_pop: int = 6000, per_stratum: int = 60) -> Wave:
    rng = np.random.default_rng(seed)
    journeys = [j.code for j in JOURNEYS["client"]]
    districts = [d.code for d in DISTRICTS[:4]]
    ages = [a.code for a in AGE_BANDS]
    outcomes = [o.code for o in OUTCOMES]
    pop = pd.DataFrame(
        {
            "journey": rng.choice(journeys, n_pop, p=[0.5, 0.35, 0.15]),
            "district": rng.choice(districts, n_pop),
            "age_band": rng.choice(ages, n_pop, p=[0.15, 0.35, 0.25, 0.25]),
            "outcome": rng.choice(outcomes, n_pop, p=[0.6, 0.2, 0.2]),
        }
    )
    pop["stratum"] = pop.journey + ":" + pop.district
    lat = (
        0.4 * (pop.journey == "unemployed")
        - 0.8 * (pop.outcome == "rejected")
        - 0.4 * (pop.age_band == "18_26")
        + rng.normal(0, 1, n_pop)
    )
    for k in range(1, 4):
        item = np.clip(np.round(3 + lat + rng.normal(0, 0.8, n_pop)), 1, 5)
        item[rng.random(n_pop) < 0.08] = 9  # weet ik niet
        pop[f"mens_{k}"] = item.astype(int)
    pop["overall"] = np.clip(np.round(3.2 + lat + rng.normal(0, 0.7, n_pop)), 1, 5).astype(int)
    pop["grade"] = np.clip(np.round(6.5 + 1.2 * lat + rng.normal(0, 1, n_pop)), 1, 10).astype(int)
    sample = pop.groupby("stratum", group_keys=False).sample(
        n=per_stratum, random_state=rng.integers(1 << 31)
    )
    p_resp = 0.25 + 0.25 * (sample.age_band != "18_26") + 0.1 * (sample.outcome == "granted")
    resp = sample[rng.random(len(sample)) < p_resp].copy()
    n_h = pop.stratum.value_counts()
    r_h = resp.stratum.value_counts()
    resp["N_h"] = resp.stratum.map(n_h).astype(float)
    resp["w0"] = resp.N_h / resp.stratum.map(r_h)
    targets = {
        var: {str(k): float(v) for k, v in pop[var].value_counts().items()}
        for var in ("stratum", "age_band", "outcome")
    }
    return Wave(pop, resp.reset_index(drop=True), targets)
