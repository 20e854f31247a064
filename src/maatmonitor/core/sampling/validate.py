"""Validate a raw frame: a report of every fault of every row, and the clean frame of valid rows.

Rules (see docs/sampling.md):
- Codes are trimmed and lower-cased before checking ("Noord " is `noord`); ids are only trimmed.
- A row is rejected when it has at least one error; the report lists every error of the row.
- Duplicated ids: every occurrence after the first is rejected and names the first row.
- Client-only fields on an employer row (or the reverse) are a *warning*: the value is cleared
  and the row kept, because those fields do not define strata. A client journey on an employer
  row is an error: it would put the unit in the wrong stratum.
- Clients give `age_band` or `birth_year`; with a birth year the band is derived from
  `reference_year - birth_year`, and ages outside codes.MIN_AGE..codes.MAX_AGE are errors.
- `last_invited` is an ISO date (YYYY-MM-DD) or empty; a date after the reference date is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from maatmonitor.core import codes
from maatmonitor.core.sampling import schema as S
from maatmonitor.core.sampling.columns import BoolArray, IntArray, TextColumn, text_column
from maatmonitor.core.sampling.reader import RawFrame

REPORT_COLUMNS = ("row", "unit_id", "field", "value", "code", "reason", "severity")
_FIELD_ORDER = {name: i for i, name in enumerate(("", *S.ALL_COLUMNS))}
_INTEGER = re.compile(r"^[0-9]{1,4}(\.0+)?$")
_AUDIENCE_NL = {"client": "cliënten", "employer": "werkgevers"}


class FrameSchemaError(ValueError):
    """The frame lacks columns it needs; no row can be checked."""


@dataclass
class FrameImport:
    """The result of importing a frame: clean rows, the fault report and the counts."""

    frame: pd.DataFrame
    issues: pd.DataFrame
    rows_in: int
    rows_rejected: int
    source: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows_accepted(self) -> int:
        return self.rows_in - self.rows_rejected

    @property
    def errors(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == S.ERROR]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == S.WARNING]

    def summary(self) -> str:
        """The counts line every import prints."""
        return (
            f"{self.rows_in} rijen ingelezen = {self.rows_accepted} geaccepteerd + "
            f"{self.rows_rejected} afgewezen ({len(self.errors)} fouten, "
            f"{len(self.warnings)} waarschuwingen)"
        )


class FrameValidationError(ValueError):
    """Strict import found faults; `result` holds the full report."""

    def __init__(self, result: FrameImport) -> None:
        super().__init__(f"{result.source}: frame afgewezen (strict): {result.summary()}")
        self.result = result


class _Report:
    def __init__(self, n: int) -> None:
        self.parts: list[pd.DataFrame] = []
        self.rejected = np.zeros(n, dtype=bool)

    def add(
        self,
        mask: BoolArray,
        col: TextColumn | None,
        field_name: str,
        issue: str,
        reason: str | npt.NDArray[np.object_],
        severity: str = S.ERROR,
        values: npt.NDArray[np.object_] | None = None,
    ) -> None:
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return
        if severity == S.ERROR:
            self.rejected[idx] = True
        if values is None:
            values = col.values_at(idx) if col is not None else np.full(idx.size, "", dtype=object)
        reasons = reason[idx] if isinstance(reason, np.ndarray) else reason
        self.parts.append(
            pd.DataFrame(
                {
                    "idx": idx,
                    "field": field_name,
                    "value": values,
                    "code": issue,
                    "reason": reasons,
                    "severity": severity,
                }
            )
        )


def validate_frame(raw: RawFrame, *, reference_date: date) -> FrameImport:
    """Check every row of `raw`; return the clean frame and the complete report."""
    table = raw.table
    missing_cols = [c for c in S.ALWAYS_REQUIRED if c not in table]
    if missing_cols:
        raise FrameSchemaError(
            f"{raw.source}: verplichte kolommen ontbreken: {', '.join(missing_cols)}"
        )
    n = len(table)
    rep = _Report(n)
    cols = {
        c: text_column(table, c, lower=c != "birth_year") for c in S.ALL_COLUMNS if c != "unit_id"
    }

    ids = _check_ids(table["unit_id"], raw.rows, rep)
    audience = _check_code(cols["audience"], np.ones(n, dtype=bool), rep)
    is_client, is_employer = audience == 0, audience == 1
    _require_columns(raw, table, is_client, is_employer)

    journey = _check_journey(cols["journey"], audience, rep)
    district = _check_code(cols["district"], np.ones(n, dtype=bool), rep)
    channel = _check_code(cols["channel"], np.ones(n, dtype=bool), rep)
    age_band, birth_year = _check_age(
        cols["age_band"], cols["birth_year"], is_client, reference_date.year, rep
    )
    outcome = _check_code(cols["outcome"], is_client, rep)
    debt = _check_bool(cols["debt"], is_client, rep)
    size_class = _check_code(cols["size_class"], is_employer, rep)
    sector = _check_code(cols["sector"], is_employer, rep)
    for name in S.CLIENT_FIELDS:
        _not_applicable(cols[name], is_employer, "werkgevers", rep)
    for name in S.EMPLOYER_FIELDS:
        _not_applicable(cols[name], is_client, "cliënten", rep)
    last_invited = _check_date(cols["last_invited"], reference_date, rep)
    opt_out = _check_bool(cols["opt_out"], np.ones(n, dtype=bool), rep)

    keep = ~rep.rejected
    coded = {
        "audience": audience,
        "journey": journey,
        "district": district,
        "age_band": age_band,
        "outcome": outcome,
        "channel": channel,
        "size_class": size_class,
        "sector": sector,
    }
    clean = pd.DataFrame({"unit_id": pd.array(ids[keep], dtype="str")})
    for name, index in coded.items():
        categories = list(S.CODE_LISTS[name])
        clean[name] = pd.Categorical.from_codes(
            np.where(index[keep] >= 0, index[keep], -1), categories=pd.Index(categories)
        )
    if cols["birth_year"].present:
        year = birth_year[keep]
        clean["birth_year"] = pd.arrays.IntegerArray(year, year < 0)
    flag = debt[keep]
    clean["debt"] = pd.arrays.BooleanArray(flag == 1, flag < 0)
    clean["opt_out"] = opt_out[keep] == 1
    clean["last_invited"] = last_invited[keep]
    clean["source_row"] = raw.rows[keep]

    issues = _assemble(rep, raw, ids)
    rejected = int(rep.rejected.sum()) + len(raw.malformed)
    return FrameImport(clean, issues, raw.rows_in, rejected, raw.source, list(raw.ignored_columns))


def _require_columns(
    raw: RawFrame, table: pd.DataFrame, is_client: BoolArray, is_employer: BoolArray
) -> None:
    missing = []
    if is_client.any():
        if "age_band" not in table and "birth_year" not in table:
            missing.append("age_band of birth_year (cliënten)")
        missing += [f"{c} (cliënten)" for c in ("outcome", "debt") if c not in table]
    if is_employer.any():
        missing += [f"{c} (werkgevers)" for c in S.EMPLOYER_FIELDS if c not in table]
    if missing:
        raise FrameSchemaError(f"{raw.source}: kolommen ontbreken: {', '.join(missing)}")


def _check_ids(series: pd.Series, rows: IntArray, rep: _Report) -> npt.NDArray[np.object_]:
    raw = series.to_numpy(dtype=object, na_value="")
    ids = series.fillna("").str.strip().to_numpy(dtype=object)
    missing = ids == ""
    rep.add(missing, None, "unit_id", S.MISSING_ID, "unit_id ontbreekt", values=raw[missing])
    present = np.flatnonzero(~missing)
    codes_, _ = pd.factorize(ids[present])
    # factorize numbers ids in order of first appearance: an id is new iff its code exceeds
    # every code before it.
    seen_max = np.maximum.accumulate(np.concatenate([[-1], codes_[:-1]])) if codes_.size else codes_
    dup = codes_ <= seen_max
    first_pos = np.empty(int(codes_.max()) + 1 if codes_.size else 0, dtype=np.int64)
    first_pos[codes_[~dup]] = present[~dup]
    dup_rows = present[dup]
    dup_mask = np.zeros(len(ids), dtype=bool)
    dup_mask[dup_rows] = True
    reason = np.empty(len(ids), dtype=object)
    reason[dup_rows] = [f"unit_id komt al voor in rij {r}" for r in rows[first_pos[codes_[dup]]]]
    rep.add(dup_mask, None, "unit_id", S.DUPLICATE_ID, reason, values=raw[dup_mask])
    return ids


def _check_code(col: TextColumn, applies: BoolArray, rep: _Report) -> IntArray:
    """Index of each row's code in the code list; -1 where empty, invalid or not applicable."""
    allowed = S.CODE_LISTS[col.name]
    lookup = {code: i for i, code in enumerate(allowed)}
    per_value = np.array([lookup.get(v, -1) for v in col.clean], dtype=np.int64)
    index = col.per_row(per_value)
    empty = col.empty
    rep.add(applies & empty, col, col.name, S.MISSING_VALUE, f"{col.name} ontbreekt")
    unknown = applies & ~empty & (index < 0)
    rep.add(
        unknown,
        col,
        col.name,
        S.UNKNOWN_CODE,
        f"onbekende code voor {col.name}; toegestaan: {', '.join(allowed)}",
    )
    return np.where(applies, index, -1)


