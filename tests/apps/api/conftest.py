"""Token clients per role for the REST API tests."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from maatmonitor.apps.accounts.constants import Role
from tests.factories_loop import user_in


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def as_role(db):
    """``as_role(Role.X, ["oost"])`` -> an APIClient authenticated by that user's token."""

    def make(role, districts=()):
        return token_client(user_in(role, districts))

    return make


@pytest.fixture
def researcher_api(as_role):
    return as_role(Role.RESEARCHER)
