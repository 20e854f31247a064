from __future__ import annotations

import pytest

from maatmonitor.core.stories.sentiment import label_for, score_sentiment
from maatmonitor.core.stories.text import analyse


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ik ben zeer tevreden, goed geholpen!", "positief"),
        ("De medewerker was onvriendelijk en het duurde veel te lang.", "negatief"),
        ("Ze waren niet vriendelijk.", "negatief"),
        ("Ze luisterden niet.", "negatief"),
        ("Ik heb nooit een reactie gekregen.", "negatief"),
        ("Geen klachten, prima geregeld.", "positief"),
        ("Niet slecht, maar het was ook niet echt goed.", "negatief"),
        ("Vriendelijke mensen, maar de brieven zijn onduidelijk.", "gemengd"),
        ("Niet de arts maar de medewerker aan de balie was heel aardig.", "positief"),
        ("Het zou fijn zijn als er een vast aanspreekpunt komt.", "neutraal"),
        ("Geen opmerkingen.", "neutraal"),
        ("", "neutraal"),
        ("The staff were friendly but nobody called me back.", "gemengd"),
        ("It was not helpful at all.", "negatief"),
        ("Great service, thank you!", "positief"),
    ],
)
def test_labels(text: str, label: str) -> None:
    assert score_sentiment(analyse(text)).label == label


def test_negation_flips_and_contrast_stops_it() -> None:
    plain = score_sentiment(analyse("De uitleg was duidelijk."))
    negated = score_sentiment(analyse("De uitleg was niet duidelijk."))
    assert plain.positive > 0
    assert plain.negative == 0
    assert negated.negative > 0
    assert negated.positive == 0
    # "maar" ends the negation: "snel" after it stays positive.
    mixed = score_sentiment(analyse("Niet duidelijk, maar wel snel."))
    assert mixed.positive > 0
    assert mixed.negative > 0


def test_label_rule() -> None:
    assert label_for(0, 0) == "neutraal"
    assert label_for(3, 1) == "positief"
    assert label_for(1, 1) == "gemengd"
    assert label_for(0.5, 0) == "neutraal"
