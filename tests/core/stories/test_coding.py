from __future__ import annotations

from collections.abc import Sequence

import pytest

from maatmonitor.core.stories import (
    RuleCoder,
    StoryInput,
    StoryPipeline,
    TopicHit,
    load_codeframe,
    parse_codeframe,
)
from maatmonitor.core.stories.text import Analysed, analyse


@pytest.fixture(scope="module")
def coder() -> RuleCoder:
    return RuleCoder(load_codeframe())


def codes(coder: RuleCoder, text: str, audience: str = "client") -> list[str]:
    return [h.code for h in coder.code_one(analyse(text), audience)]


def test_dutch_compounds_hit_their_parts(coder: RuleCoder) -> None:
    assert "uitkering" in codes(coder, "Het uitkeringsbedrag klopte niet.")
    found = codes(coder, "De telefoonwachttijd is absurd.")
    assert "bereikbaarheid" in found
    assert "doorlooptijd" in found


def test_compound_matching_is_confined_to_a_codeframe() -> None:
    frame = parse_codeframe(
        {
            "codes": [
                {"code": "a", "label": {"nl": "A", "en": "A"}, "cues": {"nl": ["regel"]}},
                {"code": "overig", "label": {"nl": "O", "en": "O"}},
            ]
        }
    )
    coder = RuleCoder(frame)
    assert codes(coder, "de regelgeving is streng") == ["a"]
    # A derivation ("regeling") is not a compound with "regel" as a part.
    assert codes(coder, "een regeling aangevraagd") == ["overig"]


def test_english_answers_are_detected_and_coded() -> None:
    answer = analyse("I waited three months for my benefit payment and nobody called back.")
    assert answer.lang == "en"
    # (the default keeps two codes per answer; allow more to see every English cue hit)
    found = [h.code for h in RuleCoder(load_codeframe(), max_topics=4).code_one(answer, "client")]
    assert {"uitkering", "doorlooptijd", "bereikbaarheid"} <= set(found)


def test_employer_codes_only_for_employers(coder: RuleCoder) -> None:
    text = "De loonkostensubsidie voor onze nieuwe werknemer was snel geregeld."
    assert "subsidie" in codes(coder, text, "employer")
    assert "subsidie" not in codes(coder, text, "client")


def test_most_relevant_first_and_fallback(coder: RuleCoder) -> None:
    found = codes(coder, "De keuring door de verzekeringsarts was kort; de keuringsarts las niets.")
    assert found[0] == "keuring"
    assert codes(coder, "Geen verdere opmerkingen.") == ["overig"]
    assert codes(coder, "") == []
    assert codes(coder, " ... ") == []


class _FixedCoder:
    """A stand-in for a learned classifier: the pipeline only needs the TopicCoder protocol."""

    codeframe = load_codeframe()

    def code_many(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[list[TopicHit]]:
        return [[TopicHit("digitaal", 0.9, 0)] if a.text else [] for a in answers]


def test_pipeline_accepts_another_coder() -> None:
    results = StoryPipeline(coder=_FixedCoder()).process_batch(
        [StoryInput("1", "client", "Alles was goed."), StoryInput("2", "client", "")]
    )
    assert [r.topics for r in results] == [("digitaal",), ()]
