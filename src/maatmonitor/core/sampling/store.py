"""Import a frame file, save the clean frame as Parquet (with cached PRNs), load it back, hash it.

Frame hash (`FRAME_HASH_VERSION`): SHA-256 over the columns that decide the draw
(schema.DRAW_COLUMNS), rows sorted by the UTF-8 bytes of unit_id, so row order and file format do
not change it. Bytes fed, in this order:
    b"maatmonitor-frame/v1\\n"
    for each column:  name + b"\\n", then
      unit_id:          the ids' UTF-8 byte lengths as little-endian int64, then all id bytes
      code columns:     the code list joined by "," + b"\\n", then per row the position in the
                        code list (-1 when empty) as little-endian int16
      last_invited:     days since 1970-01-01 as little-endian int64 (empty: -2**63)
      opt_out:          one byte 0/1 per row
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from maatmonitor.core.sampling.prn import PRN_ALGORITHM, compute_prn, salt_fingerprint
from maatmonitor.core.sampling.reader import read_raw_frame
from maatmonitor.core.sampling.schema import CODE_LISTS, DRAW_COLUMNS
from maatmonitor.core.sampling.validate import FrameImport, FrameValidationError, validate_frame

FRAME_HASH_VERSION = "maatmonitor-frame/v1"
_META_KEY = b"maatmonitor.frame"


def import_frame(
    path: str | Path, *, reference_date: date | None = None, strict: bool = False
) -> FrameImport:
    """Read and validate a frame file. With `strict`, any error raises FrameValidationError."""
    raw = read_raw_frame(path)
    result = validate_frame(raw, reference_date=reference_date or date.today())
    if strict and result.rows_rejected:
        raise FrameValidationError(result)
    return result


def attach_prn(frame: pd.DataFrame, salt: str) -> pd.DataFrame:
    """A copy of the frame with the `prn` column for `salt` (see prn.compute_prn)."""
    out = frame.copy()
    out["prn"] = compute_prn(frame["unit_id"].tolist(), salt)
    out.attrs["prn_salt"] = salt_fingerprint(salt)
    return out


def prn_for(frame: pd.DataFrame, salt: str) -> np.ndarray:
    """The frame's PRNs for `salt`: the cached column when its fingerprint matches, else computed."""
    if "prn" in frame and frame.attrs.get("prn_salt") == salt_fingerprint(salt):
        return frame["prn"].to_numpy(dtype=np.uint64)
    return compute_prn(frame["unit_id"].tolist(), salt)


def save_frame(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a clean frame as Parquet, marking it (and any PRN salt fingerprint) in the metadata."""
    path = Path(path)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = {"version": 1, "prn_salt": frame.attrs.get("prn_salt"), "prn": PRN_ALGORITHM}
    schema_meta = dict(table.schema.metadata or {})
    schema_meta[_META_KEY] = json.dumps(meta).encode()
    pq.write_table(table.replace_schema_metadata(schema_meta), path)
    return path


def is_clean_frame(path: str | Path) -> bool:
    """Whether a file is a clean frame written by `save_frame`."""
    path = Path(path)
    if path.suffix.lower() not in {".parquet", ".pq"}:
        return False
    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowInvalid, OSError):
        return False
    return _META_KEY in meta


def load_frame(path: str | Path) -> pd.DataFrame:
    """Read a clean frame written by `save_frame` (categories restored to code-list order)."""
    path = Path(path)
    table = pq.read_table(path)
    meta = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
    frame: pd.DataFrame = table.to_pandas()
    for name, allowed in CODE_LISTS.items():
        if name in frame:
            frame[name] = pd.Categorical(frame[name], categories=list(allowed))
    frame["unit_id"] = frame["unit_id"].astype("str")
    frame["last_invited"] = frame["last_invited"].astype("datetime64[s]")
    if meta.get("prn_salt"):
        frame.attrs["prn_salt"] = meta["prn_salt"]
    return frame


def frame_hash(frame: pd.DataFrame) -> str:
    """SHA-256 of the canonical form of the draw columns (recipe in the module docstring)."""
    ids = pa.array(frame["unit_id"].to_numpy(dtype=object), type=pa.large_string())
    order = pc.sort_indices(ids).to_numpy()
    digest = hashlib.sha256(FRAME_HASH_VERSION.encode() + b"\n")
    for name in DRAW_COLUMNS:
        digest.update(name.encode() + b"\n")
        if name == "unit_id":
            sorted_ids = pc.take(ids, pa.array(order))
            offsets = np.frombuffer(sorted_ids.buffers()[1], dtype=np.int64)
            offsets = offsets[sorted_ids.offset : sorted_ids.offset + len(sorted_ids) + 1]
            digest.update(np.diff(offsets).astype("<i8").tobytes())
            data = sorted_ids.buffers()[2]
            digest.update(b"" if data is None else memoryview(data)[offsets[0] : offsets[-1]])
        elif name in CODE_LISTS:
            allowed = list(CODE_LISTS[name])
            codes_ = np.asarray(pd.Categorical(frame[name], categories=allowed).codes)
            digest.update(",".join(allowed).encode() + b"\n")
            digest.update(codes_[order].astype("<i2").tobytes())
        elif name == "last_invited":
            days = frame[name].to_numpy(dtype="datetime64[D]").view(np.int64)
            digest.update(days[order].astype("<i8").tobytes())
        else:
            digest.update(frame[name].to_numpy(dtype=np.uint8)[order].tobytes())
    return digest.hexdigest()
