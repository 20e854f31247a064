"""Background jobs of fieldwork (django-tasks): thin, take ids, call outreach, report progress.

Each job has a waves.WaveJob row created by `start_job`; the task moves it through running ->
done/failed and updates `done`/`total` as it goes (waves.jobs), which the monitoring page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import task

from maatmonitor.apps.waves import jobs
from maatmonitor.apps.waves.constants import JobKind
from maatmonitor.apps.waves.jobs import progress_updater, run_job
from maatmonitor.apps.waves.models import Wave, WaveJob

from . import outreach


def _summary(result: outreach.OutreachResult) -> str:
    if result.message:
        return result.message
    return _("%(e)d e-mails verstuurd, %(b)d onbestelbaar, %(l)d brieven klaargezet.") % {
        "e": result.emailed,
        "b": result.bounced,
        "l": result.letters_queued,
    }


@task()
def send_invitations(job_id: int) -> dict[str, Any]:
    return run_job(
        job_id,
        lambda job: (_summary(outreach.invite(job.wave, on_progress=progress_updater(job))), ""),
    )


@task()
def send_reminders(job_id: int, strata: list[str] | None = None) -> dict[str, Any]:
    return run_job(
        job_id,
        lambda job: (
            _summary(outreach.remind(job.wave, strata=strata, on_progress=progress_updater(job))),
            "",
        ),
    )


def letters_dir(wave: Wave) -> Path:
    return Path(settings.VAR_DIR) / "letters" / f"{wave.code}-{wave.audience}"


@task()
def make_letters(job_id: int, out_dir: str | None = None) -> dict[str, Any]:
    def work(job: WaveJob) -> tuple[str, str]:
        target = Path(out_dir) if out_dir else letters_dir(job.wave)
        paths = outreach.make_letter_batches(job.wave, target, on_progress=progress_updater(job))
        message = _("%(n)d brieven in %(f)d pdf-bestanden.") % {
            "n": WaveJob.objects.get(pk=job.pk).done,
            "f": len(paths),
        }
        return message, str(target) if paths else ""

    return run_job(job_id, work)


@task()
def daily_fieldwork() -> dict[str, str]:
    """Close expired waves and send due reminders (schedule it once a day)."""
    return {wave: str(result) for wave, result in outreach.run_schedule().items()}


TASKS = {
    JobKind.INVITE: send_invitations,
    JobKind.REMIND: send_reminders,
    JobKind.LETTERS: make_letters,
}


def start_job(wave: Wave, kind: str, user: Any = None, **params: Any) -> WaveJob:
    """Create the job row and enqueue its fieldwork task."""
    return jobs.start_job(wave, kind, TASKS[JobKind(kind)], user, **params)
