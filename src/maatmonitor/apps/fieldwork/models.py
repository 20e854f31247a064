"""Sampled units of a wave, their responses, invitations, opt-outs and a fieldwork event log.

Personal codes are never stored: a unit keeps only keyed hashes (HMAC-SHA256 with a settings key) of
its personal code and its short letter code, see codes.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.waves.models import Wave

from .constants import (
    HASH_LENGTH,
    EventKind,
    InvitationChannel,
    InvitationKind,
    InvitationStatus,
    ResponseSource,
    ResponseStatus,
)


class SampleUnit(models.Model):
    """One sampled client or employer of a wave, with the register background used for weighting."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sample_units")
    unit_id = models.CharField(
        _("eenheid"), max_length=64, help_text=_("Pseudoniem uit het kader.")
    )
    stratum = models.CharField(_("stratum"), max_length=128)
    journey = models.CharField(_("klantreis"), max_length=32, blank=True)
    district = models.CharField(_("district"), max_length=32, blank=True)
    age_band = models.CharField(_("leeftijdsgroep"), max_length=16, blank=True)
    outcome = models.CharField(_("besluit"), max_length=16, blank=True)
    debt = models.BooleanField(_("vordering"), null=True, blank=True)
    size_class = models.CharField(_("grootteklasse"), max_length=16, blank=True)
    sector = models.CharField(_("sector"), max_length=32, blank=True)
    channel = models.CharField(_("kanaal"), max_length=16, blank=True)
    # Contact details only for sending; cleared when the wave's fieldwork ends.
    email = models.EmailField(_("e-mailadres"), blank=True)
    postal_address = models.TextField(_("postadres"), blank=True)
    # Random per unit; with the server's code key it derives the personal and letter code (codes.py).
    code_nonce = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=HASH_LENGTH, unique=True)
    letter_code_hash = models.CharField(max_length=HASH_LENGTH, unique=True)
    opted_out_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("steekproefeenheid")
        verbose_name_plural = _("steekproefeenheden")
        ordering = ["wave", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "unit_id"], name="fieldwork_unique_unit")
        ]
        indexes = [models.Index(fields=["wave", "stratum"], name="fieldwork_unit_stratum")]

    def __str__(self) -> str:
        return f"{self.unit_id} ({self.wave_id})"


class Response(models.Model):
    """The answers of one sampled unit; saved page by page, completed once."""

    unit = models.OneToOneField(SampleUnit, on_delete=models.CASCADE, related_name="response")
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    current_page = models.CharField(_("huidige pagina"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ResponseStatus.choices, default=ResponseStatus.STARTED
    )
    source = models.CharField(max_length=16, choices=ResponseSource.choices, default="web")
    language = models.CharField(max_length=8, blank=True)
    started_at = models.DateTimeField(_("begonnen op"))
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # The token of the submit that completed the response; a replay with it is a no-op.
    submission_token = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        indexes = [models.Index(fields=["status"], name="fieldwork_response_status")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.status}"


class Invitation(models.Model):
    """One invitation or reminder sent to a unit by e-mail or letter."""

    unit = models.ForeignKey(SampleUnit, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(_("soort"), max_length=16, choices=InvitationKind.choices)
    channel = models.CharField(_("kanaal"), max_length=16, choices=InvitationChannel.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.QUEUED,
    )
    batch = models.CharField(_("batch"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["unit", "created_at"]
        indexes = [models.Index(fields=["kind", "status"], name="fieldwork_invitation_state")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.channel} {self.status}"


class OptOut(models.Model):
    """A unit that asked not to be surveyed; remembered per audience so later frames exclude it."""

    audience = models.CharField(_("doelgroep"), max_length=16)
    unit_id = models.CharField(_("eenheid"), max_length=64)
    wave = models.ForeignKey(
        Wave, on_delete=models.SET_NULL, null=True, blank=True, related_name="opt_outs"
    )
    opted_out_at = models.DateTimeField(_("afgemeld op"))

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["audience", "unit_id"], name="fieldwork_unique_optout")
        ]

    def __str__(self) -> str:
        return f"{self.audience}:{self.unit_id}"


class FieldworkEvent(models.Model):
    """What happened to a unit and when: the basis of response per stratum and per day."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="fieldwork_events")
    unit = models.ForeignKey(
        SampleUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("veldwerkgebeurtenis")
        verbose_name_plural = _("veldwerkgebeurtenissen")
        ordering = ["at"]
        indexes = [models.Index(fields=["wave", "kind", "at"], name="fieldwork_event_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"
