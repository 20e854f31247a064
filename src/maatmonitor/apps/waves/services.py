"""Write API of waves: create a wave on a questionnaire version, record its draw and margins."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maatmonitor.apps.instruments.models import QuestionnaireVersion
from maatmonitor.apps.instruments.services import lock_version

from .constants import NEXT_STATUS, WaveStatus
from .models import PopulationMargin, Wave


class TransitionRefused(ValidationError):
    """A status change that the wave's state does not allow; the message says why."""


@transaction.atomic
def create_wave(code: str, number: int, audience: str, version: QuestionnaireVersion) -> Wave:
    """Create a wave (or return the existing one with this code) and lock its questionnaire version."""
    wave, created = Wave.objects.get_or_create(
        code=code,
        audience=audience,
        defaults={"number": number, "questionnaire_version": version},
    )
    if not created and wave.questionnaire_version_id != version.pk:
        raise ValidationError(
            _("Meting %(code)s gebruikt al vragenlijst %(v)s."),
            params={"code": code, "v": str(wave.questionnaire_version)},
        )
    wave.full_clean()
    lock_version(version)
    return wave


@transaction.atomic
def record_draw(
    wave: Wave, manifest: Mapping[str, Any], margins: Iterable[tuple[str, str, int]]
) -> Wave:
    """Store the draw manifest and the register margins (variable, category, count) of a wave.

    Only while the wave is being prepared: once fieldwork starts, its sample is fixed.
    """
    if wave.status != WaveStatus.DRAFT:
        raise ValidationError(_("De steekproef van een meting in het veld ligt vast."))
    wave.manifest = dict(manifest)
    wave.save(update_fields=["manifest"])
    wave.margins.all().delete()
    PopulationMargin.objects.bulk_create(
        PopulationMargin(wave=wave, variable=v, category=c, count=int(n)) for v, c, n in margins
    )
    return wave


def _validate_period(opens_on: date, closes_on: date, reminder_days: Sequence[int]) -> list[int]:
    if closes_on < opens_on:
        raise ValidationError(
            _("De sluitingsdatum (%(c)s) ligt voor de openingsdatum (%(o)s)."),
            params={"c": closes_on.isoformat(), "o": opens_on.isoformat()},
        )
    days = [int(d) for d in reminder_days]
    length = (closes_on - opens_on).days
    for d in days:
        if d < 1 or d > length:
            raise ValidationError(
                _(
                    "Herinnering na %(d)s dagen valt buiten de veldwerkperiode "
                    "(1 tot en met %(n)s dagen na de opening)."
                ),
                params={"d": d, "n": length},
            )
    if days != sorted(set(days)):
        raise ValidationError(_("Zet de herinneringsdagen oplopend en zonder dubbele dagen."))
    return days


@transaction.atomic
def set_field_period(
    wave: Wave,
    opens_on: date,
    closes_on: date,
    reminder_days: Sequence[int] | None = None,
    *,
    today: date | None = None,
) -> Wave:
    """Set the field period and reminder schedule.

    While preparing, everything may change. In the field, the opening date is fixed (invitations
    went out) and the closing date may move, but not into the past: respondents who are busy
    must not be cut off by an edit. After fieldwork, nothing changes.
    """
    given, wave = wave, Wave.objects.select_for_update().get(pk=wave.pk)
    today = today or timezone.localdate()
    days = _validate_period(
        opens_on, closes_on, wave.reminder_days if reminder_days is None else reminder_days
    )
    if wave.status == WaveStatus.FIELDING:
        if opens_on != wave.opens_on:
            raise ValidationError(_("De openingsdatum ligt vast zodra de meting in het veld is."))
        if closes_on < today:
            raise ValidationError(
                _("Een meting in het veld kan niet sluiten op een dag die al voorbij is.")
            )
    elif wave.status != WaveStatus.DRAFT:
        raise ValidationError(_("De veldwerkperiode van een gesloten meting ligt vast."))
    wave.opens_on, wave.closes_on, wave.reminder_days = opens_on, closes_on, days
    wave.save(update_fields=["opens_on", "closes_on", "reminder_days"])
    given.opens_on, given.closes_on, given.reminder_days = opens_on, closes_on, days
    return wave


