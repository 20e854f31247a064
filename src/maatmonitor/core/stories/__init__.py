"""Open-text stories: redaction of personal data, topic coding and sentiment.

Redaction always comes first; coding and sentiment only see the redacted answer.
"""

from __future__ import annotations

from maatmonitor.core.stories.codeframe import (
    OTHER_CODE,
    Codeframe,
    CodeframeError,
    TopicCode,
    load_codeframe,
    parse_codeframe,
)
from maatmonitor.core.stories.coding import RuleCoder, TopicCoder, TopicHit
from maatmonitor.core.stories.io import StoriesInputError, read_inputs, write_results
from maatmonitor.core.stories.pii_patterns import PII_TYPES, PiiSpan, PiiType
from maatmonitor.core.stories.pipeline import StoryInput, StoryPipeline, StoryResult
from maatmonitor.core.stories.redaction import PLACEHOLDERS, Redaction, redact, redact_many
from maatmonitor.core.stories.sentiment import SENTIMENTS, Sentiment, score_sentiment

__all__ = [
    "OTHER_CODE",
    "PII_TYPES",
    "PLACEHOLDERS",
    "SENTIMENTS",
    "Codeframe",
    "CodeframeError",
    "PiiSpan",
    "PiiType",
    "Redaction",
    "RuleCoder",
    "Sentiment",
    "StoriesInputError",
    "StoryInput",
    "StoryPipeline",
    "StoryResult",
    "TopicCode",
    "TopicCoder",
    "TopicHit",
    "load_codeframe",
    "parse_codeframe",
    "read_inputs",
    "redact",
    "redact_many",
    "score_sentiment",
    "write_results",
]
