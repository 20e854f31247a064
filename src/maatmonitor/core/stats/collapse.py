"""Collapse strata without respondents into their nearest stratum with respondents.

A stratum that was sampled but gave no response would drop its population from every estimate.
The usual remedy (e.g. Kalton & Flores-Cervantes 2003, "collapsing cells") merges it with the most
similar stratum for the nonresponse adjustment: N and n are summed and the partner's respondents
carry the merged population. Strata labels are ``:``-separated design variables
(``employer:subsidies:noord:large``), so "most similar" is the stratum sharing the longest prefix
of parts; among equals the one with most respondents. Every merge is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Merge:
    """``empty`` was merged into ``partner``; both now carry the label ``merged``."""

    empty: str
    partner: str
    merged: str

    def note(self) -> str:
        return f"stratum {self.empty} zonder respondenten samengevoegd met {self.partner}"


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split(":"), b.split(":"), strict=False):
        if x != y:
            break
        n += 1
    return n


def collapse_empty_strata(
    design: pd.DataFrame, respondent_strata: pd.Series
) -> tuple[pd.DataFrame, pd.Series, tuple[Merge, ...]]:
    """Design rows and respondents' strata with every sampled stratum without respondents merged.

    ``design`` has columns stratum, N_h, n_h (strata as text). Strata with n_h = 0 are left alone
    (they have no design weight; raking restores their share). Raises ValueError when no stratum
    has respondents.
    """
    counts = respondent_strata.value_counts()
    d = design.copy()
    d["stratum"] = d["stratum"].astype(str)
    drawn = pd.to_numeric(d["n_h"], errors="coerce").fillna(0)
    empty = [s for s, n in zip(d["stratum"], drawn, strict=True) if n > 0 and s not in counts]
    if not empty:
        return design, respondent_strata, ()
    answered = [s for s in d["stratum"] if s in counts.index]
    if not answered:
        raise ValueError("geen enkel stratum heeft respondenten")
    label = {s: s for s in d["stratum"]}
    merges = []
    for s in empty:
        partner = max(answered, key=lambda p: (_shared(s, p), int(counts[p]), p))
        merged = f"{label[partner]}+{s}"
        for k, v in label.items():
            if v == label[partner]:
                label[k] = merged
        label[s] = merged
        merges.append(Merge(s, partner, merged))
    d["stratum"] = d["stratum"].map(label)
    combined = d.groupby("stratum", sort=False, as_index=False)[["N_h", "n_h"]].sum()
    return combined, respondent_strata.map(lambda s: label.get(str(s), s)), tuple(merges)
