"""`maatmonitor instrument check|show|diff`: output and exit codes."""

from pathlib import Path

from typer.testing import CliRunner

from maatmonitor.cli import app
from maatmonitor.core.instrument import shipped_questionnaire_paths

FIXTURES = Path(__file__).parents[1] / "core" / "instrument" / "fixtures"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["instrument", *map(str, args)])


def test_check_shipped_questionnaires_passes():
    paths = shipped_questionnaire_paths()
    result = run("check", paths["client"], paths["employer"])
    assert result.exit_code == 0, result.output
    assert (
        "mmm-clients 2026.1 (nl): 28 texts, 28 ok, 0 warning(s), 0 fail(s) -> ok" in result.output
    )
    assert "mmm-employers 2026.1 (nl)" in result.output
    assert "Checked 2 file(s): 0 structurally invalid" in result.output


def test_check_without_files_checks_the_shipped_ones_in_english():
    result = run("check", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "mmm-clients 2026.1 (en)" in result.output


def test_structural_faults_are_listed_with_file_and_path_and_exit_1():
    result = run("check", FIXTURES / "many_problems.yaml", FIXTURES / "valid_minimal.yaml")
    assert result.exit_code == 1
    out = result.output
    assert "many_problems.yaml: 5 problem(s)" in out
    assert "many_problems.yaml: questions[3].dimension: unknown dimension 'mensch'" in out
    assert "many_problems.yaml: questions[7].text.en: missing English translation" in out
    assert "(line 48)" in out
    assert "mini-clients 2026.1 (nl)" in out  # the valid file is still checked
    assert "1 structurally invalid" in out


def test_yaml_syntax_error_reports_line():
    result = run("check", FIXTURES / "yaml_syntax.yaml")
    assert result.exit_code == 1
    assert "yaml_syntax.yaml: line 40, column 12: YAML syntax error" in result.output


def test_plain_language_failure_exits_1():
    result = run("check", FIXTURES / "bad_plain_language.yaml")
    assert result.exit_code == 1
    assert "6 fail(s) -> fail" in result.output
    assert "unexplained abbreviation or scheme: WGA" in result.output


def test_warnings_alone_exit_0():
    result = run("check", FIXTURES / "warnings_only.yaml")
    assert result.exit_code == 0, result.output
    assert "1 warning(s), 0 fail(s) -> warning" in result.output


def test_unknown_language_is_a_usage_error():
    result = run("check", "--lang", "de")
    assert result.exit_code == 2


def test_show_prints_summary():
    result = run("show", shipped_questionnaire_paths()["client"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "id mmm-clients  version 2026.1  audience client" in out
    assert "redelijk_2: only if outcome in (granted, rejected)" in out
    assert "helpt_4: only if journey in (unemployed, wajong)" in out
    assert "Routing rules: 2" in out
    assert "│ total     │" in out
    assert "│         20 │" in out


def test_show_broken_file_exits_1():
    result = run("show", FIXTURES / "duplicate_id.yaml")
    assert result.exit_code == 1
    assert "questions[4].id: duplicate question id 'mens_1'" in result.output


def test_diff_lists_changes():
    result = run("diff", FIXTURES / "valid_minimal.yaml", FIXTURES / "valid_minimal_v2.yaml")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "mini-clients 2026.1 -> mini-clients 2026.2" in out
    assert "added: 1  mens_3" in out
    assert "removed: 1  mens_2" in out
    assert "reworded: 1  mens_1" in out
    assert "comparable: 1  satisfaction" in out
    assert "warning" not in out
