"""Service-level terms for signals, configurable in settings.FOLLOWUP_SLA.

Defaults (issue #8, and the complaint-handling practice in dutch-context.md): acknowledge within
1 working day, assess and contact within 3 working days, resolve within 3 weeks. A term ends at
the end of its due date; a 3-week term ending on a weekend or holiday moves to the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .workdays import add_working_days, next_working_day


@dataclass(frozen=True)
class SlaTerms:
    acknowledge_working_days: int = 1
    assess_working_days: int = 3
    resolve_days: int = 21

    @classmethod
    def from_settings(cls) -> SlaTerms:
        return cls(**getattr(settings, "FOLLOWUP_SLA", {}))


@dataclass(frozen=True)
class DueDates:
    acknowledge: date
    assess: date
    resolve: date


def due_dates(start: datetime, terms: SlaTerms | None = None) -> DueDates:
    """Due dates for a signal received (or reopened) at ``start``."""
    terms = terms or SlaTerms.from_settings()
    day = timezone.localdate(start) if timezone.is_aware(start) else start.date()
    return DueDates(
        acknowledge=add_working_days(day, terms.acknowledge_working_days),
        assess=add_working_days(day, terms.assess_working_days),
        resolve=next_working_day(day + timedelta(days=terms.resolve_days)),
    )
