"""Person names: deduce's Dutch name detection plus the project's own rules.

Deduce finds names from its lookup lists and patterns; our rules add names that follow a
title or a staff role ("mevrouw Jansen", "mijn casemanager Ahmed", "onze werknemer kees"),
introductions ("mijn naam is ...") and sign-offs ("groet, Henk"), and drop deduce hits on
agency vocabulary (UWV, WW, Wajong, DigiD, werk.nl ...). Deduce also finds street addresses
with a house number, which we keep; its place names, dates and numbers are not used because
the structured detectors validate those themselves.

Deduce is built once per process; it writes its lookup cache under the user cache directory
(MAATMONITOR_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache, then maatmonitor/deduce).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import threading
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from maatmonitor.core.stories.not_names import (
    AGENCY_TERMS,
    after_place_preposition,
    is_company,
    plausible_deduce_name,
    plausible_street,
    rare,
)
from maatmonitor.core.stories.pii_patterns import PiiSpan

_DEDUCE_DISABLED = frozenset(
    {
        "placename",
        "postal_code",
        "postbus",
        "institutions",
        "dates",
        "ages",
        "identifiers",
        "phone_numbers",
        "email_addresses",
        "urls",
        "redactor",
    }
)
_TITLES = (
    r"mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|de heer|dokter|dr\.?|drs\.?|mr\.?|mrs\.?|ms\.?"
    r"|miss|ir\.?|ing\.?|juf|juffrouw|zuster"
)
_ROLES = (
    r"casemanager|case manager|klantmanager|klantadviseur|arbeidsdeskundige|verzekeringsarts"
    r"|keuringsarts|bedrijfsarts|huisarts|jurist|consulent|werkcoach|jobcoach|coach|adviseur"
    r"|contactpersoon|medewerker|medewerkster|behandelaar|accountmanager|begeleider|collega"
    r"|re-integratiecoach|arts|psycholoog|werknemer|werkneemster|caseworker|advisor|adviser"
    r"|doctor|employee|manager|leidinggevende|baas|teamleider|zoon|dochter|man|vrouw|partner"
    r"|vriend|vriendin|moeder|vader|broer|zus"
)
_INTERFIX = r"(?:van der|van den|van de|van|de|der|den|ter|ten|te|in 't|op de|el|al)"
# Letters of Dutch, Turkish, Polish and other names respondents write ("Yılmaz", "Łukasz").
_UPPER = "A-ZÀ-ÝÇĞİŞĆČŁŃŚŹŻŽ"
_LOWER = "a-zà-ÿçğışćčłńśźżž"
_CAP = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)?"
_NAME = rf"(?:(?:[{_UPPER}]\.\s?)+\s?)?(?:{_INTERFIX}\s)?{_CAP}(?:\s(?:{_INTERFIX}\s)?{_CAP})?"
_TITLE_NAME = re.compile(rf"\b(?i:{_TITLES})\s+({_NAME})")
_ROLE_NAME = re.compile(
    rf"\b(?i:{_ROLES})\s+(?i:genaamd\s+|heet\s+|named\s+|called\s+)?(\w[\w'’-]+)"
)
_ROLE_CAP_NAME = re.compile(
    rf"\b(?i:{_ROLES}),?\s+((?:(?:De|Van|Van der|Van den|Ter|Ten|El|Al)\s)?{_CAP}"
    rf"(?:\s(?:{_INTERFIX}\s)?{_CAP})?)"
)
_INTRO_NAME = re.compile(
    rf"\b(?i:mijn naam(?: is)?|ik heet|my name is|naam:|name:?|t\.?n\.?v\.?|ten name van)"
    rf"\s+({_NAME}|\w+)"
)
# "ik ben sanne de boer": only when the first word is a known first name (checked in code).
_I_AM = re.compile(rf"\b(?i:ik ben|i am|i'm)\s+([\w'’-]+)((?:\s(?i:{_INTERFIX}))?\s[\w'’-]+)?")
_SIGN_OFF = re.compile(
    rf"(?:^|[.!\n]\s*)(?i:(?:met )?(?:vriendelijke )?(?:groet(?:en|jes)?|mvg|m\.v\.g\.?|gr\.?|regards))"
    rf"[,:]?\s+(?:(?i:{_TITLES})\s+)?({_NAME})\s*[.!]?\s*$"
)
_LOCK = threading.Lock()


def cache_dir() -> Path:
    """Where deduce's lookup cache lives (never inside the repository)."""
    explicit = os.environ.get("MAATMONITOR_CACHE_DIR")
    base = (
        Path(explicit)
        if explicit
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "maatmonitor"
    )
    return base / "deduce"


