from django.db import models
from django.utils.translation import gettext_lazy as _


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("In voorbereiding")
    FIELDING = "fielding", _("In het veld")
    CLOSED = "closed", _("Gesloten")
    ANALYSED = "analysed", _("Geanalyseerd")
    PUBLISHED = "published", _("Gepubliceerd")


class Audience(models.TextChoices):
    CLIENT = "client", _("Cliënten")
    EMPLOYER = "employer", _("Werkgevers")


# The guarded status machine: each status may move only to the next one.
NEXT_STATUS: dict[str, str] = {
    WaveStatus.DRAFT: WaveStatus.FIELDING,
    WaveStatus.FIELDING: WaveStatus.CLOSED,
    WaveStatus.CLOSED: WaveStatus.ANALYSED,
    WaveStatus.ANALYSED: WaveStatus.PUBLISHED,
}

# Reminders go out this many days after the field period opens, unless the wave says otherwise.
DEFAULT_REMINDER_DAYS = (7, 14)


class JobKind(models.TextChoices):
    INVITE = "invite", _("Uitnodigingen versturen")
    REMIND = "remind", _("Herinneringen versturen")
    LETTERS = "letters", _("Brieven maken")
    TRAIN_STORIES = "train_stories", _("Codering van verhalen trainen")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")
