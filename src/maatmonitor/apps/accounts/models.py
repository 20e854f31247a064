"""The project's own user model, the districts a user is scoped to, login failures and the
audit log of who viewed or exported what."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import DISTRICT_CHOICES, AuditAction


class User(AbstractUser):
    """A staff member, researcher, liaison officer, council member or administrator."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class DistrictAssignment(models.Model):
    """A district a liaison officer, council member (council = district) or handler works for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="district_assignments"
    )
    district = models.CharField(_("district"), max_length=32, choices=DISTRICT_CHOICES)

    class Meta:
        verbose_name = _("districtstoewijzing")
        verbose_name_plural = _("districtstoewijzingen")
        ordering = ["user", "district"]
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="accounts_unique_district")
        ]
        # Capabilities that belong to no single model live here, next to the scoping.
        permissions = [
            ("view_district_dashboard", _("Mag het districtsdashboard zien")),
            ("view_national_dashboard", _("Mag het landelijk overzicht zien")),
            ("manage_own_totp", _("Mag een tweede inlogstap (TOTP) instellen")),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_district_display()}"


class LoginFailure(models.Model):
    """One failed login; counted per username and address to lock out password guessing.

    Kept in the database (not the cache) so the lockout holds across processes and restarts.
    """

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """Who viewed or exported what, and when; readable by administrators only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("gebruiker"), max_length=150)
    action = models.CharField(_("handeling"), max_length=32, choices=AuditAction.choices)
    obj_label = models.CharField(_("wat"), max_length=255)
    at = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.obj_label}"
