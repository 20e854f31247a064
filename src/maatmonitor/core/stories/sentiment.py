"""Sentiment of an open answer: positief, negatief, gemengd or neutraal.

A lexicon method that reads clause by clause: negators flip the polarity of the words that
follow (or, in Dutch verb-second order, the word just before: "ze luisterden niet"), a negated
complaint is only weakly positive ("geen klachten"), service words that are missing count as
negative ("geen reactie"), "te" + adjective is a complaint ("te lang"), and positive words in
a wish ("het zou fijn zijn als...") do not count. Contrast words ("maar") close a clause, so in
"niet X, maar Y" the negation of X does not reach Y.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from maatmonitor.core.stories.text import Analysed, Token

Sentiment = Literal["positief", "negatief", "gemengd", "neutraal"]
SENTIMENTS: tuple[Sentiment, ...] = ("positief", "negatief", "gemengd", "neutraal")

_NEGATION_WINDOW = 4
_LOOKBACK = 2
# A side needs this much evidence to count; a negated complaint ("niet slecht") weighs half.
_PRESENT = 0.75
_NEGATED_COMPLAINT = 0.5
# One side dominates a mixed answer when it is this many times stronger.
_DOMINANCE = 3.0
# A negator that negates no lexicon word still signals a complaint in a real clause.
_UNTARGETED = 1.0
_MIN_CLAUSE_WORDS = 3
_CLAUSE_END = frozenset(".!?;:\n")
_EMOTICONS_POS = frozenset({":)", ":-)", ":d", "🙂", "😊", "👍"})
_EMOTICONS_NEG = frozenset({":(", ":-(", "🙁", "😡", "👎"})


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language."""

    positive: dict[str, float]
    negative: dict[str, float]
    expected: frozenset[str]
    negators: frozenset[str]
    contrast: frozenset[str]
    wish: frozenset[str]
    too: frozenset[str]
    too_words: frozenset[str]
    neutral_objects: frozenset[str]
    negative_patterns: tuple[re.Pattern[str], ...]
    positive_patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class SentimentScore:
    """Positive and negative evidence and the resulting label."""

    positive: float
    negative: float
    label: Sentiment


def _lexicon(raw: dict[str, Any]) -> Lexicon:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return Lexicon(
        {str(k).lower(): float(v) for k, v in (raw.get("positive") or {}).items()},
        {str(k).lower(): float(v) for k, v in (raw.get("negative") or {}).items()},
        words("expected"),
        words("negators"),
        words("contrast"),
        words("wish"),
        words("too"),
        words("too_words"),
        words("neutral_objects"),
        tuple(re.compile(p, re.IGNORECASE) for p in raw.get("negative_patterns") or []),
        tuple(re.compile(p, re.IGNORECASE) for p in raw.get("positive_patterns") or []),
    )


@cache
def default_lexicons() -> dict[str, Lexicon]:
    """The packaged Dutch and English lexicons (data/sentiment.yaml)."""
    ref = resources.files("maatmonitor.core.stories") / "data" / "sentiment.yaml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return {lang: _lexicon(data[lang]) for lang in ("nl", "en")}


def _polarity(tok: Token, lex: Lexicon, compounds: bool) -> float:
    """+w for a positive word, -w for a negative one, 0 otherwise."""
    for form in (tok.lower, tok.lemma):
        if form in lex.negative:
            return -lex.negative[form]
        if form in lex.positive:
            return lex.positive[form]
    if compounds and len(tok.lower) > 7 and not tok.lower.startswith("on"):
        # Head of a compound: "klantvriendelijk" -> "vriendelijk".
        for i in range(3, len(tok.lower) - 3):
            head = tok.lower[i:]
            if head in lex.negative:
                return -lex.negative[head]
            if head in lex.positive:
                return lex.positive[head]
    return 0.0


def _clauses(tokens: Sequence[Token], lex: Lexicon) -> list[tuple[list[Token], bool]]:
    """Clauses, each with whether a contrast word ("maar") follows it."""
    clauses: list[tuple[list[Token], bool]] = [([], False)]
    for tok in tokens:
        contrast = tok.lower in lex.contrast
        if contrast or (tok.is_punct and tok.text in _CLAUSE_END):
            if clauses[-1][0]:
                clauses[-1] = (clauses[-1][0], contrast)
                clauses.append(([], False))
            continue
        clauses[-1][0].append(tok)
    return [c for c in clauses if c[0]]


