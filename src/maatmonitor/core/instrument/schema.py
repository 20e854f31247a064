"""Fixed parts of the questionnaire format: keys per section, background code lists, required ids."""

from __future__ import annotations

from maatmonitor.core import codes
from maatmonitor.core.codes import Code

TOP_REQUIRED = ("id", "version", "audience", "title", "dimensions", "scales", "pages", "questions")
TOP_OPTIONAL = ("changes",)

QUESTION_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required keys besides id/kind/text/page, optional keys)
    "statement": (("dimension", "scale"), ("route", "help")),
    "overall": (("scale",), ("route", "help")),
    "satisfaction": (("scale",), ("route", "help")),
    "open": ((), ("route", "help")),
    "background": (("options",), ("route", "help")),
}
QUESTION_BASE = ("id", "kind", "text", "page")
ALL_QUESTION_KEYS = (
    *QUESTION_BASE,
    *sorted({k for req, opt in QUESTION_KEYS.values() for k in (*req, *opt)}),
)

CHANGES_KEYS = ("previous", "added", "removed", "reworded", "comparable")

# Routing may also test the respondent's audience, which is not a question.
AUDIENCE_KEY = "audience"

# Questions other components rely on: analysis (overall, satisfaction) and weighting (background).
REQUIRED_QUESTIONS: dict[str, str] = {"overall": "overall", "satisfaction": "satisfaction"}
REQUIRED_BACKGROUND: dict[str, tuple[str, ...]] = {
    "client": ("journey", "age_band", "outcome"),
    "employer": ("journey", "size_class", "sector"),
}


def background_codes(question_id: str, audience: str) -> tuple[Code, ...] | None:
    """The code list a background question must offer, or None for an unknown background id."""
    if question_id == "journey":
        return codes.JOURNEYS.get(audience, ())
    lists: dict[str, tuple[Code, ...]] = {
        "age_band": codes.AGE_BANDS,
        "outcome": codes.OUTCOMES,
        "size_class": codes.SIZE_CLASSES,
        "sector": codes.SECTORS,
        "district": codes.DISTRICTS,
    }
    return lists.get(question_id)


BACKGROUND_IDS = ("journey", "age_band", "outcome", "size_class", "sector", "district")
