"""`analyse_wave` (contract C2) on a wave of the project's synthetic population."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.instrument import Changes
from maatmonitor.core.stats import RakingError, StatsInputError, estimate, rake
from maatmonitor.core.stats.pipeline import analyse_wave, monitor_spec, weights_for
from maatmonitor.core.stats.wave_result import WaveAnalysis
from tests.core.stats.synthwave import synth_wave


@pytest.fixture(scope="module")
def wave():
    return synth_wave(fraction=0.1, seed=1)


@pytest.fixture(scope="module")
def result(wave):
    return analyse_wave(
        wave.responses, wave.design, wave.margins, wave.questionnaire, bootstrap=30, wave="w1"
    )


def test_weights_sum_to_n_and_hit_every_margin(wave):
    raked, report = weights_for(wave.responses, wave.design, wave.margins)
    assert raked.weights.sum() == pytest.approx(len(wave.population), rel=1e-10)
    for var in ("district", "journey", "age_band", "outcome"):
        got = pd.Series(raked.weights).groupby(wave.responses[var].to_numpy()).sum()
        want = wave.population[var].value_counts()
        np.testing.assert_allclose(got.sort_index(), want.sort_index(), rtol=1e-8)
    # before raking: N_h / r_h per stratum, summing to N
    nr = report["nonresponse_adjusted"]
    assert nr["total"] == pytest.approx(len(wave.population), rel=1e-12)
    assert report["raking"]["converged"]
    assert report["raking"]["iterations"] >= 1
    assert report["final"]["kish_deff"] > 1.0
    assert report["final"]["effective_n"] < len(wave.responses)


def test_headline_equals_direct_estimate_on_the_raked_design(wave, result):
    raked, _ = weights_for(wave.responses, wave.design, wave.margins)
    overall = wave.responses["overall"].to_numpy()
    y = np.where(np.isnan(overall), np.nan, np.isin(overall, (4, 5)) * 1.0)
    direct = estimate(raked, y, "proportion", variable="headline")
    assert result.headline.value == pytest.approx(direct.value, rel=1e-12)
    assert result.headline.se == pytest.approx(direct.se, rel=1e-12)
    assert result.headline.ci_low < result.headline.value < result.headline.ci_high
    # unweighted beside it: the plain share of the respondents
    assert result.unweighted_headline.value == pytest.approx(np.nanmean(y), rel=1e-12)


def test_every_domain_variable_present_gets_every_figure(result, wave):
    assert result.domain_variables == ("journey", "district", "age_band", "outcome", "debt")
    variables = {e.variable for e in result.national()}
    assert variables == {
        "headline", "satisfaction", "satisfied",
        *(f"{k}:{d}" for d in ("mens", "redelijk", "helpt", "simpel") for k in ("score", "agree")),
    }  # fmt: skip
    for by in result.domain_variables:
        cats = set(wave.responses[by].dropna().astype(str).str.replace(".0", "", regex=False))
        for var in variables:
            cells = result.domain(var, by)
            assert {e.domain[0][1] for e in cells} == cats, (var, by)
    # domain totals add up: weighted n of the categories = the national weighted n
    cells = result.domain("headline", "district")
    shown = [e for e in cells if not e.suppressed]
    if len(shown) == len(cells):
        assert sum(e.weighted_n for e in shown) == pytest.approx(result.headline.weighted_n)


def test_small_cells_are_hidden_with_complementary_suppression(wave):
    # only 8 respondents with debt: that cell is hidden, and the other one too (else the hidden
    # one follows from the national figure)
    small = wave.responses.copy()
    small["debt"] = 0.0
    small.loc[:7, "debt"] = 1.0
    res = analyse_wave(small, wave.design, wave.margins, wave.questionnaire, bootstrap=0)
    cells = {e.domain[0][1]: e for e in res.domain("headline", "debt")}
    assert cells["1"].suppressed
    assert cells["1"].reason == "min_n"
    assert cells["1"].value is None
    assert cells["1"].n is None
    assert cells["0"].suppressed
    assert cells["0"].reason == "complementary"
    tests = {c.group[-1][1]: c for t in res.comparisons for c in t if c.variable == "headline"}
    assert tests["1"].suppressed
    assert tests["1"].p_value is None
    assert '"value": null' in json.dumps(
        [e for e in res.to_dict()["domains"] if e["domain"] == [["debt", "1"]]]
    )
    table = res.to_tables()["domain_debt"]
    assert table.value.isna().all()
    assert table.n.isna().all()


def test_benjamini_hochberg_runs_over_every_test(result):
    shown = [c for c in result.all_tests() if not c.suppressed]
    assert len(shown) > 100
    assert all(c.q_value is not None and c.q_value >= c.p_value for c in shown)
    # BH over all tables together: the smallest q equals min over k of p_(k) * m / k
    p = np.sort([c.p_value for c in shown])
    m = len(p)
    assert min(c.q_value for c in shown) == pytest.approx(
        np.min(p * m / np.arange(1, m + 1)), rel=1e-12
    )


def test_json_round_trip_is_exact(result):
    text = result.to_json()
    back = WaveAnalysis.from_json(text)
    assert back == result
    assert back.to_json() == text
    json.loads(text)  # standard JSON: no NaN or Infinity literals
    assert "NaN" not in text
    assert "Infinity" not in text


def test_tidy_tables(result):
    tables = result.to_tables()
    assert {"national", "comparisons", "changes", "scales", "drivers", "weighting"} <= set(tables)
    national = tables["national"]
    assert list(national.variable[:1]) == ["headline"]
    for col in ("n", "value", "se", "ci_low", "ci_high", "flags", "unweighted_value"):
        assert col in national.columns
    district = tables["domain_district"]
    assert len(district) == 11 * len(result.national())
    assert len(tables["scales"]) == 4
    assert (tables["scales"].alpha > 0.5).all()
    assert tables["drivers"].shapley.sum() == pytest.approx(result.drivers.r2, rel=1e-9)


def test_scales_and_drivers(result):
    assert [s.dimension for s in result.scales] == ["mens", "redelijk", "helpt", "simpel"]
    assert all(0.5 < s.alpha < 1 and 0.5 < s.omega < 1 for s in result.scales)
    k = result.drivers
    assert k.outcome == "overall"
    assert k.replicates == 30
    assert sum(d.shapley for d in k.drivers) == pytest.approx(k.r2, rel=1e-9)
    assert all(d.shapley_ci[0] <= d.shapley <= d.shapley_ci[1] for d in k.drivers)


def test_changes_only_for_comparable_items(wave, result):
    second = synth_wave(fraction=0.1, seed=2, wave=2)
    q = wave.questionnaire
    # declare the "mens" statements reworded: not comparable with the previous wave
    comparable = tuple(
        x.id for x in q.questions if x.scale is not None and not x.id.startswith("mens_")
    )
    q2 = dataclasses.replace(q, changes=Changes(previous=q.version, comparable=comparable))
    res = analyse_wave(
        second.responses, second.design, second.margins, q2, previous=result, bootstrap=0
    )
    assert res.previous_wave == "w1"
    national = {c.variable: c for c in res.changes if c.group == ()}
    assert national["score:mens"].suppressed
    assert national["score:mens"].reason == "not_comparable"
    assert national["agree:mens"].difference is None
    h = national["headline"]
    assert not h.suppressed
    assert h.difference == pytest.approx(res.headline.value - result.headline.value, rel=1e-12)
    assert h.se == pytest.approx(math_hypot(res.headline.se, result.headline.se), rel=1e-12)
    assert h.q_value is not None
    assert [i.comparable for i in res.items if i.id == "mens_1"] == [False]
    # the changes of domain cells are there too
    assert any(c.group == (("district", "noord"),) for c in res.changes)


def math_hypot(a: float, b: float) -> float:
    return float(np.hypot(a, b))


def test_stratum_without_respondents_is_a_clear_error_when_collapsing_is_off(wave):
    r = wave.responses
    gone = r[r.stratum != "wajong:limburg"]
    with pytest.raises(StatsInputError, match=r"geen respondenten in stratum.*wajong:limburg"):
        weights_for(gone, wave.design, wave.margins, collapse_empty=False)


def test_stratum_without_respondents_is_collapsed_and_keeps_its_population(wave):
    r = wave.responses
    gone = r[r.stratum != "wajong:limburg"].reset_index(drop=True)
    raked, report = weights_for(gone, wave.design, wave.margins)
    assert len(report["collapsed_strata"]) == 1
    assert "wajong:limburg" in report["collapsed_strata"][0]
    assert "met wajong:" in report["collapsed_strata"][0]  # nearest: same journey
    assert raked.weights.sum() == pytest.approx(float(wave.design["N_h"].sum()), rel=1e-9)
    res = analyse_wave(gone, wave.design, wave.margins, wave.questionnaire, bootstrap=0)
    assert any("wajong:limburg" in note for note in res.method)


def test_inconsistent_margins_and_empty_cells_are_clear_errors(wave):
    m = wave.margins.copy()
    m.loc[m.variable == "age_band", "count"] += 100
    with pytest.raises(RakingError, match="niet op tot hetzelfde totaal"):
        weights_for(wave.responses, wave.design, m)
    m = pd.concat(
        [wave.margins, pd.DataFrame([{"variable": "outcome", "category": "other", "count": 5}])]
    )
    m.loc[m.variable != "outcome", "count"] *= 1  # totals differ by 5 -> fix by other margins
    m.loc[(m.variable == "district") & (m.category == "noord"), "count"] += 5
    m.loc[(m.variable == "journey") & (m.category == "wajong"), "count"] += 5
    m.loc[(m.variable == "age_band") & (m.category == "18_26"), "count"] += 5
    with pytest.raises(RakingError, match=r"lege cel in outcome.*'other'"):
        weights_for(wave.responses, wave.design, m)


def test_missing_register_value_names_the_unit(wave):
    r = wave.responses.copy()
    r.loc[3, "age_band"] = None
    with pytest.raises(StatsInputError, match=r"age_band ontbreekt.*unit_id \['C\d+'\]"):
        weights_for(r, wave.design, wave.margins)


def test_design_errors_name_the_row(wave):
    d = wave.design.copy()
    d.loc[2, "n_h"] = d.loc[2, "N_h"] + 1
    with pytest.raises(StatsInputError, match=r"design: rij 3 .*N_h >= n_h"):
        weights_for(wave.responses, d, wave.margins)
    with pytest.raises(StatsInputError, match="niet in het designbestand"):
        weights_for(wave.responses, wave.design.iloc[1:], wave.margins)


def test_trimming_bounds_the_weights_and_keeps_the_margins(wave):
    from maatmonitor.core.stats import TrimBounds

    raked, report = weights_for(
        wave.responses, wave.design, wave.margins, trim=TrimBounds(lower=0.5, upper=2.0)
    )
    mean = raked.weights.mean()
    assert raked.weights.max() <= 2.0 * mean * (1 + 1e-9)
    assert raked.weights.min() >= 0.5 * mean * (1 - 1e-9)
    got = pd.Series(raked.weights).groupby(wave.responses["district"].to_numpy()).sum()
    np.testing.assert_allclose(
        got.sort_index(), wave.population.district.value_counts().sort_index(), rtol=1e-8
    )
    assert report["raking"]["bounds"] == [0.5, 2.0]
    assert report["raking"]["trimmed_weights"] > 0  # the bound was reached, not idle


def test_spec_from_questionnaire(wave):
    spec = monitor_spec(wave.questionnaire)
    assert spec.dont_know == (9,)
    assert spec.valid_values == (1, 2, 3, 4, 5)
    assert spec.satisfaction_valid == tuple(range(1, 11))  # 9 is a grade, not "weet ik niet"
    assert spec.satisfied_from == 7
    assert spec.dimensions["mens"] == tuple(f"mens_{i}" for i in range(1, 6))


def test_rake_and_pipeline_agree(wave):
    # the pipeline's raked design is the package's rake() of N_h / r_h weights
    from maatmonitor.core.stats import SurveyDesign

    r = wave.responses
    big = wave.design.set_index("stratum").N_h
    r_h = r.stratum.value_counts()
    w0 = (big[r.stratum] / r_h[r.stratum].to_numpy()).to_numpy()
    base = SurveyDesign.from_arrays(w0, r.stratum, big[r.stratum].to_numpy())
    targets = {
        v: dict(zip(g.category, g["count"].astype(float), strict=True))
        for v, g in wave.margins.groupby("variable")
        if v in r.columns
    }
    direct, _ = rake(base, {v: r[v].astype(str) for v in targets}, targets)
    piped, _ = weights_for(r, wave.design, wave.margins)
    # same limit; margin order differs, so agreement is up to the convergence tolerance
    np.testing.assert_allclose(piped.weights, direct.weights, rtol=1e-7)
