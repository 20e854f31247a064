"""Reads for response monitoring: the per-unit milestones of a wave, fed to core.fieldwork.

One query over the units (with their response and aggregated invitations); dates are local
calendar days. The researcher pages and the CLI `fieldwork status` both use these functions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.fieldwork import (
    UNIT_COLUMNS,
    response_per_day,
    response_per_stratum,
    strata_needing_reminder,
)

from .constants import InvitationKind, InvitationStatus, ResponseStatus
from .models import SampleUnit

_SENT = [InvitationStatus.SENT, InvitationStatus.BOUNCED]


def _day(value: Any) -> Any:
    return timezone.localtime(value).date() if value is not None else None


def unit_milestones(wave: Wave) -> pd.DataFrame:
    """One row per sampled unit with the local date of each milestone (UNIT_COLUMNS)."""
    rows = (
        SampleUnit.objects.filter(wave=wave)
        .annotate(
            invited_at=Min(
                "invitations__sent_at",
                filter=Q(
                    invitations__kind=InvitationKind.INVITATION, invitations__status__in=_SENT
                ),
            ),
            bounced_at=Min(
                "invitations__sent_at", filter=Q(invitations__status=InvitationStatus.BOUNCED)
            ),
            n_reminders=Count(
                "invitations",
                filter=Q(invitations__kind=InvitationKind.REMINDER, invitations__status__in=_SENT),
            ),
            response_started=F("response__started_at"),
            response_completed=F("response__completed_at"),
            response_status=F("response__status"),
        )
        .values_list(
            "unit_id",
            "stratum",
            "invited_at",
            "response_started",
            "response_completed",
            "response_status",
            "opted_out_at",
            "bounced_at",
            "n_reminders",
        )
        .order_by("unit_id")
    )
    records = [
        (
            unit_id,
            stratum,
            _day(invited),
            _day(started),
            _day(completed) if status == ResponseStatus.COMPLETED else None,
            _day(opted_out),
            _day(bounced),
            int(reminders),
        )
        for (
            unit_id,
            stratum,
            invited,
            started,
            completed,
            status,
            opted_out,
            bounced,
            reminders,
        ) in rows
    ]
    return pd.DataFrame.from_records(records, columns=list(UNIT_COLUMNS))


def targets(wave: Wave) -> pd.DataFrame:
    """Expected completes per stratum from the wave's draw manifest (empty without a draw)."""
    strata = (wave.manifest or {}).get("strata", [])
    table = pd.DataFrame.from_records(
        strata, columns=["stratum", "target", "response_rate", "invitations"]
    )
    return table[["stratum", "target", "response_rate", "invitations"]]


def stratum_table(wave: Wave) -> pd.DataFrame:
    return response_per_stratum(unit_milestones(wave), targets(wave))


def day_table(wave: Wave) -> pd.DataFrame:
    return response_per_day(unit_milestones(wave))


def reminder_table(wave: Wave) -> pd.DataFrame:
    return strata_needing_reminder(stratum_table(wave))


def totals(per_stratum: pd.DataFrame) -> dict[str, Any]:
    """The national totals of a per-stratum table (sums; rates recomputed from the sums)."""
    keys = ("sampled", "invited", "started", "completed", "opted_out", "bounced", "expected")
    total = {k: int(per_stratum[k].sum()) for k in keys}
    total["response_rate"] = total["completed"] / total["invited"] if total["invited"] else None
    total["achieved_share"] = total["completed"] / total["expected"] if total["expected"] else None
    return total
