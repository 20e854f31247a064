from datetime import date

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.synth import compute_answers, compute_truth, simulate_responses
from maatmonitor.core.synth.responses import FIELDWORK_DAYS, POST_DELAY_DAYS, fieldwork_start


@pytest.fixture(scope="module")
def census(frame, questionnaires, model):
    """Everyone invited: response behaviour is then visible without sampling noise."""
    return simulate_responses(frame, questionnaires, 1, seed=21, model=model)


@pytest.fixture(scope="module")
def truth(frame, model, questionnaires):
    return compute_truth(frame, model, questionnaires, waves=[1])


def _rate(frame, census, mask):
    units = frame.loc[mask, "unit_id"]
    return units.isin(census["unit_id"]).mean()


def test_response_is_lower_for_the_named_groups(frame, census):
    clients = frame["audience"] == "client"
    assert 0.2 < _rate(frame, census, clients) < 0.45
    young = clients & (frame["age_band"] == "18_26")
    assert _rate(frame, census, young) < _rate(frame, census, clients & ~young) - 0.1
    rejected = clients & (frame["outcome"] == "rejected")
    assert _rate(frame, census, rejected) < _rate(frame, census, clients & ~rejected) - 0.05
    # Post-only clients are older (who respond more), so compare within one age band.
    old = clients & (frame["age_band"] == "55_plus")
    post = frame["channel"] == "post"
    assert _rate(frame, census, old & post) < _rate(frame, census, old & ~post) - 0.05
    small = frame["size_class"] == "small"
    large = frame["size_class"] == "large"
    assert _rate(frame, census, small) < _rate(frame, census, large) - 0.05
    assert not frame.loc[frame["opt_out"] == 1, "unit_id"].isin(census["unit_id"]).any()


def test_unweighted_respondents_are_biased_and_cell_weighting_fixes_it(frame, census, truth):
    true_p = truth.headline("client")
    resp = census[(census["audience"] == "client") & census["overall"].notna()]
    strong = resp["overall"] >= 4
    se = np.sqrt(true_p * (1 - true_p) / len(resp))
    assert strong.mean() - true_p > 4 * se
    # Post-stratify on register variables: population count / respondent count per cell.
    cells = ["journey", "age_band", "outcome"]
    pop = frame[frame["audience"] == "client"].groupby(cells).size().rename("N")
    weights = resp.join(pop, on=cells).groupby(cells)["N"].transform(lambda n: n / len(n))
    weighted = float((strong * weights).sum() / weights.sum())
    assert abs(weighted - true_p) < 3 * se
    assert abs(weighted - true_p) < (strong.mean() - true_p) / 2


def test_respondents_give_their_truth_answers(frame, census, questionnaires, model):
    complete = census[(census["audience"] == "client") & (census["status"] == "complete")]
    units = frame.set_index("unit_id").loc[complete["unit_id"]].reset_index()
    truth_answers = compute_answers(units, questionnaires["client"], model, 1).to_frame()
    columns = [q.id for q in questionnaires["client"].questions]
    pd.testing.assert_frame_equal(
        complete[columns].reset_index(drop=True), truth_answers[columns].reset_index(drop=True)
    )


def test_break_offs_lose_only_a_tail_of_their_questions(census, questionnaires):
    partial = census[(census["audience"] == "client") & (census["status"] == "partial")]
    assert 0.02 < len(partial) / (census["audience"] == "client").sum() < 0.06
    # Questions everyone is routed to and answers (open ones stay empty without a story hook).
    order = [q.id for q in questionnaires["client"].questions if q.kind != "open" and not q.route]
    answered = partial[order].notna().to_numpy()
    first_gap = np.where(answered.all(axis=1), answered.shape[1], np.argmin(answered, axis=1))
    assert answered[:, 0].all()
    assert all(not row[gap:].any() for row, gap in zip(answered, first_gap, strict=True))
    assert (first_gap > 0).all()
    assert not answered.all(axis=1).all()


def test_same_seed_same_file_and_answers_do_not_depend_on_the_seed(frame, questionnaires, model):
    sample = frame.sample(4000, random_state=3)
    a = simulate_responses(sample, questionnaires, 1, seed=1, model=model)
    pd.testing.assert_frame_equal(
        a, simulate_responses(sample, questionnaires, 1, seed=1, model=model)
    )
    b = simulate_responses(sample, questionnaires, 1, seed=2, model=model)
    assert set(a["unit_id"]) != set(b["unit_id"])
    both = a[a["status"] == "complete"].merge(
        b[b["status"] == "complete"], on="unit_id", suffixes=("_a", "_b")
    )
    assert len(both) > 100
    assert (both["overall_a"] == both["overall_b"]).all()
    assert (both["mens_1_a"].fillna(-1) == both["mens_1_b"].fillna(-1)).all()


def test_a_units_fate_does_not_depend_on_who_else_was_sampled(frame, questionnaires, model):
    sample = frame.sample(3000, random_state=4)
    whole = simulate_responses(sample, questionnaires, 1, seed=8, model=model)
    half = simulate_responses(sample.iloc[::2], questionnaires, 1, seed=8, model=model)
    expected = whole[whole["unit_id"].isin(sample.iloc[::2]["unit_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(half[expected.columns], expected)


def test_wave_two_moves_helpt_and_overall_up_for_each_client(frame, questionnaires, model):
    clients = frame[frame["audience"] == "client"].iloc[:5000]
    w1 = simulate_responses(clients, questionnaires, 1, seed=9, model=model)
    w2 = simulate_responses(clients, questionnaires, 2, seed=9, model=model)
    both = w1.merge(w2, on="unit_id", suffixes=("_1", "_2"))
    both = both[(both["status_1"] == "complete") & (both["status_2"] == "complete")]
    assert (both["overall_2"] >= both["overall_1"]).all()
    assert (both["overall_2"] > both["overall_1"]).any()
    assert (both["mens_1_1"] == both["mens_1_2"]).all()
    substantive = (both["helpt_1_1"] != 9) & (both["helpt_1_2"] != 9)
    assert (both.loc[substantive, "helpt_1_2"] >= both.loc[substantive, "helpt_1_1"]).all()


def test_response_dates_fall_in_the_fieldwork_window(census):
    start = fieldwork_start(1)
    dates = pd.to_datetime(census["response_date"], format="%Y-%m-%d")
    assert dates.min() == pd.Timestamp(start)
    assert dates.max() <= pd.Timestamp(start) + pd.Timedelta(days=FIELDWORK_DAYS + POST_DELAY_DAYS)
    assert (census["wave"] == 1).all()
    other = fieldwork_start(2)
    assert other > start
    assert isinstance(other, date)


def test_bad_samples_and_waves_are_named(frame, questionnaires, model):
    sample = frame.iloc[:10]
    with pytest.raises(ValueError, match="duplicate unit_id"):
        simulate_responses(pd.concat([sample, sample]), questionnaires, 1, 0, model=model)
    with pytest.raises(ValueError, match=r"lacks frame columns \['opt_out'\]"):
        simulate_responses(sample.drop(columns="opt_out"), questionnaires, 1, 0, model=model)
    with pytest.raises(ValueError, match="not 5"):
        simulate_responses(sample, questionnaires, 5, 0, model=model)
    with pytest.raises(ValueError, match="no questionnaire given for audience 'employer'"):
        simulate_responses(
            frame.iloc[-10:], {"client": questionnaires["client"]}, 1, 0, model=model
        )
