"""The synthetic population frame: clients and employers with register-like background data.

The distributions are plausible for the Dutch social-security agency, not official figures:
district sizes follow the regions' populations, most clients are sick/disabled or unemployed,
Wajong clients are young, rejections are a minority and mostly WIA, about one client in eight
has a debt recovery (vordering), most units have a known e-mail address and employers are
mostly small. Everything is drawn vectorised from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core import codes

FRAME_COLUMNS: Final = (
    "unit_id",
    "audience",
    "journey",
    "district",
    "age_band",
    "outcome",
    "debt",
    "channel",
    "last_invited",
    "opt_out",
    "size_class",
    "sector",
)
DEFAULT_N_CLIENTS: Final = 1_200_000
DEFAULT_N_EMPLOYERS: Final = 250_000
# Fixed so the same seed always gives the same frame; the demo's fieldwork starts after it.
DEFAULT_REFERENCE_DATE: Final = date(2026, 11, 1)
ID_PREFIX: Final = {"client": "C", "employer": "W"}
ID_DIGITS: Final = 7

DISTRICT_CODES: Final = tuple(c.code for c in codes.DISTRICTS)
CLIENT_JOURNEYS: Final = tuple(c.code for c in codes.JOURNEYS["client"])
EMPLOYER_JOURNEYS: Final = tuple(c.code for c in codes.JOURNEYS["employer"])
AGE_BAND_CODES: Final = tuple(c.code for c in codes.AGE_BANDS)
OUTCOME_CODES: Final = tuple(c.code for c in codes.OUTCOMES)
SIZE_CODES: Final = tuple(c.code for c in codes.SIZE_CLASSES)
SECTOR_CODES: Final = tuple(c.code for c in codes.SECTORS)
CHANNEL_CODES: Final = tuple(c.code for c in codes.CHANNELS)

# Relative district sizes, roughly the regions' inhabitants in hundred thousands.
DISTRICT_WEIGHTS: Final = (17.0, 13.0, 21.0, 18.0, 19.0, 12.0, 12.0, 16.0, 14.0, 26.0, 11.0)

CLIENT_JOURNEY_SHARES: Final = (0.52, 0.33, 0.15)  # sick_disabled, unemployed, wajong
# Age bands (18_26, 27_44, 45_54, 55_plus) per client journey.
AGE_BY_JOURNEY: Final = (
    (0.05, 0.30, 0.30, 0.35),
    (0.12, 0.38, 0.22, 0.28),
    (0.40, 0.44, 0.10, 0.06),
)
# Outcomes (granted, rejected, none) per client journey: rejections are mostly WIA decisions.
OUTCOME_BY_JOURNEY: Final = (
    (0.60, 0.25, 0.15),
    (0.80, 0.06, 0.14),
    (0.78, 0.10, 0.12),
)
DEBT_BY_JOURNEY: Final = (0.12, 0.15, 0.08)
DEBT_AGE_FACTOR: Final = (1.3, 1.15, 0.95, 0.7)
EMAIL_BY_AGE: Final = (0.95, 0.92, 0.85, 0.72)
CLIENT_OPT_OUT: Final = 0.02

SIZE_SHARES: Final = (0.78, 0.18, 0.04)  # small, medium, large
# Journeys (arrange_employee, find_employee, subsidies) per size class.
EMPLOYER_JOURNEY_BY_SIZE: Final = (
    (0.50, 0.28, 0.22),
    (0.58, 0.27, 0.15),
    (0.68, 0.22, 0.10),
)
# Sectors in the order of codes.SECTORS per size class.
SECTOR_BY_SIZE: Final = (
    (0.09, 0.14, 0.23, 0.06, 0.27, 0.01, 0.11, 0.09),
    (0.14, 0.10, 0.20, 0.14, 0.22, 0.06, 0.08, 0.06),
    (0.20, 0.06, 0.14, 0.18, 0.18, 0.18, 0.02, 0.04),
)
EMAIL_BY_SIZE: Final = (0.93, 0.98, 0.99)
EMPLOYER_OPT_OUT: Final = 0.03

# Earlier contacts: (share, days before the reference date, spread in days). The first two are
# the previous half-yearly waves, the last other recent surveys.
INVITATION_HISTORY: Final = ((0.05, 182, 28), (0.04, 364, 28), (0.03, 60, 45))

IntArray = npt.NDArray[np.intp]


def _normalised(weights: tuple[float, ...]) -> npt.NDArray[np.float64]:
    w = np.asarray(weights, dtype=np.float64)
    result: npt.NDArray[np.float64] = w / w.sum()
    return result


def _draw(rng: np.random.Generator, n: int, probs: tuple[float, ...]) -> IntArray:
    """Category indices drawn with the given probabilities."""
    cum = np.cumsum(_normalised(probs))
    idx: IntArray = np.searchsorted(cum, rng.random(n), side="right").astype(np.intp)
    result: IntArray = np.minimum(idx, len(probs) - 1)
    return result


def _draw_conditional(
    rng: np.random.Generator, parent: IntArray, table: tuple[tuple[float, ...], ...]
) -> IntArray:
    """Category indices drawn from the row of ``table`` chosen by each unit's parent category."""
    cum = np.cumsum(np.array([_normalised(row) for row in table]), axis=1)
    u = rng.random(parent.size)
    idx: IntArray = (u[:, None] >= cum[parent]).sum(axis=1).astype(np.intp)
    result: IntArray = np.minimum(idx, cum.shape[1] - 1)
    return result


