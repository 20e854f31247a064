"""Jobs go through the database queue and a worker, as in `make serve` (not inline)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from maatmonitor.apps.fieldwork.models import Invitation
from maatmonitor.apps.waves.constants import JobStatus
from tests.factories_outreach import wave_in_field

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


@override_settings(TASKS=DATABASE_QUEUE)
def test_invitation_job_waits_in_the_queue_until_a_worker_runs_it(researcher):
    from django_tasks_db.models import DBTaskResult

    from maatmonitor.apps.fieldwork.tasks import start_job

    wave = wave_in_field(4, email_every=1)
    job = start_job(wave, "invite", researcher)

    # Enqueued, not run: nothing sent, the job still pending, one task row in the database.
    assert job.status == JobStatus.QUEUED
    assert not Invitation.objects.exists()
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Invitation.objects.filter(unit__wave=wave).count() == 4
    assert len(mail.outbox) == 4
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