@cache
def deduce_model() -> Any:
    """The process-wide Deduce instance (first call builds or loads its lookup cache)."""
    with _LOCK:
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        from deduce import Deduce

        # deduce calls logging.basicConfig(DEBUG) on import; give the host its logging back.
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)
        path = cache_dir()
        path.mkdir(parents=True, exist_ok=True)
        # Parallel test workers and CLI runs share the cache: one builds it, the others wait
        # and load it, instead of reading a half-written pickle.
        with open(path / ".build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return Deduce(cache_path=path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Deduce's first names, and common Dutch words that are not names."""
    base = resources.files("deduce") / "data" / "lookup" / "src"

    def read(*parts: str) -> set[str]:
        ref = base.joinpath(*parts, "items.txt")
        return {w.strip().lower() for w in ref.read_text(encoding="utf-8").splitlines() if w}

    first = read("names", "lst_first_name")
    common = read("whitelist", "lst_common_word") | read("whitelist", "lst_stop_word")
    common |= set(AGENCY_TERMS)
    return frozenset(first - common), frozenset(common)


@cache
def _stop_words() -> frozenset[str]:
    base = resources.files("deduce") / "data" / "lookup" / "src"
    ref = base.joinpath("whitelist", "lst_stop_word", "items.txt")
    words = {w.strip().lower() for w in ref.read_text(encoding="utf-8").splitlines() if w}
    return frozenset(words | AGENCY_TERMS)


def _ok_name(text: str) -> bool:
    words = [w for w in re.split(r"[\s.]+", text.lower()) if w]
    _, common = _word_lists()
    return bool(words) and not all(w in common or len(w) < 2 for w in words)


def _rule_names(text: str) -> Iterator[PiiSpan]:
    first, common = _word_lists()
    stop = _stop_words()
    for pattern in (_TITLE_NAME, _INTRO_NAME, _SIGN_OFF):
        for m in pattern.finditer(text):
            name = m.group(1)
            # After a title a capitalised word is a name even if it is also a word ("Bos").
            if name.lower() not in stop and (name[0].isupper() or name.split()[0].lower() in first):
                yield PiiSpan(m.start(1), m.end(1), "name")
    for m in _I_AM.finditer(text):
        low = m.group(1).lower()
        if low not in first or low in common or low in stop or not rare(low):
            continue
        end = m.end(1)
        tail = m.group(2)
        # The surname comes along when it is capitalised or follows an interfix ("de boer").
        if tail and (tail.split()[-1][:1].isupper() or re.match(rf"\s(?i:{_INTERFIX})\s", tail)):
            end = m.end(2)
        yield PiiSpan(m.start(1), end, "name")
    for m in _ROLE_CAP_NAME.finditer(text):
        if m.group(1).lower() not in stop:
            yield PiiSpan(m.start(1), m.end(1), "name")
    for m in _ROLE_NAME.finditer(text):
        word = m.group(1)
        low = word.lower()
        if low in common or low in AGENCY_TERMS:
            continue
        # Capitalised words after a role are names; lowercase ones only if a known first name.
        if (word[0].isupper() and not word.isupper()) or (low in first and rare(low)):
            end = m.end(1)
            tail = re.match(rf"\s(?:{_INTERFIX}\s)?{_CAP}", text[end:])
            if tail and _ok_name(tail.group(0)) and word[0].isupper():
                end += tail.end()
            yield PiiSpan(m.start(1), end, "name")


_TITLE_PREFIX = re.compile(rf"^(?:(?:{_TITLES}|{_ROLES})\b\s*)+", re.IGNORECASE)


_HOUSE_ADDITION = re.compile(r"(?:\s?-\s?\d{1,3}|[a-zA-Z](?![\w]))")


def _deduce_spans(doc: Any) -> Iterator[PiiSpan]:
    for ann in doc.annotations:
        start, end, value = ann.start_char, ann.end_char, ann.text
        if ann.tag == "persoon":
            lead = _TITLE_PREFIX.match(value)
            if lead:
                start += lead.end()
                value = value[lead.end() :]
            if (
                value.strip()
                and _ok_name(value)
                and value.lower() not in AGENCY_TERMS
                and plausible_deduce_name(value)
                and not is_company(doc.text, start, end)
                and not after_place_preposition(doc.text, start)
            ):
                yield PiiSpan(start, end, "name")
        elif ann.tag == "locatie" and any(ch.isdigit() for ch in value) and plausible_street(value):
            # Deduce stops at the number; take the addition along ("Noorderhaven 34-3").
            addition = _HOUSE_ADDITION.match(doc.text, end)
            yield PiiSpan(start, addition.end() if addition else end, "address")


def find_names(texts: Sequence[str]) -> list[list[PiiSpan]]:
    """Names (and deduce's street addresses) per text."""
    model = deduce_model()
    out: list[list[PiiSpan]] = []
    for text in texts:
        spans = list(_rule_names(text))
        if text.strip():
            doc = model.deidentify(text, disabled=set(_DEDUCE_DISABLED))
            spans.extend(_deduce_spans(doc))
        out.append(spans)
    return out
