"""The shipped questionnaires: the fixed contract other components rely on, and plain language."""

import itertools
import re

import pytest

from maatmonitor.core import codes
from maatmonitor.core.instrument import (
    Verdict,
    check_plain_language,
    load_questionnaire,
    shipped_questionnaire_paths,
)

AUDIENCES = ("client", "employer")


@pytest.fixture(scope="module", params=AUDIENCES)
def shipped(request):
    return load_questionnaire(shipped_questionnaire_paths()[request.param])


def test_paths_by_audience():
    paths = shipped_questionnaire_paths()
    assert set(paths) == set(AUDIENCES)
    assert paths["client"].name == "clients.yaml"
    assert paths["client"].is_file()
    assert paths["employer"].name == "employers.yaml"
    assert paths["employer"].is_file()


def test_identity(shipped):
    assert shipped.id == {"client": "mmm-clients", "employer": "mmm-employers"}[shipped.audience]
    assert re.fullmatch(r"\d{4}\.\d+", shipped.version)


def test_dimensions_and_statements(shipped):
    assert [d.id for d in shipped.dimensions] == ["mens", "redelijk", "helpt", "simpel"]
    grouped = shipped.statements_by_dimension()
    assert all(4 <= len(items) <= 6 for items in grouped.values()), grouped
    assert 18 <= len(shipped.statements) <= 22
    for dim, items in grouped.items():
        for n, item in enumerate(items, start=1):
            assert item.id == f"{dim}_{n}"
            assert item.scale == "agree_5"


def test_scales(shipped):
    agree = shipped.scales["agree_5"]
    assert agree.substantive_values == (1, 2, 3, 4, 5)
    assert agree.top == (4, 5)
    assert agree.option(9).substantive is False
    assert agree.option(9).label.nl == "Weet ik niet / niet van toepassing"
    assert [agree.option(v).label.nl for v in (1, 3, 5)] == [
        "Helemaal oneens",
        "Niet eens / niet oneens",
        "Helemaal eens",
    ]
    overall = shipped.scales["overall_5"]
    assert [o.label.nl for o in overall.options] == [
        "Helemaal niet",
        "Een beetje",
        "Redelijk",
        "Sterk",
        "Zeer sterk",
    ]
    assert overall.top == (4, 5)
    grade = shipped.scales["grade_10"]
    assert grade.values == tuple(range(1, 11))
    assert grade.top == (7, 8, 9, 10)


def test_fixed_questions(shipped):
    assert shipped.question("overall").kind == "overall"
    assert shipped.question("overall").scale == "overall_5"
    assert shipped.question("satisfaction").scale == "grade_10"
    assert shipped.question("why_overall").text.nl == "Kunt u uitleggen waarom?"
    assert shipped.question("improve").text.nl == "Wat kan beter?"


def test_background_options_are_the_code_lists(shipped):
    expected = {
        "client": {
            "journey": codes.JOURNEYS["client"],
            "age_band": codes.AGE_BANDS,
            "outcome": codes.OUTCOMES,
        },
        "employer": {
            "journey": codes.JOURNEYS["employer"],
            "size_class": codes.SIZE_CLASSES,
            "sector": codes.SECTORS,
        },
    }[shipped.audience]
    for qid, code_list in expected.items():
        question = shipped.question(qid)
        assert question.kind == "background"
        assert [o.code for o in question.options] == [c.code for c in code_list]
        assert [o.label.nl for o in question.options] == [c.nl for c in code_list]


def test_example_statements():
    clients = load_questionnaire(shipped_questionnaire_paths()["client"])
    employers = load_questionnaire(shipped_questionnaire_paths()["employer"])
    assert clients.question("mens_1").text.nl == "UWV houdt rekening met wat ik nodig heb."
    assert employers.question("mens_1").text.nl == "UWV begrijpt wat mijn bedrijf nodig heeft."
    # Employer statements speak to the employer, not to a client with a benefit.
    assert not any("uitkering" in s.text.nl for s in employers.statements)


def test_routing_by_decision_and_by_journey():
    clients = load_questionnaire(shipped_questionnaire_paths()["client"])
    by_outcome = [q for q in clients.statements if q.route and "outcome" in q.route.depends_on]
    by_journey = [q for q in clients.statements if q.route and "journey" in q.route.depends_on]
    assert by_outcome
    assert by_journey
    for q in by_outcome:
        cond = next(c for c in q.route.conditions if c.question == "outcome")
        assert set(cond.values) == {"granted", "rejected"}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_respondent_gets_the_core_questions(audience):
    q = load_questionnaire(shipped_questionnaire_paths()[audience])
    background = [b for b in q.questions if b.kind == "background"]
    combos = itertools.product(*[[o.code for o in b.options] for b in background])
    unrouted = [x.id for x in q.questions if x.route is None]
    for combo in combos:
        routed = [
            x.id for x in q.questions_for(dict(zip([b.id for b in background], combo, strict=True)))
        ]
        assert [i for i in routed if i in unrouted] == unrouted
        assert {"overall", "satisfaction", "why_overall", "improve"} <= set(routed)
        assert len(routed) >= len(unrouted)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_shipped_texts_pass_their_own_plain_language_check(shipped, lang):
    report = check_plain_language(shipped, lang)
    failing = [
        (i.question_id, [f.message for f in i.check.findings])
        for i in report.items
        if i.verdict == Verdict.FAIL
    ]
    assert failing == []
    assert report.verdict != Verdict.FAIL
    assert max(i.check.max_sentence_words for i in report.items) <= 12


def test_texts_address_the_reader_with_u(shipped):
    texts = [q.text.nl for q in shipped.questions if q.kind != "statement"]
    assert not any(re.search(r"\bje\b|\bjij\b|\bjouw\b", t, re.IGNORECASE) for t in texts)
    assert re.search(r"\bu\b", shipped.question("overall").text.nl)