def _check_journey(col: TextColumn, audience: IntArray, rep: _Report) -> IntArray:
    all_codes = S.CODE_LISTS["journey"]
    owner = codes.all_journey_codes()
    index = col.per_row(
        np.array([all_codes.index(v) if v in owner else -1 for v in col.clean], dtype=np.int64)
    )
    empty = col.empty
    rep.add(empty, col, "journey", S.MISSING_VALUE, "journey ontbreekt")
    rep.add(~empty & (index < 0), col, "journey", S.UNKNOWN_CODE, "onbekende klantreis")
    audiences = S.CODE_LISTS["audience"]
    owner_idx = np.array([audiences.index(owner[c]) for c in all_codes], dtype=np.int64)
    wrong = (index >= 0) & (audience >= 0) & (owner_idx[np.maximum(index, 0)] != audience)
    reasons = np.empty(len(index), dtype=object)
    for a, name in enumerate(audiences):
        other = 1 - a
        reasons[wrong & (audience == a)] = (
            f"klantreis hoort bij {_AUDIENCE_NL[audiences[other]]}, niet bij {_AUDIENCE_NL[name]}"
        )
    rep.add(wrong, col, "journey", S.UNKNOWN_CODE, reasons)
    return np.where(wrong, -1, index)


def _check_age(
    band_col: TextColumn, year_col: TextColumn, is_client: BoolArray, ref_year: int, rep: _Report
) -> tuple[IntArray, IntArray]:
    bands = S.CODE_LISTS["age_band"]
    band = band_col.per_row(
        np.array([bands.index(v) if v in bands else -1 for v in band_col.clean], dtype=np.int64)
    )
    band_empty, year_empty = band_col.empty, year_col.empty
    rep.add(
        is_client & band_empty & year_empty,
        band_col,
        "age_band",
        S.MISSING_VALUE,
        "age_band en birth_year ontbreken beide",
    )
    rep.add(
        is_client & ~band_empty & (band < 0),
        band_col,
        "age_band",
        S.UNKNOWN_CODE,
        f"onbekende code voor age_band; toegestaan: {', '.join(bands)}",
    )
    parsed = np.array(
        [int(float(v)) if _INTEGER.match(v) else -1 for v in year_col.clean], dtype=np.int64
    )
    year = year_col.per_row(parsed)
    bad_int = is_client & ~year_empty & (year < 0)
    rep.add(bad_int, year_col, "birth_year", S.BAD_INTEGER, "birth_year is geen jaartal")
    age = ref_year - year
    impossible = is_client & (year >= 0) & ((age < codes.MIN_AGE) | (age > codes.MAX_AGE))
    rep.add(
        impossible,
        year_col,
        "birth_year",
        S.IMPOSSIBLE_AGE,
        f"leeftijd in {ref_year} buiten {codes.MIN_AGE}-{codes.MAX_AGE} jaar",
    )
    good_year = is_client & (year >= 0) & ~impossible
    lower = np.array(codes.AGE_BAND_LOWER, dtype=np.int64)
    derived = np.maximum(np.searchsorted(lower, age, side="right") - 1, 0)
    conflict = good_year & (band >= 0) & (derived != band)
    rep.add(conflict, band_col, "age_band", S.AGE_CONFLICT, "age_band past niet bij birth_year")
    result = np.where(is_client & (band >= 0), band, np.where(good_year, derived, -1))
    return np.where(conflict, -1, result), np.where(good_year, year, -1)


