"""Reading analysis input files, mappings and the value check against the questionnaire."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.stats.inputs import (
    InputFileError,
    ValueProblem,
    apply_mapping,
    check_responses,
    load_mapping,
    problems_table,
    read_table,
    text,
)
from maatmonitor.core.synth import shipped_questionnaires

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples" / "analysis"


@pytest.fixture(scope="module")
def clients():
    return shipped_questionnaires()["client"]


def test_text_quotes_cells_as_typed():
    assert text(4.0) == "4"
    assert text(4.5) == "4.5"
    assert text(None) == ""
    assert text(np.nan) == ""
    assert text(pd.NA) == ""
    assert text(" noord ") == "noord"


def test_csv_xlsx_and_sav_read_to_the_same_checked_frame(clients):
    frames = {}
    for name in ("responses.csv", "responses.xlsx", "responses.sav"):
        checked = check_responses(read_table(EXAMPLES / name), clients)
        assert checked.problems == ()
        frames[name] = checked.frame
    base = frames["responses.csv"]
    assert len(base) == 370
    for name in ("responses.xlsx", "responses.sav"):
        other = frames[name]
        assert list(other.columns) == list(base.columns)
        for col in base.columns:
            if base[col].dtype == np.float64:
                np.testing.assert_array_equal(other[col].to_numpy(), base[col].to_numpy())
            else:
                assert other[col].tolist() == base[col].tolist(), (name, col)


def test_semicolon_csv_and_yaml_mapping_give_the_native_frame(clients):
    native = check_responses(read_table(EXAMPLES / "responses.csv"), clients).frame
    raw = read_table(EXAMPLES / "responses_agency.csv")
    assert "regio" in raw.columns
    assert "V20" in raw.columns
    mapped, problems = apply_mapping(raw, load_mapping(EXAMPLES / "mapping.yaml"))
    assert problems == []
    checked = check_responses(mapped, clients)
    assert checked.problems == ()
    pd.testing.assert_frame_equal(checked.frame[native.columns], native)


def test_csv_mapping_format(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text(
        "from_column,to_column,from_value,to_value\n"
        "regio,district,,\n"
        "regio,district,Noord,noord\n"
        "V20,overall,,\n",
        encoding="utf-8",
    )
    m = load_mapping(path)
    assert dict(m.columns) == {"regio": "district", "V20": "overall"}
    assert dict(m.values["district"]) == {"Noord": "noord"}


def test_mapping_errors_are_specific(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("columns: {a: overall, b: overall}\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"meerdere kolommen worden \['overall'\]"):
        load_mapping(bad)
    bad.write_text("kolommen: {}\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="alleen de sleutels"):
        load_mapping(bad)
    frame = pd.DataFrame({"x": [1]})
    _, problems = apply_mapping(frame, load_mapping(EXAMPLES / "mapping.yaml"))
    missing = {p.column for p in problems}
    assert {"respnr", "regio", "V20", "V22"} <= missing


def test_unreadable_files_name_file_and_cause(tmp_path):
    with pytest.raises(InputFileError, match=r"onbekend bestandstype '\.txt'"):
        read_table(tmp_path / "x.txt")
    with pytest.raises(InputFileError, match="niet te lezen"):
        read_table(tmp_path / "missing.csv")
    dup = tmp_path / "dup.csv"
    dup.write_text("a,a\n1,2\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"kolomnaam dubbel: \['a'\]"):
        read_table(dup)
    pd.DataFrame([[1, 2]], columns=["b", "c"]).rename(columns={"c": "b"}).to_excel(
        tmp_path / "dup.xlsx", index=False
    )
    with pytest.raises(InputFileError, match=r"kolomnaam dubbel: \['b'\]"):
        read_table(tmp_path / "dup.xlsx")


def test_every_bad_value_is_reported_and_the_rest_kept(clients):
    frame = pd.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u2"],
            "stratum": ["a", "a", "", "a"],
            "district": ["noord", "Noord", "oost", "oost"],
            "debt": ["ja", "1", "misschien", "0"],
            "mens_1": ["5", "9", "7", "x"],
            "overall": ["4", "2.5", "", "3"],
            "satisfaction": ["10", "0", "8", "7"],
            "extra": ["", "", "", ""],
        }
    )
    checked = check_responses(frame, clients)
    got = [(p.row, p.unit_id, p.column, p.value, p.action) for p in checked.problems]
    assert ("", "", "extra", "", "genegeerd") not in got
    assert (None, "", "extra", "", "genegeerd") in got
    assert (2, "u2", "district", "Noord", "leeg gemaakt") in got
    assert (2, "u2", "overall", "2.5", "leeg gemaakt") in got
    assert (2, "u2", "satisfaction", "0", "leeg gemaakt") in got
    assert (3, "u3", "mens_1", "7", "leeg gemaakt") in got
    assert (3, "u3", "debt", "misschien", "leeg gemaakt") in got
    assert (3, "u3", "stratum", "", "rij overgeslagen") in got
    assert (4, "u2", "unit_id", "u2", "rij overgeslagen") in got
    assert (4, "u2", "mens_1", "x", "leeg gemaakt") in got
    # statements that are not in the file are listed once, as a column
    assert (None, "", "mens_2", "", "overgeslagen") in got
    out = checked.frame
    assert out.unit_id.tolist() == ["u1", "u2"]  # u3 (no stratum) and the second u2 skipped
    assert out.debt.tolist() == ["1", "1"]
    assert out.district.tolist() == ["noord", None]
    assert out.mens_1.tolist()[0] == 5.0
    assert out.mens_1.tolist()[1] == 9.0
    assert np.isnan(out.overall[1])
    assert out.satisfaction[0] == 10.0


def test_missing_required_question_stops(clients):
    frame = pd.DataFrame({"unit_id": ["u1"], "stratum": ["a"], "satisfaction": [7]})
    with pytest.raises(Exception, match=r"verplichte kolom 'overall'"):
        check_responses(frame, clients)


def test_problems_table_columns():
    table = problems_table([ValueProblem(3, "mens_1", "7", "buiten de schaal", unit_id="u3")])
    assert list(table.columns) == ["row", "unit_id", "column", "value", "reason", "action"]
    assert table.row.dtype == "Int64"
    assert table.iloc[0].unit_id == "u3"
