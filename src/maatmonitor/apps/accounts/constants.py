"""Roles of the monitor. Each role is a Django group seeded by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Onderzoeker")
    LIAISON_OFFICER = "liaison_officer", _("Verbindingsofficier")
    COUNCIL_MEMBER = "council_member", _("Lid cliëntenraad")
    SIGNAL_HANDLER = "signal_handler", _("Behandelaar signalen")
    ADMINISTRATOR = "administrator", _("Beheerder")


# Permissions (app_label.codename) each role holds. Later capabilities add their own.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.RESEARCHER: (
        "instruments.view_questionnaire",
        "instruments.view_questionnaireversion",
        "instruments.add_questionnaireversion",
        "instruments.view_item",
        "instruments.view_itemcomment",
        "waves.view_wave",
        "waves.add_wave",
        "waves.change_wave",
        "waves.view_populationmargin",
    ),
    Role.COUNCIL_MEMBER: (
        "instruments.view_questionnaireversion",
        "instruments.view_item",
        "instruments.add_itemcomment",
    ),
    Role.LIAISON_OFFICER: (),
    Role.SIGNAL_HANDLER: (),
    Role.ADMINISTRATOR: (),
}
