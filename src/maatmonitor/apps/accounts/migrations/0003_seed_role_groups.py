"""Seed a group per role (issue #8). The post_migrate hook keeps them complete afterwards: see
docs/adr/0003 for why both exist."""

from django.db import migrations


def seed(apps, schema_editor):
    from maatmonitor.apps.accounts.services import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_loginfailure_auditevent_districtassignment"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
