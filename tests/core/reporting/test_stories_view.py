"""The stories part reads a real StoriesSummary (C3): labels, counts, safe quotes only."""

from __future__ import annotations

import pandas as pd

from maatmonitor.core.reporting.stories import topics
from maatmonitor.core.stories.summary import summarise

TEXTS = {
    "bejegening": "Ze namen echt de tijd om naar mijn hele verhaal te luisteren.",
    "doorlooptijd": "Ik moest veel te lang wachten op een antwoord over mijn aanvraag.",
    "bereikbaarheid": "Bel mij terug op 06-12345678 want ik kom er telefonisch niet door.",
}


def _stories(counts: dict[str, int]) -> pd.DataFrame:
    rows = [
        {"text": TEXTS[code], "topics": [code], "sentiment": "neutraal", "headline_strong": i % 2}
        for code, n in counts.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def test_topics_come_from_the_summary_with_codeframe_labels():
    summary = summarise(_stories({"bejegening": 30, "doorlooptijd": 50, "bereikbaarheid": 20}))
    view = topics(summary, "nl")
    assert [t.code for t in view] == ["doorlooptijd", "bejegening", "bereikbaarheid"]
    assert view[0].label == "Doorlooptijd en wachttijd"
    assert view[0].count == 50
    assert view[0].share == next(
        t.share for t in summary.overall().topics if t.code == "doorlooptijd"
    )
    assert topics(summary, "en")[0].label != view[0].label


def test_quotes_with_personal_data_are_dropped_even_if_the_summary_kept_them():
    summary = summarise(_stories({"bejegening": 30, "bereikbaarheid": 20}))
    view = {t.code: t for t in topics(summary)}
    assert view["bejegening"].quotes == (TEXTS["bejegening"],)
    assert all("06-12345678" not in q for t in view.values() for q in t.quotes)


def test_a_summary_of_too_few_stories_shows_nothing():
    summary = summarise(_stories({"bejegening": 6}))
    assert topics(summary) == []
