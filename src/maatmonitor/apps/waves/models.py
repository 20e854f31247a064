"""A wave per audience, with the draw that made its sample and the register margins to weight to."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.instruments.models import QuestionnaireVersion

from .constants import DEFAULT_REMINDER_DAYS, Audience, JobKind, JobStatus, WaveStatus


def _default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


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
    opens_on = models.DateField(_("veldwerk open vanaf"), null=True, blank=True)
    closes_on = models.DateField(
        _("veldwerk sluit na"),
        null=True,
        blank=True,
        help_text=_("De laatste dag waarop de vragenlijst nog kan worden ingevuld."),
    )
    reminder_days = models.JSONField(
        _("herinneringen (dagen na opening)"),
        default=_default_reminder_days,
        blank=True,
        help_text=_("Bijvoorbeeld [7, 14]: een herinnering 7 en 14 dagen na de opening."),
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
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

    def accepts_responses(self, on: date | None = None) -> bool:
        """True while the wave is in the field and `on` (default: today) lies in the field period."""
        if self.status != WaveStatus.FIELDING:
            return False
        day = on or timezone.localdate()
        if self.opens_on and day < self.opens_on:
            return False
        return not (self.closes_on and day > self.closes_on)

    def reminder_dates(self) -> list[date]:
        """The days on which reminders are due, from the opening date and the reminder schedule."""
        if not self.opens_on:
            return []
        return [self.opens_on + timedelta(days=int(d)) for d in self.reminder_days or []]


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


class WaveJob(models.Model):
    """A background job of a wave (sending, letter batches) with its progress, shown to researchers.

    The task queue runs the job; this row is what the pages poll, whatever backend runs it.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("soort"), max_length=16, choices=JobKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("totaal"), default=0)
    done = models.PositiveIntegerField(_("gedaan"), default=0)
    message = models.TextField(_("melding"), blank=True)
    output = models.CharField(_("uitvoer"), max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
