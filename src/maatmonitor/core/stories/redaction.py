"""Redaction: find personal data in an answer and replace it by typed placeholders.

Redaction always runs before anything else looks at a story. Overlapping findings are
resolved in favour of validated structured types (an IBAN beats a name found inside it),
then the longer span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from maatmonitor.core.stories.names import find_names
from maatmonitor.core.stories.pii_patterns import PiiSpan, PiiType, find_structured

PLACEHOLDERS: dict[PiiType, str] = {
    "name": "[NAAM]",
    "bsn": "[BSN]",
    "phone": "[TELEFOON]",
    "email": "[E-MAIL]",
    "iban": "[IBAN]",
    "address": "[ADRES]",
    "postcode": "[POSTCODE]",
    "date_of_birth": "[GEBOORTEDATUM]",
    "client_number": "[KLANTNUMMER]",
}
# Lower number wins an overlap.
_PRIORITY: dict[PiiType, int] = {
    "email": 0,
    "iban": 1,
    "bsn": 2,
    "client_number": 3,
    "phone": 4,
    "date_of_birth": 5,
    "postcode": 6,
    "address": 7,
    "name": 8,
}


@dataclass(frozen=True, slots=True)
class Redaction:
    """The original text, its redacted version and the spans (into the original) removed."""

    original: str
    redacted: str
    spans: tuple[PiiSpan, ...]


def resolve(spans: Sequence[PiiSpan]) -> list[PiiSpan]:
    """Non-overlapping spans, preferring structured types and then longer spans."""
    chosen: list[PiiSpan] = []
    for s in sorted(spans, key=lambda s: (_PRIORITY[s.type], -(s.end - s.start), s.start)):
        if s.end > s.start and all(s.end <= c.start or s.start >= c.end for c in chosen):
            chosen.append(s)
    return sorted(chosen)


def apply_placeholders(text: str, spans: Sequence[PiiSpan]) -> str:
    """Replace each (non-overlapping, sorted) span by the placeholder of its type."""
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(PLACEHOLDERS[s.type])
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


def redact_many(texts: Sequence[str]) -> list[Redaction]:
    """Redact a batch of answers."""
    names = find_names(texts)
    out = []
    for text, name_spans in zip(texts, names, strict=True):
        spans = resolve([*find_structured(text), *name_spans])
        out.append(Redaction(text, apply_placeholders(text, spans), tuple(spans)))
    return out


def redact(text: str) -> Redaction:
    """Redact one answer."""
    return redact_many([text])[0]
