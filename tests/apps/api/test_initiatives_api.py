"""Initiatives over the API: scoped to the user's districts for list, create and update."""

import pytest

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.followup.models import Initiative

LIST = "/api/v1/initiatives/"
NEW = {"title": "Terugbellen", "owner": "Team", "planned_actions": "Bellen", "district": "oost"}


def _initiative(district):
    return Initiative.objects.create(
        title=f"Plan {district}", district=district, owner="Team", planned_actions="Doen"
    )


@pytest.fixture
def liaison(as_role):
    return as_role(Role.LIAISON_OFFICER, ["oost"])


def test_liaison_creates_for_own_district_only(liaison):
    created = liaison.post(LIST, NEW, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "planned"
    refused = liaison.post(LIST, {**NEW, "district": "noord"}, format="json")
    assert refused.status_code == 400
    assert "district" in refused.json()
    assert list(Initiative.objects.values_list("district", flat=True)) == ["oost"]


def test_dates_must_be_in_order(liaison):
    response = liaison.post(
        LIST, {**NEW, "start_date": "2026-05-01", "end_date": "2026-04-01"}, format="json"
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


@pytest.mark.django_db
def test_list_and_update_are_scoped(liaison):
    mine, theirs = _initiative("oost"), _initiative("noord")
    assert [i["id"] for i in liaison.get(LIST).json()] == [mine.pk]
    assert liaison.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert (
        liaison.patch(f"{LIST}{theirs.pk}/", {"status": "done"}, format="json").status_code == 404
    )
    response = liaison.patch(f"{LIST}{mine.pk}/", {"status": "in_progress"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    moved = liaison.patch(f"{LIST}{mine.pk}/", {"district": "noord"}, format="json")
    assert moved.status_code == 400
    mine.refresh_from_db()
    assert (mine.status, mine.district) == ("in_progress", "oost")


@pytest.mark.django_db
def test_researcher_sees_every_district(researcher_api):
    _initiative("oost"), _initiative("noord")
    assert {i["district"] for i in researcher_api.get(LIST).json()} == {"oost", "noord"}


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.SIGNAL_HANDLER, Role.ADMINISTRATOR])
def test_other_roles_are_refused(as_role, role):
    client = as_role(role, ["oost"] if role != Role.ADMINISTRATOR else ())
    i = _initiative("oost")
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, NEW, format="json").status_code == 403
    assert client.get(f"{LIST}{i.pk}/").status_code == 403
    assert client.put(f"{LIST}{i.pk}/", NEW, format="json").status_code == 403