def _clause_score(
    clause: list[Token], lex: Lexicon, compounds: bool, before_contrast: bool
) -> tuple[float, float]:
    pos = neg = 0.0
    is_wish = any(t.lower in lex.wish for t in clause)
    negated_until = -1
    used: set[int] = set()
    # What each plain token added, so a later "niet" ("ze luisterden niet") can take it back.
    added: dict[int, tuple[float, float]] = {}
    for i, tok in enumerate(clause):
        if tok.is_punct:
            if tok.text == ",":
                negated_until = -1
            if tok.text in _EMOTICONS_POS:
                pos += 1
            elif tok.text in _EMOTICONS_NEG:
                neg += 1
            continue
        low = tok.lower
        if low in lex.negators:
            target = _negation_target(clause, i, lex, compounds)
            if target is not None:
                negated_until = target
                continue
            # Nothing follows; Dutch puts "niet" after the verb ("ze belden niet").
            target = _lookback(clause, i, lex, compounds, used)
            if target is not None:
                p, n = _negated(clause[target], lex, compounds)
                before = added.pop(target, (0.0, 0.0))
                pos, neg = pos + p - before[0], neg + n - before[1]
                used.add(target)
            elif not before_contrast and _untargeted_complaint(clause, i, lex):
                # ("niet X, maar Y" only shifts the focus: no complaint by itself.)
                # "geen beslissing", "lukte niet": something expected did not happen.
                neg += _UNTARGETED
            continue
        if i in used:
            continue
        if low in lex.too and i + 1 < len(clause) and clause[i + 1].lower in lex.too_words:
            neg += 1
            used.add(i + 1)
            continue
        negated = i <= negated_until
        if negated:
            p, n = _negated(tok, lex, compounds)
            pos, neg = pos + p, neg + n
            negated_until = -1 if (p or n) else negated_until
            continue
        value = _polarity(tok, lex, compounds)
        if value > 0 and i > 0 and _polarity(clause[i - 1], lex, compounds) < 0:
            # "slecht geholpen": the complaint already judges the praised word.
            continue
        if value > 0 and not is_wish:
            pos += value
            added[i] = (value, 0.0)
        elif value < 0:
            neg += -value * (0.5 if is_wish else 1.0)
    return pos, neg


def _untargeted_complaint(clause: list[Token], i: int, lex: Lexicon) -> bool:
    words = [t for t in clause if not t.is_punct]
    if len(words) < _MIN_CLAUSE_WORDS:
        return False
    following = clause[i + 1 : i + 1 + _NEGATION_WINDOW]
    return not any(t.lower in lex.neutral_objects for t in following)


def _negation_target(clause: list[Token], i: int, lex: Lexicon, compounds: bool) -> int | None:
    for j in range(i + 1, min(len(clause), i + 1 + _NEGATION_WINDOW)):
        tok = clause[j]
        if tok.is_punct:
            return None
        if _polarity(tok, lex, compounds) or tok.lower in lex.expected or tok.lemma in lex.expected:
            return j
    return None


def _lookback(
    clause: list[Token], i: int, lex: Lexicon, compounds: bool, used: set[int]
) -> int | None:
    for j in range(i - 1, max(-1, i - 1 - _LOOKBACK), -1):
        tok = clause[j]
        if tok.is_punct or j in used:
            return None
        if (
            _polarity(tok, lex, compounds) > 0
            or tok.lower in lex.expected
            or tok.lemma in lex.expected
        ):
            return j
    return None


def _negated(tok: Token, lex: Lexicon, compounds: bool) -> tuple[float, float]:
    """Evidence of a negated word: positive/expected -> negative, complaint -> weak positive."""
    value = _polarity(tok, lex, compounds)
    if value < 0:
        return _NEGATED_COMPLAINT, 0.0
    if value > 0:
        return 0.0, value
    if tok.lower in lex.expected or tok.lemma in lex.expected:
        return 0.0, 1.0
    return 0.0, 0.0


def label_for(positive: float, negative: float) -> Sentiment:
    """The label for the summed evidence of both sides."""
    has_pos, has_neg = positive >= _PRESENT, negative >= _PRESENT
    if has_pos and has_neg:
        if positive >= _DOMINANCE * negative:
            return "positief"
        if negative >= _DOMINANCE * positive:
            return "negatief"
        return "gemengd"
    if has_pos:
        return "positief"
    if has_neg:
        return "negatief"
    return "neutraal"


def score_sentiment(answer: Analysed, lexicons: dict[str, Lexicon] | None = None) -> SentimentScore:
    """Sentiment of one analysed answer; an empty answer is neutraal."""
    lex = (lexicons or default_lexicons())[answer.lang]
    compounds = answer.lang == "nl"
    pos = neg = 0.0
    text = answer.text
    neg += sum(1 for p in lex.negative_patterns if p.search(text))
    pos += sum(1 for p in lex.positive_patterns if p.search(text))
    for clause, before_contrast in _clauses(answer.tokens, lex):
        p, n = _clause_score(clause, lex, compounds, before_contrast)
        pos += p
        neg += n
    return SentimentScore(pos, neg, label_for(pos, neg))
