"""What a report shows, taken from the analysis result objects (never recomputed).

:class:`ReportData` is a flat, read-only view of one audience's analysis: every published
:class:`Estimate` and :class:`Comparison`, the key drivers, scale quality, weight diagnostics and
the design table. :func:`from_analysis` builds it from a ``WaveAnalysis`` (contract C2); the
report never computes a figure itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from maatmonitor.core.stats.drivers import KeyDrivers
from maatmonitor.core.stats.monitor import DIMENSIONS
from maatmonitor.core.stats.reliability import ScaleQuality
from maatmonitor.core.stats.results import Comparison, Domain, Estimate
from maatmonitor.core.stats.wave_result import WaveAnalysis
from maatmonitor.core.stats.weights import WeightDiagnostics

# Domain variables shown as subgroups, in report order.
SUBGROUP_VARIABLES = ("journey", "age_band", "outcome", "debt", "size_class", "district")


@dataclass(frozen=True)
class ReportData:
    """Everything one audience's report section needs, as published result objects."""

    wave: str
    audience: str
    n_respondents: int
    estimates: tuple[Estimate, ...]
    comparisons: tuple[Comparison, ...] = ()
    changes: tuple[Comparison, ...] = ()
    drivers: KeyDrivers | None = None
    scales: tuple[ScaleQuality, ...] = ()
    weights: WeightDiagnostics | None = None
    design: pd.DataFrame | None = None
    previous_wave: str | None = None
    previous_estimates: tuple[Estimate, ...] = ()
    notes: tuple[str, ...] = ()
    raking_margins: tuple[str, ...] = ()
    min_n: int = 10
    _index: dict[tuple[str, Domain], Estimate] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self._index.update({(e.variable, e.domain): e for e in self.estimates})
        if self.headline is None:
            raise ValueError(f"analyse {self.wave}/{self.audience}: geen landelijk hoofdcijfer")

    def get(self, variable: str, domain: Domain = ()) -> Estimate | None:
        return self._index.get((variable, domain))

    @property
    def headline(self) -> Estimate | None:
        return self._index.get(("headline", ()))

    @property
    def dimensions(self) -> tuple[str, ...]:
        present = {v.split(":", 1)[1] for v, d in self._index if v.startswith("agree:") and not d}
        return tuple(d for d in DIMENSIONS if d in present) + tuple(
            sorted(present - set(DIMENSIONS))
        )

    def domain_values(self, variable: str, measure: str = "headline") -> list[Estimate]:
        """Estimates of ``measure`` for each category of ``variable``, in result order."""
        return [
            e
            for e in self.estimates
            if e.variable == measure and len(e.domain) == 1 and e.domain[0][0] == variable
        ]

    def subgroup_variables(self) -> tuple[str, ...]:
        present = {e.domain[0][0] for e in self.estimates if len(e.domain) == 1}
        ordered = [v for v in SUBGROUP_VARIABLES if v in present]
        return tuple(ordered)

    def comparison(self, variable: str, group: Domain) -> Comparison | None:
        for c in self.comparisons:
            if c.kind == "subgroup_vs_rest" and c.variable == variable and c.group == group:
                return c
        return None

    def clear_differences(self, direction: str) -> list[Estimate]:
        """Headline estimates of groups that differ clearly (BH-adjusted) from the rest."""
        out = []
        for var in self.subgroup_variables():
            for e in self.domain_values(var):
                c = self.comparison("headline", e.domain)
                if c is None or c.suppressed or not c.significant or c.difference is None:
                    continue
                if (c.difference > 0) == (direction == "higher"):
                    out.append(e)
        return out

    def satisfaction_link(self) -> Comparison | None:
        return next((c for c in self.comparisons if c.kind == "satisfaction_link"), None)

    def change(self, variable: str, group: Domain = ()) -> Comparison | None:
        for c in self.changes:
            if c.variable == variable and c.group == group:
                return c
        return None

    def previous(self, variable: str, domain: Domain = ()) -> Estimate | None:
        for e in self.previous_estimates:
            if e.variable == variable and e.domain == domain:
                return e
        return None

    def all_results(self) -> Iterator[Estimate | Comparison]:
        yield from self.estimates
        yield from self.comparisons
        yield from self.changes


def _unique(items: Sequence[Estimate]) -> tuple[Estimate, ...]:
    """Drop repeated (variable, domain) pairs, keeping the first."""
    seen: set[tuple[str, Domain]] = set()
    out = []
    for e in items:
        if (e.variable, e.domain) not in seen:
            seen.add((e.variable, e.domain))
            out.append(e)
    return tuple(out)


def _weights(weighting: Mapping[str, Any]) -> WeightDiagnostics | None:
    final = weighting.get("final")
    if not isinstance(final, Mapping):
        return None
    names = {f.name for f in dataclasses.fields(WeightDiagnostics)}
    return WeightDiagnostics(**{k: v for k, v in final.items() if k in names})


def from_analysis(
    analysis: WaveAnalysis,
    previous: WaveAnalysis | None = None,
    *,
    design: pd.DataFrame | None = None,
    responses: pd.DataFrame | None = None,
) -> ReportData:
    """The report view of a :class:`WaveAnalysis` (C2) and optionally the previous wave's.

    ``design`` (stratum, N_h, n_h and optionally r_h) adds the response table per stratum to
    the method appendix; the analysis itself only keeps totals.
    """
    national = analysis.national()
    estimates = _unique([*national, *analysis.satisfaction_link, *analysis.domains])
    return ReportData(
        wave=analysis.wave,
        audience=analysis.audience,
        n_respondents=analysis.n_respondents,
        estimates=estimates,
        comparisons=tuple(c for table in analysis.comparisons for c in table),
        changes=tuple(analysis.changes),
        drivers=analysis.drivers,
        scales=tuple(analysis.scales),
        weights=_weights(analysis.weighting),
        design=None if design is None else response_table(design, responses),
        previous_wave=previous.wave if previous else analysis.previous_wave,
        previous_estimates=_unique([*previous.national(), *previous.domains]) if previous else (),
        notes=tuple(analysis.method),
        raking_margins=tuple((analysis.weighting.get("raking") or {}).get("margins", ())),
    )


def response_table(design: pd.DataFrame, responses: pd.DataFrame | None) -> pd.DataFrame:
    """stratum, N_h, n_h and r_h (respondents; from ``responses`` when not given).

    Strata with nobody left to sample (N_h = 0 after exclusions) are left out: empty rows only
    lengthen the appendix.
    """
    table = design[["stratum", "N_h", "n_h", *(["r_h"] if "r_h" in design else [])]].copy()
    table = table[pd.to_numeric(table["N_h"], errors="coerce").fillna(0) > 0]
    table["stratum"] = table["stratum"].astype(str)
    if "r_h" not in table:
        if responses is not None and "stratum" in responses:
            counts = responses["stratum"].astype(str).value_counts()
            table["r_h"] = [int(counts.get(h, 0)) for h in table["stratum"]]
        else:
            table["r_h"] = None
    return table.sort_values("stratum", ignore_index=True)
