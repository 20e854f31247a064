"""One stored analysis of a wave. The result is the JSON of a ``core.stats.WaveAnalysis``, with
disclosure control already applied inside it, so what is stored can be shown as it is."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.waves.models import Wave


class AnalysisRun(models.Model):
    """An analysis of one wave; the newest run is the current result (older runs stay as audit)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="analysis_runs")
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.JSONField(_("uitkomst"))
    n_respondents = models.PositiveIntegerField(_("respondenten"))

    class Meta:
        verbose_name = _("analyse")
        verbose_name_plural = _("analyses")
        ordering = ["wave", "-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.wave} - {self.created_at:%Y-%m-%d %H:%M}"
