"""Signal intake form, handler pages, the JSON API and initiatives."""

import json
from datetime import date

import pytest
from django.urls import reverse

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.followup import queries, services
from maatmonitor.apps.followup.constants import SignalStatus
from maatmonitor.apps.followup.models import Initiative, Signal
from tests.factories_loop import user_in, wave

pytestmark = pytest.mark.django_db

FORM = {
    "description": "De brief was niet te begrijpen.",
    "audience": "client",
    "journey": "sick_disabled",
    "district": "oost",
    "source": "client",
}


def test_public_form_accepts_an_anonymous_signal_and_shows_its_reference(client):
    page = client.get(reverse("followup:signal_intake"))
    assert page.status_code == 200
    assert b'<label for="id_description"' in page.content
    response = client.post(reverse("followup:signal_intake"), FORM, follow=True)
    signal = Signal.objects.get()
    assert signal.status == SignalStatus.RECEIVED
    assert signal.created_by is None
    assert signal.reference.encode() in response.content


def test_public_form_names_the_field_that_is_wrong(client):
    response = client.post(
        reverse("followup:signal_intake"), FORM | {"contact_email": "a@example.org"}
    )
    assert response.status_code == 200
    assert not Signal.objects.exists()
    assert "Geef toestemming voor contact" in response.content.decode()


def test_handler_moves_a_signal_through_the_page_and_sees_refusals(client):
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    signal = services.create_signal(**FORM)
    client.force_login(handler)
    url = reverse("followup:signal_step", args=[signal.pk])
    client.post(url, {"step": "acknowledge"})
    response = client.post(url, {"step": "resolve", "note": "klaar"}, follow=True)
    assert "kan niet bij een signaal met status" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SEEN


def test_handler_of_another_district_gets_404(client):
    signal = services.create_signal(**FORM)
    client.force_login(user_in(Role.SIGNAL_HANDLER, ["noord"]))
    assert client.get(reverse("followup:signal_detail", args=[signal.pk])).status_code == 404
    assert (
        client.post(
            reverse("followup:signal_step", args=[signal.pk]), {"step": "acknowledge"}
        ).status_code
        == 404
    )


def test_api_create_list_and_transition(client):
    council = user_in(Role.COUNCIL_MEMBER, ["oost"])
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    client.force_login(council)
    created = client.post(
        reverse("followup:api_signals"), json.dumps(FORM), content_type="application/json"
    )
    assert created.status_code == 201
    signal_id = created.json()["id"]
    bad = client.post(reverse("followup:api_signals"), "{nope", content_type="application/json")
    assert bad.status_code == 400
    assert "ongeldige JSON" in bad.json()["error"]
    missing = client.post(
        reverse("followup:api_signals"),
        json.dumps({"district": "oost"}),
        content_type="application/json",
    )
    assert missing.status_code == 400
    assert "description" in missing.json()["error"]
    # council members may not take steps
    step_url = reverse("followup:api_signal_step", args=[signal_id])
    assert (
        client.post(
            step_url, json.dumps({"step": "acknowledge"}), content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(handler)
    ok = client.post(step_url, json.dumps({"step": "acknowledge"}), content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["status"] == "seen"
    refused = client.post(
        step_url, json.dumps({"step": "acknowledge"}), content_type="application/json"
    )
    assert refused.status_code == 409
    listed = client.get(reverse("followup:api_signals")).json()["results"]
    assert [r["id"] for r in listed] == [signal_id]
    assert [e["step"] for e in listed[0]["events"]] == ["receive", "acknowledge"]


def test_initiatives_register_filter_and_report_contract(client):
    w = wave()
    liaison = user_in(Role.LIAISON_OFFICER, ["oost"])
    client.force_login(liaison)
    data = {
        "title": "Terugbelbelofte nakomen",
        "wave": w.pk,
        "district": "oost",
        "dimension": "mens",
        "topic": "bereikbaarheid",
        "journey": "unemployed",
        "owner": "Teamleider WW Oost",
        "planned_actions": "Belafspraken binnen 2 dagen",
        "status": "planned",
        "start_date": "2026-12-01",
        "end_date": "2027-03-01",
    }
    response = client.post(reverse("followup:initiative_create"), data)
    assert response.status_code == 302, response.content
    # a district outside the officer's scope is not even a choice
    other = client.post(reverse("followup:initiative_create"), data | {"district": "noord"})
    assert other.status_code == 200
    assert Initiative.objects.count() == 1
    bad_dates = client.post(
        reverse("followup:initiative_create"), data | {"end_date": "2026-11-01"}
    )
    assert "Het einde ligt voor de start." in bad_dates.content.decode()
    listed = client.get(reverse("followup:initiative_list"), {"dimension": "mens"})
    assert "Terugbelbelofte nakomen" in listed.content.decode()
    assert (
        "Terugbelbelofte"
        not in client.get(
            reverse("followup:initiative_list"), {"dimension": "helpt"}
        ).content.decode()
    )
    report = queries.initiatives_for_report(w, district="oost")
    assert report == [
        {
            "title": "Terugbelbelofte nakomen",
            "finding": {
                "dimension": "mens",
                "topic": "bereikbaarheid",
                "journey": "unemployed",
                "district": "oost",
            },
            "owner": "Teamleider WW Oost",
            "status": "planned",
            "status_label": "Gepland",
            "planned_actions": "Belafspraken binnen 2 dagen",
            "start": "2026-12-01",
            "end": "2027-03-01",
            "wave": "2026-1",
        }
    ]
    assert queries.initiatives_for_report(w, district="noord") == []


def test_sla_performance_per_district():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    from datetime import datetime

    from django.utils import timezone

    at = timezone.make_aware(datetime(2026, 11, 20, 10))  # Friday; acknowledge due Mon 23
    on_time = services.create_signal(now=at, **FORM)
    services.transition(
        on_time, "acknowledge", handler, now=timezone.make_aware(datetime(2026, 11, 23, 9))
    )
    late = services.create_signal(now=at, **FORM)
    services.transition(
        late, "acknowledge", handler, now=timezone.make_aware(datetime(2026, 11, 24, 9))
    )
    rows = queries.sla_performance(Signal.objects.all())
    assert rows[0]["district"] == "oost"
    assert rows[0]["n"] == 2
    assert rows[0]["acknowledge_on_time"] == 0.5
    assert rows[0]["assess_n"] == 0
    assert date(2026, 11, 23) == on_time.acknowledge_due


def test_viewing_contact_details_is_audited_and_hidden_from_council_members(client):
    from maatmonitor.apps.accounts.models import AuditEvent

    signal = services.create_signal(
        **FORM, consent_contact=True, contact_email="melder@example.org"
    )
    council = user_in(Role.COUNCIL_MEMBER, ["oost"])
    client.force_login(council)
    page = client.get(reverse("followup:signal_detail", args=[signal.pk])).content.decode()
    assert "melder@example.org" not in page
    assert not AuditEvent.objects.exists()
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    client.force_login(handler)
    page = client.get(reverse("followup:signal_detail", args=[signal.pk])).content.decode()
    assert "melder@example.org" in page
    event = AuditEvent.objects.get()
    assert (event.username, event.action, event.obj_label) == (
        handler.username,
        "view_contact",
        signal.reference,
    )
