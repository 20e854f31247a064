"""apps.results: storing an analysis and reading the latest one back (contract C2)."""

from __future__ import annotations

import dataclasses

import pytest

from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.results.models import AnalysisRun
from maatmonitor.apps.results.queries import (
    latest_analysis,
    previous_wave_analysis,
    respondent_weights,
)
from maatmonitor.apps.results.services import store_analysis
from maatmonitor.apps.waves.services import create_wave
from maatmonitor.core.instrument import shipped_questionnaire_paths
from maatmonitor.core.stats.pipeline import analyse_wave
from tests.cli.test_analyse_cli import stored_wave  # noqa: F401 (fixture)
from tests.core.stats.synthwave import synth_wave

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def analysis():
    w = synth_wave(fraction=0.05, seed=4)
    return analyse_wave(w.responses, w.design, w.margins, w.questionnaire, bootstrap=5, wave="x")


@pytest.fixture
def waves():
    version = import_questionnaire_file(shipped_questionnaire_paths()["client"]).version
    return create_wave("2026-1", 1, "client", version), create_wave("2026-2", 2, "client", version)


def test_store_and_read_back_exactly(waves, analysis, researcher):
    first, second = waves
    assert latest_analysis(first) is None
    run = store_analysis(first, analysis, user=researcher)
    assert run.created_by == researcher
    assert run.n_respondents == analysis.n_respondents
    run.refresh_from_db()  # through the database's JSON
    assert latest_analysis(first) == analysis
    assert previous_wave_analysis(second) == analysis
    assert previous_wave_analysis(first) is None


def test_the_newest_run_is_the_current_result(waves, analysis):
    first, _ = waves
    store_analysis(first, analysis)
    newer = dataclasses.replace(analysis, wave="rerun")
    store_analysis(first, newer)
    assert AnalysisRun.objects.filter(wave=first).count() == 2
    assert latest_analysis(first).wave == "rerun"


def test_an_analysis_of_another_audience_is_refused(waves, analysis):
    first, _ = waves
    with pytest.raises(ValueError, match="doelgroep 'employer'"):
        store_analysis(first, dataclasses.replace(analysis, audience="employer"))


def test_respondent_weights_are_the_analysis_weights(stored_wave, analysis):  # noqa: F811
    wave, synth = stored_wave
    assert respondent_weights(wave) is None  # not analysed yet
    store_analysis(wave, analysis)
    weights = respondent_weights(wave)
    assert weights is not None
    from maatmonitor.apps.fieldwork.queries import response_frame

    respondents = set(response_frame(wave)["unit_id"].astype(str))
    assert set(weights) == respondents
    assert respondents <= set(synth.responses["unit_id"].astype(str))
    # raked to the register: the weights add up to the population size
    assert sum(weights.values()) == pytest.approx(
        synth.margins.groupby("variable")["count"].sum().iloc[0]
    )
    assert respondent_weights(wave) == weights  # cached per analysis run


def test_respondent_weights_without_responses_are_none(waves, analysis):
    first, _ = waves
    store_analysis(first, analysis)
    assert respondent_weights(first) is None
