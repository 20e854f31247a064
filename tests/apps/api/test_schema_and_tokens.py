"""The committed OpenAPI schema matches the code (the CI check), every API view declares its
permissions per method, tokens are issued by a command, and session logins keep TOTP."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.urls import URLResolver, get_resolver
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from maatmonitor.apps.accounts.constants import Role
from tests.factories_loop import user_in

COMMITTED = Path(__file__).parents[3] / "docs" / "api" / "openapi.yaml"


def test_committed_schema_matches_the_code(tmp_path):
    fresh = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(fresh), "--validate", "--fail-on-warn")
    assert fresh.read_text() == COMMITTED.read_text(), (
        "docs/api/openapi.yaml is out of date; regenerate it with "
        "`python -m maatmonitor.web.manage spectacular --file docs/api/openapi.yaml`"
    )


def test_schema_documents_every_api_route_and_token_auth():
    schema = yaml.safe_load(COMMITTED.read_text())
    assert set(schema["paths"]) >= {
        "/api/v1/results/",
        "/api/v1/results/{audience}/{wave}/",
        "/api/v1/signals/",
        "/api/v1/signals/{id}/",
        "/api/v1/signals/{id}/transition/",
        "/api/v1/initiatives/",
        "/api/v1/initiatives/{id}/",
    }
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def _api_views():
    (api,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    ]
    return [p.callback.view_class for p in api.url_patterns]


def test_every_api_method_declares_its_permission():
    for view in _api_views():
        implemented = {
            m.upper() for m in view.http_method_names if hasattr(view, m) and m != "options"
        } - {"HEAD"}
        assert implemented <= set(view.method_permissions), view.__name__
        assert view.required_permission, view.__name__


@pytest.mark.django_db
def test_issue_api_token_command_prints_a_working_token():
    user = user_in(Role.RESEARCHER, username="onderzoeker1")
    out = StringIO()
    call_command("issue_api_token", "onderzoeker1", stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=user).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/results/").status_code == 200
    again = StringIO()
    call_command("issue_api_token", "onderzoeker1", stdout=again, stderr=StringIO())
    assert again.getvalue().strip() == key
    rotated = StringIO()
    call_command("issue_api_token", "onderzoeker1", "--rotate", stdout=rotated)
    assert rotated.getvalue().strip() != key
    assert client.get("/api/v1/results/").status_code == 401  # the old key no longer works


@pytest.mark.django_db
def test_issue_api_token_refuses_unknown_or_inactive_users():
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("issue_api_token", "niemand")
    user_in(Role.RESEARCHER, username="weg", is_active=False)
    with pytest.raises(CommandError, match="niet actief"):
        call_command("issue_api_token", "weg")


@pytest.mark.django_db
def test_session_login_with_unpassed_totp_is_refused(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = user_in(Role.RESEARCHER)
    client.force_login(user)
    assert client.get("/api/v1/results/").status_code == 200
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    assert client.get("/api/v1/results/").status_code == 403
