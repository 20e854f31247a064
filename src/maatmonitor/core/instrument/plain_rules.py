"""Thresholds and word lists of the plain-language check (see plain_language.py for the rules)."""

from __future__ import annotations

import re

# Direct Duidelijk: at most 12 words and one comma per sentence; 13-15 words is tolerated.
SENTENCE_WORDS_OK = 12
SENTENCE_WORDS_MAX = 15
COMMAS_PER_SENTENCE = 1
# A word of 13 letters or more is long (Dutch compounds such as "arbeidsongeschikt").
LONG_WORD_LETTERS = 13
LONG_WORDS_MAX = 1  # one long word is a warning, more is a fail
# Flesch-Douma (nl) / Flesch reading ease (en): 60+ is standard text, below 45 is difficult.
FLESCH_OK = 60.0
FLESCH_MIN = 45.0
# wordfreq Zipf value below 3.0 = fewer than one per million words: uncommon.
UNCOMMON_ZIPF = 3.0
UNCOMMON_SHARE_MAX = 0.2  # fail at a share of 20% or more, with at least two uncommon words

# The agency's own names are fine without explanation and are not scored as uncommon.
KNOWN_NAMES = frozenset({"uwv", "mijn uwv", "digid", "werk.nl"})

# Abbreviations and scheme names a respondent may not know: must be explained, else fail.
JARGON_ABBREVIATIONS = frozenset(
    {"WIA", "WW", "Wajong", "AO", "WGA", "IVA", "ZW", "WAO", "TW", "IOW", "WAZ", "WAZO", "BSN"}
)
# Internal terms: a warning when not explained.
INTERNAL_TERMS = {
    "nl": frozenset(
        {
            "klantreis",
            "klantreizen",
            "vordering",
            "verrekening",
            "beschikking",
            "re-integratie",
            "reïntegratie",
            "arbeidsdeskundige",
            "verzekeringsarts",
            "poortwachter",
            "loonwaarde",
            "handhaving",
            "uitkeringsrecht",
            "verbindingsofficier",
            "sanctie",
            "maatregel",
        }
    ),
    "en": frozenset({"customer journey", "recovery order", "offsetting", "decision notice"}),
}
_ABBREVIATION = re.compile(r"^[A-Z]{2,6}$")


def looks_like_abbreviation(word: str) -> bool:
    return bool(_ABBREVIATION.match(word))


NEGATIONS = {
    "nl": frozenset({"niet", "geen", "nooit", "niemand", "niets", "nergens", "noch"}),
    "en": frozenset({"not", "no", "never", "nobody", "nothing", "nowhere", "neither", "nor"}),
}
COORDINATORS = {"nl": frozenset({"en", "of"}), "en": frozenset({"and", "or"})}
CLAIM_MIN_WORDS = 3  # both sides of en/of this long: two claims in one statement (fail)

# Dutch passive: a form of "worden" with a past participle is passive; "zijn" is often the
# perfect passive (ben geholpen) but also an active perfect (is gegaan), hence only a warning.
PASSIVE_AUX_STRONG = {
    "nl": frozenset({"wordt", "worden", "werd", "werden", "geworden"}),
    "en": frozenset({"being"}),
}
PASSIVE_AUX_WEAK = {
    "nl": frozenset({"is", "zijn", "ben", "bent", "was", "waren"}),
    "en": frozenset({"am", "is", "are", "was", "were", "be", "been"}),
}
SEPARABLE_PREFIXES = (
    "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit",
    "vast", "voor", "weg",
)  # fmt: skip
# Strong participles without prefix (ge- ... -en); weak ones are found by their ending.
STRONG_PARTICIPLES = frozenset(
    {
        "geholpen", "gegeven", "gekregen", "genomen", "gezien", "gesproken", "geschreven",
        "gedaan", "gevonden", "gelezen", "gebleven", "gewezen", "gestuurd", "gebracht",
        "gedacht", "gevraagd", "gehouden", "geroepen", "gelaten", "gezonden", "gestopt",
        "ontvangen", "vergeten", "besproken", "beslist", "verkregen", "bevonden", "verboden",
        "gesloten", "getroffen", "bepaald", "gekozen", "gedragen",
    }
)  # fmt: skip
_WEAK_PARTICIPLE = re.compile(r"^(ge|be|ver|ont|her|er)[a-zë]{2,}[dt]$")
# Words that look like participles but are not (adjectives, nouns).
NOT_PARTICIPLES = frozenset(
    {"gezond", "genoeg", "gewoon", "geduld", "gedrag", "geld", "gebied", "bericht", "verschil",
     "verstandig", "gemiddeld", "bekend", "bereid", "eerst", "echt", "gelijk", "het", "belangrijkst"}
)  # fmt: skip
EN_IRREGULAR_PARTICIPLES = frozenset(
    {"given", "taken", "seen", "told", "made", "done", "known", "shown", "written", "heard",
     "found", "sent", "paid", "kept", "held", "left", "brought", "thought", "chosen", "spoken"}
)  # fmt: skip


def is_participle(word: str, lang: str) -> bool:
    """Heuristic: does `word` (lower case) look like a past participle?"""
    if lang == "en":
        return (len(word) > 4 and word.endswith("ed")) or word in EN_IRREGULAR_PARTICIPLES
    if word in NOT_PARTICIPLES:
        return False
    stems = [word] + [word[len(p) :] for p in SEPARABLE_PREFIXES if word.startswith(p + "ge")]
    return any(s in STRONG_PARTICIPLES or _WEAK_PARTICIPLE.match(s) for s in stems)
