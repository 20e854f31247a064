"""Background jobs of a wave: the WaveJob row that pages poll, and the helpers every task uses.

A task takes the job id, runs its work through `run_job` (queued -> running -> done/failed,
message and output recorded) and reports progress through `progress_updater`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from .constants import JobStatus
from .models import Wave, WaveJob

log = logging.getLogger(__name__)


def progress_updater(job: WaveJob) -> Callable[[int, int], None]:
    """An on_progress(done, total) callback that writes at most every 1% (and at the end)."""
    last = [-1]

    def update(done: int, total: int) -> None:
        step = max(1, total // 100)
        if done == total or done - last[0] >= step:
            WaveJob.objects.filter(pk=job.pk).update(done=done, total=total)
            last[0] = done

    return update


def run_job(job_id: int, work: Callable[[WaveJob], tuple[str, str]]) -> dict[str, Any]:
    """Run `work(job)` -> (message, output) and record the outcome on the job row."""
    job = WaveJob.objects.select_related("wave", "created_by").get(pk=job_id)
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


def start_job(wave: Wave, kind: str, task: Any, user: Any = None, **params: Any) -> WaveJob:
    """Create the job row and enqueue `task(job_id, **params)` (with the immediate backend it has
    run on return)."""
    job = WaveJob.objects.create(wave=wave, kind=kind, created_by=user)
    result = task.enqueue(job.pk, **params)
    WaveJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
