"""diff_versions: added, removed, reworded, changed and comparable items between versions."""

from pathlib import Path

import pytest

from maatmonitor.core.instrument import (
    InstrumentError,
    diff_versions,
    load_questionnaire,
    parse_questionnaire,
)

FIXTURES = Path(__file__).parent / "fixtures"
V1_TEXT = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def v1():
    return load_questionnaire(FIXTURES / "valid_minimal.yaml")


@pytest.fixture(scope="module")
def v2():
    return load_questionnaire(FIXTURES / "valid_minimal_v2.yaml")


def test_diff_between_versions(v1, v2):
    diff = diff_versions(v1, v2)
    assert (diff.old_version, diff.new_version) == ("2026.1", "2026.2")
    assert diff.added == ("mens_3",)
    assert diff.removed == ("mens_2",)
    assert diff.reworded == ("mens_1",)
    assert diff.changed == ("overall",)
    assert diff.comparable == ("satisfaction",)
    assert diff.discrepancies == ()  # the declared changes block matches
    assert diff.to_dict()["added"] == ["mens_3"]


def test_identical_versions_are_fully_comparable(v1):
    diff = diff_versions(v1, v1)
    assert diff.is_empty
    assert diff.comparable == ("mens_1", "mens_2", "overall", "satisfaction")


def test_english_only_rewording_counts_as_reworded(v1):
    new = parse_questionnaire(V1_TEXT.replace("UWV listens to me.", "UWV hears me."))
    assert diff_versions(v1, new).reworded == ("mens_1",)
    assert "mens_1" not in diff_versions(v1, new).comparable


def test_reworded_item_is_comparable_only_when_declared(v1):
    new_text = V1_TEXT.replace("UWV listens to me.", "UWV listens to me!").replace(
        'version: "2026.1"', 'version: "2026.2"'
    )
    declared = parse_questionnaire(
        new_text + "changes:\n  reworded: [mens_1]\n  comparable: [mens_1, satisfaction]\n"
    )
    diff = diff_versions(v1, declared)
    assert diff.reworded == ("mens_1",)
    assert diff.comparable == ("mens_1", "satisfaction")
    assert diff.discrepancies == ()


def test_route_change_breaks_comparability(v1):
    new = parse_questionnaire(V1_TEXT.replace("[granted, rejected]}", "[rejected]}"))
    diff = diff_versions(v1, new)
    assert diff.changed == ("mens_2",)
    assert "mens_2" not in diff.comparable


def test_declared_changes_that_disagree_are_reported(v1, v2):
    notes = diff_versions(v2, v2).discrepancies
    assert "changes.previous is 2026.1, but the old version is 2026.2" in notes
    assert "changes.added lists mens_3, which is not added" in notes
    undeclared = diff_versions(
        v1,
        parse_questionnaire(
            (FIXTURES / "valid_minimal_v2.yaml")
            .read_text(encoding="utf-8")
            .replace("  added: [mens_3]\n", "")
        ),
    )
    assert "mens_3 is added but not listed in changes.added" in undeclared.discrepancies


def test_changes_block_is_validated():
    text = V1_TEXT + (
        "changes:\n  previous: 2025.2\n  added: [mens_1, ghost]\n  removed: [mens_2]\n"
        "  comparable: [mens_1]\n"
    )
    with pytest.raises(InstrumentError) as caught:
        parse_questionnaire(text, source="v.yaml")
    found = {(p.path, p.message) for p in caught.value.problems}
    assert found == {
        ("changes.added[1]", "unknown question 'ghost'"),
        ("changes.removed[0]", "'mens_2' is listed as removed but is still in the questions"),
        ("changes.comparable[0]", "'mens_1' is new in this version and cannot be comparable"),
    }


def test_declared_comparable_limits_comparable_ids(v2):
    assert v2.comparable_ids == ("satisfaction",)
    assert v2.changes is not None
    assert v2.changes.previous == "2026.1"
