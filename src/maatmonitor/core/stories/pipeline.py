"""The story pipeline: redact, then code topics and score sentiment on the redacted text.

Coding and sentiment never see the personal data: they read the answer with every finding
replaced by a neutral marker, so a redacted phone number cannot hint at "bereikbaarheid".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal

from maatmonitor.core.codes import AUDIENCE
from maatmonitor.core.stories.codeframe import Codeframe, load_codeframe
from maatmonitor.core.stories.coding import TopicCoder
from maatmonitor.core.stories.learned import LearnedModel, default_model
from maatmonitor.core.stories.pii_patterns import PiiSpan
from maatmonitor.core.stories.redaction import redact_many
from maatmonitor.core.stories.sentiment import Lexicon, Sentiment, score_sentiment
from maatmonitor.core.stories.text import Lang, analyse_many

_ANALYSIS_MARKER = "x"


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One open answer to process."""

    id: str
    audience: str
    text: str

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCE:
            raise ValueError(
                f"id {self.id!r}: audience {self.audience!r} is geen {'/'.join(AUDIENCE)}"
            )


@dataclass(frozen=True, slots=True)
class StoryResult:
    """The processed answer: redacted text, personal-data spans, topics and sentiment."""

    id: str
    audience: str
    lang: Lang
    redacted: str
    pii: tuple[PiiSpan, ...]
    topics: tuple[str, ...]
    sentiment: Sentiment

    def to_record(self) -> dict[str, Any]:
        """The JSON Lines record of the CLI (spans point into the original text)."""
        return {
            "id": self.id,
            "redacted": self.redacted,
            "pii": [{"type": s.type, "start": s.start, "end": s.end} for s in self.pii],
            "topics": list(self.topics),
            "sentiment": self.sentiment,
            "lang": self.lang,
        }


def _masked(text: str, spans: Sequence[PiiSpan]) -> str:
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(_ANALYSIS_MARKER)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


class StoryPipeline:
    """Redaction, topic coding and sentiment for batches of answers."""

    def __init__(
        self,
        codeframe: Codeframe | None = None,
        coder: TopicCoder | None = None,
        lexicons: dict[str, Lexicon] | None = None,
        sentiment_model: LearnedModel | Literal["default"] | None = "default",
    ) -> None:
        frame = codeframe or load_codeframe()
        # The learned model (stacked on the codeframe's rules) codes topics unless a coder is
        # given; pass coder=RuleCoder(frame) for the rules alone.
        self.coder: TopicCoder = coder if coder is not None else default_model(frame)
        self.lexicons = lexicons
        # The learned sentiment model is stacked on the default lexicons; with custom
        # lexicons, or sentiment_model=None, the lexicon alone decides.
        if sentiment_model == "default":
            sentiment_model = default_model(frame) if lexicons is None else None
        self.sentiment_model = sentiment_model

    @property
    def learned(self) -> bool:
        """Whether topics come from the learned model (else from rules or a custom coder)."""
        return isinstance(self.coder, LearnedModel)

    def process_batch(self, items: Sequence[StoryInput]) -> list[StoryResult]:
        redactions = redact_many([it.text for it in items])
        analysed = list(analyse_many([_masked(r.original, r.spans) for r in redactions]))
        audiences = [it.audience for it in items]
        if self.sentiment_model is not None and self.coder is self.sentiment_model:
            # One model for both: its text features are computed once.
            topics, sentiments = self.sentiment_model.predict(analysed, audiences)
        else:
            topics = self.coder.code_many(analysed, audiences)
            if self.sentiment_model is not None:
                sentiments = self.sentiment_model.sentiment_many(analysed, audiences)
            else:
                sentiments = [score_sentiment(a, self.lexicons).label for a in analysed]
        results = []
        for it, red, ana, hits, sentiment in zip(
            items, redactions, analysed, topics, sentiments, strict=True
        ):
            results.append(
                StoryResult(
                    it.id,
                    it.audience,
                    ana.lang,
                    red.redacted,
                    red.spans,
                    tuple(h.code for h in hits),
                    sentiment,
                )
            )
        return results

    def process(self, items: Iterable[StoryInput], batch_size: int = 512) -> Iterator[StoryResult]:
        """Process answers lazily in batches, in input order."""
        it = iter(items)
        while batch := list(islice(it, batch_size)):
            yield from self.process_batch(batch)
