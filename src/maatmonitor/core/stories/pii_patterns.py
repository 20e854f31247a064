"""Detectors for structured personal data: BSN, IBAN, phone, e-mail, postcode, address,
date of birth and client/dossier numbers.

Every detector returns `PiiSpan`s into the original text. Numbers are validated where a check
exists (BSN 11-test, IBAN mod-97) so that amounts, dates of letters and reference numbers of
forms are not mistaken for personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

PiiType = Literal[
    "name",
    "bsn",
    "phone",
    "email",
    "iban",
    "address",
    "postcode",
    "date_of_birth",
    "client_number",
]
PII_TYPES: tuple[PiiType, ...] = (
    "name",
    "bsn",
    "phone",
    "email",
    "iban",
    "address",
    "postcode",
    "date_of_birth",
    "client_number",
)


@dataclass(frozen=True, slots=True, order=True)
class PiiSpan:
    """Personal data found at text[start:end]."""

    start: int
    end: int
    type: PiiType


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# A space after the country code ("NL 97 INGB ...") only with capitals: "op 06 1987 3345" is a
# phone number.
_IBAN = re.compile(
    r"\b(?:[A-Z]{2} ?|[A-Za-z]{2})\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b"
)
_NINE_DIGITS = re.compile(
    r"(?<![\d.,€-])(?:\d{9}|\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3}|\d{2}[. ]\d{3}[. ]\d{2}[. ]\d{2})(?!\d|[.,]\d|[. ]?L[. ]?\d)"
)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().-]{7,18}\d(?![\w])")
_POSTCODE = re.compile(r"\b[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})\b")
_MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?"
    r"|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|january|february|march|may|june"
    r"|july|august|october|december)\.?"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}} {_MONTHS} (?:19|20)?\d{{2}})\b",
    re.IGNORECASE,
)
_BIRTH_CONTEXT = re.compile(
    r"(?:(?:geboren|geboortedatum|geboorte ?datum|geboortedag|verjaardag|born|date of birth|dob|"
    r"mijn gegevens|my details)\b|\bgeb\.)[^.!?\n\d]{0,50}$",
    re.IGNORECASE,
)
# A full date this many years back or more is someone's birth date unless an event word comes
# before it ("sinds 01-09-2005", "in dienst per ..."); letters and appointments are recent.
BIRTH_MIN_AGE = 15
_EVENT_BEFORE = re.compile(
    r"(?:sinds|vanaf|per|tot|van|brief|besluit|beschikking|uit dienst|in dienst|ontslag|ziek"
    r"|overleden|since|from|until|letter|dated?|op)\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# "Ik ben op 3-11-1959 geboren": the keyword after the date.
_BIRTH_AFTER = re.compile(r"^\s*(?:geboren|born)\b", re.IGNORECASE)
_CLIENT_KEYWORD = re.compile(
    r"\b(?:klant|cli[eë]nt|dossier|zaak|relatie|registratie|referentie|aanvraag|personeels|"
    r"werkgevers|loonheffingen|polis|burgerservice|vordering|vorderings|case|client|customer|"
    r"reference)[- ]?(?:nummer|nr\.?|number|no\.?)|\b(?:uw |ons |het |de )?(?:kenmerk|referentie)\b"
    r"|\bdossier\b",
    re.IGNORECASE,
)
_CLIENT_VALUE = re.compile(
    r"(?:\s+[^\s\d:]+){0,4}?"
    r"\s*(?::|is|was|=|-)?\s*(?:nr\.?\s*)?([A-Za-z]{0,4}[-/ ]?\d[\dA-Z./ -]{3,18}\d(?:[.-]?[A-Za-z]\d{0,2})?)\b"
)
# A loonheffingennummer (RSIN or BSN + L + two digits) identifies an employer, keyword or not.
_LOONHEFFINGEN = re.compile(r"\b\d{4}[. ]?\d{2}[. ]?\d{3}[. ]?L[. ]?\d{2}\b")
# Case and reference codes with a letter prefix ("AV-11958342", "VR 7719 2033").
_PREFIXED_CODE = re.compile(r"\b([A-Z]{1,4})[- ]?(\d[\d -]{5,16}\d)\b")
_NOT_CASE_PREFIXES = frozenset({"KVK", "BTW", "ISBN", "EAN", "ART", "NL", "DOB"})
_BSN_KEYWORD = re.compile(r"\b(?:bsn|burgerservicenummer|sofi(?:nummer)?)\b", re.IGNORECASE)
_DASHED_NINE = re.compile(
    r"[-\w]*\s*(?::|is)?\s*(\d{3}-\d{3}-\d{3}|\d{4}-\d{2}-\d{3}|\d{2}-\d{3}-\d{2}-\d{2})(?!\d)"
)
_EIGHT_DIGITS = re.compile(r"\s*(?::|is)?\s*(\d{8})(?!\d)")
_MONEY_BEFORE = re.compile(r"(?:€|eur|euro|bedrag van|ƒ)\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:euro|eur|,-|,\d\d)", re.IGNORECASE)

_STRICT_SUFFIX = r"(?:straat|laan|plein|gracht|kade|singel|steeg|dreef|plantsoen|straatweg)"
_CAPITAL_SUFFIX = r"(?:weg|dijk|pad|hof|markt|wal|allee|boulevard|vliet|pier|dam)"
_HOUSE_NUMBER = (
    r"\d{1,4}(?:\s?-\s?\d{1,3}|[ ]?[a-zA-Z](?![\w])|[ ]?(?:bis|hs|huis|boven|I{1,3})\b)?"
)
_ADDRESS = re.compile(
    rf"(?:\b(?:[A-Z][\w'.-]*\s|(?:van|de|der|den|het|ter|ten|'t)\s){{0,3}}"
    rf"(?:[A-Za-z][\w'-]*{_STRICT_SUFFIX}|[A-Z][\w'-]*{_CAPITAL_SUFFIX})"
    rf"|\b(?:Laan|Plein|Kade|Singel|Dreef|Weg|Hof|Park) (?:van |der |de |des |ter |op |naar |)+"
    rf"(?:[A-Z][\w'-]*\s?){{1,3}})"
    rf"\s?,?\s{_HOUSE_NUMBER}(?![\d,])"
)
_ADDRESS_LEAD = re.compile(r"^(?:(?:van|de|der|den|het|ter|ten|'t)\s)+")

# Public service numbers are not personal data: free and paid information lines and the
# agency's general numbers.
# 088-898 is the agency's own number block (klantenlijn, werkgeverslijn, ...).
_PUBLIC_PHONE_PREFIXES = ("0800", "0900", "0906", "0909", "14", "088898")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def find_emails(text: str) -> Iterator[PiiSpan]:
    for m in _EMAIL.finditer(text):
        yield PiiSpan(m.start(), m.end(), "email")


def find_ibans(text: str) -> Iterator[PiiSpan]:
    for m in _IBAN.finditer(text):
        raw = m.group(0)
        # Greedy groups can swallow a following word; shrink from the right until it validates.
        parts = raw.split(" ")
        for k in range(len(parts), 0, -1):
            candidate = " ".join(parts[:k])
            if len(candidate.replace(" ", "")) >= 15 and stdnum_iban.is_valid(candidate):
                yield PiiSpan(m.start(), m.start() + len(candidate), "iban")
                break


def _is_money(text: str, start: int, end: int) -> bool:
    return bool(_MONEY_BEFORE.search(text[max(0, start - 12) : start])) or bool(
        _MONEY_AFTER.match(text[end : end + 6])
    )


def find_client_numbers(text: str) -> Iterator[PiiSpan]:
    for k in _CLIENT_KEYWORD.finditer(text):
        m = _CLIENT_VALUE.match(text, k.end())
        if m and len(_digits(m.group(1))) >= 5:
            yield PiiSpan(m.start(1), m.end(1), "client_number")
    for m in _LOONHEFFINGEN.finditer(text):
        yield PiiSpan(m.start(), m.end(), "client_number")
    for m in _PREFIXED_CODE.finditer(text):
        value = m.group(2).rstrip(" -")
        digits = _digits(value)
        if m.group(1) in _NOT_CASE_PREFIXES or len(digits) < 7 or _DATE.fullmatch(value):
            continue
        if digits.startswith("0") and len(digits) == 10:
            continue  # a phone number after an abbreviation ("TEL 0612345678")
        yield PiiSpan(m.start(), m.start(2) + len(value), "client_number")


def find_bsns(text: str) -> Iterator[PiiSpan]:
    for m in _NINE_DIGITS.finditer(text):
        keyword = _BSN_KEYWORD.search(text[max(0, m.start() - 20) : m.start()])
        if _is_money(text, m.start(), m.end()) and not keyword:
            continue
        if stdnum_bsn.is_valid(_digits(m.group(0))):
            yield PiiSpan(m.start(), m.end(), "bsn")
    # Older BSNs are written with 8 digits (leading zero dropped), and some group with dashes
    # ("2536-47-587"): only trusted right after the keyword.
    for k in _BSN_KEYWORD.finditer(text):
        dashed = _DASHED_NINE.match(text, k.end())
        if dashed and stdnum_bsn.is_valid(_digits(dashed.group(1))):
            yield PiiSpan(dashed.start(1), dashed.end(1), "bsn")
        short = _EIGHT_DIGITS.match(text, k.end())
        if short and stdnum_bsn.is_valid("0" + short.group(1)):
            yield PiiSpan(short.start(1), short.end(1), "bsn")


def _is_phone(raw: str) -> bool:
    d = _digits(raw)
    if raw.count("(") != raw.count(")") or re.search(r"\d\.\d{3}\.\d", raw):
        return False
    if raw.startswith("+") or raw.startswith("00"):
        d = d[2:] if raw.startswith("00") else d
        if d.startswith("31"):
            rest = d[2:]
            rest = rest[1:] if rest.startswith("0") else rest
            return len(rest) == 9
        return 8 <= len(d) <= 15
    if not d.startswith("0") or len(d) != 10:
        return False
    return not d.startswith(_PUBLIC_PHONE_PREFIXES)


def find_phones(text: str) -> Iterator[PiiSpan]:
    # Digits inside an IBAN-shaped string are never a phone number, valid IBAN or not.
    iban_like = [(m.start(), m.end()) for m in _IBAN.finditer(text)]
    for m in _PHONE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in iban_like):
            continue
        raw = m.group(0).rstrip(".-( ")
        if raw.startswith("(") and ")" not in raw[1:6]:
            raw = raw[1:]
            start = m.start() + 1
        else:
            start = m.start()
        if _DATE.fullmatch(raw.strip()) or _is_money(text, start, start + len(raw)):
            continue
        if _is_phone(raw):
            yield PiiSpan(start, start + len(raw), "phone")


_POSTCODE_AFTER_KEYWORD = re.compile(
    r"(?i:postcode|zip)\s*:?\s*([1-9]\d{3} (?!sa|sd|ss)[a-z]{2})\b"
)
# "sinds 2024 WW": a year before a benefit's abbreviation is not a postcode.
_BENEFIT_LETTERS = frozenset({"WW", "ZW", "TW"})


def find_postcodes(text: str) -> Iterator[PiiSpan]:
    for m in _POSTCODE.finditer(text):
        value = m.group(0)
        if (
            value[-2:] in _BENEFIT_LETTERS
            and 1950 <= int(value[:4]) <= 2039
            and "postcode" not in text[max(0, m.start() - 20) : m.start()].lower()
        ):
            continue
        yield PiiSpan(m.start(), m.end(), "postcode")
    # Lowercase letters after a space ("1942 ev") only right after the word postcode: "in 2024
    # en" would match otherwise.
    for m in _POSTCODE_AFTER_KEYWORD.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "postcode")


def _old_full_date(text: str, start: int, end: int, this_year: int) -> bool:
    year = _YEAR.search(text[start:end])
    if not year or int(year.group(0)) > this_year - BIRTH_MIN_AGE:
        return False
    return not _EVENT_BEFORE.search(text[max(0, start - 20) : start])


def find_dates_of_birth(text: str, this_year: int | None = None) -> Iterator[PiiSpan]:
    year = this_year or date.today().year
    for m in _DATE.finditer(text):
        if _old_full_date(text, m.start(), m.end(), year):
            yield PiiSpan(m.start(), m.end(), "date_of_birth")
            continue
        if _BIRTH_CONTEXT.search(text[max(0, m.start() - 70) : m.start()]) or _BIRTH_AFTER.match(
            text[m.end() : m.end() + 12]
        ):
            yield PiiSpan(m.start(), m.end(), "date_of_birth")


def find_addresses(text: str) -> Iterator[PiiSpan]:
    for m in _ADDRESS.finditer(text):
        start = m.start()
        lead = _ADDRESS_LEAD.match(m.group(0))
        if lead:
            # Drop the article in front of the street name ("ik woon aan de Kerkstraat 1").
            start += lead.end()
        if start < m.end():
            yield PiiSpan(start, m.end(), "address")


def find_structured(text: str) -> list[PiiSpan]:
    """All structured personal data in `text` (possibly overlapping; see redaction.resolve)."""
    spans: list[PiiSpan] = []
    for finder in (
        find_emails,
        find_ibans,
        find_client_numbers,
        find_bsns,
        find_phones,
        find_dates_of_birth,
        find_postcodes,
        find_addresses,
    ):
        spans.extend(finder(text))
    return spans
