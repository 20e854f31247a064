"""Working days: weekdays that are not Dutch public holidays. Pure Python (no Django).

The holidays come from the `holidays` package (``country_holidays("NL")``), whose Dutch
calendar follows the Algemene termijnenwet, the law that extends statutory terms past
holidays. That calendar decides, not this module: Good Friday counts as a holiday, and
Liberation Day (5 May) only in lustrum years (2025, 2030, ...). See docs/api/README.md.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def dutch_holidays(year: int) -> dict[date, str]:
    """The national public holidays of one year, date -> Dutch name."""
    return dict(holidays.country_holidays("NL", years=year, language="nl").items())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after ``day`` (``day`` itself does not count)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    current = day
    for _ in range(n):
        current = next_working_day(current + timedelta(days=1))
    return current if n else next_working_day(day)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
