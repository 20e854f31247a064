"""The result of one wave's analysis (:class:`WaveAnalysis`, contract C2): frozen, JSON round trip,
and tidy tables. Every figure inside is an :class:`Estimate` or :class:`Comparison`, so disclosure
control travels with it: a hidden cell has no numbers to leak, whatever the output format.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from maatmonitor.core.stats.drivers import Driver, KeyDrivers
from maatmonitor.core.stats.reliability import ScaleQuality
from maatmonitor.core.stats.results import Comparison, Domain, Estimate, to_table

FORMAT = "maatmonitor.wave-analysis/1"


@dataclass(frozen=True)
class Item:
    """A question the analysis used, and whether its results may be compared with last wave."""

    id: str
    kind: str
    dimension: str | None
    comparable: bool


@dataclass(frozen=True)
class DimensionFigures:
    """One dimension nationally: mean score (1-5) and the share agreeing (score >= 4)."""

    dimension: str
    items: tuple[str, ...]
    score: Estimate
    agree: Estimate


@dataclass(frozen=True)
class WaveAnalysis:
    """Everything the monitor publishes for one wave and audience."""

    wave: str
    audience: str
    questionnaire: str
    n_respondents: int
    weighting: dict[str, Any]
    headline: Estimate
    unweighted_headline: Estimate
    dimensions: tuple[DimensionFigures, ...]
    satisfaction: Estimate
    satisfied: Estimate
    satisfaction_link: tuple[Estimate, Estimate]
    domains: tuple[Estimate, ...]
    comparisons: tuple[tuple[Comparison, ...], ...]
    changes: tuple[Comparison, ...]
    scales: tuple[ScaleQuality, ...]
    drivers: KeyDrivers | None
    unweighted: tuple[Estimate, ...]
    items: tuple[Item, ...]
    domain_variables: tuple[str, ...]
    method: tuple[str, ...]
    previous_wave: str | None = None

    # -- look-ups -------------------------------------------------------------------------
    def national(self) -> tuple[Estimate, ...]:
        """Weighted national figures: headline, dimension score and agreement, satisfaction."""
        dims = [e for d in self.dimensions for e in (d.score, d.agree)]
        return (self.headline, *dims, self.satisfaction, self.satisfied)

    def domain(self, variable: str, by: str) -> tuple[Estimate, ...]:
        """The estimates of ``variable`` per category of the domain variable ``by``."""
        return tuple(
            e
            for e in self.domains
            if e.variable == variable and len(e.domain) == 1 and e.domain[0][0] == by
        )

    def find(self, variable: str, domain: Domain = ()) -> Estimate | None:
        """The weighted estimate of ``variable`` in ``domain`` (``()`` = national)."""
        for e in (*self.national(), *self.satisfaction_link, *self.domains):
            if e.variable == variable and e.domain == domain:
                return e
        return None

    def all_tests(self) -> tuple[Comparison, ...]:
        return (*[c for t in self.comparisons for c in t], *self.changes)

    # -- JSON -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "wave": self.wave,
            "audience": self.audience,
            "questionnaire": self.questionnaire,
            "previous_wave": self.previous_wave,
            "n_respondents": self.n_respondents,
            "weighting": self.weighting,
            "headline": _est(self.headline),
            "unweighted_headline": _est(self.unweighted_headline),
            "dimensions": [
                {
                    "dimension": d.dimension,
                    "items": list(d.items),
                    "score": _est(d.score),
                    "agree": _est(d.agree),
                }
                for d in self.dimensions
            ],
            "satisfaction": _est(self.satisfaction),
            "satisfied": _est(self.satisfied),
            "satisfaction_link": [_est(e) for e in self.satisfaction_link],
            "domains": [_est(e) for e in self.domains],
            "comparisons": [[_cmp(c) for c in t] for t in self.comparisons],
            "changes": [_cmp(c) for c in self.changes],
            "scales": [dataclasses.asdict(s) for s in self.scales],
            "drivers": None if self.drivers is None else _drivers(self.drivers),
            "unweighted": [_est(e) for e in self.unweighted],
            "items": [dataclasses.asdict(i) for i in self.items],
            "domain_variables": list(self.domain_variables),
            "method": list(self.method),
        }

    def to_json(self, indent: int | None = None) -> str:
        """JSON text; :meth:`from_json` gives back an equal object (floats round-trip exactly)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WaveAnalysis:
        if data.get("format") != FORMAT:
            raise ValueError(f"onbekend formaat {data.get('format')!r}, verwacht {FORMAT!r}")
        link = [_est_from(e) for e in data["satisfaction_link"]]
        return cls(
            wave=data["wave"],
            audience=data["audience"],
            questionnaire=data["questionnaire"],
            previous_wave=data["previous_wave"],
            n_respondents=int(data["n_respondents"]),
            weighting=data["weighting"],
            headline=_est_from(data["headline"]),
            unweighted_headline=_est_from(data["unweighted_headline"]),
            dimensions=tuple(
                DimensionFigures(
                    d["dimension"], tuple(d["items"]), _est_from(d["score"]), _est_from(d["agree"])
                )
                for d in data["dimensions"]
            ),
            satisfaction=_est_from(data["satisfaction"]),
            satisfied=_est_from(data["satisfied"]),
            satisfaction_link=(link[0], link[1]),
            domains=tuple(_est_from(e) for e in data["domains"]),
            comparisons=tuple(tuple(_cmp_from(c) for c in t) for t in data["comparisons"]),
            changes=tuple(_cmp_from(c) for c in data["changes"]),
            scales=tuple(
                ScaleQuality(s["dimension"], tuple(s["items"]), int(s["n"]), s["alpha"], s["omega"])
                for s in data["scales"]
            ),
            drivers=None if data["drivers"] is None else _drivers_from(data["drivers"]),
            unweighted=tuple(_est_from(e) for e in data["unweighted"]),
            items=tuple(Item(**i) for i in data["items"]),
            domain_variables=tuple(data["domain_variables"]),
            method=tuple(data["method"]),
        )

    @classmethod
    def from_json(cls, text: str) -> WaveAnalysis:
        return cls.from_dict(json.loads(text))

    # -- tables ---------------------------------------------------------------------------
    def to_tables(self) -> dict[str, pd.DataFrame]:
        """Tidy tables (name -> frame): ``national`` (weighted with the unweighted beside it),
        ``satisfaction_link``, ``domain_<var>`` per domain variable, ``comparisons``,
        ``changes``, ``scales``, ``drivers`` and ``weighting``."""
        national = _table(self.national(), ESTIMATE_COLUMNS)
        unweighted = {e.variable: e for e in self.unweighted}
        national["unweighted_value"] = [
            None if (u := unweighted.get(e.variable)) is None else u.value for e in self.national()
        ]
        tables = {
            "national": national,
            "satisfaction_link": _table(self.satisfaction_link, ESTIMATE_COLUMNS),
        }
        for var in self.domain_variables:
            cells = [e for e in self.domains if e.domain and e.domain[0][0] == var]
            if cells:
                table = _table(cells, ESTIMATE_COLUMNS)
                table.insert(2, "category", [e.domain[0][1] for e in cells])
                tables[f"domain_{var}"] = table
        tests = [c for t in self.comparisons for c in t]
        tables["comparisons"] = _table(tests, COMPARISON_COLUMNS)
        tables["changes"] = _table(self.changes, COMPARISON_COLUMNS)
        tables["scales"] = pd.DataFrame(
            [
                {"dimension": s.dimension, "items": len(s.items), "n": s.n}
                | {"alpha": s.alpha, "omega": s.omega}
                for s in self.scales
            ],
            columns=["dimension", "items", "n", "alpha", "omega"],
        )
        tables["drivers"] = _drivers_table(self.drivers)
        tables["weighting"] = pd.DataFrame(
            [{"key": k, "value": v} for k, v in _flatten(self.weighting)]
        )
        return tables


