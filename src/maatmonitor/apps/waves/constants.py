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
