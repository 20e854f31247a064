"""The sampling design of one wave and its Taylor-linearisation variance.

A :class:`SurveyDesign` holds the respondents' final weights, their design strata, the
finite-population sizes, optional one-stage clusters (PSUs) and, after raking, the raking
margins. :meth:`SurveyDesign.vcov` turns influence values into a covariance matrix exactly as
R ``survey::svyrecvar`` does for a ``rake()``-d ``svydesign(ids, strata, fpc, weights)``:

1. raking residuals: 10 alternating sweeps that subtract the *unweighted* cell mean of the
   influence values per raking margin (R's ``"raking"`` branch);
2. ``u = w * z``, summed to PSU totals when there are clusters;
3. ``V = sum_h (1 - n_h/N_h) * n_h/(n_h - 1) * sum_j (u_hj - mean_h)^2``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import scipy.sparse as sp

from maatmonitor.core.stats._arrays import F64, I64, ArrayLike, Bool, as_float, encode
from maatmonitor.core.stats.errors import LonelyPsuError, StatsInputError

LonelyPsu = Literal["fail", "remove"]
R_RAKING_SWEEPS = 10


def indicator(codes: I64, k: int) -> sp.csr_array:
    """Sparse n x k 0/1 matrix with a one in column ``codes[i]`` of row ``i``."""
    n = codes.shape[0]
    return sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, k))


@dataclass(frozen=True, eq=False)
class Calibration:
    """Raking margins kept for the variance: one integer code array per margin.

    The sweeps are run in coefficient space: after any number of sweeps the residual is
    ``z - M c`` with ``M`` the margin dummies side by side, and each sweep's cell means follow
    from the cell totals ``M' z`` and the (small) cross-tabulation ``M' M`` of the margins. So
    the data is passed over once for ``M' z`` and once for ``z - M c`` whatever the sweep count,
    instead of twice per margin per sweep.
    """

    names: tuple[str, ...]
    codes: tuple[I64, ...]
    sweeps: int | None = R_RAKING_SWEEPS
    _sizes: tuple[int, ...] = field(init=False, repr=False)
    _offsets: I64 = field(init=False, repr=False)
    _counts: F64 = field(init=False, repr=False)
    _stacked: sp.csr_array = field(init=False, repr=False)
    _gram: F64 = field(init=False, repr=False)

    def __post_init__(self) -> None:
        sizes = tuple(int(c.max()) + 1 if c.size else 0 for c in self.codes)
        offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        total = int(offsets[-1])
        n = self.codes[0].shape[0] if self.codes else 0
        if self.codes:
            cols = np.column_stack([c + o for c, o in zip(self.codes, offsets, strict=False)])
            rows = np.repeat(np.arange(n), len(self.codes))
            stacked = sp.csr_array((np.ones(cols.size), (rows, cols.ravel())), shape=(n, total))
        else:
            stacked = sp.csr_array((n, 0))
        gram = (stacked.T @ stacked).toarray() if total else np.zeros((0, 0))
        object.__setattr__(self, "_sizes", sizes)
        object.__setattr__(self, "_offsets", offsets)
        object.__setattr__(self, "_counts", np.diag(gram).copy())
        object.__setattr__(self, "_stacked", stacked)
        object.__setattr__(self, "_gram", gram)

    def coefficients(self, totals: F64, scale: float) -> F64:
        """Cell coefficients ``c`` (cells x k) of the sweeps, from the cell totals ``M' z``."""
        coef = np.zeros_like(totals)
        limit = self.sweeps if self.sweeps is not None else 10_000
        blocks = [
            slice(int(self._offsets[m]), int(self._offsets[m + 1])) for m in range(len(self._sizes))
        ]
        for _ in range(limit):
            change = 0.0
            for cells in blocks:
                counts = self._counts[cells]
                # cell totals of the current residual: M_m'(z - M c) = T_m - (M_m' M) c
                current = totals[cells] - self._gram[cells] @ coef
                means = current / np.where(counts > 0, counts, 1.0)[:, None]
                coef[cells] += means
                present = means[counts > 0]
                change = max(change, float(np.abs(present).max(initial=0.0)))
            if self.sweeps is None and change <= 1e-15 * max(1.0, scale):
                break
        return coef

    def residuals(self, z: F64) -> F64:
        """Influence values minus their projection on the margin dummies (R's raking sweeps).

        ``sweeps=None`` iterates the sweeps to convergence, i.e. the exact least-squares
        residual; the default 10 reproduces R ``survey`` to about 1e-10.
        """
        z2 = z.reshape(z.shape[0], -1)
        totals = np.asarray(self._stacked.T @ z2)
        coef = self.coefficients(totals, float(np.abs(z).max(initial=0.0)))
        out: F64 = (z2 - self._stacked @ coef).reshape(z.shape)
        return out


