"""Redact and code signals that are not coded yet (when coding on submit is switched off)."""

from django.core.management.base import BaseCommand

from maatmonitor.apps.followup.services import code_pending_signals


class Command(BaseCommand):
    help = "Codeer signalen die nog geen onderwerpen hebben (zelfde codeframe als de verhalen)."

    def handle(self, *args, **options):
        self.stdout.write(f"{code_pending_signals()} signalen gecodeerd.")
