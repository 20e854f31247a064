"""Input files of the analysis: reading CSV/XLSX/SAV, renaming and recoding columns (a mapping),
and checking every response value against the questionnaire.

Checking never stops at the first problem: each value that does not fit is reported (row,
column, value, why), set to missing, and the rest of the row is kept. Formats are documented in
docs/analysis-input-format.md.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from maatmonitor.core import codes
from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.stats.errors import StatsInputError

# Columns that are not questions but that the analysis understands.
META_COLUMNS = ("unit_id", "stratum", "audience", "wave", "status", "response_date")
# Register variables that may sit in the responses next to the answers (domains, raking).
REGISTER_CODES: dict[str, tuple[str, ...]] = {
    "district": tuple(c.code for c in codes.DISTRICTS),
    "age_band": tuple(c.code for c in codes.AGE_BANDS),
    "outcome": tuple(c.code for c in codes.OUTCOMES),
    "size_class": tuple(c.code for c in codes.SIZE_CLASSES),
    "sector": tuple(c.code for c in codes.SECTORS),
}
DEBT_VALUES = {"1": "1", "0": "0", "true": "1", "false": "0", "ja": "1", "nee": "0"}
DEBT_VALUES |= {"yes": "1", "no": "0"}
READABLE = (".csv", ".xlsx", ".sav")
SKIPPED = "rij overgeslagen"


class InputFileError(StatsInputError):
    """A file that cannot be read or a mapping that cannot be applied; names file and cause."""


@dataclass(frozen=True)
class ValueProblem:
    """One value (or a whole column, ``row`` None) that does not fit; ``row`` is the 1-based
    data row (spreadsheet row minus the header), ``action`` what was done about it."""

    row: int | None
    column: str
    value: str
    reason: str
    action: str = "leeg gemaakt"
    unit_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def text(value: object) -> str:
    """A cell as the user typed it: ``4.0`` -> ``"4"``, missing -> ``""``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV (``,`` or ``;``, UTF-8), XLSX (first sheet) or SPSS ``.sav`` file as a frame.

    CSV cells are kept as text so a report can quote them exactly; empty cells are missing.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in READABLE:
        raise InputFileError(f"{source}: onbekend bestandstype {suffix!r} (kan: {READABLE})")
    try:
        if suffix == ".csv":
            with source.open(encoding="utf-8-sig", newline="") as fh:
                sample = fh.read(4096)
            sep = ";" if sample.count(";") > sample.count(",") else ","
            # pandas renames a repeated column ("a.1"): check the header as written
            header = next(csv.reader(io.StringIO(sample), delimiter=sep), [])
            _no_duplicates(source, header)
            frame = pd.read_csv(
                source,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8-sig",
            )
        elif suffix == ".sav":
            import pyreadstat

            frame, _meta = pyreadstat.read_sav(str(source), apply_value_formats=False)
        else:
            first = pd.read_excel(source, sheet_name=0, header=None, nrows=1)
            _no_duplicates(source, [] if first.empty else first.iloc[0].tolist())
            frame = pd.read_excel(source, sheet_name=0, dtype=object)
    except (OSError, ValueError, UnicodeDecodeError, csv.Error) as exc:
        raise InputFileError(f"{source}: niet te lezen ({exc})") from exc
    except Exception as exc:  # pyreadstat and openpyxl raise their own error types
        raise InputFileError(f"{source}: niet te lezen ({type(exc).__name__}: {exc})") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    _no_duplicates(source, list(frame.columns))
    return frame.reset_index(drop=True)


def _no_duplicates(source: Path, names: Sequence[object]) -> None:
    cleaned = [str(c).strip() for c in names]
    dup = sorted({c for c in cleaned if cleaned.count(c) > 1})
    if dup:
        raise InputFileError(f"{source}: kolomnaam dubbel: {dup}")


