"""Topic coding of open answers against a codeframe.

`TopicCoder` is the interface every coder implements, so a learned classifier can later be
plugged in next to (or instead of) the rule-based `RuleCoder` here. The rule coder scores each
code by its cue and pattern hits: Dutch cue words also match as parts of compounds
("uitkeringsbedrag" hits "uitkering" and "bedrag"), English answers use the English cues.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from maatmonitor.core.stories.codeframe import OTHER_CODE, Codeframe, Cue, TopicCode
from maatmonitor.core.stories.text import Analysed, Token

# A compound part must be at least this long to count: shorter parts ("arm", "bel") are too
# often an accidental substring of an unrelated word.
_MIN_PART = 4
_MIN_REST = 3
# Weight of a regular-expression pattern hit relative to a cue hit.
PATTERN_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class TopicHit:
    """A code given to an answer with its relevance score and first evidence offset."""

    code: str
    score: float
    first: int


class TopicCoder(Protocol):
    """Anything that assigns codes of a codeframe to analysed answers, most relevant first."""

    @property
    def codeframe(self) -> Codeframe: ...

    def code_many(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[list[TopicHit]]: ...


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, ...]]
    compound: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]


def _build_index(codes: Sequence[TopicCode], lang: str, compounds: bool) -> _Index:
    exact: dict[str, list[str]] = {}
    compound: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def add(cue: Cue, code: str) -> None:
        if len(cue.words) > 1:
            phrases.setdefault(cue.words[0], []).append((cue.words, code))
        elif compounds and not cue.exact and len(cue.words[0]) >= _MIN_PART:
            compound.setdefault(cue.words[0], []).append(code)
        else:
            exact.setdefault(cue.words[0], []).append(code)

    for c in codes:
        for cue in c.cues.get(lang, ()):
            add(cue, c.code)
        # English answers still name Dutch schemes and sites ("WW", "DigiD", "Mijn UWV").
        if lang == "en":
            for cue in c.cues.get("nl", ()):
                if cue.exact or len(cue.words) > 1:
                    add(cue, c.code)
    return _Index(
        {k: tuple(dict.fromkeys(v)) for k, v in exact.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in compound.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )


def _compound_hits(word: str, compound: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Codes whose cue is the whole word, its head or its modifier (with linking -s-)."""
    hits: list[str] = list(compound.get(word, ()))
    n = len(word)
    for i in range(_MIN_REST, n - _MIN_REST + 1):
        tail = word[i:]
        if len(tail) >= _MIN_PART and tail in compound:
            hits.extend(compound[tail])
        head = word[:i]
        if n - i >= _MIN_PART:
            if head in compound:
                hits.extend(compound[head])
            elif head.endswith("s") and head[:-1] in compound and len(head) > _MIN_PART:
                hits.extend(compound[head[:-1]])
    return tuple(hits)


class RuleCoder:
    """Cue- and pattern-based coder; the codeframe file is its whole configuration."""

    def __init__(self, codeframe: Codeframe, max_topics: int = 2, min_score: float = 1.0):
        self._codeframe = codeframe
        self.max_topics = max_topics
        self.min_score = min_score
        coded = [c for c in codeframe.codes if c.code != OTHER_CODE]
        self._index = {
            "nl": _build_index(coded, "nl", compounds=True),
            "en": _build_index(coded, "en", compounds=False),
        }
        self._patterns = {
            lang: [(c.code, p) for c in coded for p in c.patterns.get(lang, ())]
            for lang in ("nl", "en")
        }
        self._audiences = {c.code: c.audiences for c in codeframe.codes}
        self._has_other = OTHER_CODE in self._audiences

    @property
    def codeframe(self) -> Codeframe:
        return self._codeframe

    def _token_hits(self, tokens: Sequence[Token], index: _Index) -> list[tuple[str, int]]:
        hits: list[tuple[str, int]] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok.is_punct:
                continue
            forms = {tok.lower, tok.lemma}
            found: set[str] = set()
            for form in forms:
                found.update(index.exact.get(form, ()))
                if index.compound:
                    # "re-integratieverslag": try the whole word, without hyphens, and each part.
                    parts = (
                        {form, form.replace("-", ""), *form.split("-")} if "-" in form else {form}
                    )
                    for part in parts:
                        found.update(_compound_hits(part, index.compound))
                for words, code in index.phrases.get(form, ()):
                    if i + len(words) <= n and all(
                        words[k] in (tokens[i + k].lower, tokens[i + k].lemma)
                        for k in range(1, len(words))
                    ):
                        found.add(code)
            hits.extend((code, tok.start) for code in found)
        return hits

    def code_one(self, answer: Analysed, audience: str) -> list[TopicHit]:
        """Codes for one answer, most relevant first; empty for an empty answer."""
        if not answer.text.strip() or not any(not t.is_punct for t in answer.tokens):
            return []
        scores: dict[str, float] = {}
        first: dict[str, int] = {}
        for code, pos in self._token_hits(answer.tokens, self._index[answer.lang]):
            scores[code] = scores.get(code, 0.0) + 1.0
            first[code] = min(first.get(code, pos), pos)
        for code, pattern in self._patterns[answer.lang]:
            m = pattern.search(answer.text)
            if m:
                scores[code] = scores.get(code, 0.0) + PATTERN_WEIGHT
                first[code] = min(first.get(code, m.start()), m.start())
        hits = [
            TopicHit(code, score, first[code])
            for code, score in scores.items()
            if score >= self.min_score and audience in self._audiences[code]
        ]
        hits.sort(key=lambda h: (-h.score, h.first))
        hits = hits[: self.max_topics]
        if not hits and self._has_other:
            return [TopicHit(OTHER_CODE, 0.0, 0)]
        return hits

    def code_many(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[list[TopicHit]]:
        if len(answers) != len(audiences):
            raise ValueError("answers en audiences moeten even lang zijn")
        return [self.code_one(a, aud) for a, aud in zip(answers, audiences, strict=True)]
