"""Data exports: XLSX (one sheet per table of the analysis), and the weighted, redacted
respondent file as SPSS .sav (with variable and value labels), CSV and Parquet.

Disclosure in the respondent file: no direct identifiers (``unit_id`` becomes a sequence
number; open answers and any column not in the questionnaire or the register list are dropped),
and a register category held by fewer than ``min_n`` respondents is blanked, so no row can be
singled out through a rare combination of one background variable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.reporting.texts import category_label, variable_label
from maatmonitor.core.stats.wave_result import WaveAnalysis

REGISTER = ("journey", "district", "age_band", "outcome", "debt", "size_class", "sector")
SCALE_KINDS = ("statement", "overall", "satisfaction")


def xlsx_tables(analysis: WaveAnalysis) -> dict[str, pd.DataFrame]:
    """The analysis' own tidy tables (``WaveAnalysis.to_tables``), names cut to Excel's 31."""
    return {name[:31]: table for name, table in analysis.to_tables().items()}


def write_xlsx(analyses: Sequence[WaveAnalysis], target: Path) -> Path:
    """One sheet per table (per audience when there are several), with n, CI and flags."""
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for analysis in analyses:
            prefix = f"{analysis.audience[:3]}_" if len(analyses) > 1 else ""
            for name, table in xlsx_tables(analysis).items():
                table.to_excel(writer, sheet_name=(prefix + name)[:31], index=False)
    return target


def respondent_file(
    responses: pd.DataFrame,
    weights: Sequence[float] | np.ndarray,
    questionnaire: Questionnaire,
    *,
    min_n: int = 10,
) -> pd.DataFrame:
    """The redacted respondent file: ``seq``, ``weight``, stratum, register, scale answers."""
    if len(weights) != len(responses):
        raise ValueError(f"gewichten: {len(weights)} waarden voor {len(responses)} respondenten")
    items = [q.id for q in questionnaire.questions if q.kind in SCALE_KINDS]
    register = [c for c in REGISTER if c in responses.columns]
    out = pd.DataFrame({"seq": np.arange(1, len(responses) + 1)})
    out["weight"] = np.asarray(weights, dtype=float)
    for col in ["stratum", *register]:
        if col not in responses.columns:
            continue
        values = responses[col].astype(object).where(responses[col].notna(), None)
        values = values.map(lambda v: None if v is None else str(v).removesuffix(".0"))
        counts = values.value_counts()
        rare = set(counts[counts < min_n].index)
        out[col] = [None if v in rare else v for v in values]
    for item in items:
        if item in responses.columns:
            out[item] = pd.to_numeric(responses[item], errors="coerce").astype("Float64")
    return out


def _labels(
    frame: pd.DataFrame, questionnaire: Questionnaire, lang: str
) -> tuple[dict[str, str], dict[str, dict[Any, str]]]:
    names = {"seq": "Volgnummer" if lang == "nl" else "Sequence number"}
    names["weight"] = "Gewicht" if lang == "nl" else "Weight"
    names["stratum"] = "Steekproefgroep" if lang == "nl" else "Sample group"
    values: dict[str, dict[Any, str]] = {}
    by_id = {q.id: q for q in questionnaire.questions}
    for col in frame.columns:
        if col in REGISTER:
            names[col] = variable_label(col, lang)
            cats = sorted({v for v in frame[col] if isinstance(v, str)})
            values[col] = {c: category_label(col, c, lang) for c in cats}
        elif col in by_id:
            q = by_id[col]
            names[col] = q.text.get(lang)[:250]
            if q.scale is not None:
                scale = questionnaire.scales[q.scale]
                values[col] = {float(o.value): o.label.get(lang) for o in scale.options}
    return names, values


def write_sav(
    frame: pd.DataFrame, questionnaire: Questionnaire, target: Path, lang: str = "nl"
) -> Path:
    import pyreadstat

    names, values = _labels(frame, questionnaire, lang)
    data = frame.copy()
    for col in data.columns:
        if data[col].dtype == "Float64":
            data[col] = data[col].astype(float)
    text_cols = [c for c in values if c in REGISTER]
    for col in text_cols:
        data[col] = data[col].fillna("")
    pyreadstat.write_sav(
        data,
        str(target),
        column_labels=[names.get(c, c) for c in data.columns],
        variable_value_labels={c: v for c, v in values.items() if c not in text_cols},
    )
    return target


def write_tables_csv(analyses: Sequence[WaveAnalysis], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for analysis in analyses:
        for name, table in analysis.to_tables().items():
            path = folder / f"{analysis.audience}_{name}.csv"
            table.to_csv(path, index=False)
            paths.append(path)
    return paths


def write_tables_parquet(analyses: Sequence[WaveAnalysis], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for analysis in analyses:
        for name, table in analysis.to_tables().items():
            path = folder / f"{analysis.audience}_{name}.parquet"
            table.astype({c: str for c in table.columns if table[c].dtype == object}).to_parquet(
                path, index=False
            )
            paths.append(path)
    return paths


def respondent_files(
    files: Mapping[str, pd.DataFrame],
    questionnaires: Mapping[str, Questionnaire],
    folder: Path,
    formats: Sequence[str],
    lang: str = "nl",
) -> list[Path]:
    """Write each audience's redacted respondent file in the asked formats (sav, csv, parquet)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for audience, frame in files.items():
        stem = folder / f"respondenten_{audience}"
        if "sav" in formats:
            paths.append(write_sav(frame, questionnaires[audience], stem.with_suffix(".sav"), lang))
        if "csv" in formats:
            frame.to_csv(stem.with_suffix(".csv"), index=False)
            paths.append(stem.with_suffix(".csv"))
        if "parquet" in formats:
            frame.to_parquet(stem.with_suffix(".parquet"), index=False)
            paths.append(stem.with_suffix(".parquet"))
    return paths
