"""Reads of results: the current analysis of a wave, as a ``WaveAnalysis``.

Results hold no personal data and every figure carries its own disclosure control, so reading
them needs no role scoping beyond what the calling view or command already checks.
"""

from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.stats.wave_result import WaveAnalysis

from .models import AnalysisRun


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
