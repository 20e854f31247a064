"""The hidden truth model: how every unit would answer the monitor's questions.

Each unit has four correlated latent scores, one per dimension (``mens``, ``redelijk``,
``helpt``, ``simpel``). Their means are an audience intercept plus fixed effects of the unit's
background (journey, outcome, age band, debt, size class, sector, district), plus a wave shift;
the person-level deviations are correlated normal numbers drawn per unit (see ``randomness``).
The overall human-measure answer is an ordinal cut of a weighted sum of the four latents plus
noise: the weights (they sum to one) make ``mens`` the key driver for clients and ``redelijk``
for employers. "(zeer) sterk" is the latent above zero. Satisfaction (grade 1..10) is a noisy
function of the same latent. Some parameters are not set by hand but solved by
``calibration.calibrate_model`` so that the population reproduces the published findings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core.synth import randomness

DIMENSIONS: Final = ("mens", "redelijk", "helpt", "simpel")
N_DIM: Final = len(DIMENSIONS)
# Background variables with fixed effects, per audience.
EFFECT_VARIABLES: Final = {
    "client": ("journey", "outcome", "age_band", "debt", "district"),
    "employer": ("journey", "size_class", "sector", "district"),
}
# Overall latent cut points for answers 1..5; "(zeer) sterk" (4 or 5) is latent > 0.
OVERALL_CUTS: Final = (-1.4, -0.7, 0.0, 0.9)
STRONG_FROM: Final = 4
SATISFIED_FROM: Final = 7
# Lower bounds of grades 2..10 on the standardised satisfaction latent, relative to the
# calibrated bound of grade 7; the uneven steps make 7 and 8 the common grades, as in practice.
GRADE_OFFSETS: Final = (-2.5, -2.05, -1.6, -1.15, -0.6, 0.0, 0.75, 1.45, 2.05)

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


def _dims(
    general: float = 0.0,
    mens: float = 0.0,
    redelijk: float = 0.0,
    helpt: float = 0.0,
    simpel: float = 0.0,
) -> tuple[float, float, float, float]:
    """An effect on the four latents: a shift of all of them plus dimension-specific extras."""
    return (general + mens, general + redelijk, general + helpt, general + simpel)


_DISTRICT_EFFECTS: Final = {
    "noord": _dims(0.05),
    "noordoost": _dims(0.04),
    "oost": _dims(0.03),
    "midden": _dims(0.0),
    "noord_holland": _dims(0.0),
    "amsterdam": _dims(-0.08, simpel=-0.04),
    "haaglanden": _dims(-0.05),
    "rijnmond": _dims(-0.07),
    "zuidwest": _dims(0.02),
    "brabant": _dims(0.02),
    "limburg": _dims(0.04),
}


@dataclass(frozen=True)
class AudienceModel:
    """The parameters of one audience. Effects are per-dimension shifts per variable level."""

    intercept: float
    dimension_offsets: tuple[float, ...]
    effects: dict[str, dict[str, tuple[float, ...]]]
    driver_weights: tuple[float, ...]
    overall_noise_sd: float
    satisfaction_slope: float = 1.0
    satisfaction_cut: float = 0.0
    # Per wave (as a string key, for JSON) the shift of each dimension latent.
    wave_shifts: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def with_general_shift(
        self, variable: str | None, level: str | None, value: float
    ) -> AudienceModel:
        """A copy whose intercept (variable None) or level effect shifts all latents by value."""
        if variable is None:
            return replace(self, intercept=self.intercept + value)
        effects = {var: dict(levels) for var, levels in self.effects.items()}
        old = effects[variable][str(level)]
        effects[variable][str(level)] = tuple(v + value for v in old)
        return replace(self, effects=effects)


@dataclass(frozen=True)
class TruthModel:
    """The complete hidden model. ``seed`` fixes every unit's person-level randomness."""

    seed: int
    latent_correlation: float
    item_noise_sd: float
    audiences: dict[str, AudienceModel]
    calibration: dict[str, Any] = field(default_factory=dict)

    def audience(self, audience: str) -> AudienceModel:
        try:
            return self.audiences[audience]
        except KeyError:
            raise ValueError(
                f"the truth model has no audience {audience!r} (known: {sorted(self.audiences)})"
            ) from None

    def waves(self) -> list[int]:
        """The waves the model describes (wave 1 is the baseline)."""
        found = {1} | {int(w) for a in self.audiences.values() for w in a.wave_shifts}
        return sorted(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "latent_correlation": self.latent_correlation,
            "item_noise_sd": self.item_noise_sd,
            "calibration": self.calibration,
            "audiences": {
                name: {
                    "intercept": a.intercept,
                    "dimension_offsets": dict(zip(DIMENSIONS, a.dimension_offsets, strict=True)),
                    "effects": {
                        var: {lvl: list(v) for lvl, v in levels.items()}
                        for var, levels in a.effects.items()
                    },
                    "driver_weights": dict(zip(DIMENSIONS, a.driver_weights, strict=True)),
                    "overall_noise_sd": a.overall_noise_sd,
                    "satisfaction_slope": a.satisfaction_slope,
                    "satisfaction_cut": a.satisfaction_cut,
                    "wave_shifts": {w: list(v) for w, v in a.wave_shifts.items()},
                }
                for name, a in self.audiences.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TruthModel:
        audiences = {}
        for name, a in data["audiences"].items():
            audiences[name] = AudienceModel(
                intercept=float(a["intercept"]),
                dimension_offsets=tuple(float(a["dimension_offsets"][d]) for d in DIMENSIONS),
                effects={
                    var: {lvl: tuple(float(x) for x in v) for lvl, v in levels.items()}
                    for var, levels in a["effects"].items()
                },
                driver_weights=tuple(float(a["driver_weights"][d]) for d in DIMENSIONS),
                overall_noise_sd=float(a["overall_noise_sd"]),
                satisfaction_slope=float(a["satisfaction_slope"]),
                satisfaction_cut=float(a["satisfaction_cut"]),
                wave_shifts={
                    str(w): tuple(float(x) for x in v) for w, v in a["wave_shifts"].items()
                },
            )
        return cls(
            seed=int(data["seed"]),
            latent_correlation=float(data["latent_correlation"]),
            item_noise_sd=float(data["item_noise_sd"]),
            audiences=audiences,
            calibration=dict(data.get("calibration", {})),
        )


def uncalibrated_model(seed: int = 0) -> TruthModel:
    """The hand-set structure before calibration: effects, driver weights, correlations.

    The effects fix the orderings the findings describe (young, rejected, indebted clients and
    small employers lowest); the levels that calibration solves for start at zero.
    """
    client = AudienceModel(
        intercept=0.0,
        dimension_offsets=(0.10, -0.05, 0.0, -0.15),
        effects={
            "journey": {
                "sick_disabled": _dims(0.0),
                "unemployed": _dims(0.0),  # calibrated: WW clients 78%
                "wajong": _dims(-0.05, simpel=-0.10),
            },
            "outcome": {
                "granted": _dims(0.10),
                "rejected": _dims(0.0, redelijk=-0.20, helpt=-0.10),  # calibrated: 30%
                "none": _dims(0.0, helpt=-0.05),
            },
            "age_band": {
                "18_26": _dims(-0.55, simpel=-0.10),
                "27_44": _dims(-0.10),
                "45_54": _dims(0.0),
                "55_plus": _dims(0.10, simpel=-0.05),
            },
            "debt": {"0": _dims(0.0), "1": _dims(-0.45, redelijk=-0.20)},
            "district": dict(_DISTRICT_EFFECTS),
        },
        driver_weights=(0.46, 0.20, 0.20, 0.14),
        overall_noise_sd=0.55,
    )
    employer = AudienceModel(
        intercept=0.0,
        dimension_offsets=(0.05, 0.0, -0.05, -0.10),
        effects={
            "journey": {
                "arrange_employee": _dims(0.0),
                "find_employee": _dims(0.10, helpt=0.05),
                "subsidies": _dims(-0.10, simpel=-0.20),
            },
            "size_class": {
                "small": _dims(-0.30, redelijk=-0.05),
                "medium": _dims(0.0),
                "large": _dims(0.15),
            },
            "sector": {
                "care": _dims(-0.05),
                "construction": _dims(0.0),
                "retail": _dims(0.0),
                "industry": _dims(0.05),
                "business_services": _dims(0.02),
                "public_education": _dims(0.05),
                "hospitality": _dims(-0.10),
                "other": _dims(0.0),
            },
            "district": dict(_DISTRICT_EFFECTS),
        },
        driver_weights=(0.16, 0.44, 0.22, 0.18),
        overall_noise_sd=0.55,
    )
    return TruthModel(
        seed=seed,
        latent_correlation=0.55,
        item_noise_sd=0.75,
        audiences={"client": client, "employer": employer},
    )


def level_index(series: pd.Series, levels: list[str]) -> I64:
    """Each value's position in ``levels`` (compared as strings), -1 for missing or unknown.

    Factorising first keeps this fast on a million rows: only the distinct values are mapped.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    as_text = [str(int(u)) if isinstance(u, int | np.integer) else str(u) for u in uniques]
    lookup = np.append(pd.Index(levels).get_indexer(pd.Index(as_text, dtype=object)), -1)
    result: I64 = lookup[codes].astype(np.int64)
    return result


def fixed_means(frame: pd.DataFrame, audience: str, model: TruthModel, wave: int) -> F64:
    """Latent means (n x 4) of the frame's rows, which must all belong to ``audience``."""
    params = model.audience(audience)
    n = len(frame)
    means = np.empty((n, N_DIM))
    means[:] = params.intercept + np.asarray(params.dimension_offsets)
    for variable in EFFECT_VARIABLES[audience]:
        table = params.effects[variable]
        levels = list(table)
        idx = level_index(frame[variable], levels)
        if (idx < 0).any():
            rows = np.flatnonzero(idx < 0)[:5]
            bad = sorted({str(v) for v in frame[variable].iloc[rows]})
            raise ValueError(
                f"{audience} frame column {variable!r} has values {bad} outside {levels} "
                f"(first rows {rows})"
            )
        means += np.asarray([table[lvl] for lvl in levels])[idx]
    if wave != 1:
        try:
            shift = params.wave_shifts[str(wave)]
        except KeyError:
            raise ValueError(
                f"the truth model describes waves {model.waves()}, not wave {wave}"
            ) from None
        means += np.asarray(shift)
    return means


def person_deviations(keys: randomness.U64, model: TruthModel) -> F64:
    """Correlated standard-normal deviations (n x 4), equicorrelated with the model's rho."""
    rho = model.latent_correlation
    common = randomness.normals(keys, "latent:common")
    own = np.column_stack([randomness.normals(keys, f"latent:{d}") for d in DIMENSIONS])
    result: F64 = math.sqrt(rho) * common[:, None] + math.sqrt(1.0 - rho) * own
    return result


@dataclass(frozen=True)
class Latents:
    """A block of units' latent state for one audience and wave."""

    keys: randomness.U64
    dimensions: F64  # n x 4
    overall: F64  # the overall latent; > 0 means "(zeer) sterk"
    satisfaction_noise: F64


def latents(frame: pd.DataFrame, audience: str, model: TruthModel, wave: int) -> Latents:
    """The latent state of the frame's rows (all of one audience) in one wave."""
    params = model.audience(audience)
    keys = randomness.unit_keys(frame["unit_id"].astype("str").tolist(), model.seed)
    dims = fixed_means(frame, audience, model, wave) + person_deviations(keys, model)
    overall = dims @ np.asarray(params.driver_weights)
    overall = overall + params.overall_noise_sd * randomness.normals(keys, "overall")
    return Latents(keys, dims, overall, randomness.normals(keys, "satisfaction"))


def overall_answers(overall_latent: F64) -> I64:
    """Answers 1..5 to the overall human-measure question."""
    result: I64 = np.searchsorted(np.asarray(OVERALL_CUTS), overall_latent).astype(np.int64) + 1
    return result


def satisfaction_latent(overall_latent: F64, noise: F64, slope: float) -> F64:
    """Standardised satisfaction latent: a noisy increasing function of the overall latent."""
    result: F64 = (slope * overall_latent + noise) / math.sqrt(1.0 + slope**2)
    return result


def satisfaction_grades(lat: Latents, params: AudienceModel) -> I64:
    """Grades 1..10; 7 or more exactly when the latent reaches the calibrated cut."""
    s = satisfaction_latent(lat.overall, lat.satisfaction_noise, params.satisfaction_slope)
    bounds = params.satisfaction_cut + np.asarray(GRADE_OFFSETS)
    result: I64 = np.searchsorted(bounds, s, side="right").astype(np.int64) + 1
    return result
