"""`maatmonitor analyse` in both forms, on the shipped example files and on a stored wave."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from maatmonitor.cli import app
from maatmonitor.core.instrument import shipped_questionnaire_paths
from maatmonitor.core.stats.wave_result import WaveAnalysis

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "analysis"
runner = CliRunner()

BAD_REPORT = """row,unit_id,column,value,reason,action
,,opmerking,,kolom hoort niet bij de vragenlijst,genegeerd
3,R0003,mens_1,7,buiten de schaal 1..5 (en 9 = weet ik niet),leeg gemaakt
5,R0005,redelijk_2,vier,geen getal,leeg gemaakt
8,R0008,overall,4.5,geen geheel getal,leeg gemaakt
10,R0010,satisfaction,11,buiten de schaal 1..10,leeg gemaakt
12,R0012,debt,misschien,"onbekende waarde voor debt (bekend: 1, 0, true, false, ja, nee, yes, no)",leeg gemaakt
14,R0014,helpt_3,-1,buiten de schaal 1..5 (en 9 = weet ik niet),leeg gemaakt
16,R0016,stratum,,stratum ontbreekt,rij overgeslagen
371,R0021,unit_id,R0021,unit_id staat er al eerder in,rij overgeslagen
"""


def _files(responses: str, out: Path, *extra: str) -> list[str]:
    return [
        "analyse",
        "--responses", str(EXAMPLES / responses),
        "--design", str(EXAMPLES / "design.csv"),
        "--margins", str(EXAMPLES / "margins.csv"),
        "--instrument", str(shipped_questionnaire_paths()["client"]),
        "--out", str(out),
        "--bootstrap", "10",
        *extra,
    ]  # fmt: skip


def _invoke(args: list[str]):
    return runner.invoke(app, args, env={"COLUMNS": "160"})


@pytest.fixture(scope="module")
def csv_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv")
    res = _invoke(_files("responses.csv", out, "--label", "voorbeeld"))
    assert res.exit_code == 0, res.output
    return out, res.output


def test_file_form_writes_json_tables_and_prints_the_headline(csv_run):
    out, output = csv_run
    result = WaveAnalysis.from_json((out / "analysis.json").read_text(encoding="utf-8"))
    assert result.n_respondents == 370
    assert result.wave == "voorbeeld"
    h, u = result.headline, result.unweighted_headline
    # the headline row: weighted estimate, interval, n and the unweighted estimate beside it
    row = (
        f"Menselijke maat (zeer) sterk │ {100 * h.value:.1f}% │ {100 * h.ci_low:.1f}% - "
        f"{100 * h.ci_high:.1f}% │ {h.n} │ {100 * u.value:.1f}%"
    )
    assert " ".join(row.split()) in " ".join(output.replace("┃", "│").split())
    assert "Alle waarden passen bij de vragenlijst." in output
    for name in ("national", "comparisons", "changes", "scales", "drivers", "weighting"):
        assert (out / f"{name}.csv").exists(), name
    national = pd.read_csv(out / "national.csv")
    assert national.loc[0, "variable"] == "headline"
    assert national.loc[0, "value"] == pytest.approx(h.value, rel=1e-12)
    assert national.loc[0, "unweighted_value"] == pytest.approx(u.value, rel=1e-12)
    assert len(pd.read_csv(out / "domain_district.csv")) == 3 * 11
    assert pd.read_csv(out / "problems.csv").empty


@pytest.mark.parametrize("name", ["responses.xlsx", "responses.sav"])
def test_xlsx_and_sav_give_the_same_figures(csv_run, tmp_path, name):
    res = _invoke(_files(name, tmp_path))
    assert res.exit_code == 0, res.output
    want = json.loads((csv_run[0] / "analysis.json").read_text(encoding="utf-8"))
    got = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert got["headline"] == want["headline"]
    assert got["domains"] == want["domains"]
    assert got["comparisons"] == want["comparisons"]


def test_agency_file_with_mapping(csv_run, tmp_path):
    res = _invoke(
        _files("responses_agency.csv", tmp_path, "--mapping", str(EXAMPLES / "mapping.yaml"))
    )
    assert res.exit_code == 0, res.output
    want = json.loads((csv_run[0] / "analysis.json").read_text(encoding="utf-8"))
    got = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert got["headline"] == want["headline"]
    assert got["domains"] == want["domains"]


def test_bad_values_are_reported_exactly_and_the_valid_ones_kept(tmp_path):
    res = _invoke(_files("responses_bad.csv", tmp_path))
    assert res.exit_code == 0, res.output
    assert (tmp_path / "problems.csv").read_text(encoding="utf-8") == BAD_REPORT
    assert "Waarden die niet bij de vragenlijst passen (9)" in res.output
    assert "R0016" in res.output
    assert "vier" in res.output
    result = WaveAnalysis.from_json((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert result.n_respondents == 369  # the row without stratum and the repeated unit skipped
    assert result.headline.n == 359  # R0008's overall (4.5) is missing, the rest kept


def test_previous_wave_gives_changes(csv_run, tmp_path):
    res = _invoke(
        _files("responses.sav", tmp_path, "--previous", str(csv_run[0] / "analysis.json"))
    )
    assert res.exit_code == 0, res.output
    changes = pd.read_csv(tmp_path / "changes.csv")
    headline = changes[(changes.variable == "headline") & (changes.group == "totaal")]
    assert headline.difference.iloc[0] == pytest.approx(0.0, abs=1e-12)  # same data


def test_input_errors_are_clear(tmp_path):
    res = _invoke(["analyse", "--responses", str(EXAMPLES / "responses.csv")])
    assert res.exit_code == 1
    assert "--margins, --design, --instrument" in res.output
    bad_design = tmp_path / "design.csv"
    pd.read_csv(EXAMPLES / "design.csv").iloc[1:].to_csv(bad_design, index=False)
    args = _files("responses.csv", tmp_path / "o")
    args[args.index("--design") + 1] = str(bad_design)
    res = _invoke(args)
    assert res.exit_code == 1
    assert "staan niet in het designbestand" in res.output
    res = _invoke(["analyse", "2026-2", "--responses", "x.csv"])
    assert res.exit_code == 1
    assert "WAVE leest uit de database" in res.output


# -- database form ------------------------------------------------------------------------


@pytest.fixture
def stored_wave(db):
    from maatmonitor.apps.fieldwork.services import create_sample_units, record_simulated_responses
    from maatmonitor.apps.instruments.services import import_questionnaire_file
    from maatmonitor.apps.waves.services import create_wave, record_draw
    from tests.core.stats.synthwave import synth_wave

    synth = synth_wave(fraction=0.03, seed=3)
    version = import_questionnaire_file(shipped_questionnaire_paths()["client"]).version
    wave = create_wave("2026-2", 1, "client", version)
    manifest = {
        "wave": 1,
        "strata": [
            {"stratum": r.stratum, "population": int(r.N_h), "eligible": int(r.N_h)}
            for r in synth.design.itertuples()
        ],
    }
    margins = [(r.variable, r.category, int(r["count"])) for _, r in synth.margins.iterrows()]
    record_draw(wave, manifest, margins)
    sample = synth.sample[
        ["unit_id", "stratum", "journey", "district", "age_band", "outcome", "debt", "channel"]
    ].copy()
    sample["debt"] = sample["debt"].astype(bool)
    create_sample_units(wave, sample)
    answers = synth.responses.drop(columns=["stratum", "district", "debt"])
    record_simulated_responses(wave, answers)
    return wave, synth


@pytest.mark.django_db
def test_wave_form_reads_the_database_and_stores_the_result(stored_wave, tmp_path):
    from maatmonitor.apps.results.models import AnalysisRun
    from maatmonitor.apps.results.queries import latest_analysis

    wave, synth = stored_wave
    res = _invoke(["analyse", "2026-2", "--out", str(tmp_path), "--bootstrap", "10"])
    assert res.exit_code == 0, res.output
    assert AnalysisRun.objects.filter(wave=wave).count() == 1
    stored = latest_analysis(wave)
    from_file = WaveAnalysis.from_json((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert stored == from_file
    # C1 keeps completed responses and partial ones with the overall question answered
    r = synth.responses
    usable = r[(r.status == "complete") | r.overall.notna()].reset_index(drop=True)
    assert stored.wave == "2026-2"
    assert stored.n_respondents == len(usable)
    assert "Menselijke maat (zeer) sterk" in res.output
    assert "ongewogen" in res.output
    # the same figures as the file form of the same data
    from maatmonitor.core.stats.pipeline import analyse_wave

    direct = analyse_wave(usable, synth.design, synth.margins, synth.questionnaire, bootstrap=0)
    # the database lists margins in another order: raking (to 1e-10 x N) and R's 10 variance
    # sweeps then agree closely but not to the last digit
    assert stored.headline.value == pytest.approx(direct.headline.value, rel=1e-9)
    assert stored.headline.se == pytest.approx(direct.headline.se, rel=1e-5)


def test_truth_column_for_the_synthetic_demo(tmp_path):
    from maatmonitor.core.synth import compute_truth, shipped_questionnaires
    from tests.core.stats.synthwave import synth_wave

    synth = synth_wave(fraction=0.1, seed=1)
    truth = compute_truth(
        synth.population.drop(columns="stratum"),
        synth.model,
        {"client": shipped_questionnaires()["client"]},
        waves=[1],
    )
    truth_path = truth.write(tmp_path / "truth.json")
    for name, frame in (
        ("responses", synth.responses),
        ("design", synth.design),
        ("margins", synth.margins),
    ):
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    res = _invoke(
        [
            "analyse",
            *("--responses", str(tmp_path / "responses.csv")),
            *("--design", str(tmp_path / "design.csv")),
            *("--margins", str(tmp_path / "margins.csv")),
            *("--instrument", str(shipped_questionnaire_paths()["client"])),
            *("--out", str(tmp_path / "out"), "--bootstrap", "0"),
            *("--truth", str(truth_path)),
        ]
    )
    assert res.exit_code == 0, res.output
    assert "waarheid" in res.output
    line = next(x for x in res.output.splitlines() if "Menselijke maat (zeer) sterk" in x)
    result = WaveAnalysis.from_json((tmp_path / "out" / "analysis.json").read_text("utf-8"))
    true_share = truth.headline("client", 1)
    cells = [c.strip() for c in line.split("│")]
    at = cells.index(f"{100 * true_share:.1f}%")
    inside = result.headline.ci_low <= true_share <= result.headline.ci_high
    assert cells[at + 1] == ("ja" if inside else "nee")
    assert inside  # this sample's interval covers the synthetic truth


@pytest.mark.django_db
def test_wave_form_errors_are_clear(tmp_path):
    from maatmonitor.apps.instruments.services import import_questionnaire_file
    from maatmonitor.apps.waves.services import create_wave

    res = _invoke(["analyse", "1999-1", "--out", str(tmp_path)])
    assert res.exit_code == 1
    assert "geen meting '1999-1'" in res.output
    version = import_questionnaire_file(shipped_questionnaire_paths()["client"]).version
    create_wave("2026-2", 1, "client", version)
    res = _invoke(["analyse", "2026-2", "--out", str(tmp_path)])
    assert res.exit_code == 1
    assert "nog geen bruikbare antwoorden" in res.output
