"""Send the daily digest of overdue and nearly-due signals to handlers (run from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from maatmonitor.apps.followup.digest import send_digests


class Command(BaseCommand):
    help = "Stuur behandelaars het dagoverzicht van signalen die (bijna) te laat zijn."

    def handle(self, *args, **options):
        sent = send_digests(timezone.localdate())
        self.stdout.write(f"Dagoverzicht verstuurd aan {sent} behandelaars.")
