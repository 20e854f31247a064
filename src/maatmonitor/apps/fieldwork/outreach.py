"""Write API of the researcher side of fieldwork: invite, remind, letter batches, opt-out.

Every send is idempotent per step: a unit gets one invitation, and at most one reminder per
reminder date that has passed. E-mails go out at once through Django's e-mail backend; letters
are queued and become PDFs (letters.py) in a batch job, which marks them sent. Opt-outs are
honoured at once: queued letters for the unit are withdrawn and it is never contacted again,
and the opt-out is remembered per audience for the next wave's frame (`opted_out_frame`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.models import Wave

from . import letters, mail
from .constants import EventKind, InvitationChannel, InvitationKind, InvitationStatus
from .models import FieldworkEvent, Invitation, OptOut, SampleUnit

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OutreachResult:
    """What one invite or remind run did (counts only: nothing personal)."""

    emailed: int = 0
    bounced: int = 0
    letters_queued: int = 0
    skipped_opted_out: int = 0
    message: str = ""

    @property
    def total(self) -> int:
        return self.emailed + self.bounced + self.letters_queued


def _noop(done: int, total: int) -> None:
    return None


def _require_fielding(wave: Wave) -> None:
    if wave.status != WaveStatus.FIELDING:
        raise ValidationError(
            _("Meting %(wave)s is niet in het veld (status: %(status)s); er gaat niets uit."),
            params={"wave": str(wave), "status": wave.get_status_display()},
        )


def _channel(unit: SampleUnit, email_bounced: bool) -> str:
    return InvitationChannel.EMAIL if unit.email and not email_bounced else InvitationChannel.LETTER


# Invitations are recorded in chunks: a crash mid-chunk can resend at most this many e-mails.
CHUNK = 100


def _send(
    wave: Wave,
    units: Sequence[SampleUnit],
    kind: str,
    bounced_before: set[int],
    on_progress: Progress,
) -> OutreachResult:
    """E-mail the units that have an address (one SMTP connection), queue letters for the rest."""
    emailed = bounced = queued = 0
    connection = get_connection()
    connection.open()
    try:
        for first in range(0, len(units), CHUNK):
            chunk = units[first : first + CHUNK]
            now = timezone.now()
            invitations = []
            for unit in chunk:
                channel = _channel(unit, unit.pk in bounced_before)
                invitation = Invitation(unit=unit, kind=kind, channel=channel)
                if channel == InvitationChannel.EMAIL:
                    message = mail.build_message(wave, unit, kind, connection=connection)
                    try:
                        sent = message.send(fail_silently=False)
                    except Exception as exc:  # SMTP refusals differ per server; record, go on
                        sent = 0
                        invitation.error = type(exc).__name__
                    invitation.sent_at = now
                    if sent:
                        invitation.status = InvitationStatus.SENT
                        emailed += 1
                    else:
                        invitation.status = InvitationStatus.BOUNCED
                        bounced += 1
                else:
                    queued += 1
                invitations.append(invitation)
            _record(wave, kind, invitations, now)
            on_progress(first + len(chunk), len(units))
    finally:
        connection.close()
    log.info(
        "wave %s %s: %d e-mailed, %d bounced, %d letters queued",
        wave.pk,
        kind,
        emailed,
        bounced,
        queued,
    )
    return OutreachResult(emailed=emailed, bounced=bounced, letters_queued=queued)


@transaction.atomic
def _record(wave: Wave, kind: str, invitations: list[Invitation], now: datetime) -> None:
    """Store a chunk's invitations and their events in one transaction."""
    Invitation.objects.bulk_create(invitations)  # sets pks on PostgreSQL and SQLite >= 3.35
    event = EventKind.INVITED if kind == InvitationKind.INVITATION else EventKind.REMINDED
    rows = []
    for inv in invitations:
        detail = {"channel": inv.channel, "invitation": inv.pk}
        rows.append(FieldworkEvent(wave=wave, unit=inv.unit, kind=event, at=now, detail=detail))
        if inv.status == InvitationStatus.BOUNCED:
            rows.append(
                FieldworkEvent(
                    wave=wave, unit=inv.unit, kind=EventKind.BOUNCED, at=now, detail=detail
                )
            )
    FieldworkEvent.objects.bulk_create(rows)


def _reachable(wave: Wave) -> QuerySet[SampleUnit]:
    return SampleUnit.objects.filter(wave=wave, opted_out_at__isnull=True)


