"""Opted-out units are excluded from the next wave's draw (sample frame import / draw --opt-outs)."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from maatmonitor.cli import app
from maatmonitor.core.fieldwork import write_opt_outs
from maatmonitor.core.sampling import Manifest
from tests.core.sampling.conftest import synthetic_frame

runner = CliRunner()
DRAW = ("--size", 300, "--min", 1, "--salt", "zout", "--reference-date", "2025-06-01")


def _run(*args):
    return runner.invoke(app, ["sample", *map(str, args)], env={"COLUMNS": "200"})


def test_opted_out_units_are_not_drawn_again(tmp_path):
    raw = tmp_path / "frame.csv"
    synthetic_frame(3000).to_csv(raw, index=False)
    first = tmp_path / "w1"
    assert (
        _run("frame", "import", raw, "--out", first, "--reference-date", "2025-06-01").exit_code
        == 0
    )
    res = _run("draw", first / "frame.parquet", *DRAW, "--wave", 1, "--out", first)
    assert res.exit_code == 0, res.output
    drawn = pd.read_csv(first / "sample-wave-1.csv", dtype=str)
    opted = drawn.head(25)[["audience", "unit_id"]]
    opt_file = write_opt_outs(opted, tmp_path / "opt_outs.csv")

    # Same wave number, so without the opt-outs exactly these units would be drawn again.
    second = tmp_path / "w2"
    imp = _run(
        "frame", "import", raw, "--out", second, "--reference-date", "2025-06-01",
        "--opt-outs", opt_file,
    )  # fmt: skip
    assert imp.exit_code == 0, imp.output
    assert "25 eenheden in het frame uitgesloten" in imp.output
    res = _run("draw", second / "frame.parquet", *DRAW, "--wave", 1, "--out", second)
    assert res.exit_code == 0, res.output
    again = pd.read_csv(second / "sample-wave-1.csv", dtype=str)
    assert not set(opted["unit_id"]) & set(again["unit_id"])
    before = Manifest.read(first / "manifest-wave-1.json")
    after = Manifest.read(second / "manifest-wave-1.json")
    excluded = sum(s["excluded_opt_out"] for s in after.strata)
    assert excluded - sum(s["excluded_opt_out"] for s in before.strata) == 25
    # The stored frame carries the opt-outs, so the draw replays exactly from it.
    replay = _run("redraw", second / "frame.parquet", second / "manifest-wave-1.json")
    assert replay.exit_code == 0, replay.output

    # draw --opt-outs on the first frame gives the same selection as the imported one.
    direct = tmp_path / "w3"
    res = _run(
        "draw", first / "frame.parquet", *DRAW, "--wave", 1, "--out", direct, "--opt-outs", opt_file
    )
    assert res.exit_code == 0, res.output
    assert (
        pd.read_csv(direct / "sample-wave-1.csv", dtype=str)["unit_id"].tolist()
        == again["unit_id"].tolist()
    )


def test_bad_opt_out_file_is_reported(tmp_path):
    raw = tmp_path / "frame.csv"
    synthetic_frame(200).to_csv(raw, index=False)
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_id\nc1\n")
    res = _run("frame", "import", raw, "--out", tmp_path / "o", "--opt-outs", bad)
    assert res.exit_code == 1
    assert "audience" in res.output
