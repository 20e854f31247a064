"""Every unit's hidden answers to a questionnaire, derived from the truth model.

Answers are a pure function of (model seed, unit id, unit background, wave), so a unit answers
the same whether it is computed alone, in a sample or in the whole population. Routing comes
from the questionnaire itself (``questions_for``), evaluated once per distinct context.
Open questions (``why_overall``, ``improve``) stay empty unless an ``OpenAnswerHook`` fills
them: that is where synthetic stories plug in later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core.instrument import Question, Questionnaire, Scale
from maatmonitor.core.synth import model as m
from maatmonitor.core.synth import randomness

# Cut points of a statement's latent for the five substantive answers.
ITEM_CUTS: Final = (-1.5, -0.7, 0.0, 0.9)
# Item-specific spread: difficulty in +/- DIFFICULTY_RANGE / 2, "weet ik niet" between the rates.
DIFFICULTY_RANGE: Final = 0.5
DONT_KNOW_RATES: Final = (0.02, 0.08)
# Background keys the routing context always carries (missing ones are left out).
CONTEXT_KEYS: Final = ("journey", "outcome", "age_band", "size_class", "sector")

BoolArray = npt.NDArray[np.bool_]
I16 = npt.NDArray[np.int16]
# Given the units (frame rows), the open question and who is routed to it, return one text or
# None per routed unit.
OpenAnswerHook = Callable[[pd.DataFrame, Question, BoolArray], Sequence[str | None]]


def _fraction(label: str) -> float:
    return int(randomness.stream_constant(label)) / 2.0**64


def item_difficulty(question_id: str) -> float:
    """A fixed, id-derived offset that makes some statements easier to agree with."""
    return (_fraction(f"difficulty:{question_id}") - 0.5) * DIFFICULTY_RANGE


def dont_know_rate(question_id: str) -> float:
    low, high = DONT_KNOW_RATES
    return low + (high - low) * _fraction(f"dont-know:{question_id}")


def _ordinal_values(scale: Scale, count: int, question: Question) -> npt.NDArray[np.int16]:
    values = sorted(scale.substantive_values)
    if len(values) != count:
        raise ValueError(
            f"question {question.id!r}: the synthetic model needs a scale with {count} "
            f"substantive values, scale {scale.id!r} has {values}"
        )
    return np.asarray(values, dtype=np.int16)


def _scale(questionnaire: Questionnaire, question: Question) -> Scale:
    if question.scale is None or question.scale not in questionnaire.scales:
        raise ValueError(
            f"{questionnaire.id}: question {question.id!r} ({question.kind}) has no known scale"
        )
    return questionnaire.scales[question.scale]


@dataclass
class AnswerBlock:
    """Answers of one audience's units: numeric answers (0 = not routed), text answers, routing."""

    frame: pd.DataFrame
    questionnaire: Questionnaire
    numeric: dict[str, I16]
    text: dict[str, npt.NDArray[np.object_]]
    routed: dict[str, BoolArray]
    overall_latent: m.F64

    def to_frame(self) -> pd.DataFrame:
        """unit_id plus one column per question in questionnaire order; missing if not routed."""
        columns: dict[str, object] = {"unit_id": self.frame["unit_id"].to_numpy()}
        for q in self.questionnaire.questions:
            if q.id in self.numeric:
                col = self.numeric[q.id].astype(np.float64)
                col[~self.routed[q.id]] = np.nan
                columns[q.id] = col
            else:
                txt = self.text[q.id].copy()
                txt[~self.routed[q.id]] = None
                columns[q.id] = pd.array(txt, dtype="str")
        return pd.DataFrame(columns, index=self.frame.index)


def text_values(series: pd.Series) -> npt.NDArray[np.object_]:
    """The column as an object array of strings, None where missing."""
    values: npt.NDArray[np.object_] = series.astype("str").astype(object).to_numpy(copy=True)
    values[pd.isna(values)] = None
    return values


def _background_context(frame: pd.DataFrame, audience: str) -> pd.DataFrame:
    ctx = pd.DataFrame({"audience": audience}, index=frame.index)
    for key in CONTEXT_KEYS:
        if key in frame.columns:
            ctx[key] = frame[key].astype("str")
    return ctx


def _route(questionnaire: Questionnaire, context: pd.DataFrame) -> dict[str, BoolArray]:
    """Who is routed to which question, one ``questions_for`` call per distinct context."""
    n = len(context)
    routed = {q.id: np.zeros(n, dtype=bool) for q in questionnaire.questions}
    keys = list(context.columns)
    for values, rows in context.groupby(keys, dropna=False, sort=False).indices.items():
        tup = values if isinstance(values, tuple) else (values,)
        ctx = {k: str(v) for k, v in zip(keys, tup, strict=True) if not pd.isna(v)}
        for q in questionnaire.questions_for(ctx):
            routed[q.id][rows] = True
    return routed


