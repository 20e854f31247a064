"""Choices of the follow-up app: signal statuses and steps, sources, initiative statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.core.codes import JOURNEYS


class SignalStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    SEEN = "seen", _("Gezien")
    HEARD = "heard", _("Gehoord")
    HELPED = "helped", _("Geholpen")
    CLOSED = "closed", _("Gesloten")


class SignalStep(models.TextChoices):
    RECEIVE = "receive", _("Ontvangen")
    ACKNOWLEDGE = "acknowledge", _("Gezien: ontvangst bevestigd")
    ASSESS = "assess", _("Gehoord: beoordeeld en toegewezen")
    RESOLVE = "resolve", _("Geholpen: opgelost en antwoord gestuurd")
    CLOSE = "close", _("Gesloten met reden")
    REOPEN = "reopen", _("Heropend")


class SignalSource(models.TextChoices):
    CLIENT = "client", _("Cliënt of werkgever zelf")
    COUNCIL = "council", _("Cliëntenraad")
    STAFF = "staff", _("Medewerker namens een cliënt")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


class Dimension(models.TextChoices):
    MENS = "mens", _("Ziet mij als mens")
    REDELIJK = "redelijk", _("Is redelijk")
    HELPT = "helpt", _("Helpt")
    SIMPEL = "simpel", _("Houdt het simpel")


JOURNEY_CHOICES = [(j.code, j.nl) for js in JOURNEYS.values() for j in js]

# step -> (statuses it may start from, status it leads to, what the step must record)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    SignalStep.ACKNOWLEDGE: ((SignalStatus.RECEIVED,), SignalStatus.SEEN),
    SignalStep.ASSESS: ((SignalStatus.SEEN,), SignalStatus.HEARD),
    SignalStep.RESOLVE: ((SignalStatus.HEARD,), SignalStatus.HELPED),
    SignalStep.CLOSE: (
        (SignalStatus.RECEIVED, SignalStatus.SEEN, SignalStatus.HEARD),
        SignalStatus.CLOSED,
    ),
    # Reopening goes back to "gezien": the submitter already had an acknowledgement.
    SignalStep.REOPEN: ((SignalStatus.HELPED, SignalStatus.CLOSED), SignalStatus.SEEN),
}
OPEN_STATUSES = (SignalStatus.RECEIVED, SignalStatus.SEEN, SignalStatus.HEARD)
# Steps whose note is required, with what the note must say.
NOTE_REQUIRED = {
    SignalStep.ASSESS: _("Schrijf wat er gaat gebeuren; dit hoort de melder."),
    SignalStep.RESOLVE: _("Schrijf het antwoord aan de melder."),
    SignalStep.CLOSE: _("Geef de reden van sluiten."),
    SignalStep.REOPEN: _("Geef de reden van heropenen."),
}
