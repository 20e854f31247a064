"""`maatmonitor demo --small` end to end in a subprocess, on its own SQLite database."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from maatmonitor.core import sampling
from maatmonitor.core.stories.pii_patterns import find_structured


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["MAATMONITOR_VAR_DIR"] = str(tmp / "var")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "maatmonitor.cli",
            "demo",
            "--small",
            "--no-districts",
            "--out",
            str(tmp / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1500,
        check=False,
    )
    return tmp, result


def test_demo_succeeds_and_prints_questionnaires_truth_and_allocation(demo_run):
    _, result = demo_run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "mmm-clients" in out
    assert "mmm-employers" in out
    assert "57.0%" in out  # calibrated population truth, clients
    assert "46.0%" in out  # and employers
    assert "Allocatie client" in out
    assert "Allocatie employer" in out
    assert "client:unemployed:amsterdam" in out
    assert "Meting 2026-1, client" in out
    assert "Meting 2026-2, employer" in out


def test_demo_prints_weighted_headline_beside_truth_and_unweighted(demo_run):
    _, result = demo_run
    assert result.returncode == 0
    out = result.stdout
    assert "gewogen schatting tegen de waarheid" in out
    assert "ongewogen" in out
    assert "Verschil met de vorige meting" in out
    assert "Meest genoemde onderwerpen" in out


def test_demo_prints_three_redacted_quotes_per_top_topic(demo_run):
    _, result = demo_run
    assert result.returncode == 0
    out = result.stdout
    start = out.index("Citaten bij de meest genoemde onderwerpen")
    section = out[start : out.index("Samenvatting", start)]
    # top 6 topics x 3 quotes x 2 audiences; the table folds long quotes over lines
    assert section.count("“") >= 30
    assert not find_structured(section), find_structured(section)
    for raw in ("06-", "@", "NL91"):
        assert raw not in section


def test_demo_writes_report_deck_and_exports(demo_run):
    tmp, result = demo_run
    assert result.returncode == 0
    written = {p.suffix for p in (tmp / "out" / "rapporten").rglob("*") if p.is_file()}
    assert {".html", ".pdf", ".pptx", ".xlsx", ".sav", ".csv", ".parquet"} <= written


def test_demo_draw_is_reproducible_from_its_manifest(demo_run):
    tmp, result = demo_run
    assert result.returncode == 0
    # The second wave drew from the frame with the first wave's invitations marked.
    frame = sampling.load_frame(tmp / "out" / "frame" / "frame-2026-2.parquet")
    for audience in ("client", "employer"):
        manifest = sampling.Manifest.from_json(
            (tmp / "out" / "waves" / f"2026-2-{audience}" / "manifest.json").read_text()
        )
        own = frame[frame["audience"] == audience].reset_index(drop=True)
        assert sampling.redraw(own, manifest) == manifest.selected_ids
        assert sum(s["invitations"] for s in manifest.strata) == len(manifest.selected_ids)


def test_demo_stores_waves_with_margins_and_no_salt(demo_run):
    tmp, result = demo_run
    assert result.returncode == 0
    db = sqlite3.connect(tmp / "var" / "maatmonitor.sqlite3")
    rows = db.execute(
        "SELECT code, audience, status, manifest FROM waves_wave ORDER BY code, audience"
    ).fetchall()
    assert [r[:3] for r in rows] == [
        ("2026-1", "client", "analysed"),
        ("2026-1", "employer", "analysed"),
        ("2026-2", "client", "analysed"),
        ("2026-2", "employer", "analysed"),
    ]
    for *_, manifest in rows:
        data = json.loads(manifest)
        assert "salt" not in data
        assert len(data["salt_fingerprint"]) == 16
    n_district = db.execute(
        "SELECT COUNT(*) FROM waves_populationmargin m JOIN waves_wave w ON w.id = m.wave_id "
        "WHERE w.code = '2026-2' AND w.audience = 'client' AND m.variable = 'district'"
    ).fetchone()[0]
    assert n_district == 11
    locked = db.execute("SELECT DISTINCT status FROM instruments_questionnaireversion").fetchall()
    assert locked == [("in_use",)]
