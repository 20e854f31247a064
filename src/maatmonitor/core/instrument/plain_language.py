"""Plain-language (B1) check of questionnaire texts, after the Direct Duidelijk guidance.

Every question text (and help text) gets findings; its verdict is the worst of them:

==========================  =====================================  ==============================
rule                        warning                                fail
==========================  =====================================  ==============================
words per sentence          13-15                                  more than 15
commas per sentence         more than 1                            -
long words (13+ letters)    one                                    two or more
Flesch-Douma (nl) /         below 60                               below 45
Flesch reading ease (en)
uncommon words (wordfreq    any                                    share >= 20% and at least two
Zipf < 3.0, agency names
ignored)
passive voice               zijn/is/ben + participle (nl);         worden/wordt/werd(en) +
                            be-forms + participle (en)             participle (nl); being + p. (en)
jargon                      internal term or unknown capitals      WIA, WW, Wajong, AO, WGA, IVA,
                            abbreviation, unexplained              ZW ... unexplained
double-barrelled            en/of (and/or) in a statement          both sides 3+ words: two claims
(statements only)
negation (statements only)  -                                      niet, geen, nooit ... (a
                                                                   double negative with "oneens")
==========================  =====================================  ==============================

A term counts as explained when it is followed by, or stands inside, parentheses: "WW
(werkloosheidsuitkering)" or "uitkering (WW)". The passive and double-barrelled rules are
heuristics; docs/questionnaire-format.md repeats these thresholds. Dutch reading ease is
`textstat.flesch_reading_ease` with `set_lang("nl")` (Flesch-Douma: 206.835 - 0.93 words per
sentence - 77 syllables per word); English uses the Flesch formula with pyphen syllables.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import pyphen  # type: ignore[import-untyped]
import wordfreq

from maatmonitor.core.instrument import plain_rules as rules
from maatmonitor.core.instrument.model import LANGUAGES, Questionnaire


class Verdict(StrEnum):
    OK = "ok"
    WARNING = "warning"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return ("ok", "warning", "fail").index(self.value)


def worst(verdicts: list[Verdict]) -> Verdict:
    return max(verdicts, key=lambda v: v.rank, default=Verdict.OK)


@dataclass(frozen=True)
class Finding:
    rule: str
    verdict: Verdict
    message: str


@dataclass(frozen=True)
class TextCheck:
    """Measures and findings for one text."""

    text: str
    lang: str
    sentences: int
    words: int
    max_sentence_words: int
    long_words: tuple[str, ...]
    flesch: float
    uncommon_words: tuple[str, ...]
    uncommon_share: float
    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> Verdict:
        return worst([f.verdict for f in self.findings])


@dataclass(frozen=True)
class ItemCheck:
    """The check of one question's text (`part` "text") or its help text (`part` "help")."""

    question_id: str
    kind: str
    part: str
    check: TextCheck

    @property
    def verdict(self) -> Verdict:
        return self.check.verdict


@dataclass(frozen=True)
class PlainLanguageReport:
    questionnaire_id: str
    version: str
    lang: str
    items: tuple[ItemCheck, ...]

    @property
    def verdict(self) -> Verdict:
        return worst([i.verdict for i in self.items])

    def counts(self) -> dict[Verdict, int]:
        found = Counter(i.verdict for i in self.items)
        return {v: found.get(v, 0) for v in Verdict}


_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|[.!?]+$")
_TEXTSTAT_LOCK = threading.Lock()  # textstat keeps the language as global state


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if _words(s)]


def _is_name(word: str) -> bool:
    return word.lower() in rules.KNOWN_NAMES


def _flesch(text: str, lang: str) -> float:
    if lang == "nl":
        with _TEXTSTAT_LOCK:
            import textstat  # imported here: it takes seconds, and only the check needs it

            textstat.set_lang("nl")  # Flesch-Douma, syllables by pyphen
            return float(textstat.flesch_reading_ease(text))
    # textstat's English path fetches NLTK's cmudict over the network on first use; the same
    # Flesch formula with pyphen syllables keeps the check offline.
    words = _words(text)
    syllables = sum(len(_pyphen_en().positions(w.lower())) + 1 for w in words)
    per_sentence = len(words) / max(len(_sentences(text)), 1)
    return 206.835 - 1.015 * per_sentence - 84.6 * syllables / len(words)


@functools.cache
def _pyphen_en() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _explained(term: str, text: str) -> bool:
    escaped = re.escape(term)
    after = re.search(rf"(?<![^\W_]){escaped}(?![^\W_])\s*\(", text, re.IGNORECASE)
    inside = re.search(rf"\([^)]*(?<![^\W_]){escaped}(?![^\W_])[^)]*\)", text, re.IGNORECASE)
    return bool(after or inside)


