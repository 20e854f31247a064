"""Open answers of a wave: the redacted, coded story and, apart, the raw text.

`RawStory` is its own table so that no list or summary query of `StoryAnswer` ever loads the
raw text; only the researcher's explicit "toon origineel" view reads it (audit-logged).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.apps.waves.models import Wave

from .constants import CodedBy, SentimentChoice


class Topic(models.Model):
    """One code of the editable codeframe (seeded from the shipped default)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_nl = models.CharField(_("label (nl)"), max_length=120)
    label_en = models.CharField(_("label (en)"), max_length=120)
    description_nl = models.TextField(_("omschrijving (nl)"), blank=True)
    description_en = models.TextField(_("omschrijving (en)"), blank=True)
    audiences = models.JSONField(_("doelgroepen"), default=list)
    cues = models.JSONField(_("signaalwoorden"), default=dict, blank=True)
    patterns = models.JSONField(_("patronen"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label_nl


class StoryAnswer(models.Model):
    """One redacted open answer with its codes and the respondent's domain variables."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="stories")
    unit_id = models.CharField(_("eenheid"), max_length=64)
    question_id = models.CharField(_("vraag"), max_length=64)
    text = models.TextField(_("tekst (geanonimiseerd)"))
    language = models.CharField(_("taal"), max_length=2)
    topics = models.JSONField(_("onderwerpen"), default=list)
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=SentimentChoice.choices)
    coded_by = models.CharField(
        _("gecodeerd door"), max_length=10, choices=CodedBy.choices, default=CodedBy.RULE
    )
    pii_types = models.JSONField(_("soorten persoonsgegevens"), default=list)
    journey = models.CharField(max_length=32, blank=True)
    district = models.CharField(max_length=32, blank=True)
    age_band = models.CharField(max_length=16, blank=True)
    outcome = models.CharField(max_length=32, blank=True)
    debt = models.BooleanField(null=True)
    size_class = models.CharField(max_length=16, blank=True)
    headline = models.PositiveSmallIntegerField(_("totaalvraag"), null=True, blank=True)
    headline_strong = models.BooleanField(_("(zeer) sterk op de totaalvraag"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")
        ordering = ["wave", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "unit_id", "question_id"], name="stories_unique_answer"
            )
        ]
        indexes = [models.Index(fields=["wave", "district"])]

    def __str__(self) -> str:
        return f"{self.wave} {self.question_id} #{self.pk}"


class RawStory(models.Model):
    """The answer as the respondent typed it: researcher-only, never used downstream."""

    answer = models.OneToOneField(StoryAnswer, on_delete=models.CASCADE, related_name="raw")
    raw_text = models.TextField(_("oorspronkelijke tekst"))

    class Meta:
        verbose_name = _("oorspronkelijk verhaal")
        verbose_name_plural = _("oorspronkelijke verhalen")

    def __str__(self) -> str:
        return f"raw #{self.answer_id}"


class StoryCorrection(models.Model):
    """A researcher's correction of an answer's codes; the training data of the model."""

    answer = models.ForeignKey(StoryAnswer, on_delete=models.CASCADE, related_name="corrections")
    topics = models.JSONField(_("onderwerpen"))
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=SentimentChoice.choices)
    previous_topics = models.JSONField(default=list)
    previous_sentiment = models.CharField(max_length=10, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"correctie #{self.answer_id}"


class TrainingRun(models.Model):
    """One training of the learned coder with its cross-validated quality next to the rules."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="story_trainings")
    n_examples = models.PositiveIntegerField()
    n_corrections = models.PositiveIntegerField()
    model_topic_f1 = models.FloatField()
    rule_topic_f1 = models.FloatField()
    model_sentiment_accuracy = models.FloatField()
    rule_sentiment_accuracy = models.FloatField()
    recoded = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"training {self.wave} {self.created_at:%Y-%m-%d %H:%M}"
