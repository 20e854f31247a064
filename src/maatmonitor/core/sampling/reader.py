"""Read a raw frame file (CSV or Parquet) into text columns, keeping file row numbers.

Every field is read as text, exactly as written, so the validation report can quote the value.
Code-like columns are dictionary-encoded (pandas Categorical): millions of rows hold only a few
distinct values, so checks run once per distinct value instead of once per row.

Row numbers are 1-based data rows: the header is not counted, so data row 1 is line 2 of a CSV
file (values never contain line breaks). Rows with the wrong number of fields are kept out of
the table but reported as malformed with their row number.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from maatmonitor.core.sampling.schema import ALL_COLUMNS


class FrameReadError(ValueError):
    """The file cannot be read as a frame at all (format, encoding, header)."""


@dataclass(frozen=True)
class MalformedRow:
    """A CSV record that could not be split into the header's columns."""

    row: int
    text: str
    expected_fields: int
    actual_fields: int


@dataclass
class RawFrame:
    """Text columns of a frame file, with the data-row number of each table row."""

    table: pd.DataFrame
    rows: npt.NDArray[np.int64]
    source: str
    malformed: list[MalformedRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        """All data records in the file, including malformed ones."""
        return len(self.table) + len(self.malformed)


def read_raw_frame(path: str | Path) -> RawFrame:
    """Read a frame file; `.parquet`/`.pq` as Parquet, anything else as CSV (UTF-8, comma)."""
    path = Path(path)
    if not path.is_file():
        raise FrameReadError(f"{path}: bestand bestaat niet")
    if path.suffix.lower() in {".parquet", ".pq"}:
        return _read_parquet(path)
    return _read_csv(path)


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = next(csv.reader(fh), None)
    except UnicodeDecodeError as exc:
        raise FrameReadError(f"{path}: geen UTF-8-tekst ({exc.reason})") from exc
    if not first:
        raise FrameReadError(f"{path}: leeg bestand of geen kopregel")
    names = [name.strip() for name in first]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise FrameReadError(f"{path}: kolom dubbel in kopregel: {', '.join(dupes)}")
    return names


def _read_csv(path: Path) -> RawFrame:
    names = _header(path)
    wanted = [c for c in names if c in ALL_COLUMNS]
    types = {
        c: pa.string() if c == "unit_id" else pa.dictionary(pa.int32(), pa.string()) for c in names
    }
    convert = pacsv.ConvertOptions(
        column_types=types, include_columns=wanted, strings_can_be_null=False
    )
    bad: list[MalformedRow] = []

    def read(threads: bool) -> pa.Table:
        bad.clear()

        def handler(row: pacsv.InvalidRow) -> str:
            line = -1 if row.number is None else int(row.number)
            bad.append(MalformedRow(line - 1, row.text, row.expected_columns, row.actual_columns))
            return "skip"

        parse = pacsv.ParseOptions(invalid_row_handler=handler, ignore_empty_lines=False)
        read_opts = pacsv.ReadOptions(use_threads=threads, column_names=names, skip_rows=1)
        try:
            return pacsv.read_csv(
                path, read_options=read_opts, parse_options=parse, convert_options=convert
            )
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise FrameReadError(f"{path}: kan CSV niet lezen: {exc}") from exc

    table = read(threads=True)
    if bad and any(b.row < 1 for b in bad):
        # Multi-threaded parsing does not know line numbers; read again in one thread.
        table = read(threads=False)
    bad.sort(key=lambda b: b.row)
    total = table.num_rows + len(bad)
    bad_rows = np.array([b.row for b in bad], dtype=np.int64)
    rows = np.setdiff1d(np.arange(1, total + 1, dtype=np.int64), bad_rows, assume_unique=True)
    frame = _to_pandas(table)
    ignored = [c for c in names if c not in ALL_COLUMNS]
    return RawFrame(frame, rows, str(path), bad, ignored)


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Cast a typed Parquet column to text the way it would appear in a CSV."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_timestamp(kind):
        column = column.cast(pa.date32())
    elif pa.types.is_floating(kind):
        # Integral floats (a nullable int column written by pandas) read as "1980", not "1980.0".
        as_int = pc.cast(column, pa.int64(), safe=False)
        integral = pc.equal(pc.cast(as_int, kind), column)
        column = pc.if_else(integral, pc.cast(as_int, pa.string()), pc.cast(column, pa.string()))
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    return pc.fill_null(column, "")


def _read_parquet(path: Path) -> RawFrame:
    try:
        schema = pq.read_schema(path)
        wanted = [c for c in schema.names if c in ALL_COLUMNS]
        table = pq.read_table(path, columns=wanted)
    except (pa.ArrowInvalid, OSError) as exc:
        raise FrameReadError(f"{path}: kan Parquet niet lezen: {exc}") from exc
    columns = {}
    for name in wanted:
        text = _as_text(table.column(name))
        columns[name] = text if name == "unit_id" else pc.dictionary_encode(text)
    frame = _to_pandas(pa.table(columns))
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    ignored = [c for c in schema.names if c not in ALL_COLUMNS]
    return RawFrame(frame, rows, str(path), [], ignored)


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    frame: pd.DataFrame = table.to_pandas()
    if "unit_id" in frame:
        frame["unit_id"] = frame["unit_id"].astype("str")
    return frame
