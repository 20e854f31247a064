"""Quality figures of the story pipeline against a labelled set.

Labelled records carry `id`, `audience`, `text`, `pii` (list of {type, start, end}), `topics`
and `sentiment`. Matching rules:
- PII: a gold span is found when a predicted span of the same type overlaps it; a predicted
  span is correct when it overlaps a gold span of its type. `leaked_chars` counts gold
  characters that no predicted span (of any type) covers: what a reader would still see.
- Topics: set comparison per answer, micro and macro (over codes with gold or predicted
  support) precision, recall and F1.
- Sentiment: accuracy over the four labels.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maatmonitor.core.stories.pii_patterns import PII_TYPES, PiiSpan
from maatmonitor.core.stories.pipeline import StoryInput, StoryPipeline, StoryResult


@dataclass
class PRF:
    """Counts for precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class QualityReport:
    """All figures of one evaluation run."""

    n: int
    topics: dict[str, PRF]
    sentiment_correct: int
    sentiment_confusion: dict[tuple[str, str], int]
    pii: dict[str, PRF]
    gold_pii_chars: int
    leaked_chars: int
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def topic_micro(self) -> PRF:
        total = PRF()
        for c in self.topics.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def topic_macro_f1(self) -> float:
        scored = [c.f1 for c in self.topics.values() if c.tp + c.fn + c.fp]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def sentiment_accuracy(self) -> float:
        return self.sentiment_correct / self.n if self.n else 0.0


def load_labelled(path: Path | str) -> list[dict[str, Any]]:
    """Read a labelled JSON Lines file, checking that every span points at its value."""
    records = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            for span in rec["pii"]:
                if span["type"] not in PII_TYPES:
                    raise ValueError(f"{path}:{lineno}: onbekend pii-type {span['type']!r}")
                value = span.get("value")
                if value is not None and rec["text"][span["start"] : span["end"]] != value:
                    raise ValueError(f"{path}:{lineno}: span {span} wijst niet naar {value!r}")
            records.append(rec)
    return records


def _overlaps(a: PiiSpan | dict[str, Any], b_start: int, b_end: int) -> bool:
    start, end = (a.start, a.end) if isinstance(a, PiiSpan) else (a["start"], a["end"])
    return start < b_end and b_start < end


def evaluate(
    records: Sequence[dict[str, Any]], results: Sequence[StoryResult], codes: Iterable[str]
) -> QualityReport:
    """Compare pipeline results with the gold labels of the same records, in order."""
    topics = {c: PRF() for c in codes}
    pii: dict[str, PRF] = {t: PRF() for t in PII_TYPES}
    confusion: dict[tuple[str, str], int] = {}
    correct = gold_chars = leaked = 0
    errors: list[dict[str, Any]] = []
    for rec, res in zip(records, results, strict=True):
        gold_topics, pred_topics = set(rec["topics"]), set(res.topics)
        for code in gold_topics | pred_topics:
            counts = topics.setdefault(code, PRF())
            if code in gold_topics and code in pred_topics:
                counts.tp += 1
            elif code in pred_topics:
                counts.fp += 1
            else:
                counts.fn += 1
        key = (rec["sentiment"], res.sentiment)
        confusion[key] = confusion.get(key, 0) + 1
        correct += rec["sentiment"] == res.sentiment
        missed, spurious = [], []
        for g in rec["pii"]:
            hit = any(p.type == g["type"] and _overlaps(p, g["start"], g["end"]) for p in res.pii)
            pii[g["type"]].tp += hit
            pii[g["type"]].fn += not hit
            if not hit:
                missed.append(g)
            for i in range(g["start"], g["end"]):
                if rec["text"][i].isspace():
                    continue
                gold_chars += 1
                leaked += not any(p.start <= i < p.end for p in res.pii)
        for p in res.pii:
            ok = any(g["type"] == p.type and _overlaps(g, p.start, p.end) for g in rec["pii"])
            if not ok:
                pii[p.type].fp += 1
                spurious.append({"type": p.type, "value": rec["text"][p.start : p.end]})
        if missed or spurious or gold_topics != pred_topics or key[0] != key[1]:
            errors.append(
                {
                    "id": rec["id"],
                    "missed_pii": missed,
                    "spurious_pii": spurious,
                    "topics": (sorted(gold_topics), list(res.topics)),
                    "sentiment": key,
                }
            )
    return QualityReport(len(records), topics, correct, confusion, pii, gold_chars, leaked, errors)


def run_evaluation(
    records: Sequence[dict[str, Any]], pipeline: StoryPipeline | None = None
) -> QualityReport:
    """Run the pipeline on labelled records and evaluate it."""
    pipe = pipeline or StoryPipeline()
    items = [StoryInput(r["id"], r["audience"], r["text"]) for r in records]
    results = list(pipe.process(items))
    return evaluate(records, results, pipe.coder.codeframe.code_ids())
