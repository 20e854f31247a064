"""The population-frame schema: columns, which audience needs which, and accepted values.

A frame holds one row per unit (client or employer). Client-only fields are empty for employers
and vice versa. Codes come from `maatmonitor.core.codes`; nothing here invents categories.
"""

from __future__ import annotations

from maatmonitor.core import codes

# Columns every frame must have, whatever audiences it holds.
ALWAYS_REQUIRED = (
    "unit_id",
    "audience",
    "journey",
    "district",
    "channel",
    "last_invited",
    "opt_out",
)
# Client rows need an age (`age_band` or `birth_year`), an outcome and the debt flag.
CLIENT_FIELDS = ("age_band", "birth_year", "outcome", "debt")
EMPLOYER_FIELDS = ("size_class", "sector")
# All known columns in the documented order (also the order of faults within a row in the report).
ALL_COLUMNS = (
    "unit_id", "audience", "journey", "district", "age_band", "birth_year", "outcome", "debt",
    "channel", "last_invited", "opt_out", "size_class", "sector",
)  # fmt: skip

# Code columns with their allowed codes (journeys are checked per audience separately).
CODE_LISTS: dict[str, tuple[str, ...]] = {
    "audience": tuple(c.code for c in codes.AUDIENCES),
    "journey": tuple(j.code for js in codes.JOURNEYS.values() for j in js),
    "district": tuple(c.code for c in codes.DISTRICTS),
    "channel": tuple(c.code for c in codes.CHANNELS),
    "age_band": tuple(c.code for c in codes.AGE_BANDS),
    "outcome": tuple(c.code for c in codes.OUTCOMES),
    "size_class": tuple(c.code for c in codes.SIZE_CLASSES),
    "sector": tuple(c.code for c in codes.SECTORS),
}

# Booleans are accepted in these spellings (after trimming, case-insensitive).
TRUE_WORDS = frozenset({"1", "true", "ja", "yes"})
FALSE_WORDS = frozenset({"0", "false", "nee", "no"})

# The columns that decide who can be drawn; the frame hash covers exactly these.
DRAW_COLUMNS = (
    "unit_id",
    "audience",
    "journey",
    "district",
    "size_class",
    "last_invited",
    "opt_out",
)

# Issue codes of the validation report (stable, machine-readable; the reason text is Dutch).
MISSING_ID = "missing_id"
DUPLICATE_ID = "duplicate_id"
MISSING_VALUE = "missing_value"
UNKNOWN_CODE = "unknown_code"
BAD_INTEGER = "bad_integer"
IMPOSSIBLE_AGE = "impossible_age"
AGE_CONFLICT = "age_conflict"
BAD_BOOLEAN = "bad_boolean"
BAD_DATE = "bad_date"
MALFORMED_ROW = "malformed_row"
NOT_APPLICABLE = "not_applicable"  # a warning: the value is cleared, the row is kept

ERROR = "error"
WARNING = "warning"
