"""Fieldwork fixtures: a wave in the field with sampled units whose codes the test knows."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from maatmonitor.apps.fieldwork import codes
from maatmonitor.apps.fieldwork.models import SampleUnit
from maatmonitor.apps.fieldwork.services import create_sample_units
from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.models import Wave
from maatmonitor.apps.waves.services import create_wave
from maatmonitor.core.instrument import shipped_questionnaire_paths

JOURNEYS = {"client": ["sick_disabled", "unemployed", "wajong"], "employer": ["arrange_employee"]}
DISTRICTS = ["noord", "oost", "brabant"]


def fielding_wave(audience: str = "client", code: str = "2026-2", status: str = "fielding") -> Wave:
    """A wave of the shipped questionnaire, in the field (or `status`), with a small manifest."""
    version = import_questionnaire_file(shipped_questionnaire_paths()[audience]).version
    wave = create_wave(code, 1, audience, version)
    strata = [
        {"stratum": f"{audience}|{j}|{d}", "population": 1000, "eligible": 900}
        for j in JOURNEYS[audience]
        for d in DISTRICTS
    ]
    wave.manifest = {"wave": 1, "strata": strata}
    wave.status = status
    wave.save()
    return wave


def sample_frame(audience: str, n: int, start: int = 0) -> pd.DataFrame:
    """n sampled units spread over the strata of fielding_wave (no personal data: ids only)."""
    rows = []
    for i in range(start, start + n):
        journey = JOURNEYS[audience][i % len(JOURNEYS[audience])]
        district = DISTRICTS[i % len(DISTRICTS)]
        row = {
            "unit_id": f"{audience[0]}{i:06d}",
            "stratum": f"{audience}|{journey}|{district}",
            "journey": journey,
            "district": district,
            "channel": "email" if i % 2 else "post",
        }
        if audience == "client":
            row |= {
                "age_band": ["18_26", "27_44", "45_54", "55_plus"][i % 4],
                "outcome": ["granted", "rejected", "none"][i % 3],
                "debt": i % 5 == 0,
            }
        else:
            row |= {"size_class": ["small", "medium", "large"][i % 3], "sector": "care"}
        rows.append(row)
    return pd.DataFrame(rows)


def units_with_codes(
    wave: Wave, n: int, start: int = 0
) -> list[tuple[SampleUnit, codes.UnitCodes]]:
    create_sample_units(wave, sample_frame(wave.audience, n, start))
    units = SampleUnit.objects.filter(wave=wave).order_by("unit_id")
    return [(u, codes.unit_codes(u)) for u in units]


def close_wave(wave: Wave) -> None:
    """Past the closing day (or closed by status when the wave has no dates)."""
    if hasattr(wave, "closes_on"):
        wave.closes_on = dt.date.today() - dt.timedelta(days=2)
    else:
        wave.status = WaveStatus.CLOSED
    wave.save()
