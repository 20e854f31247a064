"""Clustering "overig" answers into candidate topics."""

from __future__ import annotations

from maatmonitor.core.stories.discovery import candidate_topics

PARKING = [
    "Er is bij het kantoor nergens parkeerplaats te vinden.",
    "Parkeren bij het gebouw kost een fortuin, de parkeerplaats is altijd vol.",
    "Geen parkeerplaats voor invaliden bij de ingang.",
    "De parkeerplaats was afgesloten toen ik kwam.",
    "Parkeerplaats te klein, ik kwam te laat door het zoeken.",
    "Waarom is er geen gratis parkeerplaats voor bezoekers?",
]
COFFEE = [
    "De koffie in de wachtruimte was koud.",
    "Geen koffie of water in de wachtruimte, terwijl je lang zit.",
    "In de wachtruimte stond de koffieautomaat stuk.",
    "De wachtruimte was vies en de koffie op.",
    "Een kopje koffie in de wachtruimte zou fijn zijn.",
    "Koude koffie en harde stoelen in de wachtruimte.",
]


def test_clusters_carry_their_telling_words_and_examples() -> None:
    found = candidate_topics(PARKING + COFFEE, max_clusters=2, min_size=4)
    assert len(found) == 2
    by_term = {c.terms[0]: c for c in found}
    assert "parkeerplaats" in by_term
    assert any(t in ("koffie", "wachtruimte") for t in by_term)
    parking = by_term["parkeerplaats"]
    assert parking.size == 6
    assert all(e in PARKING for e in parking.examples)


def test_too_few_answers_give_no_candidates() -> None:
    assert candidate_topics(PARKING[:3], min_size=5) == []
    assert candidate_topics(["", "  "] * 10) == []
