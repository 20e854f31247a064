"""Working days and service-level terms around weekends and Dutch public holidays."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from maatmonitor.apps.followup.sla import SlaTerms, due_dates
from maatmonitor.apps.followup.workdays import (
    add_working_days,
    dutch_holidays,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter_monday", "ascension"),
    [
        (2024, date(2024, 4, 1), date(2024, 5, 9)),
        (2025, date(2025, 4, 21), date(2025, 5, 29)),
        (2026, date(2026, 4, 6), date(2026, 5, 14)),
        (2027, date(2027, 3, 29), date(2027, 5, 6)),
    ],
)
def test_moveable_feasts_follow_easter(year, easter_monday, ascension):
    days = dutch_holidays(year)
    assert days[easter_monday] == "Tweede paasdag"
    assert days[ascension] == "Hemelvaartsdag"
    assert not is_working_day(easter_monday)


def test_good_friday_counts_as_in_the_algemene_termijnenwet():
    # The `holidays` NL calendar follows the Algemene termijnenwet, which lists Good Friday.
    assert not is_working_day(date(2026, 4, 3))
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Thu -> Fri, Mon off


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert date(2025, 4, 26) in dutch_holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2025, 4, 27) not in dutch_holidays(2025)
    assert date(2026, 4, 27) in dutch_holidays(2026)  # a Monday


def test_liberation_day_only_in_lustrum_years():
    assert date(2025, 5, 5) in dutch_holidays(2025)
    assert date(2026, 5, 5) not in dutch_holidays(2026)


def test_weekends_and_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 4, 27))  # King's Day, Monday
    assert not is_working_day(date(2026, 12, 25))  # Christmas, Friday
    assert not is_working_day(date(2026, 12, 26))
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 23))


def test_one_working_day_after_friday_before_kings_day_is_tuesday():
    # Fri 24 April 2026 -> Mon 27 is King's Day -> Tue 28.
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_christmas_week_terms():
    # Thu 24 Dec 2026: Fri 25 + Sat + Sun + ... -> Mon 28 (26 is Saturday and Boxing Day).
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 4


def _at(y, m, d, hour=10):
    return timezone.make_aware(datetime(y, m, d, hour))


def test_due_dates_for_a_signal_received_on_a_saturday():
    due = due_dates(_at(2026, 11, 28), SlaTerms())
    assert due.acknowledge == date(2026, 11, 30)  # Monday
    assert due.assess == date(2026, 12, 2)  # Wednesday
    assert due.resolve == date(2026, 12, 21)  # 3 weeks later is Saturday 19 -> Monday 21


def test_resolve_term_that_ends_on_christmas_moves_to_the_next_working_day():
    due = due_dates(_at(2026, 12, 4), SlaTerms())  # + 21 days = Fri 25 Dec
    assert due.resolve == date(2026, 12, 28)


def test_terms_come_from_settings(settings):
    settings.FOLLOWUP_SLA = {
        "acknowledge_working_days": 2,
        "assess_working_days": 5,
        "resolve_days": 14,
    }
    due = due_dates(_at(2026, 11, 23))
    assert (due.acknowledge, due.assess, due.resolve) == (
        date(2026, 11, 25),
        date(2026, 11, 30),
        date(2026, 12, 7),
    )
