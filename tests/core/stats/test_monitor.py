"""Monitor figures: item coding rules, dimension scores, headline and satisfaction link."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.stats import StatsInputError, SurveyDesign, rake, raw_estimate
from maatmonitor.core.stats.monitor import (
    MonitorSpec,
    items_by_dimension,
    monitor_figures,
    respondent_scores,
)
from tests.core.stats.synthetic import make_wave


def test_items_are_grouped_by_dimension_in_numeric_order():
    cols = ["mens_10", "mens_2", "redelijk_1", "overall", "helpt_1", "mensen_1"]
    assert items_by_dimension(cols) == {
        "mens": ("mens_2", "mens_10"),
        "redelijk": ("redelijk_1",),
        "helpt": ("helpt_1",),
    }


def test_scoring_rules_for_dont_know_and_missing_items():
    frame = pd.DataFrame(
        {
            "mens_1": [5, 9, 9, 2],
            "mens_2": [4, 4, 9, None],
            "mens_3": [3, 5, 9, 2],
            "overall": [4, 3, 9, 5],
            "satisfaction": [8, 6, 7, None],
        }
    )
    spec = MonitorSpec(dimensions={"mens": ("mens_1", "mens_2", "mens_3")})
    s = respondent_scores(frame, spec)
    np.testing.assert_allclose(s["score:mens"], [4.0, 4.5, np.nan, 2.0])
    np.testing.assert_allclose(s["agree:mens"], [1.0, 1.0, np.nan, 0.0])
    np.testing.assert_allclose(s["headline"], [1.0, 0.0, np.nan, 1.0])
    np.testing.assert_allclose(s["satisfied"], [1.0, 0.0, 1.0, np.nan])
    strict = MonitorSpec(dimensions=spec.dimensions, min_item_share=1.0)
    assert np.isnan(respondent_scores(frame, strict)["score:mens"][1])


def test_invalid_codes_name_column_and_row():
    frame = pd.DataFrame({"mens_1": [1, 7], "overall": [1, 1], "satisfaction": [5, 5]})
    with pytest.raises(StatsInputError, match=r"'mens_1'.*\[1\]"):
        respondent_scores(frame, MonitorSpec(dimensions={"mens": ("mens_1",)}))


@pytest.fixture(scope="module")
def figures():
    wave = make_wave(seed=21, n_pop=8000, per_stratum=80)
    s = wave.respondents
    base = SurveyDesign.from_arrays(s.w0, s.stratum, s.N_h)
    raked, _ = rake(base, {v: s[v] for v in wave.targets}, wave.targets)
    spec = MonitorSpec(dimensions=items_by_dimension(s.columns), satisfaction="grade")
    return wave, raked, spec, monitor_figures(raked, s, spec, by=("journey", "age_band"))


def test_headline_estimate_is_close_to_the_population_truth(figures):
    wave, _, _, figs = figures
    head = next(e for e in figs.estimates if e.variable == "headline" and e.domain == ())
    truth = (wave.population.overall >= 4).mean()
    assert head.ci_low - 0.03 < truth < head.ci_high + 0.03
    assert head.ci_method == "logit"
    assert head.kg_low is not None


def test_figures_cover_every_variable_and_domain(figures):
    wave, _raked, _, figs = figures
    names = {e.variable for e in figs.estimates}
    assert names == {"score:mens", "agree:mens", "headline", "satisfaction", "satisfied"}
    journeys = [
        e
        for e in figs.estimates
        if e.variable == "headline" and e.domain and e.domain[0][0] == "journey"
    ]
    assert sorted(e.domain[0][1] for e in journeys) == sorted(wave.respondents.journey.unique())
    # subgroup tables: one per variable per domain variable, plus the satisfaction link
    assert len(figs.comparisons) == 5 * 2 + 1


def test_satisfaction_link_matches_direct_domain_estimates(figures):
    wave, raked, _spec, figs = figures
    s = wave.respondents
    sat = (s.grade >= 7).astype(float).to_numpy()
    head = (s.overall >= 4).to_numpy()
    yes = next(e for e in figs.estimates if e.domain == (("headline", "yes"),))
    no = next(e for e in figs.estimates if e.domain == (("headline", "no"),))
    assert yes.value == pytest.approx(raw_estimate(raked, sat, "proportion", head).value)
    assert no.value == pytest.approx(raw_estimate(raked, sat, "proportion", ~head).value)
    link = figs.comparisons[-1][0]
    assert link.difference == pytest.approx(yes.value - no.value)
    assert link.difference > 0.2
