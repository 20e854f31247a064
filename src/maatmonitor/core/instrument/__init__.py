"""The questionnaire instrument: YAML format, validation, versions and the plain-language check.

See docs/questionnaire-format.md for the file format.
"""

from maatmonitor.core.instrument.errors import InstrumentError, Problem
from maatmonitor.core.instrument.model import (
    LANGUAGES,
    QUESTION_KINDS,
    Changes,
    Condition,
    Dimension,
    Option,
    Page,
    Question,
    Questionnaire,
    Route,
    Scale,
    ScaleOption,
    Text,
)
from maatmonitor.core.instrument.parse import load_questionnaire, parse_questionnaire
from maatmonitor.core.instrument.plain_language import (
    Finding,
    ItemCheck,
    PlainLanguageReport,
    TextCheck,
    Verdict,
    check_plain_language,
    check_text,
)
from maatmonitor.core.instrument.shipped import shipped_questionnaire_paths
from maatmonitor.core.instrument.versions import VersionDiff, diff_versions

__all__ = [
    "LANGUAGES",
    "QUESTION_KINDS",
    "Changes",
    "Condition",
    "Dimension",
    "Finding",
    "InstrumentError",
    "ItemCheck",
    "Option",
    "Page",
    "PlainLanguageReport",
    "Problem",
    "Question",
    "Questionnaire",
    "Route",
    "Scale",
    "ScaleOption",
    "Text",
    "TextCheck",
    "Verdict",
    "VersionDiff",
    "check_plain_language",
    "check_text",
    "diff_versions",
    "load_questionnaire",
    "parse_questionnaire",
    "shipped_questionnaire_paths",
]
