"""Signals (with their step history) and improvement initiatives linked to findings."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.accounts.constants import DISTRICT_CHOICES
from maatmonitor.apps.waves.constants import Audience

from .constants import (
    JOURNEY_CHOICES,
    OPEN_STATUSES,
    Dimension,
    InitiativeStatus,
    SignalSource,
    SignalStatus,
    SignalStep,
)


class Signal(models.Model):
    """Something that went wrong or well, raised by a client, a council member or staff."""

    description = models.TextField(_("wat is er gebeurd"), max_length=4000)
    # Redacted and coded with the stories' codeframe, for the dashboard next to survey topics.
    description_redacted = models.TextField(_("beschrijving zonder persoonsgegevens"), blank=True)
    topics = models.JSONField(_("onderwerpen"), default=list, blank=True)
    audience = models.CharField(
        _("doelgroep"), max_length=16, choices=Audience.choices, default=Audience.CLIENT
    )
    journey = models.CharField(_("klantreis"), max_length=32, choices=JOURNEY_CHOICES, blank=True)
    district = models.CharField(_("district"), max_length=32, choices=DISTRICT_CHOICES)
    source = models.CharField(_("gemeld door"), max_length=16, choices=SignalSource.choices)
    contact_name = models.CharField(_("naam"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=32, blank=True)
    consent_contact = models.BooleanField(_("toestemming om contact op te nemen"), default=False)
    contact_removed_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=SignalStatus.choices, default=SignalStatus.RECEIVED
    )
    team = models.CharField(_("team"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("ontvangen op"), db_index=True)
    acknowledge_due = models.DateField(_("gezien uiterlijk"))
    assess_due = models.DateField(_("gehoord uiterlijk"))
    resolve_due = models.DateField(_("geholpen uiterlijk"))
    seen_at = models.DateTimeField(null=True, blank=True)
    heard_at = models.DateTimeField(null=True, blank=True)
    helped_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(_("reden van sluiten"), blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"S-{self.pk:06d}" if self.pk else "S-nieuw"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_steps(self, today: date) -> list[str]:
        """The steps whose term has passed without the step being taken."""
        late = []
        if self.status == SignalStatus.RECEIVED and today > self.acknowledge_due:
            late.append(SignalStep.ACKNOWLEDGE)
        if self.status in (SignalStatus.RECEIVED, SignalStatus.SEEN) and today > self.assess_due:
            late.append(SignalStep.ASSESS)
        if self.is_open and today > self.resolve_due:
            late.append(SignalStep.RESOLVE)
        return late

    def next_due(self) -> date | None:
        """The due date of the next step to take (None when closed or helped)."""
        return {
            SignalStatus.RECEIVED: self.acknowledge_due,
            SignalStatus.SEEN: self.assess_due,
            SignalStatus.HEARD: self.resolve_due,
        }.get(self.status)


class SignalEvent(models.Model):
    """One step in a signal's life: who did what, when, and what they wrote."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("stap"), max_length=16, choices=SignalStep.choices)
    from_status = models.CharField(max_length=16, choices=SignalStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=SignalStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(_("door"), max_length=150, blank=True)
    at = models.DateTimeField(_("wanneer"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("stap van een signaal")
        verbose_name_plural = _("stappen van signalen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.step} {self.at:%Y-%m-%d %H:%M}"


class Initiative(models.Model):
    """An improvement initiative linked to a finding (dimension, topic, journey, district, wave)."""

    title = models.CharField(_("titel"), max_length=200)
    wave = models.ForeignKey(
        "waves.Wave",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("meting van de bevinding"),
    )
    dimension = models.CharField(
        _("dimensie"), max_length=16, choices=Dimension.choices, blank=True
    )
    topic = models.CharField(_("onderwerp"), max_length=64, blank=True)
    journey = models.CharField(_("klantreis"), max_length=32, choices=JOURNEY_CHOICES, blank=True)
    district = models.CharField(_("district"), max_length=32, choices=DISTRICT_CHOICES)
    finding = models.TextField(_("bevinding"), blank=True)
    owner = models.CharField(_("eigenaar"), max_length=150)
    planned_actions = models.TextField(_("geplande acties"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verbeterinitiatief")
        verbose_name_plural = _("verbeterinitiatieven")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
