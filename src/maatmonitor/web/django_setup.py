"""Start Django from the CLI when a command needs the database."""

import os


def setup_django(settings: str = "maatmonitor.web.settings.dev", *, migrate: bool = False) -> None:
    """Configure Django once; optionally bring the database schema up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django
    from django.conf import settings as dj_settings

    django.setup()
    if migrate:
        from django.core.management import call_command

        db_name = dj_settings.DATABASES["default"]["NAME"]
        if dj_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            from pathlib import Path

            Path(str(db_name)).parent.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
