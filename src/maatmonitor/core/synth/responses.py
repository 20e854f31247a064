"""Simulated fieldwork: who of a sample responds, who breaks off, and what they answer.

Response propensity is lower for young people, rejected clients, post-only units and small
employers, so unweighted respondent estimates are biased; because it depends only on frame
variables (missing at random), weighting on those variables can remove the bias. Every
decision is drawn per unit from (seed, unit id, wave), so a unit's fate does not depend on
which other units were sampled with it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.synth import model as m
from maatmonitor.core.synth import population, randomness
from maatmonitor.core.synth.answers import (
    AnswerBlock,
    BoolArray,
    OpenAnswerHook,
    answers_by_audience,
)
from maatmonitor.core.synth.calibration import calibrate_model

# Half-yearly waves: wave w starts FIRST_FIELDWORK + (w - 1) * WAVE_INTERVAL.
FIRST_FIELDWORK: Final = date(2026, 11, 16)
WAVE_INTERVAL: Final = timedelta(days=182)
FIELDWORK_DAYS: Final = 28
REMINDER_DAY: Final = 10
POST_DELAY_DAYS: Final = 3
RESPONSE_COLUMNS: Final = ("unit_id", "audience", "wave", "status", "response_date")


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


@dataclass(frozen=True)
class ResponseModel:
    """Logistic response propensity: base rate per audience plus effects of frame levels."""

    base_rate: dict[str, float] = field(default_factory=lambda: {"client": 0.36, "employer": 0.27})
    effects: dict[str, dict[str, float]] = field(
        default_factory=lambda: {
            "age_band": {"18_26": -0.9, "27_44": -0.35, "45_54": 0.0, "55_plus": 0.35},
            "outcome": {"granted": 0.0, "rejected": -0.6, "none": -0.2},
            "channel": {"email": 0.0, "post": -0.5},
            "size_class": {"small": -0.5, "medium": 0.0, "large": 0.2},
        }
    )
    break_off_rate: float = 0.04
    early_share: float = 0.65  # of respondents, the share answering before the reminder

    def propensity(self, sample: pd.DataFrame) -> m.F64:
        """Each row's probability of responding (opted-out units never respond)."""
        audience = sample["audience"].astype("str")
        unknown = set(audience.unique()) - set(self.base_rate)
        if unknown:
            raise ValueError(f"sample has audiences {sorted(unknown)} without a response rate")
        eta = audience.map({a: _logit(p) for a, p in self.base_rate.items()}).to_numpy(float)
        for variable, table in self.effects.items():
            if variable in sample.columns:
                idx = m.level_index(sample[variable], list(table))
                eta = eta + np.append(np.asarray(list(table.values())), 0.0)[idx]
        p = 1.0 / (1.0 + np.exp(-eta))
        opted_out = sample["opt_out"].astype("Float64").fillna(0).to_numpy(float) == 1
        result: m.F64 = np.where(opted_out, 0.0, p)
        return result


DEFAULT_RESPONSE_MODEL: Final = ResponseModel()


@functools.lru_cache(maxsize=2)
def default_model(seed: int) -> m.TruthModel:
    """The truth model calibrated on the default-size population of ``seed``.

    That is the population ``build_demo_data(seed=seed)`` writes with default sizes; for other
    populations pass the model of their ``truth.json`` (``load_truth(path).model``).
    """
    frame = population.generate_population(seed=seed)
    return calibrate_model(frame, seed=seed)


def fieldwork_start(wave: int) -> date:
    """The default first invitation day of a wave."""
    if wave < 1:
        raise ValueError(f"wave must be 1 or more, got {wave}")
    return FIRST_FIELDWORK + (wave - 1) * WAVE_INTERVAL


def _response_days(keys: randomness.U64, label: str, early_share: float) -> m.F64:
    """Days after the invitation: most answer in the first days, the rest after the reminder."""
    u_phase = randomness.uniforms(keys, f"{label}:phase")
    u_delay = randomness.uniforms(keys, f"{label}:delay")
    early = -2.0 * np.log(u_delay)
    late = REMINDER_DAY - 3.0 * np.log(u_delay)
    days: m.F64 = np.minimum(np.where(u_phase < early_share, early, late), FIELDWORK_DAYS - 1)
    return np.floor(days)


