"""Background jobs of the stories (django-tasks): thin, take ids, call services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from maatmonitor.apps.waves import jobs
from maatmonitor.apps.waves.constants import JobKind
from maatmonitor.apps.waves.jobs import progress_updater, run_job
from maatmonitor.apps.waves.models import Wave, WaveJob

from . import services


@task()
def train_stories(job_id: int) -> dict[str, Any]:
    """Train the coder on the training answers and corrections; recode when it is better."""

    def work(job: WaveJob) -> tuple[str, str]:
        run = services.train_and_recode(
            job.wave, user=job.created_by, on_progress=progress_updater(job)
        )
        if run.recoded:
            message = _(
                "Het model is beter dan de regels; %(n)d antwoorden zijn opnieuw gecodeerd."
            ) % {"n": run.recoded}
        else:
            message = _("Het model is niet beter dan de regels; er is niets gewijzigd.")
        return message, ""

    return run_job(job_id, work)


def start_training(wave: Wave, user: Any = None) -> WaveJob:
    """Queue a training of the story coder for a wave."""
    return jobs.start_job(wave, JobKind.TRAIN_STORIES, train_stories, user)
