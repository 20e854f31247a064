"""Model behaviour: routing to respondents, grouping, canonical form and content hash."""

import json
from pathlib import Path

import pytest
import yaml

from maatmonitor.core.instrument import Text, load_questionnaire, parse_questionnaire

FIXTURES = Path(__file__).parent / "fixtures"
VALID = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def mini():
    return load_questionnaire(FIXTURES / "valid_minimal.yaml")


def test_questions_for_applies_routes(mini):
    granted = [q.id for q in mini.questions_for({"outcome": "granted"})]
    none = [q.id for q in mini.questions_for({"outcome": "none"})]
    unknown = [q.id for q in mini.questions_for({})]
    assert "mens_2" in granted
    assert "mens_2" not in none
    assert "mens_2" not in unknown  # an unanswered routing question skips the item
    assert granted == [q.id for q in mini.questions]


def test_questions_for_rejects_another_audience(mini):
    assert mini.questions_for({"audience": "client", "outcome": "rejected"})[0].id == "journey"
    with pytest.raises(ValueError, match="does not match"):
        mini.questions_for({"audience": "employer"})


def test_pages_for_groups_routed_questions(mini):
    pages = mini.pages_for({"outcome": "none"})
    assert [p.id for p, _ in pages] == ["start", "main"]
    assert "mens_2" not in [q.id for q in pages[1][1]]


def test_statements_by_dimension_and_lookup(mini):
    assert {d: [q.id for q in qs] for d, qs in mini.statements_by_dimension().items()} == {
        "mens": ["mens_1", "mens_2"]
    }
    assert mini.question("overall").scale == "agree_5"
    with pytest.raises(KeyError, match="no question 'nope'"):
        mini.question("nope")


def test_scale_values_and_top(mini):
    agree = mini.scales["agree_5"]
    assert agree.values == (1, 2, 3, 4, 5, 9)
    assert agree.substantive_values == (1, 2, 3, 4, 5)
    assert agree.is_top(4)
    assert agree.is_top(5)
    assert not agree.is_top(3)
    assert agree.option(9).label.nl == "Weet ik niet"
    assert mini.scales["grade_10"].option(6).label == Text("6", "6")


def test_text_get():
    text = Text("hallo", "hello")
    assert (text.get("nl"), text.get("en")) == ("hallo", "hello")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        text.get("de")


def test_to_dict_is_json_ready(mini):
    data = json.loads(json.dumps(mini.to_dict()))
    assert data["id"] == "mini-clients"
    assert data["questions"][4]["route"] == [
        {"question": "outcome", "values": ["granted", "rejected"]}
    ]


def test_content_hash_ignores_formatting_but_not_content(mini):
    # Same content written differently: block style, other key order, no comments.
    data = yaml.safe_load(VALID)
    data["questions"][2]["options"] = ["18_26", "27_44", "45_54", "55_plus"]  # YAML 1.1 ints
    rewritten = yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
    assert rewritten != VALID
    same = parse_questionnaire(rewritten)
    assert same.content_hash() == mini.content_hash()
    changed = parse_questionnaire(VALID.replace("UWV luistert naar mij.", "UWV luistert."))
    assert changed.content_hash() != mini.content_hash()
    retranslated = parse_questionnaire(VALID.replace("UWV listens to me.", "UWV hears me."))
    assert retranslated.content_hash() != mini.content_hash()
    assert len(mini.content_hash()) == 64


def test_comparable_ids_default_to_scaled_questions(mini):
    assert mini.comparable_ids == ("mens_1", "mens_2", "overall", "satisfaction")
