"""Issue (or with --rotate replace) the API token of a user: ``manage.py issue_api_token NAME``.

The token carries the user's roles; only the key is printed, nothing else about the user.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Geef een API-token uit voor een gebruiker (zelfde rollen als in de webapplicatie)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Vervang een bestaand token door een nieuw."
        )

    def handle(self, *args, username: str, rotate: bool = False, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"gebruiker {username!r} bestaat niet") from exc
        if not user.is_active:
            raise CommandError(f"gebruiker {username!r} is niet actief")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if not created:
            self.stderr.write("Bestaand token (gebruik --rotate voor een nieuw):")
        self.stdout.write(token.key)
