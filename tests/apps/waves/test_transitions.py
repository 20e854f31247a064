"""The wave status machine: one step forward at a time, each step guarded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from maatmonitor.apps.fieldwork.models import SampleUnit
from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.services import (
    TransitionRefused,
    allowed_transition,
    close_expired_waves,
    create_wave,
    record_draw,
    set_field_period,
    transition,
)
from maatmonitor.core.instrument import shipped_questionnaire_paths
from tests.factories_fieldwork import units_with_codes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def wave():
    version = import_questionnaire_file(shipped_questionnaire_paths()["client"]).version
    return create_wave("2026-2", 1, "client", version)


def _ready(wave):
    record_draw(wave, {"wave": 1, "strata": []}, [("district", "noord", 10)])
    units_with_codes(wave, 3)
    set_field_period(wave, dt.date(2026, 11, 2), dt.date(2026, 11, 30), [7, 14], today=TODAY)
    return wave


def test_draft_cannot_go_to_field_without_sample_units_and_period(wave):
    with pytest.raises(TransitionRefused) as info:
        transition(wave, WaveStatus.FIELDING, today=TODAY)
    text = " ".join(info.value.messages)
    assert "steekproef" in text
    assert "veldwerkperiode" in text
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT


def test_draw_without_units_is_refused(wave):
    record_draw(wave, {"wave": 1}, [])
    set_field_period(wave, dt.date(2026, 11, 2), dt.date(2026, 11, 30), today=TODAY)
    target, problems = allowed_transition(wave, TODAY)
    assert target == WaveStatus.FIELDING
    assert problems == ["de steekproef heeft nog geen eenheden met codes"]


def test_full_path_to_published(wave):
    _ready(wave)
    transition(wave, WaveStatus.FIELDING, today=TODAY)
    assert wave.status == WaveStatus.FIELDING
    assert wave.status_changed_at is not None
    transition(wave, WaveStatus.CLOSED, today=TODAY)
    # No analysis stored: the step to analysed is refused, with the reason.
    with pytest.raises(TransitionRefused, match="analyse"):
        transition(wave, WaveStatus.ANALYSED, today=TODAY)
    # A stored analysis (apps.results) opens the step.
    from maatmonitor.apps.results.models import AnalysisRun

    AnalysisRun.objects.create(wave=wave, result={}, n_respondents=0)
    transition(wave, WaveStatus.ANALYSED, today=TODAY)
    transition(wave, WaveStatus.PUBLISHED, today=TODAY)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.PUBLISHED
    target, problems = allowed_transition(wave, TODAY)
    assert target is None
    assert problems


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (WaveStatus.DRAFT, WaveStatus.CLOSED),  # skipping fieldwork
        (WaveStatus.FIELDING, WaveStatus.DRAFT),  # backwards
        (WaveStatus.CLOSED, WaveStatus.FIELDING),  # reopening
        (WaveStatus.CLOSED, WaveStatus.PUBLISHED),  # publishing unanalysed
        (WaveStatus.PUBLISHED, WaveStatus.ANALYSED),
        (WaveStatus.FIELDING, "bogus"),
    ],
)
def test_refused_transitions_leave_the_status_alone(wave, start, target):
    wave.status = start
    wave.save()
    with pytest.raises(TransitionRefused):
        transition(wave, target, today=TODAY)
    wave.refresh_from_db()
    assert wave.status == start


def test_fielding_refused_when_closing_date_passed(wave):
    _ready(wave)
    with pytest.raises(TransitionRefused, match="sluitingsdatum is al voorbij"):
        transition(wave, WaveStatus.FIELDING, today=dt.date(2026, 12, 1))


def test_field_period_rules(wave):
    with pytest.raises(ValidationError, match="voor de openingsdatum"):
        set_field_period(wave, dt.date(2026, 11, 30), dt.date(2026, 11, 2), today=TODAY)
    with pytest.raises(ValidationError, match="buiten de veldwerkperiode"):
        set_field_period(wave, dt.date(2026, 11, 2), dt.date(2026, 11, 10), [7, 14], today=TODAY)
    with pytest.raises(ValidationError, match="oplopend"):
        set_field_period(wave, dt.date(2026, 11, 2), dt.date(2026, 11, 30), [14, 7], today=TODAY)
    _ready(wave)
    transition(wave, WaveStatus.FIELDING, today=TODAY)
    # In the field: the closing date may move (not into the past), the opening date may not.
    set_field_period(wave, dt.date(2026, 11, 2), dt.date(2026, 12, 14), [7, 14, 28], today=TODAY)
    wave.refresh_from_db()
    assert wave.closes_on == dt.date(2026, 12, 14)
    assert wave.reminder_dates() == [
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 30),
    ]
    with pytest.raises(ValidationError, match="openingsdatum ligt vast"):
        set_field_period(wave, dt.date(2026, 11, 3), dt.date(2026, 12, 14), today=TODAY)
    with pytest.raises(ValidationError, match="al voorbij"):
        set_field_period(
            wave, dt.date(2026, 11, 2), dt.date(2026, 11, 20), [7, 14], today=dt.date(2026, 11, 25)
        )


def test_accepts_responses_only_in_period_while_fielding(wave):
    _ready(wave)
    assert not wave.accepts_responses(dt.date(2026, 11, 5))  # still a draft
    transition(wave, WaveStatus.FIELDING, today=TODAY)
    assert not wave.accepts_responses(dt.date(2026, 11, 1))
    assert wave.accepts_responses(dt.date(2026, 11, 2))
    assert wave.accepts_responses(dt.date(2026, 11, 30))
    assert not wave.accepts_responses(dt.date(2026, 12, 1))


def test_close_expired_waves_closes_and_clears_contacts(wave):
    _ready(wave)
    SampleUnit.objects.filter(wave=wave).update(
        email="x@example.invalid", postal_address="Postbus 1"
    )
    transition(wave, WaveStatus.FIELDING, today=TODAY)
    assert close_expired_waves(dt.date(2026, 11, 30)) == []  # the last day still counts
    closed = close_expired_waves(dt.date(2026, 12, 1))
    assert [w.pk for w in closed] == [wave.pk]
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED
    assert not SampleUnit.objects.filter(wave=wave).exclude(email="", postal_address="").exists()
