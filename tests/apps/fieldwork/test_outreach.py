"""Invitations and reminders: who gets what, by which channel, once; opt-outs honoured at once."""

import datetime as dt

import pandas as pd
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from maatmonitor.apps.fieldwork import codes, outreach
from maatmonitor.apps.fieldwork.constants import InvitationChannel, InvitationKind, InvitationStatus
from maatmonitor.apps.fieldwork.models import (
    FieldworkEvent,
    Invitation,
    OptOut,
    Response,
    SampleUnit,
)
from maatmonitor.apps.waves.constants import WaveStatus
from tests.factories_outreach import OPENS, wave_in_field

pytestmark = pytest.mark.django_db


def _units(wave):
    return list(SampleUnit.objects.filter(wave=wave).order_by("unit_id"))


def test_invite_emails_those_with_an_address_and_queues_letters_for_the_rest():
    wave = wave_in_field(6)
    result = outreach.invite(wave)
    assert (result.emailed, result.letters_queued, result.bounced) == (3, 3, 0)
    assert len(mail.outbox) == 3
    units = _units(wave)
    first = mail.outbox[0]
    unit = next(u for u in units if u.email == first.to[0])
    unit_codes = codes.unit_codes(unit)
    body = first.body
    assert unit_codes.personal in body  # personal link
    assert unit_codes.letter in body  # fallback: the code to type
    assert f"/afmelden/{unit_codes.personal}/" in body  # opt-out link in every e-mail
    assert first.extra_headers["List-Unsubscribe"].endswith(f"/afmelden/{unit_codes.personal}/>")
    assert "Beste meneer, mevrouw," in body  # name-free salutation
    html = first.alternatives[0][0]
    assert unit_codes.personal in html
    assert "afmelden" in html
    # Nobody else's code is in this e-mail.
    others = [codes.unit_codes(u).personal for u in units if u.pk != unit.pk]
    assert not any(code in body for code in others)
    letters = Invitation.objects.filter(channel=InvitationChannel.LETTER)
    assert letters.count() == 3
    assert set(letters.values_list("status", flat=True)) == {InvitationStatus.QUEUED}
    assert FieldworkEvent.objects.filter(wave=wave, kind="invited").count() == 6


def test_second_invite_run_sends_nothing_new():
    wave = wave_in_field(4)
    outreach.invite(wave)
    again = outreach.invite(wave)
    assert again.total == 0
    assert len(mail.outbox) == 2
    assert Invitation.objects.filter(kind=InvitationKind.INVITATION).count() == 4


def test_invite_refused_unless_wave_is_fielding():
    wave = wave_in_field(2)
    wave.status = WaveStatus.DRAFT
    wave.save()
    with pytest.raises(ValidationError, match="niet in het veld"):
        outreach.invite(wave)
    assert not Invitation.objects.exists()


def test_smtp_refusal_is_recorded_as_bounce(monkeypatch):
    wave = wave_in_field(2, email_every=1)

    def refuse(self, fail_silently=False):
        raise OSError("550 no such user")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    result = outreach.invite(wave)
    assert (result.emailed, result.bounced) == (0, 2)
    assert set(Invitation.objects.values_list("status", flat=True)) == {InvitationStatus.BOUNCED}
    assert FieldworkEvent.objects.filter(kind="bounced").count() == 2


def test_reminders_follow_the_schedule_and_skip_respondents_and_opt_outs():
    wave = wave_in_field(6, email_every=1)  # all by e-mail
    outreach.invite(wave)
    units = _units(wave)
    completed, started, opted = units[0], units[1], units[2]
    Response.objects.create(
        unit=completed, status="completed", started_at=timezone.now(), completed_at=timezone.now()
    )
    Response.objects.create(unit=started, status="started", started_at=timezone.now())
    outreach.opt_out(opted)
    mail.outbox.clear()

    early = outreach.remind(wave, today=OPENS + dt.timedelta(days=6))
    assert early.total == 0
    assert "eerste" in early.message
    first = outreach.remind(wave, today=OPENS + dt.timedelta(days=7))
    assert first.emailed == 4  # 6 minus completed minus opted out; the started one is reminded
    reminded = {m.to[0] for m in mail.outbox}
    assert completed.email not in reminded
    assert opted.email not in reminded
    assert started.email in reminded
    assert "Herinnering" in mail.outbox[0].subject
    assert outreach.remind(wave, today=OPENS + dt.timedelta(days=8)).total == 0  # once per date
    second = outreach.remind(wave, today=OPENS + dt.timedelta(days=14))
    assert second.emailed == 4
    assert Invitation.objects.filter(kind=InvitationKind.REMINDER).count() == 8


def test_reminder_after_bounce_goes_by_letter_and_strata_filter_applies():
    wave = wave_in_field(6, email_every=1)
    outreach.invite(wave)
    units = _units(wave)
    assert outreach.record_bounces(wave, [units[0].unit_id]) == 1
    mail.outbox.clear()
    strata = [units[0].stratum]
    result = outreach.remind(wave, today=OPENS + dt.timedelta(days=7), strata=strata)
    in_stratum = [u for u in units if u.stratum == units[0].stratum]
    assert result.letters_queued == 1
    assert result.emailed == len(in_stratum) - 1
    letter = Invitation.objects.get(kind=InvitationKind.REMINDER, channel=InvitationChannel.LETTER)
    assert letter.unit_id == units[0].pk


def test_opt_out_is_immediate_and_remembered_for_the_audience():
    wave = wave_in_field(4, email_every=99)  # only unit 0 has e-mail; the rest get letters
    outreach.invite(wave)
    unit = next(u for u in _units(wave) if not u.email)
    assert Invitation.objects.filter(unit=unit, status=InvitationStatus.QUEUED).exists()
    assert outreach.opt_out(unit) is True
    assert outreach.opt_out(unit) is False  # a second click changes nothing
    assert not Invitation.objects.filter(unit=unit, status=InvitationStatus.QUEUED).exists()
    assert OptOut.objects.filter(audience="client", unit_id=unit.unit_id).count() == 1
    assert unit.pk not in outreach.queued_letters(wave).values_list("unit_id", flat=True)
    frame = outreach.opted_out_frame("client")
    assert frame.values.tolist() == [["client", unit.unit_id]]
    assert outreach.opted_out_frame("employer").empty


def test_attach_contacts_reports_the_bad_row():
    wave = wave_in_field(2)
    ids = [u.unit_id for u in _units(wave)]
    with pytest.raises(ValidationError, match="Rij 3: kolom email"):
        outreach.attach_contacts(
            wave, pd.DataFrame({"unit_id": ids, "email": ["a@example.invalid", "nope"]})
        )
    with pytest.raises(ValidationError, match="Rij 2: eenheid x999"):
        outreach.attach_contacts(wave, pd.DataFrame({"unit_id": ["x999"], "email": [""]}))


def test_daily_round_sends_due_reminders_once_and_closes_expired_waves():
    wave = wave_in_field(3, email_every=1)
    outreach.invite(wave)
    mail.outbox.clear()
    assert outreach.run_schedule(OPENS + dt.timedelta(days=3)) == {}  # nothing due yet
    report = outreach.run_schedule(OPENS + dt.timedelta(days=7))
    assert report[str(wave)].emailed == 3
    assert outreach.run_schedule(OPENS + dt.timedelta(days=7))[str(wave)].total == 0
    assert len(mail.outbox) == 3
    closed = outreach.run_schedule(dt.date(2026, 12, 1))  # the day after the last day
    assert closed == {str(wave): "gesloten"}
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED
    assert not SampleUnit.objects.filter(wave=wave).exclude(email="").exists()  # contacts erased
