"""Reads of results: the current analysis of a wave, as a ``WaveAnalysis``.

Results hold no personal data and every figure carries its own disclosure control, so reading
them needs no role scoping beyond what the calling view or command already checks.
"""

import logging

import pandas as pd
from django.core.cache import cache

from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.reporting.build import Respondents
from maatmonitor.core.stats.wave_result import WaveAnalysis

from .models import AnalysisRun

log = logging.getLogger(__name__)


def latest_run(wave: Wave) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(wave=wave).order_by("-created_at", "-id").first()


def latest_analysis(wave: Wave) -> WaveAnalysis | None:
    """The newest stored analysis of ``wave`` (None when it was never analysed)."""
    run = latest_run(wave)
    return None if run is None else WaveAnalysis.from_dict(run.result)


def previous_wave_analysis(wave: Wave) -> WaveAnalysis | None:
    """The newest analysis of the same audience's wave just before this one (for trends)."""
    earlier = (
        Wave.objects.filter(audience=wave.audience, number__lt=wave.number)
        .order_by("-number")
        .first()
    )
    return None if earlier is None else latest_analysis(earlier)


def respondents_for(wave: Wave) -> Respondents:
    """The wave's checked response frame with the analysis' own final weights (same function,
    same inputs as the analysis, so the weights are the analysis' weights)."""
    from maatmonitor.apps.fieldwork import queries as fieldwork
    from maatmonitor.apps.waves.models import PopulationMargin
    from maatmonitor.core.stats.inputs import StatsInputError, check_responses
    from maatmonitor.core.stats.pipeline import weights_for

    questionnaire = fieldwork.questionnaire_for(wave)
    responses = fieldwork.response_frame(wave)
    if responses.empty:
        raise StatsInputError(f"meting {wave}: geen antwoorden in de database")
    frame = check_responses(responses, questionnaire).frame
    design = fieldwork.design_frame(wave)
    margins = pd.DataFrame(
        list(PopulationMargin.objects.filter(wave=wave).values("variable", "category", "count")),
        columns=["variable", "category", "count"],
    )
    raked, _ = weights_for(frame.reset_index(drop=True), design, margins)
    return Respondents(frame.reset_index(drop=True), raked.weights, questionnaire, design)


def respondent_weights(wave: Wave) -> dict[str, float] | None:
    """Final weight per unit id of an analysed wave (None before its first analysis), kept in
    the cache per analysis run: dashboards ask for it on every page."""
    run = latest_run(wave)
    if run is None:
        return None
    key = f"respondent-weights:{wave.pk}:{run.pk}:{run.created_at.timestamp()}"
    weights: dict[str, float] | None = cache.get(key)
    if weights is None:
        try:
            respondents = respondents_for(wave)
        except ValueError as exc:
            # An analysis imported from a file has no responses here to weight: unweighted.
            log.warning("meting %s: geen gewichten voor de verhalen (%s)", wave, exc)
            return None
        units = respondents.responses["unit_id"].astype(str)
        weights = {u: float(w) for u, w in zip(units, respondents.weights, strict=True)}
        cache.set(key, weights, timeout=None)
    return weights
