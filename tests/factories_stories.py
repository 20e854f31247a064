"""Stories fixtures: a wave of the shipped questionnaire and a C1-shaped response frame."""

from __future__ import annotations

import pandas as pd

from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.waves.models import Wave
from maatmonitor.apps.waves.services import create_wave
from maatmonitor.core.instrument import shipped_questionnaire_paths

WHY = [
    "Ik heb drie keer gebeld en niemand belde terug.",
    "De medewerker was heel vriendelijk en nam de tijd voor me.",
    "Mijn uitkering werd te laat betaald, daardoor kwam ik in de problemen.",
    "Het duurde maanden voordat er een besluit kwam.",
    "De brieven zijn onbegrijpelijk, ik snap er niets van.",
    "Bel me op 06-12345678, mijn klantmanager Sanne weet ervan.",
]


def story_wave(audience: str = "client", code: str = "2026-2") -> Wave:
    version = import_questionnaire_file(shipped_questionnaire_paths()[audience]).version
    return create_wave(code, 1, audience, version)


def responses(n: int = 24, districts: tuple[str, ...] = ("noord", "oost")) -> pd.DataFrame:
    """n respondents; every third leaves `improve` empty; overall 1..5 cycling."""
    rows = []
    for i in range(n):
        rows.append(
            {
                "unit_id": f"U{i:04d}",
                "journey": "unemployed",
                "district": districts[i % len(districts)],
                "age_band": "27_44",
                "outcome": "granted",
                "debt": i % 2,
                "overall": 1 + i % 5,
                "why_overall": WHY[i % len(WHY)],
                "improve": "" if i % 3 == 0 else "Graag een vaste contactpersoon.",
                "status": "completed",
            }
        )
    return pd.DataFrame(rows)
