"""Researcher pages: who may open them, status changes, sending, jobs and the CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse

from maatmonitor.apps.fieldwork.models import Invitation, SampleUnit
from maatmonitor.apps.waves.constants import JobStatus, WaveStatus
from maatmonitor.apps.waves.models import WaveJob
from tests.factories_outreach import wave_in_field

pytestmark = pytest.mark.django_db


def _urls(wave):
    return {
        "list": ("get", reverse("fieldwork_staff:wave_list")),
        "detail": ("get", reverse("fieldwork_staff:wave_detail", args=[wave.pk])),
        "strata_csv": ("get", reverse("fieldwork_staff:export_strata", args=[wave.pk])),
        "days_csv": ("get", reverse("fieldwork_staff:export_days", args=[wave.pk])),
        "status": ("post", reverse("fieldwork_staff:change_status", args=[wave.pk])),
        "period": ("post", reverse("fieldwork_staff:set_period", args=[wave.pk])),
        "invite": ("post", reverse("fieldwork_staff:start", args=[wave.pk, "invite"])),
    }


def test_anonymous_goes_to_login_and_other_roles_get_403(client, liaison_officer, council_member):
    wave = wave_in_field(2)
    for method, url in _urls(wave).values():
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    for user in (liaison_officer, council_member):
        client.force_login(user)
        for name, (method, url) in _urls(wave).items():
            assert getattr(client, method)(url).status_code == 403, name
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_researcher_sees_monitoring_page(client, researcher):
    wave = wave_in_field(4)
    client.force_login(researcher)
    page = client.get(reverse("fieldwork_staff:wave_detail", args=[wave.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Respons per stratum" in html
    unit = SampleUnit.objects.filter(wave=wave).first()
    assert unit.stratum in html
    assert unit.email not in html  # contact details never shown
    listing = client.get(reverse("fieldwork_staff:wave_list")).content.decode()
    assert reverse("fieldwork_staff:wave_detail", args=[wave.pk]) in listing


def test_invite_job_runs_and_shows_progress(client, researcher):
    wave = wave_in_field(4)
    client.force_login(researcher)
    response = client.post(reverse("fieldwork_staff:start", args=[wave.pk, "invite"]))
    job = WaveJob.objects.get(wave=wave)
    assert response.url == reverse("fieldwork_staff:job_detail", args=[wave.pk, job.pk])
    assert job.status == JobStatus.DONE
    assert (job.done, job.total, job.created_by) == (4, 4, researcher)
    assert len(mail.outbox) == 2
    page = client.get(response.url).content.decode()
    assert "2 e-mails verstuurd" in page
    assert 'http-equiv="refresh"' not in page  # finished jobs do not refresh


def test_letters_job_offers_the_pdf_for_download(client, researcher, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    wave = wave_in_field(2, email_every=99)  # one e-mail, one letter
    client.force_login(researcher)
    client.post(reverse("fieldwork_staff:start", args=[wave.pk, "invite"]))
    response = client.post(reverse("fieldwork_staff:start", args=[wave.pk, "letters"]))
    job = WaveJob.objects.get(wave=wave, kind="letters")
    assert job.status == JobStatus.DONE, job.message
    page = client.get(response.url).content.decode()
    name = next(p.name for p in (tmp_path / "letters").rglob("*.pdf"))
    assert name in page
    pdf = client.get(reverse("fieldwork_staff:job_file", args=[wave.pk, job.pk, name]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    bad = reverse("fieldwork_staff:job_file", args=[wave.pk, job.pk, "..%2Fsecret.pdf"])
    assert client.get(bad).status_code == 404


def test_status_change_refused_with_reason_then_allowed(client, researcher):
    wave = wave_in_field(2)
    wave.status = WaveStatus.DRAFT
    wave.opens_on = wave.closes_on = None
    wave.save()
    client.force_login(researcher)
    url = reverse("fieldwork_staff:change_status", args=[wave.pk])
    response = client.post(url, {"target": "fielding"}, follow=True)
    assert "veldwerkperiode is nog niet ingesteld" in response.content.decode()
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT
    today = dt.date.today()
    client.post(
        reverse("fieldwork_staff:set_period", args=[wave.pk]),
        {
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=21)).isoformat(),
            "reminder_days": "7, 14",
        },
    )
    wave.refresh_from_db()
    assert wave.reminder_days == [7, 14]
    client.post(url, {"target": "fielding"})
    wave.refresh_from_db()
    assert wave.status == WaveStatus.FIELDING


def test_bad_reminder_days_are_explained(client, researcher):
    wave = wave_in_field(1)
    wave.status = WaveStatus.DRAFT
    wave.save()
    client.force_login(researcher)
    response = client.post(
        reverse("fieldwork_staff:set_period", args=[wave.pk]),
        {"opens_on": "2026-11-02", "closes_on": "2026-11-30", "reminder_days": "7, veertien"},
        follow=True,
    )
    assert "hele getallen" in response.content.decode()


def test_csv_export_per_stratum(client, researcher):
    wave = wave_in_field(6)
    client.force_login(researcher)
    client.post(reverse("fieldwork_staff:start", args=[wave.pk, "invite"]))
    response = client.get(reverse("fieldwork_staff:export_strata", args=[wave.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    # Three e-mails went out; the three letters count once their batch is made.
    assert sum(int(r["invited"]) for r in rows) == 3
    assert sum(int(r["sampled"]) for r in rows) == 6
    assert {"stratum", "expected", "achieved", "needs_reminder"} <= set(rows[0])
    days = client.get(reverse("fieldwork_staff:export_days", args=[wave.pk])).content.decode()
    first = next(csv.DictReader(io.StringIO(days)))
    assert first["date"] == dt.date.today().isoformat()
    assert first["invited"] == "3"


def test_failed_job_is_recorded_with_its_reason(researcher):
    from maatmonitor.apps.fieldwork.tasks import start_job

    wave = wave_in_field(1)
    wave.status = WaveStatus.CLOSED
    wave.save()
    job = start_job(wave, "invite", researcher)
    assert job.status == JobStatus.FAILED
    assert "niet in het veld" in job.message
    assert job.finished_at is not None
    assert not Invitation.objects.exists()


def test_csv_exports_are_in_the_audit_log(client, researcher):
    from maatmonitor.apps.accounts.models import AuditEvent

    wave = wave_in_field(2)
    client.force_login(researcher)
    client.get(reverse("fieldwork_staff:export_strata", args=[wave.pk]))
    client.get(reverse("fieldwork_staff:export_days", args=[wave.pk]))
    events = list(AuditEvent.objects.order_by("pk").values_list("username", "action", "obj_label"))
    assert events == [
        (researcher.username, "export", f"respons-per-stratum-{wave.code}-{wave.audience}.csv"),
        (researcher.username, "export", f"respons-per-dag-{wave.code}-{wave.audience}.csv"),
    ]
