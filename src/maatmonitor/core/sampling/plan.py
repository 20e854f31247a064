"""The allocation plan of a wave: eligible N_h, prior S_h, target completes, invitations.

Per-stratum parameters (prior SD, expected response rate) are given as a mapping whose keys are
stratum labels or label prefixes on ':' boundaries — `client`, `client:unemployed`,
`client:unemployed:noord` — and the longest matching key wins. A key matching no stratum is an
error (usually a typo).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from maatmonitor.core.sampling.allocation import (
    DEFAULT_SD,
    AllocationError,
    Method,
    allocate,
    inflate,
)

PLAN_COLUMNS = (
    "stratum",
    "population",
    "eligible",
    "excluded_share",
    "sd",
    "target",
    "response_rate",
    "invitations",
)


@dataclass(frozen=True)
class Design:
    """What the researcher chooses for a wave's allocation."""

    size: int
    method: Method = "neyman"
    power_q: float = 0.5
    minimum: int = 0
    cap: int | None = None
    response_rate: float = 0.3
    response_rates: Mapping[str, float] = field(default_factory=dict)
    prior_sds: Mapping[str, float] = field(default_factory=dict)
    rounding: Literal["ceil", "hamilton"] = "ceil"

    def parameters(self) -> dict[str, object]:
        """JSON-ready parameters for the manifest."""
        return {
            "size": self.size,
            "method": self.method,
            "power_q": self.power_q,
            "minimum": self.minimum,
            "cap": self.cap,
            "response_rate": self.response_rate,
            "response_rates": dict(sorted(self.response_rates.items())),
            "prior_sds": dict(sorted(self.prior_sds.items())),
            "rounding": self.rounding,
        }


def resolve(
    labels: list[str], values: Mapping[str, float], default: float, what: str
) -> list[float]:
    """Per-stratum values from prefix keys (longest match wins), else `default`."""
    used: set[str] = set()
    out = []
    for label in labels:
        parts = label.split(":")
        for cut in range(len(parts), 0, -1):
            key = ":".join(parts[:cut])
            if key in values:
                out.append(float(values[key]))
                used.add(key)
                break
        else:
            out.append(default)
    unknown = sorted(set(values) - used)
    if unknown:
        raise AllocationError(f"{what}: geen stratum in het frame voor: {', '.join(unknown)}")
    return out


def sd_from_proportion(p: float) -> float:
    """S_h = sqrt(P(1 - P)) for a proportion from the last wave."""
    if not 0.0 <= p <= 1.0:
        raise AllocationError(f"proportie moet tussen 0 en 1 liggen, niet {p}")
    return math.sqrt(p * (1.0 - p))


def plan_allocation(strata: pd.DataFrame, design: Design) -> pd.DataFrame:
    """The allocation table from a stratum table (see strata.stratum_table) and a design."""
    labels = [str(s) for s in strata["stratum"]]
    eligible = strata["eligible"].to_numpy(dtype=np.int64)
    sds = np.array(resolve(labels, design.prior_sds, DEFAULT_SD, "prior_sds"))
    rates = np.array(resolve(labels, design.response_rates, design.response_rate, "response_rates"))
    targets = allocate(
        eligible,
        design.size,
        method=design.method,
        sds=sds,
        power_q=design.power_q,
        minimum=design.minimum,
        cap=design.cap,
        labels=labels,
    )
    invitations = inflate(targets, rates, eligible, design.rounding)
    table = strata[["stratum", "population", "eligible", "excluded_share"]].copy()
    table["sd"] = sds
    table["target"] = targets
    table["response_rate"] = rates
    table["invitations"] = invitations
    return table[list(PLAN_COLUMNS)].reset_index(drop=True)
