"""Raking (iterative proportional fitting) to register margins, with optional trimming.

Raking multiplies the weights margin by margin until every weighted count matches its register
total. Convergence is declared when the largest absolute difference over all categories is at
most ``tolerance * N``; the report says how many cycles that took. Trimming keeps weights in
``[lower, upper] * mean weight``: weights that cross a bound are fixed at it and the others are
re-raked to the remaining margins, until no weight crosses (bounds and margins then hold
exactly together).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from maatmonitor.core.stats._arrays import F64, I64, ArrayLike, check_length
from maatmonitor.core.stats.design import Calibration, SurveyDesign
from maatmonitor.core.stats.errors import RakingError
from maatmonitor.core.stats.weights import WeightDiagnostics, weight_diagnostics


@dataclass(frozen=True)
class TrimBounds:
    """Bounds on the weights as multiples of the mean weight N/n (either may be omitted)."""

    lower: float | None = None
    upper: float | None = None
    max_cycles: int = 50

    def __post_init__(self) -> None:
        if self.lower is not None and not 0 <= self.lower < 1:
            raise RakingError(f"trimmen: ondergrens {self.lower} moet in [0, 1) liggen")
        if self.upper is not None and not self.upper > 1:
            raise RakingError(f"trimmen: bovengrens {self.upper} moet groter dan 1 zijn")


@dataclass(frozen=True)
class RakeReport:
    """What raking did: convergence, margins, trimming and the resulting weight spread."""

    margins: tuple[str, ...]
    converged: bool
    iterations: int
    max_iterations: int
    tolerance: float
    max_abs_difference: float
    trim_cycles: int
    trimmed_weights: int
    bounds: tuple[float | None, float | None] | None
    diagnostics: WeightDiagnostics

    def to_dict(self) -> dict[str, object]:
        return {
            "margins": list(self.margins),
            "converged": self.converged,
            "iterations": self.iterations,
            "max_iterations": self.max_iterations,
            "tolerance": self.tolerance,
            "max_abs_difference": self.max_abs_difference,
            "trim_cycles": self.trim_cycles,
            "trimmed_weights": self.trimmed_weights,
            "bounds": None if self.bounds is None else list(self.bounds),
            "diagnostics": self.diagnostics.to_dict(),
        }


@dataclass(frozen=True, eq=False)
class _Margin:
    name: str
    codes: I64
    targets: F64


def _prepare(
    margins: Mapping[str, ArrayLike], targets: Mapping[str, Mapping[str, float]], n: int
) -> list[_Margin]:
    if not margins:
        raise RakingError("raken: geen marges opgegeven")
    unknown = sorted(set(margins) ^ set(targets))
    if unknown:
        raise RakingError(f"raken: marges en doelen passen niet bij elkaar: {unknown}")
    out: list[_Margin] = []
    for name, values in margins.items():
        spec = targets[name]
        cats = [str(c) for c in spec]
        tgt = np.array([float(spec[c]) for c in spec])
        bad = ~np.isfinite(tgt) | (tgt < 0)
        if bad.any():
            raise RakingError(
                f"raken: doel voor {name}={cats[int(np.flatnonzero(bad)[0])]!r} "
                "is negatief of ontbreekt"
            )
        series = pd.Series(np.asarray(values, dtype=object).ravel())
        check_length(series.to_numpy(), name, n)
        missing = series.isna().to_numpy()
        if missing.any():
            rows = np.flatnonzero(missing)[:5].tolist()
            raise RakingError(f"raken: {name} ontbreekt in rij(en) {rows}")
        codes = pd.Index(cats).get_indexer(pd.Index(series.astype(str))).astype(np.int64)
        if (codes < 0).any():
            rows = np.flatnonzero(codes < 0)[:5].tolist()
            vals = sorted({str(series.iloc[r]) for r in rows})
            raise RakingError(f"raken: {name} heeft categorie(ën) {vals} zonder doel (rij {rows})")
        counts = np.bincount(codes, minlength=len(cats))
        empty = (counts == 0) & (tgt > 0)
        if empty.any():
            names = [cats[i] for i in np.flatnonzero(empty)]
            raise RakingError(
                f"raken: lege cel in {name}: geen respondenten voor {names} "
                "(doel > 0); voeg categorieën samen"
            )
        zero = (counts > 0) & (tgt == 0)
        if zero.any():
            names = [cats[i] for i in np.flatnonzero(zero)]
            raise RakingError(f"raken: {name}={names} heeft respondenten maar doel 0")
        out.append(_Margin(name, codes, tgt))
    totals = {m.name: float(m.targets.sum()) for m in out}
    first = next(iter(totals.values()))
    if any(abs(t - first) > 1e-9 * first for t in totals.values()):
        raise RakingError(f"raken: marges tellen niet op tot hetzelfde totaal: {totals}")
    return out


def _ipf(
    w: F64, margins: list[_Margin], tolerance: float, max_iterations: int
) -> tuple[F64, int, float]:
    total = float(margins[0].targets.sum())
    w = w.copy()
    diff = float("inf")
    for it in range(1, max_iterations + 1):
        for m in margins:
            got = np.bincount(m.codes, weights=w, minlength=m.targets.size)
            ratio = np.divide(m.targets, got, out=np.ones_like(got), where=got > 0)
            w *= ratio[m.codes]
        diff = max(
            float(
                np.abs(np.bincount(m.codes, weights=w, minlength=m.targets.size) - m.targets).max()
            )
            for m in margins
        )
        if diff <= tolerance * total:
            return w, it, diff
    return w, max_iterations, diff


def _trim(
    w: F64,
    margins: list[_Margin],
    trim: TrimBounds,
    mean_w: float,
    tolerance: float,
    max_iterations: int,
) -> tuple[F64, int, int, int, float]:
    """Fix weights that cross a bound at the bound and re-rake the others to what is left of
    each margin; repeat until no free weight crosses a bound. The fixed set only grows, so this
    ends; it fails when the fixed weights alone exceed a margin (bounds too tight)."""
    lo = 0.0 if trim.lower is None else trim.lower * mean_w
    hi = np.inf if trim.upper is None else trim.upper * mean_w
    total = float(margins[0].targets.sum())
    w = w.copy()
    fixed = np.zeros(w.size, dtype=bool)
    iters, cycles, diff = 0, 0, 0.0
    while True:
        over, under = ~fixed & (w > hi), ~fixed & (w < lo)
        if not (over.any() or under.any()):
            return w, cycles, int(fixed.sum()), iters, diff
        if cycles >= trim.max_cycles:
            break
        cycles += 1
        w[over], w[under] = hi, lo
        fixed |= over | under
        free = ~fixed
        rest = []
        for m in margins:
            left = m.targets - np.bincount(
                m.codes[fixed], weights=w[fixed], minlength=m.targets.size
            )
            if (left < -tolerance * total).any() or not free.any():
                break
            rest.append(_Margin(m.name, m.codes[free], np.maximum(left, 0.0)))
        else:
            w_free, more, diff = _ipf(w[free], rest, tolerance, max_iterations)
            iters += more
            if diff <= tolerance * total:
                w[free] = w_free
                continue
        break
    raise RakingError(
        f"trimmen: gewichten binnen [{lo:.4g}, {hi:.4g}] en de marges zijn niet samen te halen "
        f"(na {cycles} rondes); verruim de grenzen of voeg marges samen"
    )


def rake_weights(
    weights: ArrayLike,
    margins: Mapping[str, ArrayLike],
    targets: Mapping[str, Mapping[str, float]],
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    trim: TrimBounds | None = None,
) -> tuple[F64, RakeReport, list[I64]]:
    """Raked weights, the report and the margin codes (for the variance).

    ``margins`` maps a margin name to the respondents' category per row; ``targets`` maps the
    same name to {category: register count}. Raises :class:`RakingError` on inconsistent
    totals, empty cells, categories without target, or no convergence within the cap.
    """
    w0 = np.asarray(weights, dtype=np.float64)
    n = w0.shape[0]
    prepared = _prepare(margins, targets, n)
    w, iters, diff = _ipf(w0, prepared, tolerance, max_iterations)
    total = float(prepared[0].targets.sum())
    cycles = 0
    trimmed = 0
    if trim is not None and diff <= tolerance * total:
        w, cycles, trimmed, more, diff = _trim(
            w, prepared, trim, total / n, tolerance, max_iterations
        )
        iters += more
    converged = diff <= tolerance * total
    if not converged:
        raise RakingError(
            f"raken: niet geconvergeerd na {max_iterations} iteraties (grootste verschil "
            f"{diff:.3g} > {tolerance:g} x N); controleer of de marges samen haalbaar zijn"
        )
    report = RakeReport(
        margins=tuple(m.name for m in prepared),
        converged=converged,
        iterations=iters,
        max_iterations=max_iterations,
        tolerance=tolerance,
        max_abs_difference=diff,
        trim_cycles=cycles,
        trimmed_weights=trimmed,
        bounds=None if trim is None else (trim.lower, trim.upper),
        diagnostics=weight_diagnostics(w),
    )
    return w, report, [m.codes for m in prepared]


def rake(
    design: SurveyDesign,
    margins: Mapping[str, ArrayLike],
    targets: Mapping[str, Mapping[str, float]],
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    trim: TrimBounds | None = None,
    sweeps: int | None = 10,
) -> tuple[SurveyDesign, RakeReport]:
    """Rake a design's weights; the new design carries the margins for the variance.

    ``sweeps`` is the number of residual sweeps in the variance (R uses 10; ``None`` = exact).
    """
    w, report, codes = rake_weights(
        design.weights,
        margins,
        targets,
        tolerance=tolerance,
        max_iterations=max_iterations,
        trim=trim,
    )
    calibration = Calibration(report.margins, tuple(codes), sweeps)
    return design.with_weights(w, calibration), report