def _check_bool(col: TextColumn, applies: BoolArray, rep: _Report) -> IntArray:
    """1/0 per row; -1 where empty, invalid or not applicable."""
    per_value = np.array(
        [1 if v in S.TRUE_WORDS else 0 if v in S.FALSE_WORDS else -1 for v in col.clean],
        dtype=np.int64,
    )
    value = col.per_row(per_value)
    empty = col.empty
    rep.add(applies & empty, col, col.name, S.MISSING_VALUE, f"{col.name} ontbreekt")
    rep.add(
        applies & ~empty & (value < 0),
        col,
        col.name,
        S.BAD_BOOLEAN,
        f"{col.name} moet 0/1 of true/false zijn",
    )
    return np.where(applies, value, -1)


def _not_applicable(col: TextColumn, rows: BoolArray, audience_nl: str, rep: _Report) -> None:
    reason = f"{col.name} geldt niet voor {audience_nl}; waarde genegeerd"
    rep.add(rows & ~col.empty, col, col.name, S.NOT_APPLICABLE, reason, severity=S.WARNING)


def _check_date(col: TextColumn, reference: date, rep: _Report) -> npt.NDArray[np.datetime64]:
    parsed = pd.to_datetime(pd.Series(col.clean, dtype=object), format="%Y-%m-%d", errors="coerce")
    per_value = parsed.to_numpy(dtype="datetime64[s]")
    when = col.per_row(per_value)
    empty = col.empty
    bad = ~empty & np.isnat(when)
    rep.add(bad, col, col.name, S.BAD_DATE, f"{col.name} is geen datum JJJJ-MM-DD")
    future = ~np.isnat(when) & (when > np.datetime64(reference, "s"))
    rep.add(
        future,
        col,
        col.name,
        S.BAD_DATE,
        f"{col.name} ligt na de peildatum {reference.isoformat()}",
    )
    return np.where(future, np.datetime64("NaT", "s"), when)


