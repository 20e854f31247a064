"""Background jobs of fieldwork (django-tasks): thin, take ids, call outreach, report progress.

Each job has a waves.WaveJob row created by `start_job`; the task moves it through running ->
done/failed and updates `done`/`total` as it goes, which the monitoring page shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from maatmonitor.apps.waves.constants import JobKind, JobStatus
from maatmonitor.apps.waves.models import Wave, WaveJob

from . import outreach

log = logging.getLogger(__name__)


def _progress(job: WaveJob) -> Callable[[int, int], None]:
    # Write progress at most every 1% (and at the end) so a big job does not spend its time here.
    last = [-1]

    def update(done: int, total: int) -> None:
        step = max(1, total // 100)
        if done == total or done - last[0] >= step:
            WaveJob.objects.filter(pk=job.pk).update(done=done, total=total)
            last[0] = done

    return update


def _run(job_id: int, work: Callable[[WaveJob], tuple[str, str]]) -> dict[str, Any]:
    job = WaveJob.objects.select_related("wave").get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    try:
        message, output = work(job)
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        WaveJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    WaveJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, message=message, output=output, finished_at=timezone.now()
    )
    return {"job": job.pk, "message": message}


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
    return _run(
        job_id,
        lambda job: (_summary(outreach.invite(job.wave, on_progress=_progress(job))), ""),
    )


@task()
def send_reminders(job_id: int, strata: list[str] | None = None) -> dict[str, Any]:
    return _run(
        job_id,
        lambda job: (
            _summary(outreach.remind(job.wave, strata=strata, on_progress=_progress(job))),
            "",
        ),
    )


def letters_dir(wave: Wave) -> Path:
    return Path(settings.VAR_DIR) / "letters" / f"{wave.code}-{wave.audience}"


@task()
def make_letters(job_id: int, out_dir: str | None = None) -> dict[str, Any]:
    def work(job: WaveJob) -> tuple[str, str]:
        target = Path(out_dir) if out_dir else letters_dir(job.wave)
        paths = outreach.make_letter_batches(job.wave, target, on_progress=_progress(job))
        message = _("%(n)d brieven in %(f)d pdf-bestanden.") % {
            "n": WaveJob.objects.get(pk=job.pk).done,
            "f": len(paths),
        }
        return message, str(target) if paths else ""

    return _run(job_id, work)


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
    """Create the job row and enqueue its task (with the immediate backend it has run on return)."""
    job = WaveJob.objects.create(wave=wave, kind=kind, created_by=user)
    result = TASKS[JobKind(kind)].enqueue(job.pk, **params)
    WaveJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