@dataclass(frozen=True)
class ColumnMapping:
    """Renames ``{file column: item id}`` and recodes ``{item id: {file value: code}}``."""

    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a mapping from YAML (``columns:`` and ``values:``) or CSV (``from_column,
    to_column,from_value,to_value``; a row without values is a rename)."""
    source = Path(path)
    try:
        if source.suffix.lower() in (".yaml", ".yml"):
            data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
            return _mapping_from_dict(data, source)
        table = pd.read_csv(source, dtype=str, keep_default_na=False)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise InputFileError(f"{source}: mapping niet te lezen ({exc})") from exc
    need = {"from_column", "to_column", "from_value", "to_value"}
    if not need <= set(table.columns):
        raise InputFileError(f"{source}: kolommen {sorted(need - set(table.columns))} ontbreken")
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for i, rec in enumerate(table.to_dict("records"), start=1):
        old, new = str(rec["from_column"]).strip(), str(rec["to_column"]).strip()
        old_value, new_value = str(rec["from_value"]).strip(), str(rec["to_value"]).strip()
        if not new:
            raise InputFileError(f"{source}: rij {i}: to_column is leeg")
        if old_value or new_value:
            values.setdefault(new, {})[old_value] = new_value
        if old and old != new:
            columns[old] = new
    return _checked(ColumnMapping(columns, values), source)


def _mapping_from_dict(data: object, source: Path) -> ColumnMapping:
    if not isinstance(data, dict) or set(data) - {"columns", "values"}:
        raise InputFileError(f"{source}: verwacht alleen de sleutels 'columns' en 'values'")
    cols = data.get("columns") or {}
    vals = data.get("values") or {}
    if not isinstance(cols, dict) or not isinstance(vals, dict):
        raise InputFileError(f"{source}: 'columns' en 'values' moeten lijsten van paren zijn")
    values: dict[str, dict[str, str]] = {}
    for col, recode in vals.items():
        if not isinstance(recode, dict):
            raise InputFileError(f"{source}: values.{col} moet oud: nieuw paren bevatten")
        values[str(col)] = {text(k): text(v) for k, v in recode.items()}
    columns = {str(k): str(v) for k, v in cols.items()}
    return _checked(ColumnMapping(columns, values), source)


def _checked(mapping: ColumnMapping, source: Path) -> ColumnMapping:
    targets = list(mapping.columns.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise InputFileError(f"{source}: meerdere kolommen worden {twice}")
    return mapping


def apply_mapping(
    frame: pd.DataFrame, mapping: ColumnMapping
) -> tuple[pd.DataFrame, list[ValueProblem]]:
    """Rename and recode; a mapped column missing from the file is reported, not fatal."""
    problems = [
        ValueProblem(
            None, old, "", f"kolom uit de mapping (-> {new}) staat niet in het bestand", ""
        )
        for old, new in mapping.columns.items()
        if old not in frame.columns
    ]
    clash = [
        new
        for old, new in mapping.columns.items()
        if old in frame.columns and new in frame.columns and new not in mapping.columns
    ]
    if clash:
        raise InputFileError(f"mapping: kolom(men) {clash} bestaan al in het bestand")
    out = frame.rename(columns=dict(mapping.columns))
    for column, recode in mapping.values.items():
        if column not in out.columns:
            problems.append(
                ValueProblem(None, column, "", "hercodering voor ontbrekende kolom", "")
            )
            continue
        raw = out[column].map(text)
        out[column] = raw.map(lambda v, r=recode: r.get(v, v)).replace("", np.nan)
    return out, problems


def _scale_check(
    raw: pd.Series, column: str, allowed: tuple[int, ...], substantive: tuple[int, ...]
) -> tuple[pd.Series, list[ValueProblem]]:
    given = raw.map(text)
    number = pd.Series(pd.to_numeric(given.where(given != ""), errors="coerce"), index=raw.index)
    bad_number = (given != "") & number.isna()
    fraction = number.notna() & (number % 1 != 0)
    outside = number.notna() & ~fraction & ~number.isin(allowed)
    low, high = min(substantive), max(substantive)
    extra = sorted(set(allowed) - set(substantive))
    scale = f"{low}..{high}" + (
        f" (en {', '.join(map(str, extra))} = weet ik niet)" if extra else ""
    )
    problems = []
    for mask, why in (
        (bad_number, "geen getal"),
        (fraction, "geen geheel getal"),
        (outside, f"buiten de schaal {scale}"),
    ):
        for i in np.flatnonzero(mask.to_numpy()):
            problems.append(ValueProblem(int(i) + 1, column, given.iloc[i], why))
    clean = number.where(~(bad_number | fraction | outside)).astype("float64")
    return clean, problems


def _code_check(
    raw: pd.Series, column: str, allowed: Iterable[str], what: str
) -> tuple[pd.Series, list[ValueProblem]]:
    given = raw.map(text)
    known = tuple(allowed)
    bad = (given != "") & ~given.isin(known)
    problems = [
        ValueProblem(
            int(i) + 1, column, given.iloc[i], f"onbekende {what} (bekend: {', '.join(known)})"
        )
        for i in np.flatnonzero(bad.to_numpy())
    ]
    clean = given.where((given != "") & ~bad).astype(object)
    return clean.where(clean.notna(), None), problems


@dataclass(frozen=True)
class CheckedResponses:
    """Responses with every value checked: bad values are missing and listed in ``problems``."""

    frame: pd.DataFrame
    problems: tuple[ValueProblem, ...]
    items: tuple[str, ...]  # question ids present (scaled questions)


def check_responses(frame: pd.DataFrame, questionnaire: Questionnaire) -> CheckedResponses:
    """Check every answer against the questionnaire and every register variable against the
    code lists; unknown columns are listed (action ``genegeerd``) and left alone."""
    frame = frame.reset_index(drop=True)
    out = pd.DataFrame(index=frame.index)
    problems: list[ValueProblem] = []
    items: list[str] = []
    for q in questionnaire.questions:
        if q.id not in frame.columns:
            if q.kind in ("overall", "satisfaction"):
                raise StatsInputError(f"antwoorden: verplichte kolom {q.id!r} ({q.kind}) ontbreekt")
            if q.kind == "statement":
                problems.append(
                    ValueProblem(
                        None, q.id, "", "stelling ontbreekt in het bestand", "overgeslagen"
                    )
                )
            continue
        if q.scale is not None:
            scale = questionnaire.scales[q.scale]
            out[q.id], found = _scale_check(
                frame[q.id], q.id, scale.values, scale.substantive_values
            )
            items.append(q.id)
        elif q.kind == "background":
            allowed = [o.code for o in q.options]
            out[q.id], found = _code_check(frame[q.id], q.id, allowed, f"code voor {q.id}")
        else:  # open answers are text and never wrong
            out[q.id], found = frame[q.id], []
        problems += found
    for column in frame.columns:
        if column in out.columns:
            continue
        if column in REGISTER_CODES:
            out[column], found = _code_check(
                frame[column], column, REGISTER_CODES[column], f"code voor {column}"
            )
        elif column == "journey":  # not asked in this questionnaire, so from the register
            allowed = [j.code for j in codes.journeys(questionnaire.audience)]
            out[column], found = _code_check(frame[column], column, allowed, "klantreis")
        elif column == "debt":
            lowered = frame[column].map(text).str.lower()
            out[column], found = _code_check(lowered, column, DEBT_VALUES, "waarde voor debt")
            out[column] = out[column].map(lambda v: DEBT_VALUES.get(v) if v else None)
        elif column in META_COLUMNS:
            out[column] = frame[column].map(lambda v: text(v) or None)
            found = []
        else:
            found = [
                ValueProblem(None, column, "", "kolom hoort niet bij de vragenlijst", "genegeerd")
            ]
        problems += found
    drop = np.zeros(len(frame), dtype=bool)
    ids = frame["unit_id"].map(text) if "unit_id" in frame.columns else None
    if ids is not None:
        twice = (ids != "") & ids.duplicated(keep="first")
        problems += [
            ValueProblem(
                int(i) + 1, "unit_id", ids.iloc[i], "unit_id staat er al eerder in", SKIPPED
            )
            for i in np.flatnonzero(twice.to_numpy())
        ]
        drop |= twice.to_numpy()
    if "stratum" in frame.columns:
        blank = (frame["stratum"].map(text) == "").to_numpy()
        problems += [
            ValueProblem(int(i) + 1, "stratum", "", "stratum ontbreekt", SKIPPED)
            for i in np.flatnonzero(blank & ~drop)
        ]
        drop |= blank
    if ids is not None:
        problems = [
            dataclasses.replace(p, unit_id=ids.iloc[p.row - 1]) if p.row is not None else p
            for p in problems
        ]
    problems.sort(key=lambda p: (p.row is not None, p.row or 0, p.column))
    out = out.loc[~drop].reset_index(drop=True)
    return CheckedResponses(out, tuple(problems), tuple(items))


PROBLEM_COLUMNS = ["row", "unit_id", "column", "value", "reason", "action"]


def problems_table(problems: Iterable[ValueProblem]) -> pd.DataFrame:
    """The report as a table (row, unit_id, column, value, reason, action)."""
    rows = [p.to_dict() for p in problems]
    table = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    table["row"] = table["row"].astype("Int64")
    return table
