"""Solving the truth model's free parameters so the population reproduces the findings.

Nothing is hand-tuned: each headline target has one parameter (the audience intercept or a
level's shift of all four latents) and the parameters are solved together by Gauss-Seidel
sweeps of ``scipy.optimize.brentq`` on the realised population, so the targets hold exactly
(up to one unit in the group) for any population size or mix. The satisfaction link and the
documented wave change are solved the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from maatmonitor.core.synth import model as m

_BRACKET: Final = 10.0
_MAX_SWEEPS: Final = 100
_SWEEP_TOL: Final = 1e-6


@dataclass(frozen=True)
class HeadlineTarget:
    """Population share "(zeer) sterk" for an audience, or for one level of a variable in it."""

    audience: str
    share: float
    variable: str | None = None
    level: str | None = None

    def label(self) -> str:
        if self.variable is None:
            return self.audience
        return f"{self.audience}.{self.variable}={self.level}"


@dataclass(frozen=True)
class WaveChange:
    """A documented change: from wave 1 to ``wave`` the audience's ``dimension`` latent moves so
    that the audience's headline share changes by ``change`` (a proportion, 0.03 = 3 points)."""

    wave: int
    audience: str
    dimension: str
    change: float


@dataclass(frozen=True)
class Targets:
    """The published findings the population reproduces."""

    headline: tuple[HeadlineTarget, ...] = (
        HeadlineTarget("client", 0.57),
        HeadlineTarget("employer", 0.46),
        HeadlineTarget("client", 0.78, "journey", "unemployed"),
        HeadlineTarget("client", 0.30, "outcome", "rejected"),
    )
    satisfied_if_strong: float = 0.93
    satisfied_if_not: float = 0.45
    wave_changes: tuple[WaveChange, ...] = field(
        default_factory=lambda: (WaveChange(2, "client", "helpt", 0.03),)
    )


DEFAULT_TARGETS: Final = Targets()


def _strong_share(values: m.F64) -> float:
    return float(np.mean(values > 0.0))


def _solve_share(values: m.F64, share: float, what: str) -> float:
    """The shift x with mean(values + x > 0) == share."""

    def gap(x: float) -> float:
        return _strong_share(values + x) - share

    if not 0.0 < share < 1.0:
        raise ValueError(f"target share for {what} must be strictly between 0 and 1, got {share}")
    if gap(-_BRACKET) > 0 or gap(_BRACKET) < 0:
        raise ValueError(f"cannot reach share {share} for {what} within +/-{_BRACKET}")
    return float(brentq(gap, -_BRACKET, _BRACKET, xtol=1e-10))


def _mask(frame: pd.DataFrame, target: HeadlineTarget) -> np.ndarray[Any, np.dtype[np.bool_]]:
    if target.variable is None:
        return np.ones(len(frame), dtype=bool)
    if target.variable not in frame.columns:
        raise ValueError(f"target {target.label()}: the frame has no column {target.variable!r}")
    idx = m.level_index(frame[target.variable], [str(target.level)])
    mask: np.ndarray[Any, np.dtype[np.bool_]] = idx == 0
    if not mask.any():
        raise ValueError(f"target {target.label()}: no units in the population have that level")
    return mask


def _solve_headline(
    frame: pd.DataFrame, overall: m.F64, targets: list[HeadlineTarget]
) -> tuple[list[float], list[float]]:
    """Gauss-Seidel: solve each target's shift given the others until all targets hold."""
    masks = [_mask(frame, t) for t in targets]
    # Work on each target's own units only; cross[k][j] marks which of them are in group j.
    own = [overall[mask] for mask in masks]
    cross = [[other[mask].astype(np.float64) for other in masks] for mask in masks]
    # A group of n units can only hit a share to within 1/n.
    tolerance = [max(_SWEEP_TOL, 1.0 / mask.sum()) for mask in masks]
    shifts = [0.0] * len(targets)
    achieved: list[float] = []

    def shifted(k: int, skip: int | None) -> m.F64:
        values: m.F64 = own[k].copy()
        for j, shift in enumerate(shifts):
            if j != skip:
                values += shift * cross[k][j]
        return values

    for _ in range(_MAX_SWEEPS):
        for k, target in enumerate(targets):
            shifts[k] = _solve_share(shifted(k, skip=k), target.share, target.label())
        achieved = [_strong_share(shifted(k, skip=None)) for k in range(len(targets))]
        gaps = [abs(a - t.share) for a, t in zip(achieved, targets, strict=True)]
        if all(g <= tol for g, tol in zip(gaps, tolerance, strict=True)):
            return shifts, achieved
    raise ValueError(f"headline calibration did not converge: targets {targets}, got {achieved}")