# -- helpers ------------------------------------------------------------------------------
ESTIMATE_COLUMNS = (
    "measure", "variable", "domain", "suppressed", "reason", "reason_text", "value", "se",
    "ci_low", "ci_high", "ci_method", "level", "df", "n", "n_eff", "weighted_n",
    "korn_graubard_low", "korn_graubard_high", "flags", "notes",
)  # fmt: skip
COMPARISON_COLUMNS = (
    "kind", "variable", "group", "reference", "suppressed", "reason", "reason_text",
    "difference", "se", "ci_low", "ci_high", "level", "df", "statistic", "p_value", "q_value",
    "significant", "notes",
)  # fmt: skip


def _table(
    results: Sequence[Estimate] | Sequence[Comparison], columns: tuple[str, ...]
) -> pd.DataFrame:
    """A tidy table with the same columns whether or not some (or all) cells are hidden."""
    return to_table(list(results)).reindex(columns=list(columns))


def _listify(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_listify(v) for v in value]
    return value


_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _enc(d: dict[str, Any]) -> dict[str, Any]:
    """Non-finite floats as strings: JSON (and PostgreSQL jsonb) has no NaN or Infinity."""
    return {
        k: (json.dumps(v) if isinstance(v, float) and not math.isfinite(v) else v)
        for k, v in d.items()
    }