def check_text(text: str, lang: str = "nl", *, statement: bool = False) -> TextCheck:
    """Check one text; `statement` adds the rules for agreement statements."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    findings: list[Finding] = []
    sentences = _sentences(text)
    words = _words(text)
    lower = [w.lower() for w in words]
    longest = max((len(_words(s)) for s in sentences), default=0)
    if longest > rules.SENTENCE_WORDS_MAX:
        findings.append(Finding("sentence", Verdict.FAIL, f"sentence of {longest} words (max 15)"))
    elif longest > rules.SENTENCE_WORDS_OK:
        findings.append(
            Finding("sentence", Verdict.WARNING, f"sentence of {longest} words (aim for 12)")
        )
    if any(s.count(",") > rules.COMMAS_PER_SENTENCE for s in sentences):
        findings.append(Finding("commas", Verdict.WARNING, "more than one comma in a sentence"))

    content = [w for w in words if not _is_name(w) and not w.isdigit()]
    long_words = tuple(w for w in content if len(w) >= rules.LONG_WORD_LETTERS)
    if long_words:
        verdict = Verdict.FAIL if len(long_words) > rules.LONG_WORDS_MAX else Verdict.WARNING
        findings.append(Finding("long_words", verdict, f"long words: {', '.join(long_words)}"))

    flesch = _flesch(text, lang) if words else 100.0
    if flesch < rules.FLESCH_MIN:
        findings.append(Finding("flesch", Verdict.FAIL, f"reading ease {flesch:.1f} (min 45)"))
    elif flesch < rules.FLESCH_OK:
        findings.append(
            Finding("flesch", Verdict.WARNING, f"reading ease {flesch:.1f} (aim for 60)")
        )

    uncommon = tuple(
        w
        for w in content
        if not rules.looks_like_abbreviation(w)
        and wordfreq.zipf_frequency(w, lang) < rules.UNCOMMON_ZIPF
    )
    share = len(uncommon) / len(content) if content else 0.0
    if uncommon:
        fail = share >= rules.UNCOMMON_SHARE_MAX and len(uncommon) >= 2
        findings.append(
            Finding(
                "uncommon",
                Verdict.FAIL if fail else Verdict.WARNING,
                f"uncommon words ({share:.0%}): {', '.join(uncommon)}",
            )
        )
    findings.extend(_passive(sentences, lang))
    findings.extend(_jargon(text, words, lang))
    if statement:
        findings.extend(_statement_rules(sentences, lower, lang))
    return TextCheck(
        text=text,
        lang=lang,
        sentences=len(sentences),
        words=len(words),
        max_sentence_words=longest,
        long_words=long_words,
        flesch=round(flesch, 1),
        uncommon_words=uncommon,
        uncommon_share=share,
        findings=tuple(findings),
    )


def _passive(sentences: list[str], lang: str) -> list[Finding]:
    findings = []
    for sentence in sentences:
        lower = [w.lower() for w in _words(sentence)]
        participles = [w for w in lower if rules.is_participle(w, lang)]
        if not participles:
            continue
        strong = [w for w in lower if w in rules.PASSIVE_AUX_STRONG[lang]]
        weak = [w for w in lower if w in rules.PASSIVE_AUX_WEAK[lang]]
        if strong:
            findings.append(
                Finding(
                    "passive",
                    Verdict.FAIL,
                    f"passive voice ({strong[0]} ... {participles[0]}): say who does what",
                )
            )
        elif weak:
            findings.append(
                Finding(
                    "passive",
                    Verdict.WARNING,
                    f"possibly passive ({weak[0]} ... {participles[0]}): prefer the active voice",
                )
            )
    return findings


def _jargon(text: str, words: list[str], lang: str) -> list[Finding]:
    findings = []
    seen: set[str] = set()
    known_upper = {a.upper() for a in rules.JARGON_ABBREVIATIONS}
    for word in words:
        if word.upper() in known_upper and word.upper() not in seen:
            seen.add(word.upper())
            if not _explained(word, text):
                findings.append(
                    Finding("jargon", Verdict.FAIL, f"unexplained abbreviation or scheme: {word}")
                )
        elif rules.looks_like_abbreviation(word) and not _is_name(word) and word not in seen:
            seen.add(word)
            if not _explained(word, text):
                findings.append(
                    Finding("jargon", Verdict.WARNING, f"unexplained abbreviation: {word}")
                )
    lowered = text.lower()
    for term in sorted(rules.INTERNAL_TERMS[lang]):
        if re.search(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", lowered) and not _explained(
            term, text
        ):
            findings.append(Finding("jargon", Verdict.WARNING, f"internal term: {term}"))
    return findings


def _statement_rules(sentences: list[str], lower: list[str], lang: str) -> list[Finding]:
    findings = []
    negations = [w for w in lower if w in rules.NEGATIONS[lang] or w.endswith("n't")]
    if negations:
        findings.append(
            Finding(
                "negation",
                Verdict.FAIL,
                f"negation ({', '.join(negations)}): disagreeing becomes a double negative",
            )
        )
    for sentence in sentences:
        words = [w.lower() for w in _words(sentence)]
        for i, word in enumerate(words):
            if word not in rules.COORDINATORS[lang] or i == 0:
                continue
            left, right = words[:i], words[i + 1 :]
            two_claims = len(left) >= rules.CLAIM_MIN_WORDS and len(right) >= rules.CLAIM_MIN_WORDS
            findings.append(
                Finding(
                    "double_barrelled",
                    Verdict.FAIL if two_claims else Verdict.WARNING,
                    f"'{word}' joins {'two claims' if two_claims else 'two things'}: "
                    "ask one thing per statement",
                )
            )
            break
    return findings


def check_plain_language(questionnaire: Questionnaire, lang: str = "nl") -> PlainLanguageReport:
    """Check every question text and help text of a questionnaire in one language."""
    items: list[ItemCheck] = []
    for q in questionnaire.questions:
        statement = q.kind == "statement"
        items.append(
            ItemCheck(q.id, q.kind, "text", check_text(q.text.get(lang), lang, statement=statement))
        )
        if q.help is not None:
            items.append(ItemCheck(q.id, q.kind, "help", check_text(q.help.get(lang), lang)))
    return PlainLanguageReport(questionnaire.id, questionnaire.version, lang, tuple(items))
