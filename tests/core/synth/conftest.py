"""Shared fixtures: a small population, its calibrated model, and questionnaires.

The questionnaires are built from the instrument's own dataclasses with the fixed ids of the
shipped ones (statements ``<dim>_<n>``, ``overall``, ``satisfaction``, open ``why_overall`` and
``improve``, background questions) and some routed statements, so routing is exercised.
"""

from __future__ import annotations

import pandas as pd
import pytest

from maatmonitor.core import codes
from maatmonitor.core.instrument import (
    Condition,
    Dimension,
    Option,
    Page,
    Question,
    Questionnaire,
    Route,
    Scale,
    ScaleOption,
    Text,
)
from maatmonitor.core.synth import TruthModel, calibrate_model, generate_population

N_CLIENTS = 60_000
N_EMPLOYERS = 15_000
SEED = 7


def _t(nl: str) -> Text:
    return Text(nl, nl)


def _scales() -> dict[str, Scale]:
    agree = (
        *tuple(ScaleOption(v, _t(str(v))) for v in range(1, 6)),
        ScaleOption(9, _t("weet ik niet"), substantive=False),
    )
    return {
        "agree": Scale("agree", agree, top=(4, 5)),
        "human": Scale("human", tuple(ScaleOption(v, _t(str(v))) for v in range(1, 6)), (4, 5)),
        "grade": Scale(
            "grade", tuple(ScaleOption(v, _t(str(v))) for v in range(1, 11)), (7, 8, 9, 10)
        ),
    }


def _background(qid: str, audience: str) -> Question:
    code_list = (
        codes.JOURNEYS[audience]
        if qid == "journey"
        else {
            "age_band": codes.AGE_BANDS,
            "outcome": codes.OUTCOMES,
            "size_class": codes.SIZE_CLASSES,
            "sector": codes.SECTORS,
        }[qid]
    )
    options = tuple(Option(c.code, Text(c.nl, c.en)) for c in code_list)
    return Question(qid, "background", _t(qid), "over_u", options=options)


def make_questionnaire(audience: str) -> Questionnaire:
    """A questionnaire with five statements per dimension, two of them routed."""
    background = (
        ("journey", "age_band", "outcome")
        if audience == "client"
        else (
            "journey",
            "size_class",
            "sector",
        )
    )
    questions = [_background(b, audience) for b in background]
    routes = {
        ("client", "mens_5"): Route((Condition("outcome", ("granted", "rejected")),)),
        ("client", "helpt_5"): Route((Condition("journey", ("unemployed",)),)),
        ("employer", "redelijk_5"): Route((Condition("journey", ("subsidies",)),)),
    }
    for dim in ("mens", "redelijk", "helpt", "simpel"):
        for n in range(1, 6):
            qid = f"{dim}_{n}"
            questions.append(
                Question(
                    qid,
                    "statement",
                    _t(qid),
                    "stellingen",
                    dimension=dim,
                    scale="agree",
                    route=routes.get((audience, qid)),
                )
            )
    questions += [
        Question("overall", "overall", _t("overall"), "oordeel", scale="human"),
        Question(
            "why_overall",
            "open",
            _t("waarom"),
            "oordeel",
            route=Route((Condition("overall", ("1", "2", "3")),)),
        ),
        Question("satisfaction", "satisfaction", _t("cijfer"), "oordeel", scale="grade"),
        Question("improve", "open", _t("beter"), "oordeel"),
    ]
    return Questionnaire(
        id=f"test-{audience}",
        version="1",
        audience=audience,
        title=_t("test"),
        dimensions=tuple(Dimension(d, _t(d)) for d in ("mens", "redelijk", "helpt", "simpel")),
        scales=_scales(),
        questions=tuple(questions),
        pages=tuple(Page(p, _t(p)) for p in ("over_u", "stellingen", "oordeel")),
    )


@pytest.fixture(scope="session")
def questionnaires() -> dict[str, Questionnaire]:
    return {"client": make_questionnaire("client"), "employer": make_questionnaire("employer")}


@pytest.fixture(scope="session")
def frame() -> pd.DataFrame:
    return generate_population(N_CLIENTS, N_EMPLOYERS, seed=SEED)


@pytest.fixture(scope="session")
def model(frame: pd.DataFrame) -> TruthModel:
    return calibrate_model(frame, seed=SEED)
