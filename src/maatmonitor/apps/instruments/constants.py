"""Choices of the instruments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    IN_USE = "in_use", _("In gebruik")  # a wave uses it: immutable from here on
    RETIRED = "retired", _("Niet meer in gebruik")


class ItemChange(models.TextChoices):
    UNCHANGED = "unchanged", _("Ongewijzigd")
    ADDED = "added", _("Nieuw")
    REWORDED = "reworded", _("Herschreven")
    CHANGED = "changed", _("Antwoorden of routering gewijzigd")
