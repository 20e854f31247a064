"""Create (or reset) one demo account per role and print them; refused unless DEBUG is on."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maatmonitor.apps.accounts.constants import DISTRICT_NAMES, Role
from maatmonitor.apps.accounts.models import User
from maatmonitor.apps.accounts.services import assign_districts, sync_role_groups

DEMO_PASSWORD = "menselijke-maat-demo"
# username -> (role, districts)
DEMO_USERS = {
    "onderzoeker": (Role.RESEARCHER, ()),
    "verbinding-oost": (Role.LIAISON_OFFICER, ("oost",)),
    "clientenraad-oost": (Role.COUNCIL_MEMBER, ("oost",)),
    "behandelaar-oost": (Role.SIGNAL_HANDLER, ("oost",)),
    "beheerder": (Role.ADMINISTRATOR, ()),
}


class Command(BaseCommand):
    help = "Maak demo-accounts voor elke rol (alleen in de ontwikkelomgeving)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo-accounts alleen met DEBUG aan (ontwikkelomgeving).")
        groups = sync_role_groups()
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for username, (role, districts) in DEMO_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMINISTRATOR  # the admin site needs is_staff
            user.save()
            user.groups.set([groups[role.value]])
            assign_districts(user, districts)
            where = ", ".join(DISTRICT_NAMES[d] for d in districts) or "alle districten"
            self.stdout.write(f"  {username:<20} {role.label} ({where})")