def _ids(audience: str, n: int) -> pd.Series:
    numbers = pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(ID_DIGITS)
    return ID_PREFIX[audience] + numbers


def _labels(choices: tuple[str, ...], idx: IntArray) -> npt.NDArray[np.str_]:
    result: npt.NDArray[np.str_] = np.asarray(choices)[idx]
    return result


def _last_invited(rng: np.random.Generator, n: int, reference: date) -> npt.NDArray[np.object_]:
    u = rng.random(n)
    jitter = rng.random(n)
    days = np.full(n, -1, dtype=np.int64)
    lower = 0.0
    for share, before, spread in INVITATION_HISTORY:
        hit = (u >= lower) & (u < lower + share)
        days[hit] = before - (jitter[hit] * spread).astype(np.int64)
        lower += share
    result = np.full(n, None, dtype=object)
    invited = days >= 0
    ref = np.datetime64(reference.isoformat(), "D")
    stamps = (ref - days[invited].astype("timedelta64[D]")).astype(str)
    result[invited] = stamps
    return result


def _clients(rng: np.random.Generator, n: int, reference: date) -> pd.DataFrame:
    journey = _draw(rng, n, CLIENT_JOURNEY_SHARES)
    district = _draw(rng, n, DISTRICT_WEIGHTS)
    age = _draw_conditional(rng, journey, AGE_BY_JOURNEY)
    outcome = _draw_conditional(rng, journey, OUTCOME_BY_JOURNEY)
    p_debt = np.asarray(DEBT_BY_JOURNEY)[journey] * np.asarray(DEBT_AGE_FACTOR)[age]
    debt = (rng.random(n) < p_debt).astype(np.int8)
    email = rng.random(n) < np.asarray(EMAIL_BY_AGE)[age]
    opt_out = (rng.random(n) < CLIENT_OPT_OUT).astype(np.int8)
    return pd.DataFrame(
        {
            "unit_id": _ids("client", n),
            "audience": "client",
            "journey": _labels(CLIENT_JOURNEYS, journey),
            "district": _labels(DISTRICT_CODES, district),
            "age_band": _labels(AGE_BAND_CODES, age),
            "outcome": _labels(OUTCOME_CODES, outcome),
            "debt": debt,
            "channel": np.where(email, "email", "post"),
            "last_invited": _last_invited(rng, n, reference),
            "opt_out": opt_out,
        }
    )


def _employers(rng: np.random.Generator, n: int, reference: date) -> pd.DataFrame:
    size = _draw(rng, n, SIZE_SHARES)
    journey = _draw_conditional(rng, size, EMPLOYER_JOURNEY_BY_SIZE)
    district = _draw(rng, n, DISTRICT_WEIGHTS)
    sector = _draw_conditional(rng, size, SECTOR_BY_SIZE)
    email = rng.random(n) < np.asarray(EMAIL_BY_SIZE)[size]
    opt_out = (rng.random(n) < EMPLOYER_OPT_OUT).astype(np.int8)
    return pd.DataFrame(
        {
            "unit_id": _ids("employer", n),
            "audience": "employer",
            "journey": _labels(EMPLOYER_JOURNEYS, journey),
            "district": _labels(DISTRICT_CODES, district),
            "channel": np.where(email, "email", "post"),
            "last_invited": _last_invited(rng, n, reference),
            "opt_out": opt_out,
            "size_class": _labels(SIZE_CODES, size),
            "sector": _labels(SECTOR_CODES, sector),
        }
    )


def generate_population(
    n_clients: int = DEFAULT_N_CLIENTS,
    n_employers: int = DEFAULT_N_EMPLOYERS,
    seed: int = 0,
    reference_date: date = DEFAULT_REFERENCE_DATE,
) -> pd.DataFrame:
    """The population frame: one row per client and employer, columns :data:`FRAME_COLUMNS`.

    Background fields that do not apply (age band, outcome and debt for employers; size class
    and sector for clients) and a missing ``last_invited`` are missing values (empty in CSV).
    ``debt`` and ``opt_out`` are nullable 0/1 integers; the other columns are strings.
    """
    for name, value in (("n_clients", n_clients), ("n_employers", n_employers)):
        if value < 0 or value >= 10**ID_DIGITS:
            raise ValueError(f"{name} must be between 0 and {10**ID_DIGITS - 1}, got {value}")
    rng = np.random.default_rng(seed)
    parts = [_clients(rng, n_clients, reference_date), _employers(rng, n_employers, reference_date)]
    frame = pd.concat(parts, ignore_index=True).reindex(columns=list(FRAME_COLUMNS))
    for column in FRAME_COLUMNS:
        if column in ("debt", "opt_out"):
            frame[column] = frame[column].astype("Int8")
        else:
            frame[column] = frame[column].astype("str")
    return frame


def invited_within(frame: pd.DataFrame, reference_date: date, days: int) -> pd.Series:
    """Whether each unit was invited in the ``days`` before ``reference_date`` (for checks)."""
    invited = pd.to_datetime(frame["last_invited"], format="%Y-%m-%d")
    cutoff = pd.Timestamp(reference_date - timedelta(days=days))
    return invited.ge(cutoff).fillna(False).astype(bool)
