"""Sample allocation over strata: proportional, Neyman and power, with minimum and cap per stratum.

Every method allocates n_h proportional to a weight w_h (N_h; N_h*S_h; N_h**q) subject to
lower_h <= n_h <= upper_h with lower_h = min(minimum, N_h) and upper_h = min(cap, N_h). The
bounded optimum has the form n_h = clip(lambda * w_h, lower_h, upper_h); it is found by the
recursive algorithm: allocate the remainder over the free strata, fix strata above their upper
bound at it (take-all / cap) and repeat; then fix strata below their minimum at it and start
the upper-bound pass again on the rest, until nothing changes. Strata fixed at the minimum stay
fixed (fixing more of them only lowers lambda), so this terminates in at most H rounds and gives
the same optimum as R's stratallo::opt().

Integer sizes come from Hamilton (largest remainder) rounding: exact total, bounds kept; equal
remainders (compared at 1e-9) go to the stratum listed first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

Method = Literal["proportional", "neyman", "power"]
METHODS: tuple[Method, ...] = ("proportional", "neyman", "power")
DEFAULT_SD = 0.5  # sqrt(P(1-P)) at P = 0.5: the prior when no earlier wave is known

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_EPS = 1e-9


class AllocationError(ValueError):
    """The design cannot be allocated (infeasible bounds, bad parameters)."""


def _names(labels: Sequence[str] | None, h: int) -> list[str]:
    return list(labels) if labels is not None else [f"stratum {i + 1}" for i in range(h)]


def _per_stratum(value: int | Sequence[int] | None, h: int, default: int, what: str) -> IntArray:
    if value is None:
        return np.full(h, default, dtype=np.int64)
    if isinstance(value, int):
        return np.full(h, value, dtype=np.int64)
    arr = np.asarray(value, dtype=np.int64)
    if arr.shape != (h,):
        raise AllocationError(f"{what}: {arr.size} waarden voor {h} strata")
    return arr


def allocation_weights(
    sizes: Sequence[int] | IntArray,
    method: Method,
    sds: Sequence[float] | FloatArray | None = None,
    power_q: float = 0.5,
) -> FloatArray:
    """The weight w_h of each stratum for `method`."""
    n = np.asarray(sizes, dtype=np.float64)
    if method == "proportional":
        return n
    if method == "neyman":
        s = np.full(n.size, DEFAULT_SD) if sds is None else np.asarray(sds, dtype=np.float64)
        if s.shape != n.shape:
            raise AllocationError(f"neyman: {s.size} standaardafwijkingen voor {n.size} strata")
        if not np.all(np.isfinite(s)) or (s < 0).any():
            raise AllocationError("neyman: standaardafwijkingen moeten eindig en >= 0 zijn")
        return n * s
    if method == "power":
        if not 0.0 <= power_q <= 1.0:
            raise AllocationError(f"power: q moet tussen 0 en 1 liggen, niet {power_q}")
        return np.where(n > 0, np.power(n, power_q), 0.0)
    raise AllocationError(f"onbekende methode {method!r}; kies uit {', '.join(METHODS)}")


def _fill_upper(
    weights: FloatArray,
    total: float,
    upper: FloatArray,
    free: npt.NDArray[np.bool_],
    names: list[str],
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Allocate `total` over `free` strata by weight, fixing strata at their upper bound."""
    x = np.zeros(weights.size)
    at_upper = np.zeros(weights.size, dtype=bool)
    while True:
        open_ = free & ~at_upper
        rest = total - math.fsum(upper[at_upper])
        weight = math.fsum(weights[open_])
        if weight <= 0.0:
            if rest > _EPS:
                stuck = ", ".join(n for n, o in zip(names, open_, strict=True) if o) or "geen"
                raise AllocationError(
                    f"{rest:.1f} eenheden niet te verdelen: de overgebleven strata hebben gewicht 0 "
                    f"(standaardafwijking of omvang 0): {stuck}"
                )
            x[open_] = 0.0
            break
        x[open_] = rest * weights[open_] / weight
        over = open_ & (x > upper + _EPS)
        if not over.any():
            break
        at_upper |= over
    x[at_upper] = upper[at_upper]
    return x, at_upper


