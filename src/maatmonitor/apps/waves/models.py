"""A wave per audience, with the draw that made its sample and the register margins to weight to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.instruments.models import QuestionnaireVersion

from .constants import Audience, WaveStatus


class Wave(models.Model):
    """One half-yearly measurement of one audience, e.g. '2026-2' for clients."""

    code = models.CharField(_("meting"), max_length=32, help_text=_("Bijvoorbeeld 2026-2."))
    number = models.PositiveIntegerField(
        _("volgnummer"),
        help_text=_("Telt op per meting; verschuift het startpunt van de trekking."),
    )
    audience = models.CharField(_("doelgroep"), max_length=16, choices=Audience.choices)
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="waves"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    manifest = models.JSONField(_("trekkingsmanifest"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["-number", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["code", "audience"], name="waves_unique_code_audience")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_audience_display()})"

    def clean(self) -> None:
        if self.questionnaire_version_id and (
            self.questionnaire_version.questionnaire.audience != self.audience
        ):
            raise ValidationError(
                {"questionnaire_version": _("Deze vragenlijst is voor een andere doelgroep.")}
            )


class PopulationMargin(models.Model):
    """A register count (e.g. district=noord: 104 233) derived from the frame: a raking target."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="margins")
    variable = models.CharField(_("variabele"), max_length=32)
    category = models.CharField(_("categorie"), max_length=64)
    count = models.PositiveBigIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("populatieaantal")
        verbose_name_plural = _("populatieaantallen")
        ordering = ["wave", "variable", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "variable", "category"], name="waves_unique_margin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variable}={self.category}: {self.count}"
