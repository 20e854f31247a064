"""Design weights, nonresponse adjustment within strata and weight diagnostics (Kish)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np

from maatmonitor.core.stats._arrays import F64, ArrayLike, as_bool, as_float, encode
from maatmonitor.core.stats.errors import StatsInputError


def design_weights(strata: ArrayLike, population: Mapping[str, float]) -> F64:
    """Design weight N_h / n_h for every sampled unit (stratified SRSWOR).

    ``population`` maps each stratum label to its (eligible) frame size N_h.
    """
    codes, labels = encode(strata, "stratum")
    n_h = np.bincount(codes, minlength=len(labels)).astype(np.float64)
    missing = [lab for lab in labels if lab not in population]
    if missing:
        raise StatsInputError(f"populatie: geen N_h voor stratum/strata {missing[:5]}")
    big = np.array([float(population[lab]) for lab in labels])
    short = big < n_h
    if short.any():
        s = int(np.flatnonzero(short)[0])
        raise StatsInputError(
            f"populatie: stratum {labels[s]!r} heeft N_h={big[s]:g} < n_h={n_h[s]:g} getrokken"
        )
    out: F64 = (big / n_h)[codes]
    return out


def nonresponse_adjust(weights: ArrayLike, strata: ArrayLike, responded: ArrayLike) -> F64:
    """Weights of the respondents after spreading each stratum's nonrespondent weight.

    Returns an array for the respondents only (in row order): w_i * sum_h(w) / sum_h(w | resp).
    With design weights N_h/n_h this is N_h/r_h. A stratum without respondents is an error:
    its population would silently vanish from every estimate.
    """
    w = as_float(weights, "gewicht")
    n = w.shape[0]
    codes, labels = encode(strata, "stratum", n)
    resp = as_bool(responded, "respons", n)
    if not np.all(np.isfinite(w) & (w > 0)):
        raise StatsInputError("gewicht: moet eindig en > 0 zijn")
    k = len(labels)
    total = np.bincount(codes, weights=w, minlength=k)
    answered = np.bincount(codes[resp], weights=w[resp], minlength=k)
    empty = (total > 0) & (answered == 0)
    if empty.any():
        names = [labels[s] for s in np.flatnonzero(empty)]
        raise StatsInputError(
            f"respons: geen respondenten in stratum/strata {names[:10]}; "
            "voeg strata samen voor de nonresponscorrectie"
        )
    factor = total / np.where(answered > 0, answered, 1.0)
    out: F64 = w[resp] * factor[codes[resp]]
    return out


@dataclass(frozen=True)
class WeightDiagnostics:
    """Spread of a set of weights: Kish design effect, effective n and range."""

    n: int
    total: float
    kish_deff: float
    effective_n: float
    minimum: float
    maximum: float
    ratio: float
    cv: float

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def weight_diagnostics(weights: ArrayLike) -> WeightDiagnostics:
    """Kish deff_w = n * sum(w^2) / sum(w)^2 = 1 + CV^2, n_eff = sum(w)^2 / sum(w^2)."""
    w = as_float(weights, "gewicht")
    if w.size == 0 or not np.all(np.isfinite(w) & (w >= 0)) or w.sum() <= 0:
        raise StatsInputError("gewicht: leeg, negatief of ontbrekend")
    n = int(w.size)
    s1, s2 = float(w.sum()), float(np.square(w).sum())
    deff = n * s2 / s1**2
    return WeightDiagnostics(
        n=n,
        total=s1,
        kish_deff=deff,
        effective_n=s1**2 / s2,
        minimum=float(w.min()),
        maximum=float(w.max()),
        ratio=float(w.max() / w.min()) if w.min() > 0 else float("inf"),
        cv=float(np.sqrt(max(deff - 1.0, 0.0))),
    )