def bounded_allocation(
    weights: FloatArray,
    total: int,
    lower: IntArray,
    upper: IntArray,
    labels: Sequence[str] | None = None,
) -> FloatArray:
    """The continuous optimum clip(lambda * w, lower, upper) with sum exactly `total`."""
    names = _names(labels, weights.size)
    lo, up = lower.astype(np.float64), upper.astype(np.float64)
    at_lower = np.zeros(weights.size, dtype=bool)
    while True:
        rest = total - math.fsum(lo[at_lower])
        x, at_upper = _fill_upper(weights, rest, up, ~at_lower, names)
        x[at_lower] = lo[at_lower]
        below = ~at_lower & ~at_upper & (x < lo - _EPS)
        if not below.any():
            return np.clip(x, lo, up)
        at_lower |= below


def hamilton_round(values: FloatArray, total: int, upper: IntArray | None = None) -> IntArray:
    """Largest-remainder rounding of `values` to integers summing to `total`."""
    floor = np.floor(values + _EPS).astype(np.int64)
    short = total - int(floor.sum())
    if short < 0 or short > values.size:
        raise AllocationError(f"afronden: {total} is niet haalbaar vanuit som {values.sum():.3f}")
    remainder = np.round(values - floor, 9)
    if upper is not None:
        remainder = np.where(floor < upper, remainder, -1.0)  # never past the upper bound
    order = np.lexsort((np.arange(values.size), -remainder))
    result = floor.copy()
    result[order[:short]] += 1
    return result


def allocate(
    sizes: Sequence[int] | IntArray,
    total: int,
    *,
    method: Method = "neyman",
    sds: Sequence[float] | FloatArray | None = None,
    power_q: float = 0.5,
    minimum: int | Sequence[int] = 0,
    cap: int | Sequence[int] | None = None,
    labels: Sequence[str] | None = None,
) -> IntArray:
    """Integer sample sizes n_h: bounded optimum for `method`, Hamilton-rounded to `total`.

    Bounds: min(minimum, N_h) <= n_h <= min(cap, N_h); a stratum smaller than the minimum is
    taken whole. Raises AllocationError for an infeasible design, naming the cause.
    """
    n_h = np.asarray(sizes, dtype=np.int64)
    h = n_h.size
    names = _names(labels, h)
    if h == 0:
        raise AllocationError("geen strata om over te verdelen")
    if (n_h < 0).any():
        raise AllocationError("stratumgroottes mogen niet negatief zijn")
    if total <= 0:
        raise AllocationError(f"steekproefomvang moet positief zijn, niet {total}")
    mins = _per_stratum(minimum, h, 0, "minimum")
    caps = _per_stratum(cap, h, int(n_h.max()), "plafond")
    if (mins < 0).any() or (caps < 0).any():
        raise AllocationError("minimum en plafond mogen niet negatief zijn")
    bad = np.flatnonzero(mins > caps)
    if bad.size:
        i = int(bad[0])
        raise AllocationError(f"{names[i]}: minimum {mins[i]} ligt boven het plafond {caps[i]}")
    lower, upper = np.minimum(mins, n_h), np.minimum(caps, n_h)
    if total > upper.sum():
        raise AllocationError(
            f"steekproefomvang {total} is groter dan wat de strata toelaten "
            f"(som van min(plafond, N_h) = {int(upper.sum())})"
        )
    if lower.sum() > total:
        raise AllocationError(
            f"som van de minima per stratum ({int(lower.sum())}) is groter dan de "
            f"steekproefomvang {total}"
        )
    weights = allocation_weights(n_h, method, sds, power_q)
    x = bounded_allocation(weights, total, lower, upper, names)
    return hamilton_round(x, total, upper)


def inflate(
    targets: IntArray,
    response_rates: FloatArray,
    sizes: IntArray,
    rounding: Literal["ceil", "hamilton"] = "ceil",
) -> IntArray:
    """Invitations per stratum: n_h / rr_h rounded up (or Hamilton), never above N_h."""
    rr = np.asarray(response_rates, dtype=np.float64)
    if not np.all((rr > 0.0) & (rr <= 1.0)):
        raise AllocationError("verwachte respons moet groter dan 0 en hoogstens 1 zijn")
    wanted = np.minimum(targets / rr, sizes.astype(np.float64))
    if rounding == "ceil":
        return np.minimum(np.ceil(wanted - _EPS).astype(np.int64), sizes)
    if rounding == "hamilton":
        total = math.ceil(math.fsum(wanted) - _EPS)
        return hamilton_round(wanted, total, sizes)
    raise AllocationError(f"onbekende afronding {rounding!r}")