def invite(wave: Wave, *, on_progress: Progress = _noop) -> OutreachResult:
    """Send the invitation to every unit not yet invited (and not opted out)."""
    _require_fielding(wave)
    already = Invitation.objects.filter(unit=OuterRef("pk"), kind=InvitationKind.INVITATION)
    units = list(_reachable(wave).filter(~Exists(already)).order_by("unit_id"))
    result = _send(wave, units, InvitationKind.INVITATION, set(), on_progress)
    skipped = SampleUnit.objects.filter(wave=wave, opted_out_at__isnull=False).count()
    return OutreachResult(
        emailed=result.emailed,
        bounced=result.bounced,
        letters_queued=result.letters_queued,
        skipped_opted_out=skipped,
    )


def reminders_due(wave: Wave, today: date | None = None) -> int:
    """How many reminder dates of the schedule have been reached by `today`."""
    today = today or timezone.localdate()
    return sum(1 for d in wave.reminder_dates() if d <= today)


def reminder_candidates(wave: Wave, strata: Iterable[str] | None = None) -> QuerySet[SampleUnit]:
    """Units invited, not completed, not opted out (optionally only in some strata)."""
    invited = Invitation.objects.filter(
        unit=OuterRef("pk"),
        kind=InvitationKind.INVITATION,
        status__in=[InvitationStatus.SENT, InvitationStatus.BOUNCED],
    )
    qs = (
        _reachable(wave)
        .filter(Exists(invited))
        .exclude(response__status="completed")
        .annotate(
            n_reminders=Count("invitations", filter=Q(invitations__kind=InvitationKind.REMINDER))
        )
    )
    if strata is not None:
        qs = qs.filter(stratum__in=list(strata))
    return qs.order_by("unit_id")


def remind(
    wave: Wave,
    *,
    today: date | None = None,
    strata: Iterable[str] | None = None,
    on_progress: Progress = _noop,
) -> OutreachResult:
    """Send the reminder that is due by the schedule to each non-respondent that lacks it.

    A unit whose invitation e-mail bounced is reminded by letter. Nothing is sent before the
    first reminder date, and a second run on the same day sends nothing new.
    """
    _require_fielding(wave)
    due = reminders_due(wave, today)
    if due == 0:
        first = wave.reminder_dates()[0].isoformat() if wave.reminder_dates() else "-"
        return OutreachResult(
            message=_("Nog geen herinnering gepland; de eerste is op %(d)s.") % {"d": first}
        )
    units = [u for u in reminder_candidates(wave, strata) if u.n_reminders < due]
    bounced = set(
        Invitation.objects.filter(
            unit__in=[u.pk for u in units],
            channel=InvitationChannel.EMAIL,
            status=InvitationStatus.BOUNCED,
        ).values_list("unit_id", flat=True)
    )
    return _send(wave, units, InvitationKind.REMINDER, bounced, on_progress)


def run_schedule(today: date | None = None) -> dict[str, OutreachResult | str]:
    """The daily round: close waves past their closing date, send the reminders that are due.

    Run once a day (`maatmonitor fieldwork daily` from cron, or the daily_fieldwork task); a second
    run on the same day sends nothing new. Returns per wave what happened.
    """
    from maatmonitor.apps.waves.services import close_expired_waves

    today = today or timezone.localdate()
    report: dict[str, OutreachResult | str] = {
        str(w): _("gesloten") for w in close_expired_waves(today)
    }
    for wave in Wave.objects.filter(status=WaveStatus.FIELDING).order_by("code", "audience"):
        if reminders_due(wave, today):
            report[str(wave)] = remind(wave, today=today)
    return report


def queued_letters(wave: Wave) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        unit__wave=wave,
        channel=InvitationChannel.LETTER,
        status=InvitationStatus.QUEUED,
        unit__opted_out_at__isnull=True,
    ).select_related("unit")


def make_letter_batches(
    wave: Wave,
    out_dir: Path,
    *,
    batch_size: int = letters.DEFAULT_BATCH_SIZE,
    language: str = "nl",
    on_progress: Progress = _noop,
) -> list[Path]:
    """Render every queued letter into PDF batches and mark those letters sent (to the printer)."""
    pending = list(queued_letters(wave).order_by("kind", "unit__unit_id"))
    total = len(pending)
    done = 0
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    prefix = f"brieven-{wave.code}-{wave.audience}-{stamp}"

    def mark(path: Path, batch: Sequence[letters.LetterItem]) -> None:
        nonlocal done
        ids = [item.unit.invitation_pk for item in batch]  # type: ignore[attr-defined]
        Invitation.objects.filter(pk__in=ids, status=InvitationStatus.QUEUED).update(
            status=InvitationStatus.SENT, sent_at=timezone.now(), batch=path.name
        )
        done += len(batch)
        on_progress(done, total)

    items = []
    for inv in pending:
        inv.unit.invitation_pk = inv.pk  # carried to `mark` with the letter
        items.append(letters.LetterItem(unit=inv.unit, kind=inv.kind))
    return letters.write_batches(
        wave, items, out_dir, prefix=prefix, batch_size=batch_size, language=language, on_batch=mark
    )


