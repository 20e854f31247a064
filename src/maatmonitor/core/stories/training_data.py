"""The shipped labelled training answers and how they become training examples.

`data/training/*.jsonl` holds labelled answers written and double-checked under the codebook in
docs/stories-labelling.md (one file per batch; fields `id`, `audience`, `text`, `pii` with
gold spans, `topics`, `sentiment`). The held-out validation and evaluation sets live under
tests/ and are never read here.

Training examples carry the answer as the pipeline stores it: every gold personal-data span
replaced by its typed placeholder. Using the gold spans (instead of running the redactor) keeps
training independent of the redactor and avoids loading deduce just to train.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from maatmonitor.core.stories.pii_patterns import PII_TYPES, PiiSpan
from maatmonitor.core.stories.redaction import apply_placeholders
from maatmonitor.core.stories.sentiment import SENTIMENTS, Sentiment

TRAINING_DIR = "training"


class LabelledDataError(ValueError):
    """A labelled record is malformed; the message names the source, line and field."""


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """One labelled answer (redacted text) for training or cross-validation."""

    text: str
    audience: str
    topics: tuple[str, ...]
    sentiment: Sentiment


def check_record(rec: Any, where: str) -> dict[str, Any]:
    """Validate one labelled record; every gold span must point at its recorded value."""
    if not isinstance(rec, dict):
        raise LabelledDataError(f"{where}: verwacht een JSON-object")
    for key in ("id", "audience", "text", "pii", "topics", "sentiment"):
        if key not in rec:
            raise LabelledDataError(f"{where}: veld {key!r} ontbreekt")
    if rec["sentiment"] not in SENTIMENTS:
        raise LabelledDataError(f"{where}: onbekend sentiment {rec['sentiment']!r}")
    text = rec["text"]
    for span in rec["pii"]:
        if span.get("type") not in PII_TYPES:
            raise LabelledDataError(f"{where}: onbekend pii-type {span.get('type')!r}")
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise LabelledDataError(f"{where}: span {span} valt buiten de tekst")
        value = span.get("value")
        if value is not None and text[start:end] != value:
            raise LabelledDataError(f"{where}: span {span} wijst niet naar {value!r}")
    return rec


def parse_jsonl(lines: Iterable[str], source: str) -> list[dict[str, Any]]:
    """Labelled records from JSON Lines, each checked (`source` names them in errors)."""
    records = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelledDataError(f"{where}: geen geldige JSON: {exc.msg}") from None
        records.append(check_record(raw, where))
    return records


@cache
def training_records() -> tuple[dict[str, Any], ...]:
    """Every shipped labelled training answer, files in name order."""
    folder = resources.files("maatmonitor.core.stories") / "data" / TRAINING_DIR
    records: list[dict[str, Any]] = []
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if ref.name.endswith(".jsonl"):
            text = ref.read_text(encoding="utf-8")
            records.extend(parse_jsonl(text.splitlines(), f"{TRAINING_DIR}/{ref.name}"))
    return tuple(records)


def redacted_with_gold(rec: dict[str, Any]) -> str:
    """The record's text with each gold personal-data span replaced by its placeholder."""
    spans = sorted(PiiSpan(s["start"], s["end"], s["type"]) for s in rec["pii"])
    return apply_placeholders(rec["text"], spans)


def to_examples(records: Sequence[dict[str, Any]]) -> list[TrainingExample]:
    """Labelled records as training examples (gold spans redacted)."""
    return [
        TrainingExample(redacted_with_gold(r), r["audience"], tuple(r["topics"]), r["sentiment"])
        for r in records
    ]


def load_training_examples() -> list[TrainingExample]:
    """The shipped training answers as examples."""
    return to_examples(training_records())