def _units_count(wave: Wave) -> int:
    if not apps.is_installed("maatmonitor.apps.fieldwork"):
        return 0
    from maatmonitor.apps.fieldwork.models import SampleUnit

    return SampleUnit.objects.filter(wave=wave).count()


def _has_analysis(wave: Wave) -> bool:
    if not apps.is_installed("maatmonitor.apps.results"):
        return False
    from maatmonitor.apps.results.models import AnalysisRun

    return AnalysisRun.objects.filter(wave=wave).exists()


def _guard_fielding(wave: Wave, today: date) -> list[str]:
    problems = []
    if not wave.manifest:
        problems.append(_("er is nog geen steekproef getrokken"))
    elif _units_count(wave) == 0:
        problems.append(_("de steekproef heeft nog geen eenheden met codes"))
    if not (wave.opens_on and wave.closes_on):
        problems.append(_("de veldwerkperiode is nog niet ingesteld"))
    elif wave.closes_on < today:
        problems.append(_("de sluitingsdatum is al voorbij"))
    return problems


def _guard_analysed(wave: Wave, today: date) -> list[str]:
    return [] if _has_analysis(wave) else [_("er is nog geen analyse opgeslagen")]


def _no_guard(wave: Wave, today: date) -> list[str]:
    return []


# What must hold before a wave may enter a status. Closing is always allowed: the researcher
# may end fieldwork early; publishing needs only the analysed status itself.
GUARDS: dict[str, Callable[[Wave, date], list[str]]] = {
    WaveStatus.FIELDING: _guard_fielding,
    WaveStatus.CLOSED: _no_guard,
    WaveStatus.ANALYSED: _guard_analysed,
    WaveStatus.PUBLISHED: _no_guard,
}


def allowed_transition(wave: Wave, today: date | None = None) -> tuple[str | None, list[str]]:
    """The next status and the reasons it is not allowed yet (empty list: allowed)."""
    target = NEXT_STATUS.get(wave.status)
    if target is None:
        return None, [_("een gepubliceerde meting verandert niet meer")]
    return target, GUARDS[target](wave, today or timezone.localdate())


@transaction.atomic
def transition(wave: Wave, target: str, *, today: date | None = None) -> Wave:
    """Move a wave to `target`, only one step forward and only when the guard holds.

    Raises TransitionRefused naming every reason (so a researcher can fix them all at once).
    """
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    if target not in WaveStatus.values:
        raise TransitionRefused(_("Onbekende status: %(s)s."), params={"s": target})
    expected = NEXT_STATUS.get(locked.status)
    if expected != target:
        raise TransitionRefused(
            _("Een meting met status '%(from)s' kan niet naar '%(to)s'."),
            params={
                "from": WaveStatus(locked.status).label,
                "to": WaveStatus(target).label,
            },
        )
    problems = GUARDS[target](locked, today or timezone.localdate())
    if problems:
        raise TransitionRefused(
            _("Meting %(wave)s kan nog niet naar '%(to)s': %(why)s."),
            params={
                "wave": str(locked),
                "to": WaveStatus(target).label,
                "why": "; ".join(problems),
            },
        )
    locked.status = target
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_changed_at"])
    if target == WaveStatus.CLOSED and apps.is_installed("maatmonitor.apps.fieldwork"):
        # Contact details were kept only for sending; fieldwork is over, so they go.
        from maatmonitor.apps.fieldwork.outreach import clear_contacts

        clear_contacts(locked)
    wave.status, wave.status_changed_at = locked.status, locked.status_changed_at
    return locked


def close_expired_waves(today: date | None = None) -> list[Wave]:
    """Close every wave in the field whose closing date has passed (run daily by the task queue)."""
    today = today or timezone.localdate()
    due = Wave.objects.filter(status=WaveStatus.FIELDING, closes_on__lt=today)
    return [transition(w, WaveStatus.CLOSED, today=today) for w in due]