def _break_off(answers: pd.DataFrame, block: AnswerBlock, breaks: BoolArray, where: m.F64) -> None:
    """Blank the tail of each break-off's routed questions, keeping at least the first one."""
    ids = [q.id for q in block.questionnaire.questions]
    routed = np.column_stack([block.routed[qid] for qid in ids])
    rank = np.cumsum(routed, axis=1)  # 1 for the first routed question, 2 for the next...
    keep = 1 + np.floor(where * (rank[:, -1] - 1))
    lost = routed & breaks[:, None] & (rank > keep[:, None])
    for j, qid in enumerate(ids):
        if lost[:, j].any():
            answers.loc[lost[:, j], qid] = None


def _validate_sample(sample: pd.DataFrame) -> None:
    missing = [c for c in ("unit_id", "audience", "opt_out") if c not in sample.columns]
    if missing:
        raise ValueError(f"sample lacks frame columns {missing}")
    ids = sample["unit_id"].astype("str")
    if ids.isna().any():
        raise ValueError(f"sample rows {np.flatnonzero(ids.isna())[:5].tolist()} have no unit_id")
    dup = ids[ids.duplicated()]
    if not dup.empty:
        raise ValueError(f"sample has duplicate unit_id values, e.g. {dup.iloc[:5].tolist()}")


def simulate_responses(
    sample: pd.DataFrame,
    questionnaire_by_audience: Mapping[str, Questionnaire],
    wave: int,
    seed: int,
    *,
    model: m.TruthModel | None = None,
    response_model: ResponseModel = DEFAULT_RESPONSE_MODEL,
    start: date | None = None,
    open_answers: OpenAnswerHook | None = None,
) -> pd.DataFrame:
    """The respondent file of a sample (frame rows) in one wave.

    Columns: unit_id, audience, wave, status (``complete`` or ``partial`` after a break-off),
    response_date (ISO), then one column per question id of the questionnaires (background
    answers as codes, scale answers as numbers, open answers as text); missing where the
    respondent was not routed or had broken off. Answers come from the truth ``model`` (default:
    :func:`default_model` of ``seed``) and do not depend on ``seed``; ``seed`` drives who
    responds, breaks off and when. Rows keep the sample's order; non-respondents are left out.
    """
    _validate_sample(sample)
    sample = sample.reset_index(drop=True)
    truth_model = model if model is not None else default_model(seed)
    if wave not in truth_model.waves():
        raise ValueError(f"the truth model describes waves {truth_model.waves()}, not {wave}")
    keys = randomness.unit_keys(sample["unit_id"].astype("str").tolist(), seed)
    tag = f"wave{wave}"
    responds = randomness.uniforms(keys, f"respond:{tag}") < response_model.propensity(sample)
    respondents = sample.loc[responds]
    resp_keys = keys[responds]
    blocks = answers_by_audience(
        respondents, questionnaire_by_audience, truth_model, wave, open_answers
    )
    breaks = randomness.uniforms(resp_keys, f"break:{tag}") < response_model.break_off_rate
    where = randomness.uniforms(resp_keys, f"break-at:{tag}")
    days = _response_days(resp_keys, f"day:{tag}", response_model.early_share)
    post = respondents["channel"].astype("str").to_numpy(dtype=str, na_value="") == "post"
    days = days + np.where(post, POST_DELAY_DAYS, 0)
    first_day = np.datetime64((start or fieldwork_start(wave)).isoformat(), "D")
    dates = (first_day + days.astype("timedelta64[D]")).astype(str)
    position = pd.Series(np.arange(len(respondents)), index=respondents.index)
    parts = []
    for audience, block in blocks.items():
        answers = block.to_frame()
        rows = position.loc[answers.index].to_numpy()
        _break_off(answers, block, breaks[rows], where[rows])
        answers.insert(1, "audience", audience)
        answers.insert(2, "wave", wave)
        answers.insert(3, "status", np.where(breaks[rows], "partial", "complete"))
        answers.insert(4, "response_date", dates[rows])
        parts.append(answers)
    if not parts:
        columns = list(RESPONSE_COLUMNS)
        for q in questionnaire_by_audience.values():
            columns += [x.id for x in q.questions if x.id not in columns]
        return pd.DataFrame(columns=columns)
    result = pd.concat(parts).loc[respondents.index]
    for column in ("unit_id", "audience", "status", "response_date"):
        result[column] = result[column].astype("str")
    return result.reset_index(drop=True)
