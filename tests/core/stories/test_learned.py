"""The learned coder: training, stacking on the rules, cross-validation, placeholders."""

from __future__ import annotations

import pytest

from maatmonitor.core.stories import load_codeframe
from maatmonitor.core.stories.learned import (
    TrainingExample,
    analysis_text,
    cross_validate,
    train,
)
from maatmonitor.core.stories.text import analyse_many

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
