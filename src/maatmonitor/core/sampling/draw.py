"""Draw a wave's sample from a clean frame, and replay a draw from its manifest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd

from maatmonitor.core.sampling.manifest import (
    ALLOCATION_ALGORITHM,
    STRATUM_FIELDS,
    Manifest,
    ManifestError,
)
from maatmonitor.core.sampling.plan import Design, plan_allocation
from maatmonitor.core.sampling.prn import (
    PRN_ALGORITHM,
    prn_unit,
    select_smallest,
    wave_start,
)
from maatmonitor.core.sampling.store import FRAME_HASH_VERSION, frame_hash, prn_for
from maatmonitor.core.sampling.strata import assign_strata, eligibility, stratum_table

SAMPLE_COLUMNS = (
    "unit_id",
    "stratum",
    "audience",
    "journey",
    "district",
    "size_class",
    "channel",
    "prn",
    "inclusion_probability",
)


@dataclass
class DrawResult:
    """The manifest, the per-stratum table (plan + exclusions) and the selected units."""

    manifest: Manifest
    table: pd.DataFrame
    sample: pd.DataFrame


def _noop(step: str) -> None:
    return None


def prepare_strata(
    frame: pd.DataFrame, reference_date: date, exclusion_months: int
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Stratum table (with exclusions), stratum index per row and the eligibility mask."""
    strata = assign_strata(frame)
    elig = eligibility(frame, reference_date, exclusion_months)
    return stratum_table(strata, elig), strata.index, elig.eligible


def _select(
    frame: pd.DataFrame,
    index: np.ndarray,
    eligible: np.ndarray,
    invitations: np.ndarray,
    salt: str,
    start: float,
) -> tuple[np.ndarray, np.ndarray]:
    rows = np.flatnonzero(eligible)
    prn = prn_for(frame, salt)
    ids = frame["unit_id"].to_numpy(dtype=object)
    chosen = select_smallest(index[rows], prn[rows], invitations, start, ids[rows])
    return rows[chosen], prn


def draw(
    frame: pd.DataFrame,
    design: Design,
    *,
    salt: str,
    wave: int,
    reference_date: date,
    exclusion_months: int,
    start: float | None = None,
    on_step: Callable[[str], None] = _noop,
) -> DrawResult:
    """Allocate over the eligible frame and select the smallest shifted PRNs per stratum."""
    start = wave_start(wave) if start is None else start
    on_step("strata")
    table, index, eligible = prepare_strata(frame, reference_date, exclusion_months)
    on_step("allocation")
    plan = plan_allocation(table, design)
    full = table.merge(
        plan[["stratum", "sd", "target", "response_rate", "invitations"]], on="stratum"
    )
    on_step("selection")
    positions, prn = _select(frame, index, eligible, full["invitations"].to_numpy(), salt, start)
    on_step("manifest")
    sample = _sample(frame, positions, index, full, prn)
    manifest = Manifest(
        wave=wave,
        salt=salt,
        start=start,
        reference_date=reference_date.isoformat(),
        exclusion_months=exclusion_months,
        frame_hash=frame_hash(frame),
        frame_rows=len(frame),
        design=design.parameters(),
        strata=_strata_records(full),
        selected_ids=sorted(sample["unit_id"].tolist()),
        algorithms={
            "prn": PRN_ALGORITHM,
            "frame_hash": FRAME_HASH_VERSION,
            "allocation": ALLOCATION_ALGORITHM,
        },
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return DrawResult(manifest, full, sample)


def _strata_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    records = []
    for row in table[list(STRATUM_FIELDS)].itertuples(index=False):
        rec = dict(zip(STRATUM_FIELDS, row, strict=True))
        for key in (
            "population",
            "excluded_recent",
            "excluded_opt_out",
            "eligible",
            "target",
            "invitations",
        ):
            rec[key] = int(rec[key])
        rec["stratum"] = str(rec["stratum"])
        rec["sd"], rec["response_rate"] = float(rec["sd"]), float(rec["response_rate"])
        records.append(rec)
    return records


def _sample(
    frame: pd.DataFrame,
    positions: np.ndarray,
    index: np.ndarray,
    table: pd.DataFrame,
    prn: np.ndarray,
) -> pd.DataFrame:
    labels = table["stratum"].to_numpy(dtype=object)
    prob = (table["invitations"] / table["eligible"].where(table["eligible"] > 0)).to_numpy()
    h = index[positions]
    sample = frame.iloc[positions][
        ["unit_id", "audience", "journey", "district", "size_class", "channel"]
    ]
    sample = sample.reset_index(drop=True)
    sample.insert(1, "stratum", pd.array(labels[h], dtype="str"))
    sample["prn"] = prn_unit(prn[positions])
    sample["inclusion_probability"] = prob[h]
    return sample.sort_values("unit_id", kind="stable").reset_index(drop=True)[list(SAMPLE_COLUMNS)]


def redraw(frame: pd.DataFrame, manifest: Manifest) -> list[str]:
    """Replay a manifest on a frame: the same ids, or ManifestError saying what differs."""
    actual = frame_hash(frame)
    if actual != manifest.frame_hash:
        raise ManifestError(
            f"frame-hash verschilt: manifest {manifest.frame_hash[:16]}, frame {actual[:16]}; "
            "dit is niet het frame waaruit golf "
            f"{manifest.wave} is getrokken"
        )
    reference = date.fromisoformat(manifest.reference_date)
    table, index, eligible = prepare_strata(frame, reference, manifest.exclusion_months)
    stored = pd.DataFrame.from_records(manifest.strata, columns=list(STRATUM_FIELDS))
    if table["stratum"].tolist() != stored["stratum"].tolist():
        raise ManifestError("strata van het frame wijken af van het manifest")
    params = dict(manifest.design)
    plan = plan_allocation(table, Design(**params))
    for col in ("eligible", "target", "invitations"):
        source = table if col == "eligible" else plan
        differs = source[col].to_numpy() != stored[col].to_numpy()
        if differs.any():
            names = ", ".join(stored["stratum"][differs].head(5))
            raise ManifestError(f"{col} per stratum wijkt af van het manifest in: {names}")
    positions, _ = _select(
        frame,
        index,
        eligible,
        stored["invitations"].to_numpy(dtype=np.int64),
        manifest.salt,
        manifest.start,
    )
    ids = sorted(frame["unit_id"].to_numpy(dtype=object)[positions].tolist())
    if ids != manifest.selected_ids:
        raise ManifestError("de opnieuw getrokken ids wijken af van het manifest")
    return ids
