"""Monitoring reads from the database, checked against a hand-built wave."""

import datetime as dt

import pytest
from django.utils import timezone

from maatmonitor.apps.fieldwork import monitoring, outreach
from maatmonitor.apps.fieldwork.constants import InvitationStatus
from maatmonitor.apps.fieldwork.models import Invitation, Response, SampleUnit
from tests.factories_outreach import wave_in_field

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 11, day, hour))


@pytest.fixture
def wave():
    """9 units in 3 strata (S0: units 0, 3, 6; S1: 1, 4, 7; S2: 2, 5, 8), milestones by hand."""
    wave = wave_in_field(9, email_every=1)
    outreach.invite(wave)
    units = list(SampleUnit.objects.filter(wave=wave).order_by("unit_id"))
    Invitation.objects.update(sent_at=_at(2))
    # 00:30 in Amsterdam is 23:30 UTC the day before: it must count on the local day.
    Invitation.objects.filter(unit=units[8]).update(sent_at=_at(3, 0) + dt.timedelta(minutes=30))
    Response.objects.create(
        unit=units[0], status="completed", started_at=_at(3), completed_at=_at(4)
    )
    Response.objects.create(unit=units[1], status="started", started_at=_at(4))
    Invitation.objects.filter(unit=units[2]).update(status=InvitationStatus.BOUNCED)
    outreach.opt_out(units[3], at=_at(5))
    # A started response with a stale completed_at (status decides) must not count as complete.
    Response.objects.create(unit=units[4], status="started", started_at=_at(4), completed_at=_at(4))
    stratum_targets = [
        {"stratum": units[i].stratum, "target": t, "response_rate": 0.3, "invitations": 7}
        for i, t in ((0, 1), (1, 2), (2, 2))
    ]
    wave.manifest = {"strata": stratum_targets}
    wave.save()
    return wave, units


def test_unit_milestones(wave):
    wave, units = wave
    table = monitoring.unit_milestones(wave).set_index("unit_id")
    assert len(table) == 9
    assert table.loc[units[0].unit_id, "completed_on"] == dt.date(2026, 11, 4)
    assert table.loc[units[0].unit_id, "started_on"] == dt.date(2026, 11, 3)
    assert table.loc[units[4].unit_id, "completed_on"] is None
    assert table.loc[units[2].unit_id, "bounced_on"] == dt.date(2026, 11, 2)
    assert table.loc[units[3].unit_id, "opted_out_on"] == dt.date(2026, 11, 5)
    assert table.loc[units[8].unit_id, "invited_on"] == dt.date(2026, 11, 3)


def test_stratum_table_and_totals(wave):
    wave, units = wave
    table = monitoring.stratum_table(wave).set_index("stratum")
    s0, s1, s2 = (table.loc[units[i].stratum] for i in range(3))
    assert len({units[i].stratum for i in range(3)}) == 3
    # S0: u0 completed, u3 opted out, u6 silent; target 1 reached.
    assert (s0.sampled, s0.invited, s0.started, s0.completed, s0.opted_out) == (3, 3, 1, 1, 1)
    assert (s0.expected, s0.shortfall, s0.reminder_candidates) == (1, 0, 1)
    assert not bool(s0.needs_reminder)
    # S1: u1 and u4 started (u4's stale completed_at does not count), u7 silent.
    assert (s1.started, s1.completed, s1.reminder_candidates, s1.shortfall) == (2, 0, 3, 2)
    assert bool(s1.needs_reminder)
    # S2: u2 bounced (not remindable by e-mail), u5 and u8 silent.
    assert (s2.bounced, s2.reminder_candidates, bool(s2.needs_reminder)) == (1, 2, True)
    totals = monitoring.totals(monitoring.stratum_table(wave))
    assert totals == {
        "sampled": 9,
        "invited": 9,
        "started": 3,
        "completed": 1,
        "opted_out": 1,
        "bounced": 1,
        "expected": 5,
        "response_rate": pytest.approx(1 / 9),
        "achieved_share": pytest.approx(1 / 5),
    }
    due = monitoring.reminder_table(wave)
    assert sorted(due["stratum"]) == sorted([units[1].stratum, units[2].stratum])


def test_day_table(wave):
    wave, _units = wave
    days = monitoring.day_table(wave).set_index("date")
    assert [d.day for d in days.index] == [2, 3, 4, 5]
    assert days["invited"].tolist() == [8, 1, 0, 0]
    assert days["started"].tolist() == [0, 1, 2, 0]
    assert days["completed"].tolist() == [0, 0, 1, 0]
    assert days["opted_out"].tolist() == [0, 0, 0, 1]
    assert days["bounced"].tolist() == [1, 0, 0, 0]
