"""Outreach fixtures: a fielding wave with a field period, units with contacts, a manifest."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from maatmonitor.apps.fieldwork.models import SampleUnit
from maatmonitor.apps.fieldwork.outreach import attach_contacts
from maatmonitor.apps.waves.models import Wave
from tests.factories_fieldwork import fielding_wave, units_with_codes

OPENS = dt.date(2026, 11, 2)
CLOSES = dt.date(2026, 11, 30)


def wave_in_field(n: int = 6, audience: str = "client", email_every: int = 2) -> Wave:
    """A fielding wave (2 Nov - 30 Nov 2026, reminders after 7 and 14 days) with n units.

    Every `email_every`-th unit has an e-mail address (example.invalid); the rest get letters.
    """
    wave = fielding_wave(audience)
    wave.opens_on, wave.closes_on, wave.reminder_days = OPENS, CLOSES, [7, 14]
    wave.save()
    units_with_codes(wave, n)
    ids = list(
        SampleUnit.objects.filter(wave=wave).order_by("unit_id").values_list("unit_id", flat=True)
    )
    attach_contacts(
        wave,
        pd.DataFrame(
            {
                "unit_id": ids,
                "email": [
                    f"r{i}@example.invalid" if i % email_every == 0 else "" for i in range(len(ids))
                ],
                "postal_address": [f"Postbus {100 + i}|1000 AA Plaats" for i in range(len(ids))],
            }
        ),
    )
    return wave
