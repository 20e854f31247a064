"""Remove contact details of signals closed longer ago than the retention period."""

from django.core.management.base import BaseCommand

from maatmonitor.apps.followup.services import contact_retention_days, purge_contact_details


class Command(BaseCommand):
    help = "Verwijder contactgegevens van afgeronde signalen na de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="bewaartermijn in dagen")

    def handle(self, *args, days=None, **options):
        days = contact_retention_days() if days is None else days
        count = purge_contact_details(days=days)
        self.stdout.write(
            f"Contactgegevens verwijderd bij {count} signalen (bewaartermijn {days} dagen)."
        )