@transaction.atomic
def opt_out(unit: SampleUnit, *, at: datetime | None = None) -> bool:
    """Opt a unit out at once; True when this call did it (False: it had already opted out).

    Queued letters for the unit are withdrawn, and the opt-out is remembered for its audience so
    the next frame excludes it.
    """
    locked = SampleUnit.objects.select_for_update().select_related("wave").get(pk=unit.pk)
    if locked.opted_out_at is not None:
        return False
    at = at or timezone.now()
    locked.opted_out_at = at
    locked.save(update_fields=["opted_out_at"])
    unit.opted_out_at = at
    Invitation.objects.filter(unit=locked, status=InvitationStatus.QUEUED).delete()
    OptOut.objects.get_or_create(
        audience=locked.wave.audience,
        unit_id=locked.unit_id,
        defaults={"wave": locked.wave, "opted_out_at": at},
    )
    FieldworkEvent.objects.create(wave=locked.wave, unit=locked, kind=EventKind.OPTED_OUT, at=at)
    return True


@transaction.atomic
def record_bounces(wave: Wave, unit_ids: Iterable[str]) -> int:
    """Mark the latest sent e-mail of these units as bounced (from the mail server's reports)."""
    now = timezone.now()
    count = 0
    units = SampleUnit.objects.filter(wave=wave, unit_id__in=list(unit_ids))
    for unit in units:
        latest = (
            Invitation.objects.filter(
                unit=unit, channel=InvitationChannel.EMAIL, status=InvitationStatus.SENT
            )
            .order_by("-sent_at", "-pk")
            .first()
        )
        if latest is None:
            continue
        latest.status = InvitationStatus.BOUNCED
        latest.save(update_fields=["status"])
        FieldworkEvent.objects.create(wave=wave, unit=unit, kind=EventKind.BOUNCED, at=now)
        count += 1
    return count


def _cell(value: object) -> str:
    return (
        "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    )


@transaction.atomic
def attach_contacts(wave: Wave, contacts: pd.DataFrame) -> int:
    """Store the contact details for sending (columns unit_id and email and/or postal_address).

    Kept only while fieldwork runs: closing the wave clears them (clear_contacts). A bad e-mail
    address or an id not in the sample stops the whole file with the row number.
    """
    if "unit_id" not in contacts.columns or not {"email", "postal_address"} & set(contacts.columns):
        raise ValidationError(
            _("Het contactbestand heeft kolom unit_id en email en/of postal_address nodig.")
        )
    units = {u.unit_id: u for u in SampleUnit.objects.filter(wave=wave)}
    changed = []
    for row, record in enumerate(contacts.to_dict("records"), start=2):
        unit = units.get(_cell(record["unit_id"]))
        if unit is None:
            raise ValidationError(
                _("Rij %(row)d: eenheid %(id)s zit niet in de steekproef van deze meting."),
                params={"row": row, "id": _cell(record["unit_id"])},
            )
        if "email" in record:
            email = _cell(record["email"])
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    raise ValidationError(
                        _("Rij %(row)d: kolom email is geen geldig e-mailadres."),
                        params={"row": row},
                    ) from None
            unit.email = email
        if "postal_address" in record:
            unit.postal_address = _cell(record["postal_address"]).replace("|", "\n")
        changed.append(unit)
    # One parameterised UPDATE run for all rows: bulk_update builds a CASE per row and takes
    # minutes for a whole sample.
    table = SampleUnit._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET email = %s, postal_address = %s WHERE id = %s",
            [(u.email, u.postal_address, u.pk) for u in changed],
        )
    return len(changed)


def clear_contacts(wave: Wave) -> int:
    """Erase e-mail and postal addresses of a wave's units (data minimisation after fieldwork)."""
    return (
        SampleUnit.objects.filter(wave=wave)
        .exclude(email="", postal_address="")
        .update(email="", postal_address="")
    )


def opted_out_frame(audience: str | None = None) -> pd.DataFrame:
    """Every remembered opt-out (audience, unit_id), for core.fieldwork.apply_opt_outs."""
    qs = OptOut.objects.all()
    if audience:
        qs = qs.filter(audience=audience)
    rows = list(qs.order_by("audience", "unit_id").values_list("audience", "unit_id"))
    return pd.DataFrame(rows, columns=["audience", "unit_id"], dtype=str)
