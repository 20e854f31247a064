"""Query strings with a NUL character get a clear 400, on every page (PostgreSQL cannot filter
text with NUL and would otherwise answer 500)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["followup:initiative_list", "followup:signal_list", "dashboards:index"]
)
def test_nul_in_query_parameter_is_a_bad_request(client, url):
    client.force_login(UserFactory(roles=["researcher", "signal_handler"]))
    response = client.get(reverse(url), {"status": "open\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_api_filter_outside_the_choices_is_a_400_naming_the_parameter(client):
    client.force_login(UserFactory(roles=["researcher"]))
    response = client.get("/api/v1/initiatives/", {"district": "atlantis"})
    assert response.status_code == 400
    assert "district" in response.json()
