"""Write API of waves: create a wave on a questionnaire version, record its draw and margins."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maatmonitor.apps.instruments.models import QuestionnaireVersion
from maatmonitor.apps.instruments.services import lock_version

from .constants import WaveStatus
from .models import PopulationMargin, Wave


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
