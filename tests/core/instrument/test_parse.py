"""Structural validation: every fault is reported with its file, exact path and line."""

from pathlib import Path

import pytest

from maatmonitor.core.instrument import (
    InstrumentError,
    Problem,
    load_questionnaire,
    parse_questionnaire,
)

FIXTURES = Path(__file__).parent / "fixtures"
VALID = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")


def problems_of(name: str) -> list[Problem]:
    with pytest.raises(InstrumentError) as caught:
        load_questionnaire(FIXTURES / name)
    return caught.value.problems


def problems_in(text: str) -> list[Problem]:
    with pytest.raises(InstrumentError) as caught:
        parse_questionnaire(text, source="test.yaml")
    return caught.value.problems


def paths(problems: list[Problem]) -> list[str]:
    return [p.path for p in problems]


def test_valid_minimal_file_loads():
    q = load_questionnaire(FIXTURES / "valid_minimal.yaml")
    assert q.id == "mini-clients"
    assert q.version == "2026.1"
    assert [x.id for x in q.statements] == ["mens_1", "mens_2"]
    assert q.question("age_band").options[3].code == "55_plus"  # not the number 5_5 -> 55


@pytest.mark.parametrize(
    ("fixture", "path", "fragment", "line"),
    [
        ("duplicate_id.yaml", "questions[4].id", "duplicate question id 'mens_1'", 52),
        ("unknown_dimension.yaml", "questions[3].dimension", "unknown dimension 'mensch'", 48),
        ("unknown_scale.yaml", "questions[4].scale", "unknown scale 'agree_7'", 55),
        (
            "route_missing_item.yaml",
            "questions[4].route.decision",
            "routes on unknown question 'decision'",
            57,
        ),
        ("route_unknown_code.yaml", "questions[4].route.outcome", "unknown code 'refused'", 57),
        (
            "route_later_page.yaml",
            "questions[2].route.mens_1",
            "circular routing: 'age_band' routes on 'mens_1', which is asked after it",
            46,
        ),
        ("missing_translation.yaml", "questions[3].text.en", "missing English translation", 51),
        ("missing_translation.yaml", "dimensions[0].label.nl", "missing Dutch text", 10),
        ("bad_codes.yaml", "questions[2].options[3]", "unknown code '55_64' for age_band", 45),
        ("bad_codes.yaml", "questions[2].options", "missing code(s) 55_plus", 45),
        ("yaml_syntax.yaml", "line 40, column 12", "YAML syntax error", 40),
        ("duplicate_key.yaml", "questions[3].page", "duplicate key (first on line 50)", 52),
        ("wrong_types.yaml", "version", "expected a version like 2026.1, got a list", 3),
        (
            "wrong_types.yaml",
            "scales[0].options[1].value",
            "expected a whole number, got text",
            16,
        ),
        ("wrong_types.yaml", "pages[1].hidden", "unknown key 'hidden'", 30),
        ("wrong_types.yaml", "questions[3].colour", "unknown key 'colour'", 52),
    ],
)
def test_each_structural_fault_is_reported_at_its_exact_path(fixture, path, fragment, line):
    found = [p for p in problems_of(fixture) if p.path == path]
    assert found, f"no problem at {path}: {problems_of(fixture)}"
    assert any(fragment in p.message for p in found), found
    assert found[0].file == fixture
    assert found[0].line == line


def test_circular_routing_is_reported_on_both_questions_with_the_cycle():
    problems = problems_of("circular_routing.yaml")
    messages = {p.path: p.message for p in problems}
    assert messages == {
        "questions[0].route.outcome": "circular routing: journey -> outcome -> journey",
        "questions[1].route.journey": "circular routing: outcome -> journey -> outcome",
    }


def test_all_problems_are_collected_in_one_error():
    problems = problems_of("many_problems.yaml")
    assert set(paths(problems)) >= {
        "questions[3].dimension",
        "questions[4].id",
        "questions[6].scale",
        "questions[7].text.en",
    }
    lines = [p.line or 0 for p in problems]
    assert lines == sorted(lines)


def test_problem_string_names_file_path_and_what_is_wrong():
    problems = problems_of("unknown_dimension.yaml")
    assert str(problems[0]) == (
        "unknown_dimension.yaml: questions[3].dimension: unknown dimension 'mensch' (known: mens)"
    )
    with pytest.raises(InstrumentError) as caught:
        load_questionnaire(FIXTURES / "unknown_dimension.yaml")
    assert "questions[3].dimension" in str(caught.value)


