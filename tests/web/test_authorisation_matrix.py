"""The (role x endpoint) authorisation matrix over every URL of the project.

The endpoints come from the URL resolver, so pages other apps add are covered without editing
this file. Every project view must declare what it requires with
``maatmonitor.apps.accounts.permissions.requires`` (``PUBLIC`` for respondent pages and the signal
intake form); the first test fails and names every endpoint that does not. The second test then
requests every declared endpoint as every role (and anonymously) and checks each cell against
``ROLE_PERMISSIONS``: allowed -> neither 403 nor a login redirect nor a server error;
denied -> 403; anonymous -> the login page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from maatmonitor.apps.accounts.constants import ROLE_PERMISSIONS, Role
from maatmonitor.apps.accounts.permissions import AUTHENTICATED, PUBLIC, declared_permission
from maatmonitor.apps.followup import services as followup_services
from maatmonitor.apps.followup.models import Initiative
from tests.factories_loop import user_in

# Namespaces with their own access control (Django admin: is_staff + model permissions).
OWN_ACCESS_CONTROL = {"admin"}
ANONYMOUS = "anonymous"
SCOPE = ["oost"]


@dataclass(frozen=True)
class Endpoint:
    route: str
    name: str
    callback: Any

    @property
    def label(self) -> str:
        return f"{self.name or '?'} (/{self.route})"


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in OWN_ACCESS_CONTROL:
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            yield Endpoint(prefix + str(p.pattern), name, p.callback)


def project_endpoints() -> list[Endpoint]:
    """Every URL pattern served by project code (Django's own views are left to Django)."""
    out = []
    for e in _walk(get_resolver().url_patterns):
        module = getattr(e.callback, "__module__", "") or ""
        view_class = getattr(e.callback, "view_class", None)
        if view_class is not None:
            module = view_class.__module__
        if module.startswith("django."):
            continue
        out.append(e)
    return out


def test_every_endpoint_declares_its_permission():
    missing = [e.label for e in project_endpoints() if not declared_permission(e.callback)]
    assert not missing, (
        "These endpoints declare no permission; wrap each view with "
        "maatmonitor.apps.accounts.permissions.requires(...) (PUBLIC for public pages):\n  "
        + "\n  ".join(sorted(missing))
    )


def test_the_matrix_covers_every_app_that_adds_pages():
    routes = {e.route.split("/")[0] for e in project_endpoints()}
    assert {"opvolging", "dashboard", "account"} <= routes


def _url(route: str, objects: dict[str, int], name: str) -> str:
    def fill(match: re.Match) -> str:
        converter, kwarg = match.group(1) or "str", match.group(2)
        if converter == "int":
            for key, pk in objects.items():
                if key in name:
                    return str(pk)
            return "999999"
        if kwarg == "district":
            return SCOPE[0]
        return "x"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    path = re.sub(r"[\^$]", "", path)
    return "/" + path


def _expected_allowed(role: str, permissions: tuple[str, ...]) -> bool:
    if PUBLIC in permissions:
        return True
    if role == ANONYMOUS:
        return False
    if AUTHENTICATED in permissions:
        return True
    return any(p in ROLE_PERMISSIONS[role] for p in permissions)


def _is_api_view(callback) -> bool:
    from rest_framework.views import APIView

    cls = getattr(callback, "view_class", None)
    return cls is not None and issubclass(cls, APIView)


def _request(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


@pytest.mark.django_db
def test_role_by_endpoint_matrix(client):
    signal = followup_services.create_signal(
        description="Niemand nam op.", district=SCOPE[0], source="client"
    )
    initiative = Initiative.objects.create(
        title="Terugbellen", district=SCOPE[0], owner="Team", planned_actions="Bellen"
    )
    objects = {"signal": signal.pk, "initiative": initiative.pk}
    users = {
        role.value: user_in(role, SCOPE if role.value != Role.RESEARCHER else ()) for role in Role
    }
    users[ANONYMOUS] = None
    failures = []
    cells = 0
    for endpoint in project_endpoints():
        permissions = declared_permission(endpoint.callback)
        if not permissions:
            continue  # reported by test_every_endpoint_declares_its_permission
        url = _url(endpoint.route, objects, endpoint.name)
        for role, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            response = _request(client, url)
            cells += 1
            code = response.status_code
            to_login = code == 302 and "/inloggen/" in response.get("Location", "")
            if code >= 500:
                failures.append(f"{role} x {endpoint.label}: server error {code}")
            elif _expected_allowed(role, permissions):
                if code == 403 or to_login:
                    failures.append(
                        f"{role} x {endpoint.label}: refused ({code}), should be allowed"
                    )
            elif role == ANONYMOUS:
                # REST API views (apps.api) answer 401 with a WWW-Authenticate header instead.
                if not to_login and not (_is_api_view(endpoint.callback) and code == 401):
                    failures.append(f"{role} x {endpoint.label}: {code}, expected the login page")
            elif code != 403:
                failures.append(f"{role} x {endpoint.label}: {code}, expected 403")
    assert cells >= 6 * 15
    assert not failures, "\n".join(failures)
