"""Choices of the fieldwork app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseStatus(models.TextChoices):
    STARTED = "started", _("Begonnen")
    COMPLETED = "completed", _("Afgerond")


class ResponseSource(models.TextChoices):
    WEB = "web", _("Webvragenlijst")
    SIMULATED = "simulated", _("Gesimuleerd (demo)")


class InvitationKind(models.TextChoices):
    INVITATION = "invitation", _("Uitnodiging")
    REMINDER = "reminder", _("Herinnering")


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")


class InvitationStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    SENT = "sent", _("Verstuurd")
    BOUNCED = "bounced", _("Onbestelbaar")


class EventKind(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    REMINDED = "reminded", _("Herinnerd")
    STARTED = "started", _("Begonnen")
    COMPLETED = "completed", _("Afgerond")
    OPTED_OUT = "opted_out", _("Afgemeld")
    BOUNCED = "bounced", _("Onbestelbaar")


# The lengths of the stored keyed hashes (hex of HMAC-SHA256).
HASH_LENGTH = 64
