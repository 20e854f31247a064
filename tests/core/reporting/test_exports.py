"""XLSX equals the analysis tables; the respondent file has labels and no identifiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from maatmonitor.core.reporting.build import parse_formats, write_outputs
from maatmonitor.core.reporting.exports import respondent_file
from maatmonitor.core.stats.pipeline import weights_for


def _cell(v: object) -> object:
    """A cell as comparable: numbers (and booleans) as floats, missing as '', else text."""
    if v is None or v == "" or (isinstance(v, float) and np.isnan(v)):
        return ""
    try:
        return round(float(v), 9)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(v)


def _text(col: pd.Series) -> list[object]:
    return [_cell(v) for v in col]


def test_xlsx_has_one_sheet_per_table_equal_to_the_result_objects(outputs):
    book = pd.read_excel(outputs.national["xlsx"], sheet_name=None)
    for analysis in outputs.analyses:
        for name, table in analysis.to_tables().items():
            sheet = book[f"{analysis.audience[:3]}_{name}"[:31]]
            assert list(sheet.columns) == list(table.columns)
            expected = table.reset_index(drop=True)
            for col in table.columns:
                got, want = sheet[col], expected[col]
                if pd.api.types.is_numeric_dtype(want):
                    np.testing.assert_allclose(
                        pd.to_numeric(got, errors="coerce"), want.astype(float), rtol=1e-12
                    )
                else:
                    assert _text(got) == _text(want), (name, col)
    national = book["cli_national"]
    assert {"n", "ci_low", "ci_high", "flags"} <= set(national.columns)


def test_sav_has_variable_and_value_labels_and_no_identifiers(outputs):
    frame, meta = pyreadstat.read_sav(str(outputs.national["data_client_sav"]))
    assert "unit_id" not in frame.columns
    assert "why_overall" not in frame.columns
    assert frame["seq"].tolist() == list(range(1, len(frame) + 1))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    q = outputs.current.questionnaire
    assert labels["overall"] == next(x for x in q.questions if x.id == "overall").text.nl
    assert labels["district"] == "District"
    assert meta.variable_value_labels["mens_1"][5.0] == "Helemaal eens"
    assert meta.variable_value_labels["overall"][4.0] == "Sterk"
    weights, _ = weights_for(
        outputs.current.responses, outputs.current.design, outputs.current.margins
    )
    np.testing.assert_allclose(frame["weight"], weights.weights)


def test_rare_register_categories_are_blanked(outputs):
    frame, _ = pyreadstat.read_sav(str(outputs.national["data_client_sav"]))
    assert "limburg" not in set(frame["district"])
    counts = frame["district"][frame["district"] != ""].value_counts()
    assert counts.min() >= 10
    strata = frame["stratum"][frame["stratum"] != ""].value_counts()
    assert strata.min() >= 10


def test_csv_and_parquet_equal_the_sav(outputs):
    sav, _ = pyreadstat.read_sav(str(outputs.national["data_client_sav"]))
    csv = pd.read_csv(outputs.national["data_client_csv"])
    parquet = pd.read_parquet(outputs.national["data_client_parquet"])
    for other in (csv, parquet):
        assert list(other.columns) == list(sav.columns)
        np.testing.assert_allclose(other["weight"], sav["weight"])
        np.testing.assert_allclose(other["overall"].astype(float), sav["overall"])


def test_respondent_file_refuses_weights_of_another_length(outputs):
    w = outputs.current
    with pytest.raises(ValueError, match="gewichten: 3 waarden"):
        respondent_file(w.responses, [1.0, 2.0, 3.0], w.questionnaire)


def test_sav_without_respondents_is_skipped_with_a_message(outputs, tmp_path):
    told: list[str] = []
    paths = write_outputs(
        outputs.current.analysis, formats=("sav", "csv"), out_dir=tmp_path, progress=told.append
    )
    assert not list(tmp_path.rglob("*.sav"))
    assert any(m.startswith("sav overgeslagen") for m in told)
    assert paths
    assert all(p.parent.name == "tabellen" for p in paths)


def test_formats_are_checked():
    assert parse_formats("html, PDF") == ("html", "pdf")
    with pytest.raises(ValueError, match="onbekend formaat"):
        parse_formats("html,docx")
