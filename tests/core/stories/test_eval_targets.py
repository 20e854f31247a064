"""The acceptance targets of the story pipeline on the held-out labelled set.

`data/eval.jsonl` is for evaluation only: rules and lexicons are tuned on `data/dev.jsonl`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from maatmonitor.core.stories import PII_TYPES, SENTIMENTS, StoryPipeline, load_codeframe
from maatmonitor.core.stories.evaluation import QualityReport, load_labelled, run_evaluation

DATA = Path(__file__).parent / "data"
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
    dev_texts = {r["text"] for r in load_labelled(DATA / "dev.jsonl")}
    assert not dev_texts & {r["text"] for r in records}


def test_pii_targets(report: QualityReport) -> None:
    for t in STRUCTURED:
        assert report.pii[t].recall >= 0.99, t
    assert report.pii["name"].recall >= 0.90
    for t in PII_TYPES:
        assert report.pii[t].precision >= 0.90, t


@pytest.mark.xfail(
    strict=True,
    reason="not met yet: held-out topic micro-F1 and sentiment accuracy are about 0.70; "
    "see docs/stories.md",
)
def test_topic_and_sentiment_targets(report: QualityReport) -> None:
    assert report.topic_micro.f1 >= 0.80
    assert report.topic_macro_f1 >= 0.70
    assert report.sentiment_accuracy >= 0.80