def _solve_satisfaction(
    overall: m.F64, noise: m.F64, if_strong: float, if_not: float, audience: str
) -> tuple[float, float]:
    """Slope and 7+ cut so that P(7+ | strong) and P(7+ | not strong) hit their targets."""
    strong = overall > 0.0
    if strong.all() or not strong.any():
        raise ValueError(f"{audience}: satisfaction needs both strong and other units")

    def cut_for(slope: float) -> float:
        s = m.satisfaction_latent(overall[~strong], noise[~strong], slope)
        return float(np.quantile(s, 1.0 - if_not))

    def gap(slope: float) -> float:
        s = m.satisfaction_latent(overall[strong], noise[strong], slope)
        return float(np.mean(s >= cut_for(slope))) - if_strong

    hi = 50.0
    if gap(0.0) > 0 or gap(hi) < 0:
        raise ValueError(f"{audience}: satisfaction targets {if_strong}/{if_not} are not reachable")
    slope = float(brentq(gap, 0.0, hi, xtol=1e-8))
    return slope, cut_for(slope)


def calibrate_model(
    frame: pd.DataFrame, seed: int = 0, targets: Targets = DEFAULT_TARGETS
) -> m.TruthModel:
    """Solve the model's free parameters on this population frame.

    Audiences absent from the frame keep their uncalibrated parameters and are reported in
    ``model.calibration["skipped"]``.
    """
    model = m.uncalibrated_model(seed)
    audiences = dict(model.audiences)
    report: dict[str, Any] = {"headline": {}, "satisfaction": {}, "wave_changes": {}, "skipped": []}
    wave_overall: dict[str, m.F64] = {}
    for audience in list(audiences):
        rows = frame["audience"].astype("str") == audience
        sub = frame.loc[rows]
        mine = [t for t in targets.headline if t.audience == audience]
        if sub.empty:
            report["skipped"].append(audience)
            continue
        lat = m.latents(sub, audience, model, wave=1)
        shifts, achieved = _solve_headline(sub, lat.overall, mine)
        params = audiences[audience]
        overall = lat.overall.copy()
        for target, shift in zip(mine, shifts, strict=True):
            params = params.with_general_shift(target.variable, target.level, shift)
            overall[_mask(sub, target)] += shift
            report["headline"][target.label()] = {
                "target": target.share,
                "population": achieved[mine.index(target)],
                "solved_shift": shift,
            }
        slope, cut = _solve_satisfaction(
            overall,
            lat.satisfaction_noise,
            targets.satisfied_if_strong,
            targets.satisfied_if_not,
            audience,
        )
        audiences[audience] = replace(params, satisfaction_slope=slope, satisfaction_cut=cut)
        report["satisfaction"][audience] = {"slope": slope, "cut": cut}
        wave_overall[audience] = overall
    for change in targets.wave_changes:
        key = str(change.wave)
        for name, params in audiences.items():
            if key not in params.wave_shifts:
                shifts_by_wave = {**params.wave_shifts, key: (0.0,) * m.N_DIM}
                audiences[name] = replace(params, wave_shifts=shifts_by_wave)
        if change.audience not in wave_overall:
            report["skipped"].append(f"wave {change.wave} {change.audience}")
            continue
        overall = wave_overall[change.audience]
        params = audiences[change.audience]
        d = m.DIMENSIONS.index(change.dimension)
        weight = params.driver_weights[d]
        base = _strong_share(overall)
        delta = _solve_share(overall, base + change.change, f"wave {change.wave}") / weight
        new_shift = list(params.wave_shifts[key])
        new_shift[d] += delta
        audiences[change.audience] = replace(
            params, wave_shifts={**params.wave_shifts, key: tuple(new_shift)}
        )
        report["wave_changes"][f"{change.audience}.wave{change.wave}.{change.dimension}"] = {
            "headline_change": change.change,
            "latent_shift": delta,
        }
    return replace(model, audiences=audiences, calibration=report)
