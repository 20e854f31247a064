"""Sampling: frame import and validation, margins, strata, allocation, PRN draw, manifest.

See docs/sampling.md for the method, the byte recipes and the validation rules.
"""

from maatmonitor.core.sampling.allocation import (
    AllocationError,
    Method,
    allocate,
    bounded_allocation,
    hamilton_round,
    inflate,
)
from maatmonitor.core.sampling.draw import DrawResult, draw, prepare_strata, redraw
from maatmonitor.core.sampling.manifest import Manifest, ManifestError
from maatmonitor.core.sampling.margins import population_margins, read_margins, write_margins
from maatmonitor.core.sampling.plan import Design, plan_allocation, sd_from_proportion
from maatmonitor.core.sampling.prn import compute_prn, select_smallest, wave_start
from maatmonitor.core.sampling.reader import FrameReadError, read_raw_frame
from maatmonitor.core.sampling.store import (
    attach_prn,
    frame_hash,
    import_frame,
    is_clean_frame,
    load_frame,
    save_frame,
)
from maatmonitor.core.sampling.strata import assign_strata, eligibility, stratum_table
from maatmonitor.core.sampling.validate import (
    FrameImport,
    FrameSchemaError,
    FrameValidationError,
    validate_frame,
)

__all__ = [
    "AllocationError",
    "Design",
    "DrawResult",
    "FrameImport",
    "FrameReadError",
    "FrameSchemaError",
    "FrameValidationError",
    "Manifest",
    "ManifestError",
    "Method",
    "allocate",
    "assign_strata",
    "attach_prn",
    "bounded_allocation",
    "compute_prn",
    "draw",
    "eligibility",
    "frame_hash",
    "hamilton_round",
    "import_frame",
    "inflate",
    "is_clean_frame",
    "load_frame",
    "plan_allocation",
    "population_margins",
    "prepare_strata",
    "read_margins",
    "read_raw_frame",
    "redraw",
    "save_frame",
    "sd_from_proportion",
    "select_smallest",
    "stratum_table",
    "validate_frame",
    "wave_start",
    "write_margins",
]
