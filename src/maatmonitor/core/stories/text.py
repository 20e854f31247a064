"""Tokens, lookup lemmas and language detection for open answers.

spaCy blank pipelines with the lookup lemmatiser are used: they run offline, need no trained
model and are fast enough for tens of thousands of answers. The pipelines are built once per
process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

Lang = Literal["nl", "en"]

# Function words that tell Dutch from English in short, informal answers.
_NL_MARKERS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "ik",
        "je",
        "mijn",
        "niet",
        "is",
        "was",
        "dat",
        "die",
        "met",
        "voor",
        "op",
        "te",
        "naar",
        "maar",
        "ook",
        "geen",
        "heb",
        "wel",
        "al",
        "nog",
        "er",
        "bij",
        "om",
        "zijn",
        "werd",
        "werden",
        "kreeg",
        "moest",
        "ze",
        "we",
        "hun",
        "heel",
        "erg",
        "veel",
        "wat",
        "wie",
        "hoe",
        "omdat",
        "toen",
        "want",
        "dus",
        "nooit",
        "iemand",
        "niemand",
        "alles",
        "niks",
        "niets",
    ]
)
DUTCH_FUNCTION_WORDS = _NL_MARKERS
_EN_MARKERS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "i",
        "my",
        "not",
        "is",
        "was",
        "that",
        "with",
        "for",
        "on",
        "to",
        "but",
        "also",
        "no",
        "have",
        "had",
        "been",
        "were",
        "they",
        "we",
        "their",
        "very",
        "much",
        "what",
        "who",
        "how",
        "because",
        "when",
        "so",
        "never",
        "someone",
        "nobody",
        "everything",
        "nothing",
        "it",
        "this",
        "there",
        "would",
        "could",
        "should",
        "did",
        "didn't",
        "don't",
        "got",
        "me",
        "you",
        "your",
        "thank",
        "thanks",
        "please",
        "our",
        "are",
        "be",
        "will",
        "can",
        "do",
        "does",
        "from",
        "by",
        "at",
        "about",
        "after",
        "always",
        "every",
        "time",
        "just",
        "which",
        "then",
        "still",
        "any",
        "staff",
        "has",
        "him",
        "her",
    ]
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text, lowercased form, lemma and character offsets."""

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    is_punct: bool


@dataclass(frozen=True, slots=True)
class Analysed:
    """An answer split into tokens, with its detected language."""

    text: str
    lang: Lang
    tokens: tuple[Token, ...]


@cache
def _pipeline(lang: Lang) -> Any:
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def detect_language(words: Iterable[str]) -> Lang:
    """'en' when English function words clearly outnumber Dutch ones, else 'nl'."""
    nl = en = 0
    for w in words:
        lw = w.lower()
        nl += lw in _NL_MARKERS
        en += lw in _EN_MARKERS
    return "en" if en > nl else "nl"


def _tokens(doc: Any) -> tuple[Token, ...]:
    return tuple(
        Token(
            t.text,
            t.lower_,
            (t.lemma_ or t.text).lower(),
            t.idx,
            t.idx + len(t.text),
            bool(t.is_punct),
        )
        for t in doc
        if not t.is_space
    )


def analyse_many(texts: Iterable[str], batch_size: int = 256) -> Iterator[Analysed]:
    """Tokenise and lemmatise answers, each with its own pipeline (Dutch or English).

    The cheap whitespace split decides the language, so every answer is lemmatised once.
    """
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _analyse_batch(batch)
            batch = []
    if batch:
        yield from _analyse_batch(batch)


def _analyse_batch(texts: list[str]) -> list[Analysed]:
    langs = [detect_language(t.replace(",", " ").replace(".", " ").split()) for t in texts]
    out: list[Analysed | None] = [None] * len(texts)
    for lang in ("nl", "en"):
        idx = [i for i, lg in enumerate(langs) if lg == lang]
        if not idx:
            continue
        for i, doc in zip(idx, _pipeline(lang).pipe([texts[i] for i in idx]), strict=True):
            out[i] = Analysed(texts[i], lang, _tokens(doc))
    return [a for a in out if a is not None]


def analyse(text: str) -> Analysed:
    """Tokenise and lemmatise one answer."""
    return next(iter(analyse_many([text])))
