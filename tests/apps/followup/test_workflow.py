"""A signal's life: guarded transitions with history, overdue flags, retention, scoping."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.followup import queries, services
from maatmonitor.apps.followup.constants import SignalStatus, SignalStep
from maatmonitor.apps.followup.models import Signal
from tests.factories_loop import user_in

pytestmark = pytest.mark.django_db


def _at(y, m, d, hour=10):
    return timezone.make_aware(datetime(y, m, d, hour))


def new_signal(district="oost", now=None, by=None, **extra):
    fields = {
        "description": "Ik werd drie keer doorverbonden en niemand wist het antwoord.",
        "district": district,
        "source": "client",
        "journey": "unemployed",
    } | extra
    return services.create_signal(by=by, now=now or _at(2026, 11, 23), **fields)


def test_whole_life_records_who_and_when_for_every_step():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    s = new_signal()
    s = services.transition(s, SignalStep.ACKNOWLEDGE, handler, now=_at(2026, 11, 23, 15))
    s = services.transition(
        s,
        SignalStep.ASSESS,
        handler,
        note="Team bellen u morgen.",
        team="WW Oost",
        now=_at(2026, 11, 24),
    )
    s = services.transition(
        s, SignalStep.RESOLVE, handler, note="Uitkering is hersteld.", now=_at(2026, 11, 30)
    )
    assert s.status == SignalStatus.HELPED
    assert s.team == "WW Oost"
    events = list(s.events.values_list("step", "from_status", "to_status", "by_name"))
    assert events == [
        ("receive", "", "received", ""),
        ("acknowledge", "received", "seen", handler.username),
        ("assess", "seen", "heard", handler.username),
        ("resolve", "heard", "helped", handler.username),
    ]
    assert s.seen_at == _at(2026, 11, 23, 15)
    assert s.helped_at == _at(2026, 11, 30)


@pytest.mark.parametrize(
    ("steps_before", "refused"),
    [
        ((), SignalStep.ASSESS),  # cannot skip "gezien"
        ((), SignalStep.RESOLVE),
        ((), SignalStep.REOPEN),  # nothing to reopen
        ((SignalStep.ACKNOWLEDGE,), SignalStep.ACKNOWLEDGE),  # not twice
        ((SignalStep.ACKNOWLEDGE,), SignalStep.RESOLVE),  # must be heard first
    ],
)
def test_refused_transitions_leave_the_signal_unchanged(steps_before, refused):
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    s = new_signal()
    for step in steps_before:
        s = services.transition(s, step, handler, note="x", team="t")
    status, n_events = s.status, s.events.count()
    with pytest.raises(services.TransitionRefused):
        services.transition(s, refused, handler, note="x", team="t")
    s.refresh_from_db()
    assert (s.status, s.events.count()) == (status, n_events)


def test_assess_needs_a_team_and_a_message_for_the_submitter():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    s = services.transition(new_signal(), SignalStep.ACKNOWLEDGE, handler)
    with pytest.raises(services.TransitionRefused, match="dit hoort de melder"):
        services.transition(s, SignalStep.ASSESS, handler, team="WW")
    with pytest.raises(services.TransitionRefused, match="team"):
        services.transition(s, SignalStep.ASSESS, handler, note="We bellen u.")


def test_close_with_reason_and_reopen_gives_fresh_terms():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    s = new_signal(now=_at(2026, 11, 2))
    with pytest.raises(services.TransitionRefused, match="reden"):
        services.transition(s, SignalStep.CLOSE, handler)
    s = services.transition(
        s, SignalStep.CLOSE, handler, note="Dubbele melding", now=_at(2026, 11, 3)
    )
    assert s.status == SignalStatus.CLOSED
    assert s.close_reason == "Dubbele melding"
    s = services.transition(
        s, SignalStep.REOPEN, handler, note="Toch niet dubbel", now=_at(2026, 11, 23)
    )
    assert s.status == SignalStatus.SEEN
    assert s.closed_at is None
    assert s.close_reason == ""
    assert s.assess_due == date(2026, 11, 26)
    assert s.resolve_due == date(2026, 12, 14)


def test_overdue_and_nearly_due_lists():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    late = new_signal(now=_at(2026, 11, 16))  # acknowledge due Tue 17 Nov
    fresh = new_signal(now=_at(2026, 11, 23))  # acknowledge due Tue 24 Nov
    seen = services.transition(new_signal(now=_at(2026, 11, 16)), SignalStep.ACKNOWLEDGE, handler)
    today = date(2026, 11, 23)
    assert late.overdue_steps(today) == [SignalStep.ACKNOWLEDGE, SignalStep.ASSESS]
    assert seen.overdue_steps(today) == [SignalStep.ASSESS]  # assess due Thu 19 Nov
    all_signals = Signal.objects.all()
    assert {s.pk for s in queries.overdue(all_signals, today)} == {late.pk, seen.pk}
    assert [s.pk for s in queries.nearly_due(all_signals, today)] == [fresh.pk]


def test_contact_details_need_consent():
    with pytest.raises(ValidationError):
        new_signal(contact_email="iemand@example.org", consent_contact=False)


def test_retention_removes_contact_details_of_old_closed_signals_only():
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    contact = {"contact_email": "iemand@example.org", "consent_contact": True}
    old = services.transition(
        new_signal(now=_at(2026, 1, 5), **contact),
        SignalStep.CLOSE,
        handler,
        note="x",
        now=_at(2026, 1, 6),
    )
    recent = services.transition(
        new_signal(**contact), SignalStep.CLOSE, handler, note="x", now=timezone.now()
    )
    still_open = new_signal(now=_at(2026, 1, 5), **contact)
    assert services.purge_contact_details(days=90) == 1
    old.refresh_from_db(), recent.refresh_from_db(), still_open.refresh_from_db()
    assert old.contact_email == ""
    assert old.contact_removed_at is not None
    assert recent.contact_email
    assert still_open.contact_email
    assert services.purge_contact_details(days=90) == 0


def test_purge_command_reports_the_count(capsys):
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    services.transition(
        new_signal(contact_phone="0612345678", consent_contact=True),
        SignalStep.CLOSE,
        handler,
        note="x",
        now=timezone.now() - timedelta(days=100),
    )
    call_command("purge_signal_contacts")
    assert "bij 1 signalen (bewaartermijn 90 dagen)" in capsys.readouterr().out


def test_scoping_per_role():
    in_oost, in_noord = new_signal("oost"), new_signal("noord")
    handler = user_in(Role.SIGNAL_HANDLER, ["oost"])
    council = user_in(Role.COUNCIL_MEMBER, ["brabant"])
    own = new_signal("noord", by=council)
    researcher = user_in(Role.RESEARCHER)
    liaison = user_in(Role.LIAISON_OFFICER, ["oost"])
    assert set(queries.signals_for(handler)) == {in_oost}
    assert set(queries.signals_for(council)) == {own}  # what they raised, not noord's others
    assert set(queries.signals_for(researcher)) == set()  # researchers hold no signal rights
    assert set(queries.signals_for(liaison)) == set()
    assert in_noord not in queries.signals_for(handler)


@pytest.mark.slow  # loads the language models of the story pipeline
def test_coding_runs_after_commit_and_uses_the_stories_codeframe(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        s = new_signal(
            description="Mijn naam is Jan Jansen, bel 0612345678. Ik wacht al weken op mijn uitkering."
        )
    s.refresh_from_db()
    assert "0612345678" not in s.description_redacted
    assert "[TELEFOON]" in s.description_redacted
    from maatmonitor.core.stories.codeframe import load_codeframe

    assert s.topics
    assert set(s.topics) <= set(load_codeframe().code_ids())
