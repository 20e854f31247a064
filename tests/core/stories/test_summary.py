"""Topic shares, disclosure, headline link, quote selection and the JSON round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from maatmonitor.core.stories.summary import (
    StoriesSummary,
    SummaryInputError,
    render_text,
    summarise,
    topic_table,
)

_WAITS = [
    "Ik wachtte zes weken op een besluit over mijn aanvraag.",
    "Het duurde maanden voordat iemand mijn dossier oppakte.",
    "Pas na een half jaar kreeg ik eindelijk bericht.",
    "De beslissing liet erg lang op zich wachten, dat was zwaar.",
    "Mijn uitkering kwam drie maanden te laat op mijn rekening.",
    "Ze beloofden binnen acht weken te beslissen, het werden er veertien.",
    "Snel een afspraak gekregen, maar daarna lag alles stil.",
    "Na lang wachten kwam er toch een goed besluit.",
    "Wekenlang niets gehoord over de voortgang van mijn zaak.",
    "Vertraging op vertraging, zonder enige uitleg erbij.",
    "Tot vandaag geen reactie op mijn vraag van vorige maand.",
    "Het traject sleepte zich maar voort en niemand wist waarom.",
]


def _frame() -> pd.DataFrame:
    rows = []
    # District "noord": 12 answers, "zuid": 4 answers (under the threshold of 10).
    for i in range(12):
        rows.append(
            {
                "text": _WAITS[i],
                "topics": ["doorlooptijd"] if i % 3 else ["doorlooptijd", "communicatie"],
                "sentiment": "negatief" if i % 4 else "gemengd",
                "district": "noord",
                "headline_strong": 0.0 if i < 9 else 1.0,
            }
        )
    for i in range(4):
        rows.append(
            {
                "text": f"De medewerker in het zuiden was heel vriendelijk tegen mij, dag {i}.",
                "topics": ["bejegening"],
                "sentiment": "positief",
                "district": "zuid",
                "headline_strong": 1.0,
            }
        )
    return pd.DataFrame(rows)


def test_shares_sentiment_and_suppression_per_group() -> None:
    s = summarise(_frame(), by="district")
    overall = s.overall()
    assert overall.n == 16
    assert not overall.suppressed
    shares = {t.code: t for t in overall.topics}
    assert shares["doorlooptijd"].count == 12
    assert shares["doorlooptijd"].share == pytest.approx(12 / 16)
    assert shares["bejegening"].share == pytest.approx(4 / 16)
    assert sum(overall.sentiment.values()) == pytest.approx(1.0)
    groups = {g.group: g for g in s.groups}
    assert groups["zuid"].suppressed
    assert groups["zuid"].topics == ()
    assert not groups["noord"].suppressed


def test_weights_change_shares_not_counts() -> None:
    frame = _frame().assign(weight=[1.0] * 12 + [3.0] * 4)
    overall = summarise(frame).overall()
    shares = {t.code: t for t in overall.topics}
    assert shares["bejegening"].count == 4
    assert shares["bejegening"].share == pytest.approx(12 / 24)


def test_per_respondent_a_topic_counts_once_and_shares_are_weighted_per_person() -> None:
    # 12 respondents in noord answer twice (why + improve), 4 in zuid once.
    first = _frame().assign(respondent=[f"R{i}" for i in range(16)])
    second = first.iloc[:12].assign(topics=[["doorlooptijd"]] * 12, sentiment="neutraal")
    frame = pd.concat([first, second], ignore_index=True)
    frame["weight"] = frame["respondent"].map(lambda r: 3.0 if r in ("R12", "R13") else 1.0)
    s = summarise(frame, by="district")
    assert s.per_respondent
    assert s.weighted
    overall = s.overall()
    assert overall.n == 16  # respondents, not the 28 answers
    shares = {t.code: t for t in overall.topics}
    assert shares["doorlooptijd"].count == 12
    total = 12 * 1.0 + 2 * 3.0 + 2 * 1.0
    assert shares["doorlooptijd"].share == pytest.approx(12 / total)
    assert shares["bejegening"].share == pytest.approx(8 / total)
    # the sentiment mix stays per answer
    assert overall.sentiment["neutraal"] == pytest.approx(12 / (total + 12))
    # the headline link is per respondent: all 12 noord respondents raise doorlooptijd
    link = {h.code: h for h in s.headline}["doorlooptijd"]
    assert (link.n_with, link.n_without) == (12, 4)
    assert StoriesSummary.from_json(s.to_json()) == s


def test_headline_link_needs_ten_on_both_sides() -> None:
    s = summarise(_frame(), by="district")
    links = {h.code: h for h in s.headline}
    # doorlooptijd: 12 with (3 strong), 4 without -> the "without" side is too small.
    assert links["doorlooptijd"].share_with == pytest.approx(3 / 12)
    assert links["doorlooptijd"].share_without is None
    assert links["doorlooptijd"].difference is None
    big = pd.concat([_frame()] * 3, ignore_index=True)
    link = {h.code: h for h in summarise(big).headline}["doorlooptijd"]
    assert link.difference == pytest.approx(3 / 12 - 1.0)


def test_quotes_only_from_groups_of_ten_and_diverse() -> None:
    s = summarise(_frame(), by="district")
    assert not s.quotes_for("bejegening")  # only district zuid (4 answers) mentions it
    quotes = s.quotes_for("doorlooptijd")
    assert 1 <= len(quotes) <= 3
    assert {q.group for q in quotes} == {"noord"}
    # one quote per sentiment first: both gemengd and negatief are shown
    assert {q.sentiment for q in quotes} == {"negatief", "gemengd"}


def test_placeholder_heavy_and_near_duplicate_answers_are_not_quoted() -> None:
    texts = ["[NAAM] belde [TELEFOON] over [BSN] en mijn dossier bij het kantoor"] * 5 + [
        "Het duurde drie maanden voordat ik een beslissing kreeg van het kantoor"
    ] * 6
    frame = pd.DataFrame(
        {"text": texts, "topics": [["doorlooptijd"]] * 11, "sentiment": ["negatief"] * 11}
    )
    quotes = summarise(frame).quotes_for("doorlooptijd")
    assert [q.text for q in quotes] == [texts[-1]]


def test_small_total_gets_nothing() -> None:
    s = summarise(_frame().head(5))
    assert s.overall().suppressed
    assert s.quotes == ()
    assert s.headline == ()


def test_json_round_trip_is_exact() -> None:
    s = summarise(_frame(), by="district")
    back = StoriesSummary.from_json(s.to_json())
    assert back == s
    assert back.to_json() == s.to_json()
    table = topic_table(s)
    assert next(iter(table["code"])) == "doorlooptijd"


def test_bad_input_names_the_problem() -> None:
    with pytest.raises(SummaryInputError, match="sentiment"):
        summarise(pd.DataFrame({"text": ["x"], "topics": [["a"]]}))
    with pytest.raises(SummaryInputError, match="district"):
        summarise(_frame().drop(columns="district"), by="district")
    with pytest.raises(SummaryInputError, match="boos"):
        summarise(_frame().assign(sentiment="boos"))


def test_render_text_shows_table_and_quotes() -> None:
    text = render_text(summarise(_frame(), by="district"))
    assert text.splitlines()[1].startswith("doorlooptijd")
    assert '"' + _WAITS[0] + '"' in text or any(f'"{w}"' in text for w in _WAITS)
    assert "vriendelijk" not in text  # bejegening only comes from a group under 10
    assert "Te weinig" in render_text(summarise(_frame().head(3)))
