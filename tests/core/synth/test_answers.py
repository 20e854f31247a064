import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.synth import compute_answers
from maatmonitor.core.synth.answers import DONT_KNOW_RATES


@pytest.fixture(scope="module")
def clients(frame):
    return frame[frame["audience"] == "client"]


@pytest.fixture(scope="module")
def client_answers(clients, questionnaires, model):
    return compute_answers(clients, questionnaires["client"], model, 1).to_frame()


def test_answers_respect_routing(clients, client_answers):
    no_decision = (clients["outcome"] == "none").to_numpy()
    assert client_answers.loc[no_decision, "mens_5"].isna().all()
    assert client_answers.loc[~no_decision, "mens_5"].notna().all()
    ww = (clients["journey"] == "unemployed").to_numpy()
    assert client_answers.loc[~ww, "helpt_5"].isna().all()
    assert client_answers.loc[ww, "helpt_5"].notna().all()
    for column in ("mens_1", "overall", "satisfaction", "journey", "age_band", "outcome"):
        assert client_answers[column].notna().all(), column


def test_answers_respect_scales_and_background(clients, client_answers, questionnaires):
    q = questionnaires["client"]
    for s in q.statements:
        values = set(client_answers[s.id].dropna().astype(int))
        assert values == set(q.scales["agree"].values), s.id
        dont_know = (client_answers[s.id] == 9).sum() / client_answers[s.id].notna().sum()
        assert DONT_KNOW_RATES[0] - 0.01 < dont_know < DONT_KNOW_RATES[1] + 0.01
    assert set(client_answers["overall"].astype(int)) == set(range(1, 6))
    assert set(client_answers["satisfaction"].astype(int)) == set(range(1, 11))
    assert (client_answers["journey"].to_numpy() == clients["journey"].to_numpy()).all()


def test_route_on_an_earlier_answer(clients, questionnaires, model):
    block = compute_answers(clients, questionnaires["client"], model, 1)
    low = block.numeric["overall"] <= 3
    np.testing.assert_array_equal(block.routed["why_overall"], low)


def test_a_unit_answers_the_same_alone_or_in_any_batch(
    clients, client_answers, questionnaires, model
):
    picked = clients.iloc[[5, 17, 40_000, 3]]
    again = compute_answers(picked, questionnaires["client"], model, 1).to_frame()
    pd.testing.assert_frame_equal(again, client_answers.loc[picked.index])
    single = compute_answers(clients.iloc[[17]], questionnaires["client"], model, 1).to_frame()
    pd.testing.assert_frame_equal(single, client_answers.loc[[clients.index[17]]])


def test_items_follow_their_dimension(client_answers):
    sub = client_answers[["mens_1", "mens_2", "simpel_1"]].replace(9, np.nan).dropna()
    corr = sub.corr()
    assert corr.loc["mens_1", "mens_2"] > corr.loc["mens_1", "simpel_1"] > 0.2


def test_open_answer_hook_fills_routed_units_and_checks_its_length(clients, questionnaires, model):
    part = clients.iloc[:200]

    def hook(rows, question, routed):
        return [f"{question.id}:{uid}" for uid in rows["unit_id"][routed]]

    answers = compute_answers(part, questionnaires["client"], model, 1, hook).to_frame()
    assert (answers["improve"] == "improve:" + part["unit_id"]).all()
    assert answers["why_overall"].notna().sum() == (answers["overall"] <= 3).sum()

    with pytest.raises(ValueError, match="expected one per routed unit"):
        compute_answers(part, questionnaires["client"], model, 1, lambda r, q, m: ["x"])


def test_bad_input_is_named(clients, questionnaires, model):
    with pytest.raises(ValueError, match="rows include"):
        compute_answers(clients.iloc[:5], questionnaires["employer"], model, 1)
    broken = clients.iloc[:5].copy()
    broken.loc[broken.index[2], "journey"] = "holiday"
    with pytest.raises(ValueError, match=r"'journey'.*holiday.*rows \[2\]"):
        compute_answers(broken, questionnaires["client"], model, 1)
    with pytest.raises(ValueError, match="not wave 3"):
        compute_answers(clients.iloc[:5], questionnaires["client"], model, 3)
