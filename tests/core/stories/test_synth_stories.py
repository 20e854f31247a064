"""The synthetic open-answer hook: shape, determinism, variety and that it codes sensibly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.instrument import load_questionnaire, shipped_questionnaire_paths
from maatmonitor.core.stories import StoryInput, StoryPipeline
from maatmonitor.core.synth.stories import make_open_answers


def _frame(audience: str, n: int) -> pd.DataFrame:
    journeys = {"client": ["sick_disabled", "unemployed"], "employer": ["arrange_employee"]}
    return pd.DataFrame(
        {
            "unit_id": [f"{audience}-{i}" for i in range(n)],
            "audience": audience,
            "journey": [journeys[audience][i % len(journeys[audience])] for i in range(n)],
            "outcome": ["granted", "rejected"] * (n // 2),
        }
    )


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    out = []
    for audience in ("client", "employer"):
        q = load_questionnaire(shipped_questionnaire_paths()[audience])
        frame = _frame(audience, 200)
        hook = make_open_answers(3, pii_rate=0.2, english_rate=0.1)
        for qid in ("why_overall", "improve"):
            out += [(audience, t) for t in hook(frame, q.question(qid), np.ones(200, bool)) if t]
    return out


def test_one_text_or_none_per_routed_unit_and_deterministic() -> None:
    q = load_questionnaire(shipped_questionnaire_paths()["client"])
    frame = _frame("client", 20)
    routed = np.array([True, False] * 10)
    first = make_open_answers(1)(frame, q.question("why_overall"), routed)
    again = make_open_answers(1)(frame, q.question("why_overall"), routed)
    other = make_open_answers(2)(frame, q.question("why_overall"), routed)
    assert len(first) == 10
    assert first == again
    assert first != other
    assert any(t is None for t in first)
    assert any(t for t in first)
    with pytest.raises(ValueError, match="pii_rate"):
        make_open_answers(pii_rate=2.0)


def test_texts_vary_and_carry_some_english_and_personal_data(texts) -> None:
    assert len({t for _, t in texts}) > 60
    results = StoryPipeline().process_batch(
        [StoryInput(str(i), aud, t) for i, (aud, t) in enumerate(texts)]
    )
    assert any(r.lang == "en" for r in results)
    assert {s.type for r in results for s in r.pii} >= {"name", "phone", "bsn", "email"}
    # redaction leaves no digits of a BSN or phone number
    for r in results:
        for s in r.pii:
            if s.type in ("bsn", "phone"):
                assert "[" in r.redacted


def test_generated_texts_get_specific_topics_and_all_sentiments(texts) -> None:
    results = StoryPipeline().process_batch(
        [StoryInput(str(i), aud, t) for i, (aud, t) in enumerate(texts)]
    )
    specific = sum(1 for r in results if r.topics and r.topics != ("overig",))
    assert specific >= 0.85 * len(results)
    assert {r.sentiment for r in results} >= {"positief", "negatief"}
    employer_codes = {t for r in results if r.audience == "employer" for t in r.topics}
    assert employer_codes & {"werknemer_regelen", "subsidie", "personeel_werven"}
