"""`maatmonitor report`: options are checked first; the report reads the stored analysis."""

from __future__ import annotations

import pandas as pd
import pyreadstat
import pytest
from typer.testing import CliRunner

from maatmonitor.cli import app
from tests.cli.test_analyse_cli import stored_wave  # noqa: F401 (fixture)

runner = CliRunner()


def test_unknown_format_is_refused_with_the_choices():
    result = runner.invoke(app, ["report", "2026-2", "--format", "html,docx"])
    assert result.exit_code == 1
    assert "onbekend formaat" in result.output
    assert "parquet" in result.output


def test_unknown_district_is_refused():
    result = runner.invoke(app, ["report", "2026-2", "--district", "atlantis"])
    assert result.exit_code == 1
    assert "onbekend district 'atlantis'" in result.output


@pytest.mark.django_db
def test_report_reads_the_stored_analysis_and_writes_every_format(stored_wave, tmp_path):  # noqa: F811
    from maatmonitor.apps.results.queries import latest_analysis

    wave, _synth = stored_wave
    res = runner.invoke(
        app, ["analyse", "2026-2", "--out", str(tmp_path / "a"), "--bootstrap", "5"]
    )
    assert res.exit_code == 0, res.output
    out = tmp_path / "r"
    res = runner.invoke(
        app, ["report", "2026-2", "--format", "html,xlsx,sav,csv", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    analysis = latest_analysis(wave)
    page = (out / "maatmonitor_2026-2.html").read_text(encoding="utf-8")
    assert f'data-raw="{analysis.headline.value!r}"' in page
    sheet = pd.read_excel(out / "maatmonitor_2026-2_tabellen.xlsx", sheet_name="national")
    assert sheet["value"].tolist() == pytest.approx(
        analysis.to_tables()["national"]["value"].tolist()
    )
    frame, meta = pyreadstat.read_sav(str(out / "data" / "respondenten_client.sav"))
    assert len(frame) == analysis.n_respondents
    assert "unit_id" not in frame.columns
    assert frame["weight"].sum() == pytest.approx(analysis.weighting["final"]["total"])
    assert meta.column_labels[meta.column_names.index("weight")] == "Gewicht"
    assert (out / "data" / "respondenten_client.csv").exists()


def test_district_edition_of_a_missing_wave_is_a_clear_error(db, tmp_path):
    result = runner.invoke(app, ["report", "1999-1", "--district", "oost", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "geen meting '1999-1'" in result.output
