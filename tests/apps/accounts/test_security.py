"""District scoping, login lockout, TOTP second factor, the audit log and ``requires``."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from maatmonitor.apps.accounts.constants import LOCKOUT_FAILURES, AuditAction, Role
from maatmonitor.apps.accounts.models import AuditEvent
from maatmonitor.apps.accounts.permissions import PUBLIC, declared_permission, requires
from maatmonitor.apps.accounts.queries import districts_for
from maatmonitor.apps.accounts.services import assign_districts, audit
from tests.factories_loop import user_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def test_scoped_roles_see_their_districts_national_roles_all():
    officer = user_in(Role.LIAISON_OFFICER, ["oost", "noord"])
    assert districts_for(officer) == {"oost", "noord"}
    assign_districts(officer, ["limburg"])
    assert districts_for(officer) == {"limburg"}
    assert len(districts_for(user_in(Role.RESEARCHER))) == 11
    assert districts_for(user_in(Role.SIGNAL_HANDLER)) == frozenset()
    with pytest.raises(ValidationError, match="atlantis"):
        assign_districts(officer, ["atlantis"])


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_lockout_after_repeated_failures_per_username_and_address(client):
    user = user_in(Role.RESEARCHER)
    for _ in range(LOCKOUT_FAILURES):
        assert _login(client, user.username, "wrong").status_code == 200
    # the right password no longer works from this address ...
    assert _login(client, user.username, PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    # ... but does from another address
    assert _login(client, user.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_successful_login_clears_the_failures(client):
    user = user_in(Role.RESEARCHER)
    for _ in range(LOCKOUT_FAILURES - 1):
        _login(client, user.username, "wrong")
    assert _login(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(LOCKOUT_FAILURES - 1):
        _login(client, user.username, "wrong")
    assert _login(client, user.username, PASSWORD).status_code == 302


def test_totp_second_step_guards_pages_once_set_up(client):
    user = user_in(Role.RESEARCHER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert _login(client, user.username, PASSWORD).status_code == 302
    page = reverse("dashboards:index")
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    ok = client.post(reverse("accounts:otp_verify"), {"token": token, "next": page})
    assert ok.status_code == 302
    assert ok["Location"] == page
    assert client.get(page).status_code == 200


def test_wrong_totp_code_is_refused(client):
    user = user_in(Role.ADMINISTRATOR)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    wrong = client.post(reverse("accounts:otp_verify"), {"token": "000000", "next": "/"})
    assert wrong.status_code == 200
    assert "klopt niet" in wrong.content.decode()
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 302
    assert reverse("accounts:otp_verify") in response["Location"]


def test_totp_setup_confirms_a_device(client):
    user = user_in(Role.ADMINISTRATOR)
    client.force_login(user)
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    client.post(reverse("accounts:otp_setup"), {"token": token})
    device.refresh_from_db()
    assert device.confirmed


def test_liaison_officers_cannot_set_up_totp(client):
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    assert client.get(reverse("accounts:otp_setup")).status_code == 403


def test_audit_log_records_and_only_administrators_read_it(client):
    researcher = user_in(Role.RESEARCHER)
    audit(researcher, AuditAction.EXPORT, "rapport 2026-1 cliënten xlsx")
    with pytest.raises(ValueError, match="onbekende audithandeling"):
        audit(researcher, "peek", "x")
    event = AuditEvent.objects.get()
    assert (event.username, event.action) == (researcher.username, "export")
    client.force_login(researcher)
    assert client.get(reverse("accounts:audit_log")).status_code == 403
    client.force_login(user_in(Role.ADMINISTRATOR))
    page = client.get(reverse("accounts:audit_log"))
    assert page.status_code == 200
    assert "rapport 2026-1 cliënten xlsx" in page.content.decode()


def test_requires_records_the_permission_and_enforces_it():
    @requires("followup.view_signal")
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    assert declared_permission(view) == ("followup.view_signal",)
    request = RequestFactory().get("/x/")
    request.user = user_in(Role.LIAISON_OFFICER)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        view(request)
    request.user = user_in(Role.SIGNAL_HANDLER)
    assert view(request).status_code == 200
    assert declared_permission(requires(PUBLIC)(view)) == (PUBLIC,)
    with pytest.raises(ValueError, match="at least one permission"):
        requires()


def test_the_data_migration_seeds_the_groups_with_the_same_function():
    from importlib import import_module

    migration = import_module("maatmonitor.apps.accounts.migrations.0003_seed_role_groups")
    assert "sync_role_groups" in migration.seed.__code__.co_names