def _assemble(rep: _Report, raw: RawFrame, ids: npt.NDArray[np.object_]) -> pd.DataFrame:
    parts = []
    if rep.parts:
        body = pd.concat(rep.parts, ignore_index=True)
        idx = body.pop("idx").to_numpy()
        body.insert(0, "row", raw.rows[idx])
        body.insert(1, "unit_id", ids[idx])
        parts.append(body)
    if raw.malformed:
        parts.append(
            pd.DataFrame(
                {
                    "row": [m.row for m in raw.malformed],
                    "unit_id": "",
                    "field": "",
                    "value": [m.text for m in raw.malformed],
                    "code": S.MALFORMED_ROW,
                    "reason": [
                        f"verwacht {m.expected_fields} velden, gevonden {m.actual_fields}"
                        for m in raw.malformed
                    ],
                    "severity": S.ERROR,
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c == "row" else "str") for c in REPORT_COLUMNS}
        )
    out = pd.concat(parts, ignore_index=True)
    out["_f"] = out["field"].map(_FIELD_ORDER)
    out = out.sort_values(["row", "_f"], kind="stable").drop(columns="_f").reset_index(drop=True)
    out["row"] = out["row"].astype("int64")
    for c in REPORT_COLUMNS[1:]:
        out[c] = out[c].astype("str")
    return out[list(REPORT_COLUMNS)]
