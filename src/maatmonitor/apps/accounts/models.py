"""The project's own user model, in place from the first migration so roles can grow on it."""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member, researcher, liaison officer, council member or administrator."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
