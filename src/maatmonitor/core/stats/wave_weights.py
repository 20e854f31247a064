"""Weights of one wave's respondents from the C1/C2 input frames: design weight N_h / n_h,
nonresponse adjustment within strata (x n_h / r_h), raking to the register margins (optionally
trimmed), and a JSON-ready report. Every input problem is a :class:`StatsInputError` naming the
row, stratum, variable or unit."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from maatmonitor.core.stats.collapse import Merge, collapse_empty_strata
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.errors import StatsInputError
from maatmonitor.core.stats.raking import RakeReport, TrimBounds, rake
from maatmonitor.core.stats.weights import weight_diagnostics


def labels(series: pd.Series) -> pd.Series:
    """String codes of a register column; 1.0 -> '1', missing stays missing."""

    def one(v: object) -> object:
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, float | np.floating) and float(v).is_integer():
            return str(int(v))
        if isinstance(v, bool | np.bool_):
            return "1" if v else "0"
        return str(v).strip() or None

    # convert each distinct value once (columns have few categories)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    table = np.array([*(one(u) for u in uniques), None], dtype=object)
    return pd.Series(table[codes], index=series.index, dtype=object)


def weights_for(
    responses: pd.DataFrame,
    design: pd.DataFrame,
    margins: pd.DataFrame,
    *,
    trim: TrimBounds | None = None,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    collapse_empty: bool = True,
) -> tuple[SurveyDesign, dict[str, Any]]:
    """The raked design of the respondents and a JSON-ready weighting report.

    ``collapse_empty``: a sampled stratum without respondents is merged with its nearest stratum
    (see :mod:`collapse`; listed in the report under ``collapsed_strata``); with False it is an
    error naming the strata.
    """
    for col in ("stratum", "N_h", "n_h"):
        if col not in design.columns:
            raise StatsInputError(f"design: kolom {col!r} ontbreekt (nodig: stratum, N_h, n_h)")
    if "stratum" not in responses.columns:
        raise StatsInputError("antwoorden: kolom 'stratum' ontbreekt")
    d = design.assign(stratum=labels(design["stratum"]))
    dup = d["stratum"][d["stratum"].duplicated()].tolist()
    if dup:
        raise StatsInputError(f"design: stratum {dup[:5]} staat er meer dan eens in")
    big = pd.to_numeric(d["N_h"], errors="coerce")
    drawn = pd.to_numeric(d["n_h"], errors="coerce")
    bad = big.isna() | drawn.isna() | (drawn < 0) | (big < drawn)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise StatsInputError(
            f"design: rij {i + 1} (stratum {d['stratum'].iloc[i]!r}): N_h={d['N_h'].iloc[i]!r}, "
            f"n_h={d['n_h'].iloc[i]!r}; nodig: getallen met N_h >= n_h >= 0"
        )
    merges: tuple[Merge, ...] = ()
    if collapse_empty and not labels(responses["stratum"]).isna().any():
        d, strata_now, merges = collapse_empty_strata(d, labels(responses["stratum"]))
        responses = responses.assign(stratum=strata_now.to_numpy())
        big = pd.to_numeric(d["N_h"], errors="coerce")
        drawn = pd.to_numeric(d["n_h"], errors="coerce")
    big.index = drawn.index = d["stratum"]
    # strata without a sample (n_h = 0) carry no design weight; raking restores their share
    unsampled = sorted(str(s) for s in drawn.index[drawn == 0])
    big, drawn = big[drawn > 0], drawn[drawn > 0]
    strata = labels(responses["stratum"])
    if strata.isna().any():
        rows = (np.flatnonzero(strata.isna().to_numpy())[:5] + 1).tolist()
        raise StatsInputError(f"antwoorden: stratum ontbreekt in rij(en) {rows}")
    unknown = sorted(set(strata) - set(big.index))
    if unknown:
        raise StatsInputError(f"antwoorden: strata {unknown[:5]} staan niet in het designbestand")
    r_h = strata.value_counts()
    over = [s for s in r_h.index if r_h[s] > drawn[s]]
    if over:
        raise StatsInputError(f"antwoorden: meer respondenten dan getrokken in strata {over[:5]}")
    empty = [s for s in big.index if s not in r_h.index and big[s] > 0]
    if empty:
        raise StatsInputError(
            f"nonrespons: geen respondenten in stratum/strata {empty[:10]}; hun populatie zou uit "
            "elke schatting verdwijnen. Voeg strata samen in het designbestand."
        )
    codes, uniques = pd.factorize(strata)
    w_design = (big / drawn).reindex(uniques).to_numpy(dtype=np.float64)[codes]
    factor = (drawn / r_h.reindex(big.index)).reindex(uniques).to_numpy(dtype=np.float64)[codes]
    w0 = w_design * factor  # = N_h / r_h
    fpc = big.reindex(uniques).to_numpy(dtype=np.float64)[codes]
    base = SurveyDesign.from_arrays(w0, strata.to_numpy(), fpc, lonely_psu="remove")
    lonely = sorted(str(s) for s, r in r_h.items() if r == 1 and big[str(s)] > 1)
    targets, used = _targets(responses, margins)
    report: dict[str, Any] = {
        "strata": len(big),
        "sampled": int(drawn.sum()),
        "respondents": len(responses),
        "response_rate": float(len(responses) / drawn.sum()),
        "population": float(big.sum()),
        "design_weights": weight_diagnostics(w_design).to_dict(),
        "nonresponse_adjusted": weight_diagnostics(w0).to_dict(),
        "lonely_strata": lonely,
        "unsampled_strata": unsampled,
        "collapsed_strata": [m.note() for m in merges],
        "raking": None,
    }
    for v in used:
        gaps = labels(responses[v]).isna().to_numpy()
        if gaps.any():
            rows = np.flatnonzero(gaps)[:5]
            where = (
                f"unit_id {responses['unit_id'].iloc[rows].astype(str).tolist()}"
                if "unit_id" in responses.columns
                else f"rij(en) {(rows + 1).tolist()}"
            )
            raise StatsInputError(
                f"raken: {v} ontbreekt of is ongeldig bij {int(gaps.sum())} respondent(en), "
                f"eerste: {where}; vul de registerwaarde aan of pas de mapping aan"
            )
    raked = base
    if used:
        raked, rake_report = rake(
            base,
            {v: labels(responses[v]).to_numpy() for v in used},
            targets,
            tolerance=tolerance,
            max_iterations=max_iterations,
            trim=trim,
        )
        report["raking"] = _rake_dict(rake_report)
    report["final"] = weight_diagnostics(raked.weights).to_dict()
    return raked, report


def _rake_dict(r: RakeReport) -> dict[str, Any]:
    d = r.to_dict()
    d["margins"] = list(r.margins)
    return d


def _targets(
    responses: pd.DataFrame, margins: pd.DataFrame
) -> tuple[dict[str, dict[str, float]], list[str]]:
    need = {"variable", "category", "count"}
    if not need <= set(margins.columns):
        raise StatsInputError(f"marges: kolommen {sorted(need - set(margins.columns))} ontbreken")
    out: dict[str, dict[str, float]] = {}
    for rec in margins.itertuples(index=False):
        var, cat = str(rec.variable).strip(), labels(pd.Series([rec.category])).iloc[0]
        count = pd.to_numeric(pd.Series([rec.count]), errors="coerce").iloc[0]
        if cat is None or pd.isna(count) or count < 0:
            raise StatsInputError(
                f"marges: {var}={rec.category!r} heeft ongeldig aantal {rec.count!r}"
            )
        if cat in out.setdefault(var, {}):
            raise StatsInputError(f"marges: {var}={cat} staat er meer dan eens in")
        out[var][str(cat)] = float(count)
    used = [v for v in out if v in responses.columns]
    return {v: out[v] for v in used}, used
