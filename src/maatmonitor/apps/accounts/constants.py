"""Roles of the monitor. Each role is a Django group seeded by a data migration (and kept in
line after every migrate, see ADR 0003)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maatmonitor.core.codes import DISTRICTS


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Onderzoeker")
    LIAISON_OFFICER = "liaison_officer", _("Verbindingsofficier")
    COUNCIL_MEMBER = "council_member", _("Lid cliëntenraad")
    SIGNAL_HANDLER = "signal_handler", _("Behandelaar signalen")
    ADMINISTRATOR = "administrator", _("Beheerder")


class AuditAction(models.TextChoices):
    EXPORT = "export", _("Export gemaakt")
    VIEW_RAW_STORY = "view_raw_story", _("Onbewerkt verhaal bekeken")
    VIEW_RESPONDENT_FILE = "view_respondent_file", _("Respondentbestand bekeken")
    VIEW_CONTACT = "view_contact", _("Contactgegevens bekeken")
    VIEW_DASHBOARD = "view_dashboard", _("Dashboard bekeken")


# District codes with their (proper-noun) names, for model choices.
DISTRICT_CHOICES = [(d.code, d.nl) for d in DISTRICTS]
DISTRICT_NAMES = dict(DISTRICT_CHOICES)

# Roles whose users see only the districts assigned to them (DistrictAssignment).
SCOPED_ROLES = (Role.LIAISON_OFFICER, Role.COUNCIL_MEMBER, Role.SIGNAL_HANDLER)
# Roles that may (and are encouraged to) protect their login with a TOTP second factor.
TOTP_ROLES = (Role.RESEARCHER, Role.ADMINISTRATOR)

# Login lockout: this many failures for one username from one address within the window lock it.
LOCKOUT_FAILURES = 5
LOCKOUT_MINUTES = 15

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
        "accounts.view_district_dashboard",
        "accounts.view_national_dashboard",
        "accounts.manage_own_totp",
        "followup.view_initiative",
        "followup.add_initiative",
        "followup.change_initiative",
        "stories.view_storyanswer",
        "stories.change_storyanswer",
    ),
    Role.COUNCIL_MEMBER: (
        "instruments.view_questionnaireversion",
        "instruments.view_item",
        "instruments.add_itemcomment",
        "followup.add_signal",
        "followup.view_signal",
    ),
    Role.LIAISON_OFFICER: (
        "accounts.view_district_dashboard",
        "followup.view_initiative",
        "followup.add_initiative",
        "followup.change_initiative",
    ),
    Role.SIGNAL_HANDLER: (
        "followup.add_signal",
        "followup.view_signal",
        "followup.change_signal",
    ),
    Role.ADMINISTRATOR: (
        "accounts.view_auditevent",
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_districtassignment",
        "accounts.add_districtassignment",
        "accounts.change_districtassignment",
        "accounts.delete_districtassignment",
        "accounts.manage_own_totp",
    ),
}
