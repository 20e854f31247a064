"""Result objects: estimates and comparisons with disclosure control built in.

A suppressed result carries no figure at all: value, SE, interval, counts are ``None`` and
``to_dict()`` gives only what was estimated, for which group, and why it is hidden. The
constructors refuse an unsuppressed result below the minimum number of respondents, so no
code path can publish one.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from maatmonitor.core.stats.rules import (
    DEFAULT_RULES,
    REASONS,
    SUPPRESSING_FLAGS,
    DisclosureRules,
)

Domain = tuple[tuple[str, str], ...]


def domain_label(domain: Domain) -> str:
    """``journey=unemployed, district=oost`` or ``totaal``."""
    return ", ".join(f"{k}={v}" for k, v in domain) or "totaal"


def _clean(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


@dataclass(frozen=True)
class Estimate:
    """One published figure (mean, proportion or total) for one domain."""

    measure: str
    variable: str
    domain: Domain
    value: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    ci_method: str
    level: float
    df: int | None
    n: int | None
    n_eff: float | None
    weighted_n: float | None
    kg_low: float | None = None
    kg_high: float | None = None
    flags: tuple[str, ...] = ()
    suppressed: bool = False
    reason: str | None = None
    notes: tuple[str, ...] = ()
    min_n: int = DEFAULT_RULES.min_n

    def __post_init__(self) -> None:
        figures = (
            self.value,
            self.se,
            self.ci_low,
            self.ci_high,
            self.n,
            self.n_eff,
            self.weighted_n,
            self.kg_low,
            self.kg_high,
        )
        if self.suppressed:
            if self.reason not in REASONS:
                raise ValueError(f"onderdrukt cijfer zonder geldige reden: {self.reason!r}")
            if any(f is not None for f in figures) or self.df is not None:
                raise ValueError("een onderdrukt cijfer mag geen waarden bevatten")
        else:
            if self.n is None or self.n < self.min_n:
                raise ValueError(
                    f"cijfer voor {domain_label(self.domain)} berust op {self.n} respondenten; "
                    f"minimum is {self.min_n}"
                )
            if self.value is None:
                raise ValueError("een getoond cijfer heeft een waarde nodig")

    @classmethod
    def publish(
        cls,
        *,
        measure: str,
        variable: str,
        domain: Domain,
        value: float,
        se: float,
        ci: tuple[float, float],
        ci_method: str,
        level: float,
        df: int,
        n: int,
        n_eff: float,
        weighted_n: float,
        kg: tuple[float, float] | None,
        flags: tuple[str, ...],
        notes: tuple[str, ...],
        rules: DisclosureRules,
    ) -> Estimate:
        """Apply the disclosure rules and build the (possibly suppressed) estimate."""
        base = cls.hidden(measure, variable, domain, ci_method, level, "min_n", notes, rules)
        if n < rules.min_n:
            return base
        if rules.suppress_unreliable and SUPPRESSING_FLAGS.intersection(flags):
            return dataclasses.replace(base, reason="unreliable", flags=flags)
        return cls(
            measure=measure,
            variable=variable,
            domain=domain,
            value=value,
            se=se,
            ci_low=ci[0],
            ci_high=ci[1],
            ci_method=ci_method,
            level=level,
            df=df,
            n=n,
            n_eff=n_eff,
            weighted_n=weighted_n,
            kg_low=None if kg is None else kg[0],
            kg_high=None if kg is None else kg[1],
            flags=flags,
            notes=notes,
            min_n=rules.min_n,
        )

    @classmethod
    def hidden(
        cls,
        measure: str,
        variable: str,
        domain: Domain,
        ci_method: str,
        level: float,
        reason: str,
        notes: tuple[str, ...] = (),
        rules: DisclosureRules = DEFAULT_RULES,
    ) -> Estimate:
        """A suppressed estimate that says what it is and why it is hidden."""
        return cls(
            measure=measure,
            variable=variable,
            domain=domain,
            value=None,
            se=None,
            ci_low=None,
            ci_high=None,
            ci_method=ci_method,
            level=level,
            df=None,
            n=None,
            n_eff=None,
            weighted_n=None,
            suppressed=True,
            reason=reason,
            notes=notes,
            min_n=rules.min_n,
        )

    def suppress(self, reason: str) -> Estimate:
        """A copy with every figure removed (used for complementary suppression)."""
        return Estimate.hidden(
            self.measure,
            self.variable,
            self.domain,
            self.ci_method,
            self.level,
            reason,
            self.notes,
            DisclosureRules(min_n=self.min_n),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; a suppressed estimate says ``suppressed`` and why, nothing more."""
        head: dict[str, Any] = {
            "measure": self.measure,
            "variable": self.variable,
            "domain": dict(self.domain),
        }
        if self.suppressed:
            assert self.reason is not None
            return head | {
                "suppressed": True,
                "reason": self.reason,
                "reason_text": REASONS[self.reason].format(min_n=self.min_n),
            }
        return head | {
            "suppressed": False,
            "value": self.value,
            "se": self.se,
            "ci": [self.ci_low, self.ci_high],
            "ci_method": self.ci_method,
            "level": self.level,
            "df": self.df,
            "n": self.n,
            "n_eff": _clean(self.n_eff),
            "weighted_n": self.weighted_n,
            "korn_graubard": None if self.kg_low is None else [self.kg_low, self.kg_high],
            "flags": list(self.flags),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Comparison:
    """A difference between two figures with its interval and test (subgroup or wave)."""

    kind: str
    variable: str
    group: Domain
    reference: Domain
    difference: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    level: float
    df: int | None
    statistic: float | None
    p_value: float | None
    q_value: float | None = None
    suppressed: bool = False
    reason: str | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        figures = (
            self.difference,
            self.se,
            self.ci_low,
            self.ci_high,
            self.statistic,
            self.p_value,
            self.q_value,
            self.df,
        )
        if self.suppressed:
            if self.reason not in REASONS:
                raise ValueError(f"onderdrukte vergelijking zonder geldige reden: {self.reason!r}")
            if any(f is not None for f in figures):
                raise ValueError("een onderdrukte vergelijking mag geen waarden bevatten")
        elif self.difference is None or self.p_value is None:
            raise ValueError("een getoonde vergelijking heeft verschil en p-waarde nodig")

    @classmethod
    def hidden(
        cls,
        kind: str,
        variable: str,
        group: Domain,
        reference: Domain,
        level: float,
        reason: str,
        notes: tuple[str, ...] = (),
    ) -> Comparison:
        return cls(
            kind,
            variable,
            group,
            reference,
            None,
            None,
            None,
            None,
            level,
            None,
            None,
            None,
            None,
            True,
            reason,
            notes,
        )

    @property
    def significant(self) -> bool | None:
        """q < 0.05 when adjusted, else p < 0.05; None when suppressed."""
        if self.suppressed:
            return None
        p = self.q_value if self.q_value is not None else self.p_value
        return p is not None and p < 1 - self.level

    def to_dict(self) -> dict[str, Any]:
        head: dict[str, Any] = {
            "kind": self.kind,
            "variable": self.variable,
            "group": dict(self.group),
            "reference": dict(self.reference),
        }
        if self.suppressed:
            assert self.reason is not None
            return head | {
                "suppressed": True,
                "reason": self.reason,
                "reason_text": REASONS[self.reason].format(min_n="het minimum"),
            }
        return head | {
            "suppressed": False,
            "difference": self.difference,
            "se": self.se,
            "ci": [self.ci_low, self.ci_high],
            "level": self.level,
            "df": self.df,
            "statistic": self.statistic,
            "p_value": self.p_value,
            "q_value": self.q_value,
            "significant": self.significant,
            "notes": list(self.notes),
        }


Result = Estimate | Comparison


def to_json(results: Iterable[Result], indent: int | None = None) -> str:
    """A JSON array of the results' ``to_dict()``."""
    return json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=indent)


def to_table(results: Sequence[Result]) -> pd.DataFrame:
    """A tidy table: one row per result, domains spread over ``domain``/``reference`` text."""
    rows = []
    for r in results:
        d = r.to_dict()
        for key in ("domain", "group", "reference"):
            if key in d:
                d[key] = domain_label(tuple(d[key].items()))
        for key in ("ci", "korn_graubard"):
            pair = d.pop(key, None)
            if pair is not None:
                d[f"{key}_low"], d[f"{key}_high"] = pair
        for key in ("flags", "notes"):
            if key in d:
                d[key] = "; ".join(d[key])
        rows.append(d)
    return pd.DataFrame(rows)
