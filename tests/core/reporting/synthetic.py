"""Report inputs computed by the real analysis (``core.stats.pipeline.analyse_wave``) on a small
synthetic wave of the shipped questionnaires; no figure is typed by hand.

Stratified sample by journey x district with age-dependent nonresponse; one district
("limburg") gets fewer than 10 respondents so suppression shows up in every output. The open
answers contain a phone number so the exports' text handling is tested.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from maatmonitor.core.codes import AGE_BANDS, JOURNEYS, OUTCOMES, SIZE_CLASSES
from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.stats.pipeline import WaveAnalysis, analyse_wave
from maatmonitor.core.synth import shipped_questionnaires

DISTRICTS = ("noord", "oost", "amsterdam", "rijnmond", "limburg")


@dataclass
class Wave:
    analysis: WaveAnalysis
    responses: pd.DataFrame
    design: pd.DataFrame
    questionnaire: Questionnaire
    margins: pd.DataFrame


@functools.cache
def questionnaires() -> dict[str, Questionnaire]:
    return shipped_questionnaires()


def _population(
    rng: np.random.Generator, n_pop: int, shift: float, q: Questionnaire
) -> pd.DataFrame:
    journeys = [j.code for j in JOURNEYS[q.audience]]
    pop = pd.DataFrame(
        {
            "journey": rng.choice(journeys, n_pop, p=[0.5, 0.35, 0.15]),
            "district": rng.choice(DISTRICTS, n_pop, p=[0.3, 0.3, 0.2, 0.19, 0.01]),
        }
    )
    lat = shift + 0.5 * (pop.journey == journeys[1]) + rng.normal(0, 1, n_pop)
    if q.audience == "client":
        pop["age_band"] = rng.choice([a.code for a in AGE_BANDS], n_pop, p=[0.15, 0.35, 0.25, 0.25])
        pop["outcome"] = rng.choice([o.code for o in OUTCOMES], n_pop, p=[0.6, 0.2, 0.2])
        pop["debt"] = (rng.random(n_pop) < 0.2).astype(int)
        lat += -0.9 * (pop.outcome == "rejected") - 0.4 * (pop.age_band == "18_26") - 0.5 * pop.debt
    else:
        pop["size_class"] = rng.choice([s.code for s in SIZE_CLASSES], n_pop, p=[0.5, 0.3, 0.2])
        lat += -0.5 * (pop.size_class == "small")
    pop["stratum"] = pop.journey + ":" + pop.district
    dim_lat = {}
    for k, (dim, items) in enumerate(q.statements_by_dimension().items()):
        dim_lat[dim] = lat * (1.0 - 0.15 * k) + rng.normal(0, 0.6, n_pop)
        for item in items:
            v = np.clip(np.round(3.2 + dim_lat[dim] + rng.normal(0, 0.7, n_pop)), 1, 5)
            v[rng.random(n_pop) < 0.05] = 9
            pop[item.id] = v.astype(int)
    dims = list(dim_lat)
    overall = 0.6 * dim_lat[dims[0]] + 0.3 * dim_lat[dims[1]] + 0.1 * dim_lat[dims[3]]
    pop["overall"] = np.clip(np.round(3.6 + overall + rng.normal(0, 0.6, n_pop)), 1, 5).astype(int)
    pop["satisfaction"] = np.clip(
        np.round(6.6 + 1.3 * lat + rng.normal(0, 1, n_pop)), 1, 10
    ).astype(int)
    return pop


def make_wave(
    seed: int,
    *,
    wave: str = "2026-2",
    audience: str = "client",
    shift: float = 0.0,
    previous: Wave | None = None,
    n_pop: int = 12_000,
    per_stratum: int = 50,
    bootstrap: int = 20,
) -> Wave:
    rng = np.random.default_rng(seed)
    q = questionnaires()[audience]
    pop = _population(rng, n_pop, shift, q)
    sizes = pop.stratum.value_counts()
    take = {h: (3 if h.endswith(":limburg") else per_stratum) for h in sizes.index}
    sample = pd.concat(
        [
            g.sample(n=min(take[h], len(g)), random_state=int(rng.integers(1 << 31)))
            for h, g in pop.groupby("stratum")
        ]
    )
    p_resp = np.full(len(sample), 0.65)
    if "age_band" in sample:
        p_resp = np.where(sample.age_band == "18_26", 0.4, p_resp)
    p_resp = np.where(sample.district == "limburg", 0.99, p_resp)
    responses = sample[rng.random(len(sample)) < p_resp].reset_index(drop=True)
    responses["unit_id"] = [f"U{seed:03d}{i:05d}" for i in range(len(responses))]
    responses["why_overall"] = [
        "Mijn contactpersoon nam de tijd voor mij." if i % 3 else "Bel me op 06-12345678."
        for i in range(len(responses))
    ]
    drawn = sample.stratum.value_counts()
    design = pd.DataFrame(
        {"stratum": sizes.index, "N_h": sizes.to_numpy(), "n_h": drawn[sizes.index].to_numpy()}
    ).sort_values("stratum", ignore_index=True)
    margin_vars = ["district"] + (["age_band", "outcome"] if audience == "client" else [])
    margins = pd.DataFrame(
        [
            {"variable": v, "category": str(c), "count": int(n)}
            for v in margin_vars
            for c, n in pop[v].value_counts().items()
        ]
    )
    analysis = analyse_wave(
        responses,
        design,
        margins,
        q,
        previous=previous.analysis if previous else None,
        bootstrap=bootstrap,
        seed=seed,
        wave=wave,
    )
    return Wave(analysis, responses, design, q, margins)


@functools.cache
def two_waves(seed: int = 7) -> tuple[Wave, Wave]:
    """The previous and the current client wave (the current one knows the previous)."""
    first = make_wave(seed, wave="2026-1", shift=-0.2)
    second = make_wave(seed + 1, wave="2026-2", previous=first)
    return first, second


@functools.cache
def employer_wave(seed: int = 11) -> Wave:
    return make_wave(seed, audience="employer", wave="2026-2", per_stratum=40)
