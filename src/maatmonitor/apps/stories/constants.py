"""Choices of the stories app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentimentChoice(models.TextChoices):
    POSITIVE = "positief", _("Positief")
    NEGATIVE = "negatief", _("Negatief")
    MIXED = "gemengd", _("Gemengd")
    NEUTRAL = "neutraal", _("Neutraal")


class CodedBy(models.TextChoices):
    RULE = "rule", _("Regels")
    MODEL = "model", _("Model")
    RESEARCHER = "researcher", _("Onderzoeker")


# Reviewing and correcting codes is the researcher's work (accounts.constants.ROLE_PERMISSIONS).
REVIEW_PERMISSIONS = ("stories.change_storyanswer",)
# Answers shown per page on the review screen.
PAGE_SIZE = 25
