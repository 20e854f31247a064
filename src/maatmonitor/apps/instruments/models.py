"""Questionnaire versions as imported from the YAML definition (core.instrument)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import ItemChange, VersionStatus


class Questionnaire(models.Model):
    """A questionnaire over its versions, e.g. 'mmm-clients'."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    audience = models.CharField(_("doelgroep"), max_length=16)
    title = models.CharField(_("titel"), max_length=200)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire; immutable once a wave uses it."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions"
    )
    version = models.CharField(_("versie"), max_length=32)
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    content_hash = models.CharField(_("inhoudshash"), max_length=64)
    source_yaml = models.TextField(_("YAML-bron"))
    definition = models.JSONField(_("definitie"))
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_versions"
    )
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vragenlijstversie")
        verbose_name_plural = _("vragenlijstversies")
        ordering = ["questionnaire__slug", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "version"], name="instruments_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.slug} {self.version}"

    def save(self, *args, **kwargs) -> None:
        # Immutability is enforced here, not only in services, so the admin cannot bypass it.
        if self.pk:
            stored = QuestionnaireVersion.objects.filter(pk=self.pk).values(
                "status", "content_hash", "source_yaml"
            )[:1]
            if stored:
                old = stored[0]
                changed = (
                    old["content_hash"] != self.content_hash
                    or old["source_yaml"] != self.source_yaml
                )
                if old["status"] != VersionStatus.DRAFT and changed:
                    raise ValidationError(
                        _("Versie %(v)s is in gebruik en kan niet meer veranderen."),
                        params={"v": str(self)},
                    )
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status != VersionStatus.DRAFT


class Item(models.Model):
    """A question of one version, denormalised for browsing, comments and trend comparability."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="items"
    )
    item_id = models.CharField(_("vraagcode"), max_length=64)
    position = models.PositiveIntegerField(_("volgorde"))
    kind = models.CharField(_("soort"), max_length=16)
    dimension = models.CharField(_("dimensie"), max_length=32, blank=True)
    page = models.CharField(_("pagina"), max_length=64, blank=True)
    text_nl = models.TextField(_("tekst (Nederlands)"))
    text_en = models.TextField(_("tekst (Engels)"))
    comparable = models.BooleanField(
        _("vergelijkbaar met vorige versie"),
        default=False,
        help_text=_("Alleen vergelijkbare vragen tellen mee in trends."),
    )
    change = models.CharField(
        _("wijziging"), max_length=16, choices=ItemChange.choices, default=ItemChange.ADDED
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item_id"], name="instruments_unique_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ({self.version})"


class ItemComment(models.Model):
    """A client-council member's comment on a draft item, visible to researchers."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="item_comments"
    )
    text = models.TextField(_("opmerking"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking bij vraag")
        verbose_name_plural = _("opmerkingen bij vragen")
        ordering = ["item", "created_at"]

    def __str__(self) -> str:
        return f"{self.item.item_id}: {self.text[:40]}"
