"""Response monitoring: per stratum and per day, expected against achieved completes.

Input is one row per sampled unit (UNIT_COLUMNS) with the local date of each fieldwork
milestone (missing when it did not happen) and the targets per stratum from the draw manifest.
Counts are operational figures for the researcher (no answers), so no small-group suppression.

Definitions (also shown on the monitoring page):
- invited: an invitation was sent (e-mail or letter); bounced: an e-mail could not be delivered;
- started: a response exists (completed ones included); completed: the questionnaire was submitted;
- response rate: completed / invited;
- expected completes: the manifest's target n_h (invitations x expected response rate);
- reminder candidates: invited, not completed, not opted out, and reachable (not only bounced);
- a stratum needs a reminder when it is below its expected completes and has candidates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

UNIT_COLUMNS = (
    "unit_id",
    "stratum",
    "invited_on",
    "started_on",
    "completed_on",
    "opted_out_on",
    "bounced_on",
    "reminders",
)
EVENTS = ("invited", "started", "completed", "opted_out", "bounced")
STRATUM_COLUMNS = (
    "stratum",
    "sampled",
    *EVENTS,
    "expected",
    "achieved",
    "achieved_share",
    "expected_rate",
    "response_rate",
    "shortfall",
    "reminder_candidates",
    "needs_reminder",
)
DAY_COLUMNS = ("date", *EVENTS, *(f"{e}_total" for e in EVENTS))


def _check_units(units: pd.DataFrame) -> None:
    missing = [c for c in UNIT_COLUMNS if c not in units.columns]
    if missing:
        raise ValueError(f"eenheden missen kolommen: {', '.join(missing)}")


def _dates(units: pd.DataFrame, event: str) -> pd.Series:
    dates = pd.to_datetime(units[f"{event}_on"], errors="raise")
    if event == "started":
        # A completed response was started, even when only its completion was recorded
        # (simulated or imported responses): count it as started on its completion day.
        dates = dates.fillna(pd.to_datetime(units["completed_on"], errors="raise"))
    return dates


def _flags(units: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({e: _dates(units, e).notna() for e in EVENTS}, index=units.index)


def response_per_stratum(units: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """One row per stratum (strata of the targets first, in their order, then any others).

    `targets` has columns stratum, target and response_rate (the manifest's strata records).
    """
    _check_units(units)
    for col in ("stratum", "target", "response_rate"):
        if col not in targets.columns:
            raise ValueError(f"doelen missen kolom {col!r}")
    doubled = targets["stratum"][targets["stratum"].duplicated()]
    if len(doubled):
        raise ValueError(f"stratum {doubled.iloc[0]!r} staat dubbel in de doelen")
    flags = _flags(units)
    flags["stratum"] = units["stratum"].astype(str).to_numpy()
    candidate = (
        flags["invited"]
        & ~flags["completed"]
        & ~flags["opted_out"]
        # An e-mail bounce leaves the unit unreachable until a letter goes out.
        & ~flags["bounced"]
    )
    flags["reminder_candidates"] = candidate
    flags["sampled"] = True
    counts = flags.groupby("stratum", sort=False).sum().astype(np.int64)
    order = list(dict.fromkeys([*targets["stratum"].astype(str), *counts.index]))
    table = counts.reindex(order, fill_value=0)
    own = targets.assign(stratum=targets["stratum"].astype(str)).set_index("stratum")
    table["expected"] = own["target"].reindex(order).fillna(0).astype(np.int64)
    table["expected_rate"] = own["response_rate"].reindex(order).astype(float)
    table["achieved"] = table["completed"]
    table["achieved_share"] = np.where(
        table["expected"] > 0, table["achieved"] / table["expected"].clip(lower=1), np.nan
    )
    table["response_rate"] = np.where(
        table["invited"] > 0, table["completed"] / table["invited"].clip(lower=1), np.nan
    )
    table["shortfall"] = (table["expected"] - table["achieved"]).clip(lower=0)
    table["needs_reminder"] = (table["shortfall"] > 0) & (table["reminder_candidates"] > 0)
    table = table.reset_index(names="stratum")
    return table[list(STRATUM_COLUMNS)]


def response_per_day(units: pd.DataFrame) -> pd.DataFrame:
    """Counts per calendar day of each milestone, with running totals; days without events included."""
    _check_units(units)
    series = {e: _dates(units, e).dt.normalize().dropna() for e in EVENTS}
    days = pd.concat(list(series.values()))
    if days.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in DAY_COLUMNS}).assign(
            date=pd.Series(dtype="datetime64[ns]")
        )[list(DAY_COLUMNS)]
    index = pd.date_range(days.min(), days.max(), freq="D", name="date")
    table = pd.DataFrame(
        {
            e: s.value_counts().reindex(index, fill_value=0).astype(np.int64)
            for e, s in series.items()
        },
        index=index,
    )
    for e in EVENTS:
        table[f"{e}_total"] = table[e].cumsum()
    return table.reset_index()[list(DAY_COLUMNS)]


def strata_needing_reminder(per_stratum: pd.DataFrame) -> pd.DataFrame:
    """The strata that need a reminder, largest shortfall (relative to expected) first."""
    due = per_stratum[per_stratum["needs_reminder"]].copy()
    due["relative_shortfall"] = due["shortfall"] / due["expected"].clip(lower=1)
    return due.sort_values(
        ["relative_shortfall", "stratum"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
