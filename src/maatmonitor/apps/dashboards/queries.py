"""Reads for the dashboards: which waves have something to show."""

from __future__ import annotations

from maatmonitor.apps.waves.models import Wave


def dashboard_waves():
    """Waves newest first (a dashboard may show any of them)."""
    return Wave.objects.select_related("questionnaire_version").order_by("-number", "audience")


def chosen_wave(raw: str | None):
    """The wave asked for with ``?meting=<id>``, else the newest wave that has an analysis."""
    from .figures import latest_analysis

    waves = dashboard_waves()
    if raw and raw.isdigit():
        wave = waves.filter(pk=int(raw)).first()
        if wave is not None:
            return wave
    for wave in waves[:12]:
        if latest_analysis(wave) is not None:
            return wave
    return waves.first()


def previous_wave(wave):
    return (
        Wave.objects.filter(audience=wave.audience, number__lt=wave.number)
        .order_by("-number")
        .first()
    )
