"""Fieldwork calculations without Django: response monitoring and the opt-out frame restriction."""

from maatmonitor.core.fieldwork.monitoring import (
    DAY_COLUMNS,
    STRATUM_COLUMNS,
    UNIT_COLUMNS,
    response_per_day,
    response_per_stratum,
    strata_needing_reminder,
)
from maatmonitor.core.fieldwork.optout import (
    OptOutResult,
    apply_opt_outs,
    read_opt_outs,
    write_opt_outs,
)

__all__ = [
    "DAY_COLUMNS",
    "STRATUM_COLUMNS",
    "UNIT_COLUMNS",
    "OptOutResult",
    "apply_opt_outs",
    "read_opt_outs",
    "response_per_day",
    "response_per_stratum",
    "strata_needing_reminder",
    "write_opt_outs",
]