def _dec(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (_SPECIAL[v] if isinstance(v, str) and v in _SPECIAL else v) for k, v in d.items()}


def _est(e: Estimate) -> dict[str, Any]:
    d = _enc(dataclasses.asdict(e))
    d["domain"] = [list(p) for p in e.domain]
    d["flags"], d["notes"] = list(e.flags), list(e.notes)
    return d


def _domain(raw: Iterable[Sequence[str]]) -> Domain:
    return tuple((str(k), str(v)) for k, v in raw)


def _est_from(d: dict[str, Any]) -> Estimate:
    return Estimate(
        **(
            _dec(d)
            | {
                "domain": _domain(d["domain"]),
                "flags": tuple(d["flags"]),
                "notes": tuple(d["notes"]),
            }
        )
    )


def _cmp(c: Comparison) -> dict[str, Any]:
    d = _enc(dataclasses.asdict(c))
    d["group"], d["reference"] = [list(p) for p in c.group], [list(p) for p in c.reference]
    d["notes"] = list(c.notes)
    return d


def _cmp_from(d: dict[str, Any]) -> Comparison:
    return Comparison(
        **(
            _dec(d)
            | {
                "group": _domain(d["group"]),
                "reference": _domain(d["reference"]),
                "notes": tuple(d["notes"]),
            }
        )
    )


def _pair(x: Any) -> tuple[float, float] | None:
    return None if x is None else (float(x[0]), float(x[1]))


def _drivers(k: KeyDrivers) -> dict[str, Any]:
    d = dataclasses.asdict(k)
    d["drivers"] = [_listify(dataclasses.asdict(x)) for x in k.drivers]
    return d


def _drivers_from(d: dict[str, Any]) -> KeyDrivers:
    drivers = tuple(
        Driver(
            x["name"], x["shapley"], _pair(x["shapley_ci"]), x["johnson"], _pair(x["johnson_ci"])
        )
        for x in d["drivers"]
    )
    return KeyDrivers(d["outcome"], d["r2"], int(d["n"]), drivers, int(d["replicates"]), d["level"])


def _drivers_table(k: KeyDrivers | None) -> pd.DataFrame:
    cols = ["name", "shapley", "shapley_low", "shapley_high", "share_of_r2"]
    cols += ["johnson", "johnson_low", "johnson_high"]
    rows = []
    if k is not None:
        for x in k.drivers:
            s_lo, s_hi = x.shapley_ci or (None, None)
            j_lo, j_hi = x.johnson_ci or (None, None)
            share = x.shapley / k.r2 if k.r2 > 0 else None
            rows.append(
                dict(
                    zip(
                        cols,
                        (x.name, x.shapley, s_lo, s_hi, share, x.johnson, j_lo, j_hi),
                        strict=True,
                    )
                )
            )
    return pd.DataFrame(rows, columns=cols)


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        out: list[tuple[str, Any]] = []
        for k, v in data.items():
            out += _flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(data, list) and data and isinstance(data[0], dict):
        out = []
        for i, v in enumerate(data):
            out += _flatten(v, f"{prefix}[{i}]")
        return out
    return [(prefix, json.dumps(data) if isinstance(data, list) else data)]
