"""A small wave from the project's own synthetic population (``core.synth``), shaped exactly as
contract C1: a response frame, a design frame and register margins."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.sampling.margins import population_margins
from maatmonitor.core.synth import (
    TruthModel,
    calibrate_model,
    generate_population,
    shipped_questionnaires,
    simulate_responses,
)

REGISTER = ("journey", "district", "age_band", "outcome", "debt")


@dataclass(frozen=True)
class SynthWave:
    responses: pd.DataFrame
    design: pd.DataFrame
    margins: pd.DataFrame
    questionnaire: Questionnaire
    population: pd.DataFrame
    model: TruthModel
    sample: pd.DataFrame


@functools.lru_cache(maxsize=4)
def population(n_clients: int = 30_000, seed: int = 5) -> tuple[pd.DataFrame, TruthModel]:
    pop = generate_population(n_clients=n_clients, n_employers=0, seed=seed)
    pop = pop[pop.audience == "client"].reset_index(drop=True)
    pop["stratum"] = pop.journey + ":" + pop.district
    return pop, calibrate_model(pop, seed=seed)


def synth_wave(
    fraction: float = 0.1, seed: int = 1, wave: int = 1, n_clients: int = 30_000
) -> SynthWave:
    pop, model = population(n_clients)
    questionnaire = shipped_questionnaires()["client"]
    sample = pop.groupby("stratum", group_keys=False).sample(frac=fraction, random_state=seed)
    answers = simulate_responses(
        sample, {"client": questionnaire}, wave=wave, seed=seed, model=model
    )
    register = sample.set_index("unit_id").loc[answers.unit_id, ["stratum", *REGISTER]]
    responses = answers.drop(columns=[c for c in REGISTER if c in answers.columns])
    for col in ("stratum", *REGISTER):
        responses[col] = register[col].to_numpy()
    responses["debt"] = responses["debt"].astype("float64")
    design = pd.DataFrame(
        {
            "stratum": pop.stratum.value_counts().sort_index().index,
            "N_h": pop.stratum.value_counts().sort_index().to_numpy(),
        }
    )
    design["n_h"] = design.stratum.map(sample.stratum.value_counts()).astype(np.int64)
    margins = population_margins(pop)
    margins = margins[margins.audience == "client"].drop(columns="audience")
    return SynthWave(
        responses, design, margins.reset_index(drop=True), questionnaire, pop, model, sample
    )
