"""Write API of follow-up: register and move signals through their steps, purge contact
details after the retention period, and register improvement initiatives."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import NOTE_REQUIRED, TRANSITIONS, SignalStatus, SignalStep
from .models import Initiative, Signal, SignalEvent
from .sla import due_dates

logger = logging.getLogger(__name__)

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


@lru_cache(maxsize=1)
def _story_pipeline():
    from maatmonitor.core.stories.pipeline import StoryPipeline

    return StoryPipeline()


def code_text(text: str, audience: str) -> tuple[str, list[str]]:
    """Redact and code a signal with the stories' codeframe: (redacted text, topic codes)."""
    from maatmonitor.core.stories.pipeline import StoryInput

    result = _story_pipeline().process_batch([StoryInput("signal", audience, text)])[0]
    return result.redacted, list(result.topics)


@transaction.atomic
def create_signal(*, by=None, now: datetime | None = None, **fields: Any) -> Signal:
    """Register a signal: validate, redact and code it, set the service-level due dates."""
    now = now or timezone.now()
    signal = Signal(**fields, received_at=now, created_by=by if _is_user(by) else None)
    due = due_dates(now)
    signal.acknowledge_due, signal.assess_due, signal.resolve_due = (
        due.acknowledge,
        due.assess,
        due.resolve,
    )
    if not signal.consent_contact and any(getattr(signal, f) for f in CONTACT_FIELDS):
        raise ValidationError(
            {
                "consent_contact": _(
                    "Geef toestemming voor contact, of laat de contactgegevens leeg."
                )
            }
        )
    signal.full_clean()
    signal.save()
    _record(signal, SignalStep.RECEIVE, "", SignalStatus.RECEIVED, by, now, "")
    # Redaction and coding load language models (seconds): a task does it after the commit;
    # with FOLLOWUP_CODE_ON_SUBMIT off, `manage.py code_signals` codes the pending ones in batch.
    if getattr(settings, "FOLLOWUP_CODE_ON_SUBMIT", True):
        from .tasks import code_signal_task

        transaction.on_commit(lambda: code_signal_task.enqueue(signal.pk))
    return signal


def code_pending_signals() -> int:
    """Code every signal not coded yet; returns the count."""
    pending = list(Signal.objects.filter(topics=[]).values_list("pk", flat=True))
    for pk in pending:
        code_signal(pk)
    return len(pending)


def code_signal(signal_id: int) -> Signal:
    """Store the redacted description and its topics (the stories' codeframe)."""
    signal = Signal.objects.get(pk=signal_id)
    signal.description_redacted, signal.topics = code_text(signal.description, signal.audience)
    signal.save(update_fields=["description_redacted", "topics"])
    return signal


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _record(signal, step, from_status, to_status, by, at, note) -> SignalEvent:
    return SignalEvent.objects.create(
        signal=signal,
        step=step,
        from_status=from_status,
        to_status=to_status,
        by=by if _is_user(by) else None,
        by_name=by.get_username() if _is_user(by) else "",
        at=at,
        note=note,
    )


@dataclass(frozen=True)
class TransitionRefused(Exception):
    """A step that is not allowed from the signal's current status, or lacks what it needs."""

    message: str

    def __str__(self) -> str:
        return self.message


def allowed_steps(signal: Signal) -> list[str]:
    return [step for step, (sources, _to) in TRANSITIONS.items() if signal.status in sources]


@transaction.atomic
def transition(
    signal: Signal,
    step: str,
    by,
    *,
    note: str = "",
    team: str = "",
    now: datetime | None = None,
) -> Signal:
    """Take one step (acknowledge, assess, resolve, close, reopen); records who and when."""
    now = now or timezone.now()
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if step not in TRANSITIONS:
        raise TransitionRefused(_("Onbekende stap: %(step)s.") % {"step": step})
    sources, target = TRANSITIONS[step]
    if signal.status not in sources:
        raise TransitionRefused(
            _("Stap '%(step)s' kan niet bij een signaal met status '%(status)s'.")
            % {"step": SignalStep(step).label, "status": signal.get_status_display()}
        )
    note = note.strip()
    if step in NOTE_REQUIRED and not note:
        raise TransitionRefused(str(NOTE_REQUIRED[step]))
    if step == SignalStep.ASSESS:
        if not team.strip():
            raise TransitionRefused(_("Kies het team dat het signaal oppakt."))
        signal.team = team.strip()[:100]
    previous = signal.status
    signal.status = target
    stamp = {
        SignalStep.ACKNOWLEDGE: "seen_at",
        SignalStep.ASSESS: "heard_at",
        SignalStep.RESOLVE: "helped_at",
        SignalStep.CLOSE: "closed_at",
    }.get(SignalStep(step))
    if stamp:
        setattr(signal, stamp, now)
    if step == SignalStep.CLOSE:
        signal.close_reason = note
    if step == SignalStep.REOPEN:
        # A reopened signal gets fresh terms for the steps still to come.
        due = due_dates(now)
        signal.assess_due, signal.resolve_due = due.assess, due.resolve
        signal.heard_at = signal.helped_at = signal.closed_at = None
        signal.close_reason = ""
    signal.save()
    _record(signal, step, previous, target, by, now, note)
    return signal


def contact_retention_days() -> int:
    return int(getattr(settings, "FOLLOWUP_CONTACT_RETENTION_DAYS", 90))


@transaction.atomic
def purge_contact_details(now: datetime | None = None, days: int | None = None) -> int:
    """Remove contact details of signals helped or closed more than ``days`` ago; returns count."""
    now = now or timezone.now()
    limit = now - timedelta(days=contact_retention_days() if days is None else days)
    done = Signal.objects.filter(contact_removed_at__isnull=True).filter(
        status__in=(SignalStatus.HELPED, SignalStatus.CLOSED)
    )
    stale = done.filter(helped_at__lt=limit) | done.filter(closed_at__lt=limit)
    ids = list(stale.values_list("pk", flat=True))
    Signal.objects.filter(pk__in=ids).update(
        contact_name="", contact_email="", contact_phone="", contact_removed_at=now
    )
    return len(ids)


@transaction.atomic
def save_initiative(initiative: Initiative, by=None) -> Initiative:
    """Validate and store a new or changed initiative."""
    if initiative.pk is None and _is_user(by):
        initiative.created_by = by
    if (
        initiative.start_date
        and initiative.end_date
        and initiative.end_date < initiative.start_date
    ):
        raise ValidationError({"end_date": _("Het einde ligt voor de start.")})
    initiative.full_clean()
    initiative.save()
    return initiative
