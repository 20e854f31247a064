"""`maatmonitor sample ...` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from maatmonitor.cli import app
from maatmonitor.core.sampling import Manifest, load_frame
from tests.core.sampling.conftest import synthetic_frame

BAD = Path(__file__).parents[1] / "core" / "sampling" / "data" / "bad_frame.csv"
runner = CliRunner()


@pytest.fixture
def raw_csv(tmp_path):
    path = tmp_path / "frame.csv"
    synthetic_frame(3000).to_csv(path, index=False)
    return path


def _run(*args):
    return runner.invoke(app, ["sample", *map(str, args)], env={"COLUMNS": "200"})


def test_import_writes_clean_frame_margins_and_report(tmp_path):
    out, report = tmp_path / "out", tmp_path / "bad_rows.csv"
    res = _run(
        "frame", "import", BAD, "--out", out, "--report", report, "--reference-date", "2025-06-01"
    )
    assert res.exit_code == 0, res.output
    assert "19 rijen ingelezen = 4 geaccepteerd + 15 afgewezen" in res.output
    rows = pd.read_csv(report, keep_default_na=False)
    assert len(rows) == 23
    assert set(rows["row"]) >= {3, 4, 17}
    assert len(load_frame(out / "frame.parquet")) == 4
    margins = pd.read_csv(out / "margins.csv")
    assert list(margins.columns) == ["audience", "variable", "category", "count"]


def test_import_strict_fails_and_writes_nothing(tmp_path):
    out, report = tmp_path / "out", tmp_path / "bad_rows.csv"
    res = _run(
        "frame",
        "import",
        BAD,
        "--strict",
        "--out",
        out,
        "--report",
        report,
        "--reference-date",
        "2025-06-01",
    )
    assert res.exit_code == 1
    assert "--strict: 15 rijen afgewezen" in res.output
    assert report.exists()
    assert not (out / "frame.parquet").exists()


def test_import_missing_file_is_a_clear_error(tmp_path):
    res = _run("frame", "import", tmp_path / "nope.csv")
    assert res.exit_code == 1
    assert "bestaat niet" in res.output


def test_plan_prints_allocation_table(raw_csv, tmp_path):
    rates = tmp_path / "rates.csv"
    rates.write_text("stratum,response_rate\nemployer,0.2\n")
    res = _run(
        "plan",
        raw_csv,
        "--size",
        400,
        "--min",
        2,
        "--response-rates",
        rates,
        "--reference-date",
        "2025-06-01",
    )
    assert res.exit_code == 0, res.output
    assert "client:sick_disabled:noord" in res.output
    assert "totaal" in res.output
    assert "400" in res.output


def test_plan_infeasible_is_reported(raw_csv):
    res = _run("plan", raw_csv, "--size", 100, "--min", 30, "--reference-date", "2025-06-01")
    assert res.exit_code == 1
    assert "som van de minima" in res.output


def test_draw_then_redraw(raw_csv, tmp_path):
    out = tmp_path / "wave"
    imp = _run(
        "frame", "import", raw_csv, "--out", out, "--salt", "zout", "--reference-date", "2025-06-01"
    )
    assert imp.exit_code == 0, imp.output
    res = _run(
        "draw",
        out / "frame.parquet",
        "--size",
        300,
        "--min",
        1,
        "--salt",
        "zout",
        "--wave",
        2,
        "--out",
        out,
        "--reference-date",
        "2025-06-01",
        "--exclude-months",
        6,
    )
    assert res.exit_code == 0, res.output
    manifest = Manifest.read(out / "manifest-wave-2.json")
    sample = pd.read_csv(out / "sample-wave-2.csv")
    assert sorted(sample["unit_id"]) == manifest.selected_ids
    assert sum(s["target"] for s in manifest.strata) == 300
    assert json.loads((out / "manifest-wave-2.json").read_text())["exclusion_months"] == 6
    again = _run("redraw", out / "frame.parquet", out / "manifest-wave-2.json")
    assert again.exit_code == 0, again.output
    assert "exact gereproduceerd" in again.output
    other = tmp_path / "other.csv"
    synthetic_frame(3000, seed=8).to_csv(other, index=False)
    mismatch = _run("redraw", other, out / "manifest-wave-2.json")
    assert mismatch.exit_code == 1
    assert "frame-hash verschilt" in mismatch.output