def compute_answers(
    frame: pd.DataFrame,
    questionnaire: Questionnaire,
    model: m.TruthModel,
    wave: int,
    open_answers: OpenAnswerHook | None = None,
) -> AnswerBlock:
    """The hidden answers of the frame's rows (all of the questionnaire's audience)."""
    audience = questionnaire.audience
    found = set(frame["audience"].astype("str").unique())
    if found - {audience}:
        raise ValueError(
            f"{questionnaire.id} is for audience {audience!r}, the rows include {sorted(found)}"
        )
    lat = m.latents(frame, audience, model, wave)
    params = model.audience(audience)
    numeric: dict[str, I16] = {}
    text: dict[str, npt.NDArray[np.object_]] = {}
    for q in questionnaire.questions:
        if q.kind == "statement":
            numeric[q.id] = _statement(questionnaire, q, lat, model)
        elif q.kind == "overall":
            values = _ordinal_values(_scale(questionnaire, q), 5, q)
            numeric[q.id] = values[m.overall_answers(lat.overall) - 1]
        elif q.kind == "satisfaction":
            values = _ordinal_values(_scale(questionnaire, q), 10, q)
            numeric[q.id] = values[m.satisfaction_grades(lat, params) - 1]
        elif q.kind == "background":
            if q.id not in frame.columns:
                raise ValueError(f"background question {q.id!r} has no column in the frame")
            text[q.id] = text_values(frame[q.id])
        else:  # open questions: filled by the hook (stories come later), empty otherwise
            text[q.id] = np.full(len(frame), None, dtype=object)
    context = _background_context(frame, audience)
    # Routes may depend on earlier answers (e.g. the overall score): put those in the context.
    depends = {c for q in questionnaire.questions if q.route for c in q.route.depends_on}
    for qid in sorted(depends & set(numeric)):
        context[qid] = numeric[qid].astype(str)
    routed = _route(questionnaire, context)
    if open_answers is not None:
        for q in questionnaire.questions:
            if q.kind == "open" and routed[q.id].any():
                texts = list(open_answers(frame, q, routed[q.id]))
                if len(texts) != int(routed[q.id].sum()):
                    raise ValueError(
                        f"open-answer hook returned {len(texts)} texts for {q.id!r}, "
                        f"expected one per routed unit ({int(routed[q.id].sum())})"
                    )
                text[q.id][routed[q.id]] = np.asarray(texts, dtype=object)
    return AnswerBlock(frame, questionnaire, numeric, text, routed, lat.overall)


def _statement(
    questionnaire: Questionnaire, q: Question, lat: m.Latents, model: m.TruthModel
) -> I16:
    if q.dimension not in m.DIMENSIONS:
        raise ValueError(
            f"{questionnaire.id}: statement {q.id!r} has dimension {q.dimension!r}, "
            f"the truth model knows {m.DIMENSIONS}"
        )
    scale = _scale(questionnaire, q)
    values = _ordinal_values(scale, 5, q)
    latent = lat.dimensions[:, m.DIMENSIONS.index(q.dimension)] + item_difficulty(q.id)
    latent = latent + model.item_noise_sd * randomness.normals(lat.keys, f"item:{q.id}")
    answers = values[np.searchsorted(np.asarray(ITEM_CUTS), latent)]
    non_substantive = [o.value for o in scale.options if not o.substantive]
    if non_substantive:
        dont_know = randomness.uniforms(lat.keys, f"dont-know:{q.id}") < dont_know_rate(q.id)
        answers = np.where(dont_know, np.int16(non_substantive[0]), answers)
    result: I16 = answers.astype(np.int16)
    return result


def answers_by_audience(
    frame: pd.DataFrame,
    questionnaires: Mapping[str, Questionnaire],
    model: m.TruthModel,
    wave: int,
    open_answers: OpenAnswerHook | None = None,
) -> dict[str, AnswerBlock]:
    """:func:`compute_answers` for each audience present in the frame."""
    blocks = {}
    audiences = frame["audience"].astype("str")
    for audience in sorted(audiences.unique()):
        if audience not in questionnaires:
            raise ValueError(f"no questionnaire given for audience {audience!r}")
        rows = frame.loc[(audiences == audience).to_numpy()]
        blocks[audience] = compute_answers(
            rows, questionnaires[audience], model, wave, open_answers
        )
    return blocks
