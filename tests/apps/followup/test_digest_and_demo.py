"""The daily digest to handlers and the demo accounts of `make serve`."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.accounts.queries import districts_for
from maatmonitor.apps.followup import services
from maatmonitor.apps.followup.digest import send_digests
from tests.factories_loop import user_in

pytestmark = pytest.mark.django_db


def test_digest_goes_only_to_handlers_with_work_due_in_their_districts():
    oost = user_in(Role.SIGNAL_HANDLER, ["oost"], email="oost@example.org")
    user_in(Role.SIGNAL_HANDLER, ["noord"], email="noord@example.org")
    at = timezone.make_aware(datetime(2026, 11, 16, 10))
    late = services.create_signal(description="x", district="oost", source="client", now=at)
    assert send_digests(date(2026, 11, 23)) == 1
    (message,) = mail.outbox
    assert message.to == [oost.email]
    assert "1 te laat" in message.subject
    assert late.reference in message.body
    assert "x" not in message.body.split()  # no signal text in mail, only references


def test_demo_accounts_only_with_debug(settings, capsys):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_accounts")
    settings.DEBUG = True
    call_command("demo_accounts")
    out = capsys.readouterr().out
    assert "verbinding-oost" in out
    assert "behandelaar-oost" in out
    from maatmonitor.apps.accounts.models import User

    officer = User.objects.get(username="verbinding-oost")
    assert districts_for(officer) == {"oost"}
    assert officer.check_password("menselijke-maat-demo")
