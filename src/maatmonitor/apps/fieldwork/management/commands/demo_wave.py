"""An open demo wave for `make serve`: a client wave in the field with sampled units, whose
personal links and letter codes are printed so a person can fill in the questionnaire.

Idempotent: a re-run keeps the wave and its units and prints the same codes again (re-derived
from each unit's nonce; the database holds only hashes). Refused unless DEBUG is on or --force.
The load benchmark (benchmarks/load_respondents.py) uses `ensure_open_wave` for its wave.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from django.utils import timezone

from maatmonitor.apps.fieldwork import codes
from maatmonitor.apps.fieldwork.models import SampleUnit
from maatmonitor.apps.fieldwork.services import create_sample_units
from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.models import Wave
from maatmonitor.apps.waves.services import (
    create_wave,
    record_draw,
    set_field_period,
    transition,
)
from maatmonitor.core.instrument import shipped_questionnaire_paths

DEMO_CODE = "demo-open"
DEMO_UNITS = 20
FIELD_DAYS = 30
JOURNEYS = {"client": ["sick_disabled", "unemployed", "wajong"], "employer": ["arrange_employee"]}
DISTRICTS = ["noord", "oost", "brabant"]


def synthetic_frame(audience: str, n: int, prefix: str = "demo") -> pd.DataFrame:
    """n synthetic sampled units (pseudonymous ids, register background; no personal data)."""
    rows = []
    for i in range(n):
        journey = JOURNEYS[audience][i % len(JOURNEYS[audience])]
        district = DISTRICTS[(i // len(JOURNEYS[audience])) % len(DISTRICTS)]
        row = {
            "unit_id": f"{prefix}-{audience[0]}{i:06d}",
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


def ensure_open_wave(code: str, audience: str, n_units: int, *, days: int = FIELD_DAYS) -> Wave:
    """The wave `code` in the field from today for `days` days with at least n_units units.

    Goes through the wave services (draw manifest, field period, guarded transition), so the
    demo wave is a wave like any other. An existing wave is reused as it is.
    """
    version = import_questionnaire_file(shipped_questionnaire_paths()[audience]).version
    existing = Wave.objects.filter(code=code, audience=audience).first()
    number = (
        existing.number if existing else (Wave.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    )
    wave = create_wave(code, number, audience, version)
    if wave.status != WaveStatus.DRAFT:
        return wave
    frame = synthetic_frame(audience, n_units, prefix=code)
    if not wave.manifest:
        strata = sorted(set(frame["stratum"]))
        per = {s: int((frame["stratum"] == s).sum()) for s in strata}
        manifest = {
            "wave": number,
            "synthetic": True,
            "strata": [
                {"stratum": s, "population": 1000, "eligible": 900, "n": per[s]} for s in strata
            ],
        }
        record_draw(wave, manifest, [])
    today = timezone.localdate()
    set_field_period(wave, today, today + dt.timedelta(days=days), [7, 14])
    create_sample_units(wave, frame)
    return transition(wave, WaveStatus.FIELDING)


def code_rows(wave: Wave) -> list[tuple[str, str, str]]:
    """(unit id, personal link, letter code) per unit, re-derived from the units' nonces."""
    base = str(settings.PUBLIC_URL).rstrip("/")
    rows = []
    for unit in SampleUnit.objects.filter(wave=wave).order_by("unit_id"):
        unit_codes = codes.unit_codes(unit)
        rows.append((unit.unit_id, f"{base}/v/{unit_codes.personal}/", unit_codes.letter))
    return rows


class Command(BaseCommand):
    help = "Zet een open demo-meting klaar en toon de persoonlijke links en briefcodes."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ook zonder DEBUG.")
        parser.add_argument("--units", type=int, default=DEMO_UNITS)
        parser.add_argument("--code", default=DEMO_CODE)

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["force"]):
            raise CommandError("Demo-meting alleen met DEBUG aan (ontwikkelomgeving) of --force.")
        if options["units"] < 1:
            raise CommandError("--units moet minstens 1 zijn.")
        wave = ensure_open_wave(options["code"], "client", options["units"])
        base = str(settings.PUBLIC_URL).rstrip("/")
        state = "open" if wave.accepts_responses() else f"niet open (status {wave.status})"
        self.stdout.write(
            f"Demo-meting {wave.code} (cliënten), {wave.opens_on} t/m {wave.closes_on}: {state}."
        )
        self.stdout.write(f"Open een persoonlijke link, of typ een briefcode op {base}/v/")
        for unit_id, link, letter in code_rows(wave):
            self.stdout.write(f"  {unit_id:<20} {link:<60} {letter}")
