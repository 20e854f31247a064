"""The learned coder: training, stacking on the rules, cross-validation, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import maatmonitor.core.stories
from maatmonitor.core.stories import PLACEHOLDERS, SENTIMENTS, load_codeframe, parse_codeframe
from maatmonitor.core.stories.learned import (
    analysis_text,
    cross_validate,
    default_model,
    train,
)
from maatmonitor.core.stories.text import analyse_many
from maatmonitor.core.stories.training_data import TrainingExample, to_examples, training_records

_PHONE = [
    "Ik kon niemand bereiken aan de telefoon, steeds in de wacht.",
    "Telefonisch was er geen doorkomen aan, de lijn was bezet.",
    "Drie keer gebeld en nooit iemand gesproken.",
    "De telefoon werd niet opgenomen.",
    "Bellen had geen zin, er nam niemand op.",
    "Ik hing een uur aan de lijn.",
]
_FRIENDLY = [
    "De medewerker was heel vriendelijk en behulpzaam.",
    "Ze waren aardig en namen de tijd voor me.",
    "Ik werd met respect behandeld, heel fijn.",
    "Vriendelijke mensen, ze luisterden goed.",
    "Een warme en betrokken medewerker.",
    "Ik voelde me echt gehoord, dank daarvoor.",
]


def _examples() -> list[TrainingExample]:
    out = [TrainingExample(t, "client", ("bereikbaarheid",), "negatief") for t in _PHONE]
    out += [TrainingExample(t, "client", ("bejegening",), "positief") for t in _FRIENDLY]
    return out


def test_trained_model_codes_and_scores_new_answers() -> None:
    model = train(_examples(), load_codeframe())
    answers = list(
        analyse_many(["Ik heb wel tien keer gebeld maar niemand nam de telefoon op.", ""])
    )
    hits, sentiments = model.predict(answers, ["client", "client"])
    assert hits[0][0].code == "bereikbaarheid"
    assert sentiments[0] == "negatief"
    assert hits[1] == []
    assert sentiments[1] == "neutraal"
    # employer-only codes are never given to a client answer
    assert all(h.code not in {"subsidie", "personeel_werven"} for h in hits[0])


def test_training_needs_labels() -> None:
    with pytest.raises(ValueError, match="twee verschillende sentimenten"):
        train(
            [TrainingExample(t, "client", ("bereikbaarheid",), "negatief") for t in _PHONE],
            load_codeframe(),
        )


def test_cross_validation_reports_model_and_rules_on_the_same_folds() -> None:
    cv = cross_validate(_examples(), load_codeframe(), folds=3)
    assert cv.n == 12
    assert cv.folds == 3
    for v in (cv.model_topic_f1, cv.rule_topic_f1, cv.model_sentiment_accuracy):
        assert 0.0 <= v <= 1.0
    # these answers are easy for both: the rules find the topic of most of them
    assert cv.rule_topic_f1 >= 0.6
    assert cv.model_is_better == (cv.model_topic_f1 > cv.rule_topic_f1)
    with pytest.raises(ValueError, match="te weinig"):
        cross_validate(_examples()[:4], folds=3)


def test_placeholders_are_masked_like_the_pipeline_does() -> None:
    assert analysis_text("Bel [NAAM] op [TELEFOON].") == "Bel x op x."


def test_default_model_is_built_once_per_codeframe_and_new_codes_come_from_the_rules() -> None:
    frame = load_codeframe()
    assert default_model(frame) is default_model(load_codeframe())
    data = yaml.safe_load(
        (Path(maatmonitor.core.stories.__file__).parent / "data" / "codeframe.yaml").read_text()
    )
    data["codes"].insert(
        0,
        {
            "code": "kinderopvang",
            "label": {"nl": "Kinderopvang", "en": "Childcare"},
            "cues": {"nl": ["kinderopvang", "creche"], "en": ["childcare"]},
        },
    )
    extended = parse_codeframe(data, "extended")
    model = default_model(extended)
    assert model is not default_model(frame)
    assert "kinderopvang" in model.codes
    answers = list(
        analyse_many(["Ik moest de kinderopvang zelf regelen, de brief was onduidelijk."])
    )
    hits, _ = model.predict(answers, ["client"])
    # the model has no training answers for the new code: the codeframe's cue gives it
    assert "kinderopvang" in [h.code for h in hits[0]]


def test_training_examples_carry_placeholders_from_the_gold_spans() -> None:
    records = training_records()
    with_pii = next(r for r in records if r["pii"])
    example = to_examples([with_pii])[0]
    for span in with_pii["pii"]:
        assert span["value"] not in example.text
    assert any(p in example.text for p in PLACEHOLDERS.values())
    assert {r["sentiment"] for r in records} == set(SENTIMENTS)
