"""Signals over the API: intake, scoped reads, guarded transitions, contact details."""

import pytest

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.followup import services
from maatmonitor.apps.followup.models import Signal

LIST = "/api/v1/signals/"


def _signal(district="oost", **extra):
    return services.create_signal(
        description="Niemand belde terug.", district=district, source="client", **extra
    )


@pytest.fixture
def handler(as_role):
    return as_role(Role.SIGNAL_HANDLER, ["oost"])


def test_council_member_registers_a_signal(as_role):
    client = as_role(Role.COUNCIL_MEMBER, ["oost"])
    response = client.post(
        LIST,
        {"description": "Brief was onduidelijk.", "district": "oost", "source": "council"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "received"
    assert body["reference"].startswith("S-")
    assert [e["step"] for e in body["events"]] == ["receive"]
    assert "contact_email" not in body  # council members never read contact details
    assert Signal.objects.get(pk=body["id"]).created_by is not None


def test_intake_rules_are_those_of_the_web_form(handler):
    response = handler.post(
        LIST,
        {
            "description": "x",
            "district": "oost",
            "source": "client",
            "contact_email": "a@example.org",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "consent_contact" in response.json()
    response = handler.post(LIST, {"description": "x", "district": "atlantis"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"district", "source"}
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_handler_sees_only_own_districts(handler):
    mine, theirs = _signal("oost"), _signal("noord")
    ids = {s["id"] for s in handler.get(LIST).json()}
    assert mine.pk in ids
    assert theirs.pk not in ids
    assert handler.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert handler.get(f"{LIST}{mine.pk}/").status_code == 200
    assert [s["id"] for s in handler.get(LIST, {"status": "helped"}).json()] == []


@pytest.mark.django_db
def test_contact_details_only_for_handlers_with_consent(handler, as_role):
    s = _signal(consent_contact=True, contact_email="melder@example.org")
    assert handler.get(f"{LIST}{s.pk}/").json()["contact_email"] == "melder@example.org"
    council = as_role(Role.COUNCIL_MEMBER, ["oost"])
    assert "contact_email" not in council.get(f"{LIST}{s.pk}/").json()


@pytest.mark.django_db
def test_whole_life_through_guarded_transitions(handler):
    s = _signal()
    url = f"{LIST}{s.pk}/transition/"
    assert handler.post(url, {"step": "resolve", "note": "x"}, format="json").status_code == 409
    assert handler.post(url, {"step": "acknowledge"}, format="json").json()["status"] == "seen"
    refused = handler.post(url, {"step": "assess", "note": "Wij bellen."}, format="json")
    assert refused.status_code == 409
    assert "team" in refused.json()["detail"]
    body = handler.post(
        url, {"step": "assess", "note": "Wij bellen.", "team": "Team Oost"}, format="json"
    ).json()
    assert (body["status"], body["team"]) == ("heard", "Team Oost")
    body = handler.post(url, {"step": "resolve", "note": "Opgelost."}, format="json").json()
    assert body["status"] == "helped"
    assert [e["step"] for e in body["events"]] == [
        "receive",
        "acknowledge",
        "assess",
        "resolve",
    ]
    assert body["events"][-1]["by_name"]
    assert handler.post(url, {"step": "fly"}, format="json").status_code == 400


@pytest.mark.django_db
def test_transition_refused_to_other_districts_and_roles(handler, as_role):
    elsewhere = _signal("noord")
    assert (
        handler.post(f"{LIST}{elsewhere.pk}/transition/", {"step": "acknowledge"}).status_code
        == 404
    )
    council = as_role(Role.COUNCIL_MEMBER, ["noord"])
    response = council.post(f"{LIST}{elsewhere.pk}/transition/", {"step": "acknowledge"})
    assert response.status_code == 403
    assert Signal.objects.get(pk=elsewhere.pk).status == "received"


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.LIAISON_OFFICER, Role.ADMINISTRATOR])
def test_roles_without_signal_permissions_are_refused(as_role, role):
    client = as_role(role, ["oost"] if role == Role.LIAISON_OFFICER else ())
    s = _signal()
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"description": "x"}, format="json").status_code == 403
    assert client.get(f"{LIST}{s.pk}/").status_code == 403
    assert client.post(f"{LIST}{s.pk}/transition/", {"step": "acknowledge"}).status_code == 403


@pytest.mark.django_db
def test_anonymous_gets_401(client):
    assert client.get(LIST).status_code == 401
    assert client.post(LIST, {}).status_code == 401
