"""Write API of results: store an analysis of a wave."""

from django.db import transaction

from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.stats.wave_result import WaveAnalysis

from .models import AnalysisRun


@transaction.atomic
def store_analysis(wave: Wave, analysis: WaveAnalysis, user=None) -> AnalysisRun:
    """Store ``analysis`` as the newest run of ``wave``; refuses an analysis of another audience."""
    if analysis.audience != wave.audience:
        raise ValueError(
            f"analyse voor doelgroep {analysis.audience!r} past niet bij meting {wave} "
            f"({wave.audience})"
        )
    return AnalysisRun.objects.create(
        wave=wave,
        created_by=user,
        result=analysis.to_dict(),
        n_respondents=analysis.n_respondents,
    )