@dataclass(frozen=True, eq=False)
class SurveyDesign:
    """Respondents of one wave: final weights, strata, fpc, optional PSUs and raking margins.

    Build it with :meth:`from_arrays`; weighting steps return new designs (it is immutable).
    """

    weights: F64
    strata: I64
    strata_labels: tuple[str, ...]
    fpc: F64 | None
    clusters: I64 | None
    calibration: Calibration | None = None
    lonely_psu: LonelyPsu = "fail"
    _scale: F64 = field(init=False, repr=False)
    _unit_stratum: I64 = field(init=False, repr=False)
    _stratum_sum: sp.csr_array = field(init=False, repr=False)
    _n_units: int = field(init=False, repr=False)

    @classmethod
    def from_arrays(
        cls,
        weights: ArrayLike,
        strata: ArrayLike | None = None,
        fpc: ArrayLike | None = None,
        clusters: ArrayLike | None = None,
        lonely_psu: LonelyPsu = "fail",
    ) -> SurveyDesign:
        """Validate and build a design.

        ``fpc`` is the population size of the row's stratum (for a cluster design: the number
        of PSUs in the stratum's population), as R's ``fpc=``; omit it for with-replacement
        variance. ``clusters`` gives one-stage PSU ids (nested in strata).
        """
        w = as_float(weights, "gewicht")
        n = w.shape[0]
        if n == 0:
            raise StatsInputError("gewicht: geen respondenten")
        bad = ~np.isfinite(w) | (w <= 0)
        if bad.any():
            rows = np.flatnonzero(bad)[:5].tolist()
            raise StatsInputError(f"gewicht: moet eindig en > 0 zijn; fout in rij(en) {rows}")
        labels: tuple[str, ...]
        if strata is None:
            codes, labels = np.zeros(n, dtype=np.int64), ("alle",)
        else:
            codes, labels = encode(strata, "stratum", n)
        fpc_arr = None if fpc is None else as_float(fpc, "fpc", n)
        psu = None if clusters is None else encode(clusters, "cluster", n)[0]
        return cls(w, codes, labels, fpc_arr, psu, None, lonely_psu)

    def __post_init__(self) -> None:
        h = len(self.strata_labels)
        if self.clusters is None:
            unit = np.arange(self.weights.shape[0], dtype=np.int64)
            unit_stratum = self.strata
        else:
            unit = self.clusters
            k = int(self.clusters.max()) + 1
            unit_stratum = np.full(k, -1, dtype=np.int64)
            unit_stratum[self.clusters] = self.strata
            # a PSU must lie in exactly one stratum
            clash = unit_stratum[self.clusters] != self.strata
            if clash.any():
                row = int(np.flatnonzero(clash)[0])
                raise StatsInputError(f"cluster: cluster in rij {row} valt in meer dan één stratum")
        n_h = np.bincount(unit_stratum, minlength=h).astype(np.float64)
        if self.fpc is None:
            f_h = np.zeros(h)
        else:
            bad = ~np.isfinite(self.fpc)
            if bad.any():
                raise StatsInputError(
                    f"fpc: ontbreekt in rij(en) {np.flatnonzero(bad)[:5].tolist()}"
                )
            f_h = np.zeros(h)
            big = np.zeros(h)
            big[self.strata] = self.fpc
            if np.any(big[self.strata] != self.fpc):
                row = int(np.flatnonzero(big[self.strata] != self.fpc)[0])
                raise StatsInputError(
                    f"fpc: niet constant binnen stratum {self.strata_labels[self.strata[row]]!r}"
                )
            too_small = big < n_h
            if too_small.any():
                s = int(np.flatnonzero(too_small)[0])
                raise StatsInputError(
                    f"fpc: stratum {self.strata_labels[s]!r} heeft populatie {big[s]:g} "
                    f"maar {n_h[s]:g} steekproefeenheden"
                )
            f_h = n_h / big
        lonely = (n_h == 1) & (f_h < 1)
        if lonely.any() and self.lonely_psu == "fail":
            names = [self.strata_labels[s] for s in np.flatnonzero(lonely)[:5]]
            raise LonelyPsuError(
                f"stratum {names} heeft maar één respondent/PSU: variantie niet te schatten; "
                "voeg strata samen of kies lonely_psu='remove'"
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(n_h > 1, (1 - f_h) * n_h / (n_h - 1), 0.0)
        object.__setattr__(self, "_scale", scale)
        object.__setattr__(self, "_stratum_sum", indicator(unit_stratum, h))
        object.__setattr__(self, "_unit_stratum", unit_stratum)
        object.__setattr__(self, "_n_units", int(unit.max()) + 1)

    @property
    def n(self) -> int:
        """Number of respondents (rows)."""
        return int(self.weights.shape[0])

    @property
    def population_size(self) -> float:
        """Estimated population size: the sum of the weights."""
        return float(self.weights.sum())

    def with_weights(self, weights: F64, calibration: Calibration | None) -> SurveyDesign:
        """The same design with new weights (e.g. raked) and the margins they were raked to."""
        if weights.shape != self.weights.shape:
            raise StatsInputError("gewicht: lengte past niet bij het design")
        return SurveyDesign(
            weights,
            self.strata,
            self.strata_labels,
            self.fpc,
            self.clusters,
            calibration,
            self.lonely_psu,
        )

    def df(self, mask: Bool | None = None) -> int:
        """Degrees of freedom as R ``degf``: PSUs minus strata among the rows in ``mask``."""
        rows = np.ones(self.n, dtype=bool) if mask is None else mask
        # counting present codes with bincount avoids a sort of the rows (np.unique)
        if self.clusters is None:
            units = int(rows.sum())
        else:
            units = int(np.count_nonzero(np.bincount(self.clusters[rows], minlength=1)))
        strata = np.count_nonzero(np.bincount(self.strata[rows], minlength=1))
        return int(units - strata)

    def vcov(self, z: F64) -> F64:
        """Covariance matrix (k x k) of estimators with influence values ``z`` (n x k)."""
        scaled, centred = self._centred(z)
        out: F64 = scaled.T @ centred
        return out

    def variances(self, z: F64) -> F64:
        """The diagonal of :meth:`vcov` only (k variances): O(n k) instead of O(n k^2)."""
        scaled, centred = self._centred(z)
        out: F64 = np.einsum("ij,ij->j", scaled, centred)
        return out

    def _centred(self, z: F64) -> tuple[F64, F64]:
        """Stratum-centred PSU totals of ``w * z``, and the same scaled by (1 - f_h) n_h/(n_h-1)."""
        z2 = z.reshape(self.n, -1)
        if self.calibration is not None:
            z2 = self.calibration.residuals(z2)
        u = self.weights[:, None] * z2
        if self.clusters is not None:
            u = indicator(self.clusters, self._n_units).T @ u
        h = len(self.strata_labels)
        st = self._unit_stratum
        counts = np.bincount(st, minlength=h).astype(np.float64)
        sums = self._stratum_sum.T @ u
        centred = u - (sums / np.where(counts > 0, counts, 1.0)[:, None])[st]
        scaled = centred * self._scale[st][:, None]
        return scaled, centred

    def variance(self, z: F64) -> float:
        """Variance of one estimator with influence values ``z`` (length n)."""
        return float(self.vcov(z)[0, 0])
