"""Response monitoring against a hand-built fixture whose numbers are worked out by hand."""

import math

import pandas as pd
import pytest

from maatmonitor.core.fieldwork import (
    response_per_day,
    response_per_stratum,
    strata_needing_reminder,
)

N = None


def _units() -> pd.DataFrame:
    rows = [
        # unit, stratum, invited, started, completed, opted_out, bounced, reminders
        ("a1", "A", "2026-11-02", "2026-11-03", "2026-11-03", N, N, 0),
        ("a2", "A", "2026-11-02", "2026-11-04", N, N, N, 1),
        ("a3", "A", "2026-11-02", N, N, "2026-11-05", N, 0),
        ("a4", "A", "2026-11-02", N, N, N, "2026-11-02", 0),
        ("a5", "A", "2026-11-02", N, N, N, N, 1),
        # b1 completed without a recorded start (simulated): counts as started that day.
        ("b1", "B", "2026-11-02", N, "2026-11-06", N, N, 0),
        ("b2", "B", "2026-11-03", N, N, N, N, 0),
        ("b3", "B", N, N, N, N, N, 0),
    ]
    cols = [
        "unit_id",
        "stratum",
        "invited_on",
        "started_on",
        "completed_on",
        "opted_out_on",
        "bounced_on",
        "reminders",
    ]
    return pd.DataFrame(rows, columns=cols)


def _targets() -> pd.DataFrame:
    return pd.DataFrame(
        {"stratum": ["A", "B", "C"], "target": [3, 1, 2], "response_rate": [0.5, 0.4, 0.3]}
    )


def test_per_stratum_counts_match_the_hand_count():
    table = response_per_stratum(_units(), _targets()).set_index("stratum")
    assert list(table.index) == ["A", "B", "C"]
    a, b, c = (table.loc[s] for s in "ABC")
    assert (a.sampled, a.invited, a.started, a.completed, a.opted_out, a.bounced) == (
        5,
        5,
        2,
        1,
        1,
        1,
    )
    assert (a.expected, a.achieved, a.shortfall) == (3, 1, 2)
    assert a.achieved_share == pytest.approx(1 / 3)
    assert a.response_rate == pytest.approx(1 / 5)
    # a2 (started, not completed) and a5 (no reaction); not a3 (opted out) nor a4 (bounced).
    assert a.reminder_candidates == 2
    assert bool(a.needs_reminder)
    assert (b.sampled, b.invited, b.started, b.completed) == (3, 2, 1, 1)
    assert b.response_rate == pytest.approx(0.5)
    assert (b.shortfall, b.reminder_candidates, bool(b.needs_reminder)) == (0, 1, False)
    # A stratum in the plan without units yet: all zero, short of target, nobody to remind.
    assert (c.sampled, c.invited, c.expected, c.shortfall, c.reminder_candidates) == (0, 0, 2, 2, 0)
    assert math.isnan(c.response_rate)
    assert not bool(c.needs_reminder)


def test_per_day_counts_and_running_totals():
    table = response_per_day(_units()).set_index("date")
    days = [d.strftime("%m-%d") for d in table.index]
    assert days == ["11-02", "11-03", "11-04", "11-05", "11-06"]  # 11-05 has only an opt-out
    assert table["invited"].tolist() == [6, 1, 0, 0, 0]
    assert table["started"].tolist() == [0, 1, 1, 0, 1]
    assert table["completed"].tolist() == [0, 1, 0, 0, 1]
    assert table["opted_out"].tolist() == [0, 0, 0, 1, 0]
    assert table["bounced"].tolist() == [1, 0, 0, 0, 0]
    assert table["invited_total"].tolist() == [6, 7, 7, 7, 7]
    assert table["completed_total"].iloc[-1] == 2


def test_per_day_without_any_event_is_empty():
    units = _units().iloc[[7]]  # b3: sampled, never invited
    assert response_per_day(units).empty


def test_strata_needing_reminder_orders_by_relative_shortfall():
    units = _units()
    units.loc[len(units)] = ["d1", "D", "2026-11-02", N, N, N, N, 0]
    targets = pd.concat(
        [_targets(), pd.DataFrame({"stratum": ["D"], "target": [1], "response_rate": [0.3]})]
    )
    due = strata_needing_reminder(response_per_stratum(units, targets))
    # D misses 1 of 1 (100%), A misses 2 of 3 (67%); B reached its target, C has nobody.
    assert due["stratum"].tolist() == ["D", "A"]


def test_missing_column_is_named():
    with pytest.raises(ValueError, match="bounced_on"):
        response_per_stratum(_units().drop(columns="bounced_on"), _targets())