def test_text_without_translation_as_plain_string_is_a_missing_translation():
    text = VALID.replace(
        "text: {nl: UWV luistert naar mij., en: UWV listens to me.}", "text: UWV luistert."
    )
    [problem] = problems_in(text)
    assert problem.path == "questions[3].text"
    assert "missing translation" in problem.message


def test_version_keeps_its_written_form():
    # YAML reads 2026.10 as the float 2026.1; the version must stay "2026.10".
    q = parse_questionnaire(VALID.replace('version: "2026.1"', "version: 2026.10"))
    assert q.version == "2026.10"
    [problem] = problems_in(VALID.replace('version: "2026.1"', "version: v1"))
    assert problem.path == "version"


def test_route_on_own_audience_is_allowed_and_other_audience_rejected():
    ok = VALID.replace(
        "route: {outcome: [granted, rejected]}", "route: {audience: [client], outcome: [granted]}"
    )
    q = parse_questionnaire(ok)
    assert q.question("mens_2").route is not None
    bad = VALID.replace("route: {outcome: [granted, rejected]}", "route: {audience: [employer]}")
    [problem] = problems_in(bad)
    assert problem.path == "questions[4].route.audience"
    assert "would never be asked" in problem.message


def test_route_on_scale_value_must_exist_on_that_scale():
    text = VALID.replace("route: {outcome: [granted, rejected]}", "route: {mens_1: [4, 6]}")
    found = [(p.path, p.message.split(" (")[0]) for p in problems_in(text)]
    assert ("questions[4].route.mens_1", "unknown value 6 for 'mens_1'") in found


def test_route_on_same_page_is_rejected():
    text = VALID.replace("route: {outcome: [granted, rejected]}", "route: {mens_1: [4, 5]}")
    text = text.replace(
        "  - id: mens_1\n",
        "  - id: mens_0\n    kind: open\n    page: main\n"
        "    text: {nl: Vraag, en: Question}\n  - id: mens_1\n",
    )
    problems = problems_in(text)
    assert any(p.path == "questions[5].route.mens_1" and "same page" in p.message for p in problems)


def test_kind_specific_keys():
    text = VALID.replace(
        "    kind: open\n    page: main\n", "    kind: open\n    page: main\n    scale: agree_5\n"
    )
    problems = problems_in(text)
    assert [(p.path, p.message) for p in problems] == [
        ("questions[7].scale", "not allowed on a open question")
    ]
    text = VALID.replace(
        "    dimension: mens\n    scale: agree_5\n    page: main\n    text: {nl: UWV",
        "    scale: agree_5\n    page: main\n    text: {nl: UWV",
    )
    problems = problems_in(text)
    assert [(p.path, p.message) for p in problems] == [
        ("questions[3].dimension", "missing required key for a statement question")
    ]


def test_required_questions_for_the_audience():
    text = VALID.replace("  - id: age_band\n", "  - id: district\n").replace(
        "options: [18_26, 27_44, 45_54, 55_plus]",
        "options: [noord, noordoost, oost, midden, noord_holland, amsterdam, haaglanden,"
        " rijnmond, zuidwest, brabant, limburg]",
    )
    [problem] = problems_in(text)
    assert problem.path == "questions"
    assert "missing background question 'age_band'" in problem.message


def test_unknown_audience_and_scale_top_value():
    text = VALID.replace("audience: client", "audience: citizen").replace(
        "top: [4, 5]", "top: [4, 9]"
    )
    problems = {p.path: p.message for p in problems_in(text)}
    assert problems["audience"].startswith("unknown audience 'citizen'")
    assert problems["scales[0].top[1]"] == "top value 9 is not substantive (weet ik niet)"


def test_unreadable_and_empty_files(tmp_path):
    [missing] = problems_of_path(tmp_path / "nope.yaml")
    assert missing.file == "nope.yaml"
    assert "cannot read file" in missing.message
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n", encoding="utf-8")
    assert problems_of_path(empty)[0].message == "the file is empty"
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    assert "expected a questionnaire mapping" in problems_of_path(listing)[0].message


def problems_of_path(path: Path) -> list[Problem]:
    with pytest.raises(InstrumentError) as caught:
        load_questionnaire(path)
    return caught.value.problems


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 8):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    problems = problems_in(bomb)
    assert any("too large" in p.message for p in problems)
